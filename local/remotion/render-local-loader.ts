import type { RenderVideo } from './render-service.ts';

/**
 * `renderSantaCallVideo` from video/render-local.ts, loaded on the first render: Chromium,
 * webpack and the Remotion bundle are heavy, and a local cloud that renders no video should not
 * pay for them at start. A module that fails to load fails that render (an `error` webhook),
 * never the local cloud.
 */
export const renderWithRemotion: RenderVideo = async (options) => {
  const { renderSantaCallVideo } = await import('../../video/render-local.ts');
  return renderSantaCallVideo(options);
};
