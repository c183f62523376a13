/**
 * PLACEHOLDER on branch remotion-aws: the lead owns this module and replaces it at merge.
 * Only the contract's interface is here, so the Remotion webhook compiles against it.
 */
export interface VideoRenderReport {
  readonly renderId: string;
  readonly bookingId: string;
  readonly attempt: number;
  readonly startedAt: string;
  readonly outcome: 'success' | 'error' | 'timeout';
  readonly errorCount: number;
}

export type VideoRenderSettlement = 'settled' | 'already_settled' | 'unknown';

export async function settleVideoRender(
  _report: VideoRenderReport,
): Promise<VideoRenderSettlement> {
  throw new Error(
    'settleVideoRender is not wired: the lead replaces functions/services/video-render.ts.',
  );
}
