import { Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { buildApp } from './lib/app.ts';

const { app, stack } = buildApp();
const a = new Table(stack, 'WarnA', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
new Table(stack, 'WarnB', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
Validations.of(a).acknowledge({
  id: 'AwsSolutions::AwsSolutions-DDB3',
  reason: 'test of the namespaced form',
});
app.synth();
