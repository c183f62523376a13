import { join } from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every house function is bundled (`NodejsFunction`'s esbuild options): one ESM file
 * `index.mjs` for Node 24, minified, with a source map. `bench/bundles.ts` bundles the handlers
 * with these same options to measure their size, cold import time and memory
 * (`npm run bench:bundles`, figures in docs/benchmarks.md).
 */
export const houseBundling: BundlingOptions = {
  // Handlers are ESM TypeScript importing `./x.ts`; esbuild resolves those specifiers itself.
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  // CommonJS dependencies bundled into ESM still call require(); give them one.
  banner:
    "import { createRequire as __callsantaCreateRequire } from 'node:module'; const require = __callsantaCreateRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Ship the exact AWS SDK versions the tests ran against, not whatever the runtime carries.
  bundleAwsSDK: true,
  // React (the email templates) chooses its build by NODE_ENV, which Lambda does not set: without
  // this the email functions carried React's development builds as well (≈ 370 KiB) and ran
  // them. Of the packages our functions bundle, only react and react-dom read NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // @react-email/render imports prettier (≈ 254 KiB) only for its `pretty` option, which
  // `functions/email/render-email.ts` never passes; left out, that import is never reached.
  // (Setting externalModules keeps the AWS SDK bundled: `bundleAwsSDK` only picks the default.)
  externalModules: ['prettier'],
};

/**
 * The esbuild build options `NodejsFunction` derives from `bundling` for one handler (the
 * arguments aws-cdk-lib's `aws-lambda-nodejs/lib/bundling.js` passes: `--bundle --target
 * --platform=node --format --outfile --minify --sourcemap --sources-content --external --loader
 * --define --keep-names --banner --footer --main-fields`), writing `<outdir>/index.mjs` for ESM
 * (`index.js` otherwise) as CDK does. For measuring and testing bundles outside a synth.
 */
export function esbuildOptionsOf(
  bundling: BundlingOptions,
  entry: string,
  outdir: string,
): BuildOptions & { outfile: string } {
  const esm = bundling.format === OutputFormat.ESM;
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: bundling.target ?? 'node24',
    format: esm ? 'esm' : 'cjs',
    outfile: join(outdir, esm ? 'index.mjs' : 'index.js'),
    minify: bundling.minify ?? false,
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    external: [
      ...(bundling.externalModules ?? (bundling.bundleAwsSDK ? [] : ['@aws-sdk/*'])),
      ...(bundling.nodeModules ?? []),
    ],
    ...(bundling.loader ? { loader: bundling.loader as BuildOptions['loader'] } : {}),
    ...(bundling.define ? { define: bundling.define } : {}),
    keepNames: bundling.keepNames ?? false,
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
  };
}
