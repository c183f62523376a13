import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

/**
 * A dead-letter queue as every async failure path here has one: SQS-managed encryption, TLS
 * only, messages kept 14 days (SQS's longest) for ops to read. Nothing consumes it, so it has no
 * dead-letter queue of its own (the cdk-nag finding is acknowledged with `whose`).
 *
 * @param id the construct id; kept from before this helper so the queues' logical ids (and
 *   the queues) do not change on deploy
 * @param whose what fails into it, e.g. "the booking schedules"
 */
export function deadLetterQueue(scope: Construct, id: string, whose: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    queue.node.defaultChild ?? queue,
    'AwsSolutions-SQS3',
    `This queue is itself the dead-letter queue of ${whose}; nothing consumes it ` +
      'automatically, so a further dead-letter queue behind it would never receive anything.',
  );
  return queue;
}

/**
 * An alarm as soon as one message waits in `queue` (maximum of ApproximateNumberOfMessagesVisible
 * over 5 minutes ≥ 1): a dead letter is work someone has to look at today.
 */
export function deadLetterAlarm(
  scope: Construct,
  id: string,
  queue: Queue,
  description: string,
): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
