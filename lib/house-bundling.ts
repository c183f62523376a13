import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every house function is bundled (`NodejsFunction`'s esbuild options): one ESM file
 * `index.mjs` for Node 24, minified, with a source map. `bench/bundles.ts` bundles the handlers
 * with these same options to measure their size, cold import time and memory.
 */
export const houseBundling = {
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
} as const satisfies BundlingOptions;
