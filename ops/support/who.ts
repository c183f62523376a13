import { userInfo } from 'node:os';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SupportStage } from './stage.ts';

/**
 * Who is acting, for the audit trail: in AWS the caller's identity ARN (STS
 * GetCallerIdentity — what CloudTrail also records), with `--as` added when given; locally
 * `--as`, else the OS user.
 */
export async function whoIsActing(stage: SupportStage, as: string | undefined): Promise<string> {
  if (stage.kind === 'local') return as ?? userInfo().username;
  const { Arn } = await new STSClient({ region: stage.region }).send(
    new GetCallerIdentityCommand({}),
  );
  if (!Arn) throw new Error('AWS did not say who you are (GetCallerIdentity gave no ARN).');
  return as ? `${Arn} (as ${as})` : Arn;
}
