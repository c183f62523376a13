import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracing of the AWS SDK calls (the house function turns on active tracing). Off where
 * there is no X-Ray daemon: outside Lambda, and on the local cloud, which sets
 * `POWERTOOLS_TRACE_ENABLED=false`; a client is then returned as it is.
 */
export const tracer = new Tracer({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'callsanta',
});

/** The client, with each of its calls recorded as an X-Ray subsegment when tracing is on. */
export function traced<Client extends object>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}
