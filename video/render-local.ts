import { fileURLToPath } from 'node:url';
import { bundle } from '@remotion/bundler';
import {
  type ChromiumOptions,
  makeCancelSignal,
  openBrowser,
  renderMedia,
  selectComposition,
  type X264Preset,
} from '@remotion/renderer';
import { type SantaCallVideoProps, santaCallVideo, santaCallVideoProps } from './props.ts';

/** Debian's Chromium (package `chromium`); without it Remotion would try to download one. */
export const chromiumExecutable = '/usr/lib/chromium/chromium';

/**
 * The render settings (measured in bench/video-render.ts and .scratch runs; figures and what
 * did not help in docs/benchmarks.md):
 * - `concurrency` 1: one Chromium tab. Remotion runs Chromium `--single-process` on Linux; two
 *   tabs there doubled the CPU spent per frame on 2 cores, so 2 was slower, not faster.
 * - `x264Preset` 'veryfast' at the default CRF 18 (visually lossless): the default 'medium'
 *   preset cost ~70 ms of CPU per 1080×1920 frame more for the same quality target.
 * - `jpegQuality` 80 (Remotion's default): frames travel from Chromium to ffmpeg as JPEG.
 * - `gl` null: Chromium's own choice; swangle/swiftshader/angle and `--disable-gpu` measured
 *   no better within the noise of this shared machine.
 * The composition itself is kept lean (composited layers moved by transform/opacity, no
 * filters, blurs or shadows): see video/parts/.
 */
export interface RenderTuning {
  readonly concurrency: number;
  readonly jpegQuality: number;
  readonly x264Preset: X264Preset;
  readonly crf: number;
  readonly gl: ChromiumOptions['gl'];
}

export const tunedRender: RenderTuning = {
  concurrency: 1,
  jpegQuality: 80,
  x264Preset: 'veryfast',
  crf: 18,
  gl: null,
};

/** Where the composition's entry point is (registerRoot). */
const entryPoint = fileURLToPath(new URL('./index.ts', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * Bundles video/index.ts with webpack once per process (it takes seconds) and returns the
 * bundle's folder, a `serveUrl` for the renderer. A failed bundle is not cached.
 */
export function bundleSantaCallVideo(): Promise<string> {
  bundled ??= bundle({ entryPoint }).catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}

export interface RenderSantaCallVideoOptions {
  /** Validated again with `santaCallVideoProps` here. */
  readonly props: SantaCallVideoProps;
  /** The MP4 to write (overwritten if it exists). */
  readonly outPath: string;
  /** Inclusive frame numbers [first, last] to render instead of the whole call. */
  readonly frameRange?: readonly [number, number];
  /** Called as frames are rendered and encoded, with the fraction done (0..1). */
  readonly onProgress?: (fraction: number) => void;
  /** Aborting cancels the render; the promise then rejects. */
  readonly signal?: AbortSignal;
  /** Overrides for the speed settings (the bench compares some). */
  readonly tuning?: Partial<RenderTuning>;
}

/** What was rendered: frames encoded and wall-clock seconds for the whole job. */
export interface RenderSantaCallVideoResult {
  readonly frames: number;
  readonly seconds: number;
}

/**
 * Renders `SantaCallVideo` to an MP4 (H.264 + AAC, BT.709, 1080×1920 at 60 fps) with
 * @remotion/renderer and Debian's Chromium: one browser is opened and used for both
 * `selectComposition` and `renderMedia`, then closed.
 *
 * @throws ZodError for invalid props; Error when the render fails or is aborted
 */
export async function renderSantaCallVideo(
  options: RenderSantaCallVideoOptions,
): Promise<RenderSantaCallVideoResult> {
  const started = performance.now();
  const inputProps = santaCallVideoProps.parse(options.props);
  const tuning = { ...tunedRender, ...options.tuning };
  const serveUrl = await bundleSantaCallVideo();
  options.signal?.throwIfAborted();
  const chromiumOptions: ChromiumOptions = { gl: tuning.gl ?? null };
  const browser = await openBrowser('chrome', {
    browserExecutable: chromiumExecutable,
    chromiumOptions,
    logLevel: 'error',
  });
  const { cancelSignal, cancel } = makeCancelSignal();
  const onAbort = () => cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const composition = await selectComposition({
      serveUrl,
      id: santaCallVideo.id,
      inputProps,
      puppeteerInstance: browser,
      browserExecutable: chromiumExecutable,
      chromiumOptions,
      logLevel: 'error',
    });
    const frameRange = options.frameRange ? ([...options.frameRange] as [number, number]) : null;
    await renderMedia({
      serveUrl,
      composition,
      inputProps,
      outputLocation: options.outPath,
      codec: 'h264',
      audioCodec: 'aac',
      colorSpace: 'bt709',
      imageFormat: 'jpeg',
      jpegQuality: tuning.jpegQuality,
      x264Preset: tuning.x264Preset,
      crf: tuning.crf,
      concurrency: tuning.concurrency,
      frameRange,
      puppeteerInstance: browser,
      browserExecutable: chromiumExecutable,
      chromiumOptions,
      cancelSignal,
      overwrite: true,
      logLevel: 'error',
      onProgress: ({ progress }) => options.onProgress?.(progress),
    });
    const frames = frameRange ? frameRange[1] - frameRange[0] + 1 : composition.durationInFrames;
    return { frames, seconds: (performance.now() - started) / 1000 };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await browser.close({ silent: true });
  }
}
