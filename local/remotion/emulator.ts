import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { close, listen } from '../aws-protocol-server.ts';
import { RemotionFaults } from './faults.ts';
import { RenderService, type RenderVideo } from './render-service.ts';
import { createRemotionServer } from './server.ts';

export interface RemotionRenderServiceOptions {
  /** 0 takes any free port; `url` tells which. */
  readonly port: number;
  readonly dataDir: string;
  /** Renders one video to a file: `renderSantaCallVideo` (video/render-local.ts). */
  readonly render: RenderVideo;
  /** The local S3 (s3rver) the MP4 is put into. */
  readonly s3: { readonly endpoint: string; readonly region: string };
}

export interface RunningRemotionRenderService {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the local stand-in for Remotion Lambda on 127.0.0.1 (see `RenderService` for what
 * it does and how it survives a restart).
 */
export async function startRemotionRenderService(
  options: RemotionRenderServiceOptions,
): Promise<RunningRemotionRenderService> {
  const s3 = new S3Client({
    endpoint: options.s3.endpoint,
    region: options.s3.region,
    forcePathStyle: true,
    // s3rver's key pair; it stores streamed uploads corrupted unless checksums are only sent when required.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const faults = new RemotionFaults();
  const service = await RenderService.open({
    dataDir: options.dataDir,
    render: options.render,
    s3,
    faults,
  });
  const server = createRemotionServer(service, faults);
  try {
    await listen(server, options.port, 'The local render service');
  } catch (error) {
    await service.close();
    s3.destroy();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await close(server);
      await service.close();
      s3.destroy();
    },
  };
}
