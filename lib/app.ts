import { readFileSync } from 'node:fs';
import { App, Tags } from 'aws-cdk-lib';
import type { RouteDefinition } from '../functions/routes.ts';
import { CallSantaStack } from './callsanta-stack.ts';
import { addNagChecks } from './nag.ts';

export interface BuildAppOptions {
  /** Extra context, e.g. `{ stage: 'prod' }` or `{ 'aws:cdk:bundling-stacks': [] }` in tests. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /** The HTTP routes; the shared route table unless a test supplies its own. */
  readonly routes?: readonly RouteDefinition[];
}

/** cdk.json's context (feature flags), so tests synthesize with the flags the CLI uses. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  }
).context;

const stagePattern = /^[a-z][a-z0-9-]{0,19}$/;

/**
 * The CDK app, shared by `bin/app.ts` and the tests so both check the same thing. The stack is
 * environment-agnostic (no account or region lookups): synth needs no credentials.
 */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: CallSantaStack } {
  const app = new App({
    context: { ...cdkJsonContext, ...options.context },
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !stagePattern.test(stage)) {
    throw new Error(
      `Context "stage" must be lower-case letters, digits and dashes, got ${String(stage)}.`,
    );
  }
  // Only dev may fall back to a placeholder sender; a real stage must name its SES identity.
  const emailFrom: unknown =
    app.node.tryGetContext('emailFrom') ??
    (stage === 'dev' ? 'santa@callsanta.example' : undefined);
  if (typeof emailFrom !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(emailFrom)) {
    throw new Error(
      `Context "emailFrom" must be the sender's email address (-c emailFrom=...), got ${String(emailFrom)}.`,
    );
  }

  const stack = new CallSantaStack(app, `CallSanta-${stage}`, {
    stage,
    emailFromAddress: emailFrom,
    ...(options.routes ? { routes: options.routes } : {}),
    description: `CallSanta (${stage}): bookings, calls from Santa, recordings and videos`,
  });
  Tags.of(app).add('project', 'callsanta');
  Tags.of(app).add('stage', stage);

  addNagChecks(app);
  return { app, stack };
}
