import type { RenderVideo } from './render-service.ts';

/**
 * `renderSantaCallVideo` from video/render-local.ts (owned by the video work, issue #10),
 * loaded on the first render: Chromium and the Remotion bundle are heavy, and a local cloud
 * that renders no video should not pay for them at start. The specifier is a variable so this
 * branch compiles before that module lands; once it has, a static import can replace this.
 * A missing module fails the render (an `error` webhook), never the local cloud.
 */
const renderLocalModule = '../../video/render-local.ts';

export const renderWithRemotion: RenderVideo = async (options) => {
  const loaded = (await import(renderLocalModule)) as { renderSantaCallVideo?: unknown };
  if (typeof loaded.renderSantaCallVideo !== 'function') {
    throw new Error('video/render-local.ts does not export renderSantaCallVideo.');
  }
  return (loaded.renderSantaCallVideo as RenderVideo)(options);
};
