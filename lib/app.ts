import { readFileSync } from 'node:fs';
import { App, Tags } from 'aws-cdk-lib';
import type { RouteDefinition } from '../functions/routes.ts';
import { CallSantaStack } from './callsanta-stack.ts';
import { addNagChecks } from './nag.ts';
import { readStageSettings } from './settings.ts';

export interface BuildAppOptions {
  /** Extra context, e.g. `{ stage: 'prod' }` or `{ 'aws:cdk:bundling-stacks': [] }` in tests. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /** The HTTP routes; the shared route table unless a test supplies its own. */
  readonly routes?: readonly RouteDefinition[];
  /**
   * CDK's built-in CloudFormation schema check (on by default, as in `cdk synth`). It only
   * ever warns, and takes seconds per synth, so the assertion tests turn it off.
   */
  readonly builtinCloudFormationValidation?: boolean;
}

/** cdk.json's context (feature flags), so tests synthesize with the flags the CLI uses. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  }
).context;

/**
 * The CDK app, shared by `bin/app.ts` and the tests so both check the same thing. The stack is
 * environment-agnostic (no account or region lookups): synth needs no credentials.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: CallSantaStack } {
  const app = new App({
    context: { ...cdkJsonContext, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.builtinCloudFormationValidation === false
      ? { builtinCloudFormationValidation: false }
      : {}),
  });
  const settings = readStageSettings(app.node);
  const { stage } = settings;
  const stack = new CallSantaStack(app, `CallSanta-${stage}`, {
    settings,
    ...(options.routes ? { routes: options.routes } : {}),
    description: `CallSanta (${stage}): bookings, calls from Santa, recordings and videos`,
  });
  Tags.of(app).add('project', 'callsanta');
  Tags.of(app).add('stage', stage);

  addNagChecks(app);
  return { app, stack };
}
