/**
 * `npm run build:video-site`: bundles the Remotion composition (video/index.ts) into
 * video/dist-site with `@remotion/bundler`, for `lib/video.ts` to deploy as the site
 * Remotion Lambda renders from. Run before `cdk synth` / `cdk deploy` (the npm scripts do).
 * The bundle is served from the root of its own CloudFront distribution, hence publicPath `/`.
 */
import { rm } from 'node:fs/promises';
import { bundle } from '@remotion/bundler';
import { defaultVideoSiteDirectory, videoEntryPoint } from '../lib/video-site-bundle.ts';

const started = Date.now();
await rm(defaultVideoSiteDirectory, { recursive: true, force: true });
await bundle({
  entryPoint: videoEntryPoint,
  outDir: defaultVideoSiteDirectory,
  publicPath: '/',
  enableCaching: false,
});
console.log(
  `Remotion site bundled into ${defaultVideoSiteDirectory} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
