import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build:video-site` (scripts/bundle-video-site.ts) writes the Remotion site
 * bundle, and where `lib/video.ts` deploys it from. CDK synth is synchronous and
 * `@remotion/bundler`'s `bundle()` is not, so bundling is a step before synth (like
 * `build:site`); synth only checks the bundle is there. Not under cdk.out: that is the CLI's
 * own folder.
 */
export const defaultVideoSiteDirectory = fileURLToPath(
  new URL('../video/dist-site', import.meta.url),
);

/** The composition's entry point (`registerRoot`), owned by video/. */
export const videoEntryPoint = fileURLToPath(new URL('../video/index.ts', import.meta.url));
