import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/**
 * The outputs of a deployed stage's stack (`CallSanta-<stage>`, lib/app.ts), read with
 * CloudFormation DescribeStacks under the given profile and region.
 *
 * @returns output key → value (e.g. `TableName` → `CallSanta-prod-DataTable…`)
 * @throws Error naming the stack when it does not exist or cannot be read (credentials, region)
 */
export async function readStackOutputs(
  stackName: string,
  where: { readonly region: string; readonly profile?: string },
): Promise<Record<string, string>> {
  const client = new CloudFormationClient({
    region: where.region,
    ...(where.profile ? { profile: where.profile } : {}),
  });
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return Object.fromEntries(
      (Stacks?.[0]?.Outputs ?? []).flatMap(({ OutputKey, OutputValue }) =>
        OutputKey && OutputValue !== undefined ? [[OutputKey, OutputValue]] : [],
      ),
    );
  } catch (error) {
    throw new Error(
      `Could not read the outputs of stack ${stackName} in ${where.region}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  } finally {
    client.destroy();
  }
}
