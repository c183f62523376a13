import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VERSION } from 'remotion/version';

/**
 * What Remotion's own `deployFunction` (@remotion/lambda `dist/api/create-function.js`) would
 * deploy, read from the installed @remotion/lambda so CDK declares the same function without
 * a CLI step. The Remotion version is package.json's one pin (`remotion` and every
 * `@remotion/*` at the same exact version); this refuses a mismatch, since client and function
 * must be the same version.
 *
 * - runtime nodejs24.x, arm64, handler `index.handler`, the zip `remotionlambda-arm64.zip`;
 * - memory 2048 MB, ephemeral disk 2048 MB (Remotion's defaults), timeout 240 s;
 * - retries 0 (Remotion retries chunks itself);
 * - the runtime version pinned (`PutRuntimeManagementConfig`, Manual);
 * - Remotion's hosted layers (fonts, Chromium, Google emoji, CJK) per region
 *   (`dist/shared/hosted-layers.js`, filtered as `getLayers` does for the default runtime
 *   preference: Apple emoji only when asked for).
 */
const require = createRequire(import.meta.url);
const lambdaPackageDir = dirname(require.resolve('@remotion/lambda/package.json'));

export const remotionVersion: string = VERSION;

const lambdaPackageVersion = (
  JSON.parse(readFileSync(join(lambdaPackageDir, 'package.json'), 'utf8')) as { version: string }
).version;
if (lambdaPackageVersion !== remotionVersion) {
  throw new Error(
    `@remotion/lambda is ${lambdaPackageVersion} but remotion is ${remotionVersion}: pin every Remotion package to one exact version.`,
  );
}

export const remotionFunctionZip = join(lambdaPackageDir, 'remotionlambda-arm64.zip');

export const remotionFunctionSettings = {
  handler: 'index.handler',
  memoryMiB: 2048,
  ephemeralStorageMiB: 2048,
  // Not deployFunction's 240 s: within a new account's 10 concurrent functions a 5-minute call
  // is split into 2,000-frame chunks, about 5½ minutes each at the assumed 6 frames/s
  // (functions/core/render-split.ts). 900 s is Lambda's ceiling; a raised quota uses far less.
  timeoutSeconds: 900,
  logRetentionDays: 14,
} as const;

interface HostedLayer {
  readonly layerArn: string;
  readonly version: number;
}

/** Remotion's public layer version ARNs, per region it publishes them in. */
export function remotionLayerArnsByRegion(): Readonly<Record<string, readonly string[]>> {
  const { hostedLayers } = require(join(lambdaPackageDir, 'dist/shared/hosted-layers.js')) as {
    hostedLayers: Record<string, HostedLayer[]>;
  };
  return Object.fromEntries(
    Object.entries(hostedLayers).map(([region, layers]) => [
      region,
      layers
        .filter((layer) => !layer.layerArn.includes('emoji-apple'))
        .map((layer) => `${layer.layerArn}:${layer.version}`),
    ]),
  );
}

/** The runtime version hash `deployFunction` pins (`arn:aws:lambda:<region>::runtime:<hash>`). */
export function remotionRuntimeVersionHash(): string {
  const source = readFileSync(join(lambdaPackageDir, 'dist/api/create-function.js'), 'utf8');
  const hash = /::runtime:([0-9a-f]{64})/.exec(source)?.[1];
  if (!hash) {
    throw new Error(
      `Cannot find the runtime version @remotion/lambda ${lambdaPackageVersion} pins in dist/api/create-function.js.`,
    );
  }
  return hash;
}
