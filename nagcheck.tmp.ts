import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from './lib/app.ts';

const { app } = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const pack = new AwsSolutionsChecks();
Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
const raw = pack.validateScope(app);
for (const v of raw.violations)
  for (const r of v.violatingResources)
    console.log('FINDING', v.severity, v.ruleName, r.constructPath);
const walk = (c: IConstruct) => {
  for (const m of c.node.metadata)
    if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      console.log('ACK', c.node.path, JSON.stringify(m.data));
  c.node.children.forEach(walk);
};
walk(app);
