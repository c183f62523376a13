import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { FaultQueue, hangFaultSchema, type QueuedFault, timesSchema } from '../aws-faults.ts';
import { sendJson } from '../http-util.ts';

/**
 * Faults a test can queue on the local SES (`POST /_local/faults` on its port), each for the next
 * `times` `SendEmail` calls that match. Every kind but `hang` answers as SES v2 does (REST-JSON:
 * `x-amzn-errortype` header and `{ __type, code, message }` body), so `@aws-sdk/client-sesv2`
 * throws the named error; the SDK's standard retry strategy retries the 5xx and the 429 (by
 * status and by name, as for AWS) and not `MessageRejected`. A failed send never reaches the
 * outbox.
 */
export const sesErrors = {
  /** AWS's common 500: the SDK throws an `SESv2ServiceException` named `InternalFailure`, `$fault: 'server'`. */
  'internal-failure': {
    status: 500,
    code: 'InternalFailure',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
  },
  /** AWS's common 503: an `SESv2ServiceException` named `ServiceUnavailable`, `$fault: 'server'`. */
  'service-unavailable': {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'The request has failed due to a temporary failure of the server.',
  },
  /** SES v2 throttling: the modelled `TooManyRequestsException`, `$fault: 'client'`, 429. */
  throttled: {
    status: 429,
    code: 'TooManyRequestsException',
    message: 'Too many requests have been made to the operation.',
  },
  /** The modelled `MessageRejected`, `$fault: 'client'`, 400: not retried, not sent. */
  'message-rejected': {
    status: 400,
    code: 'MessageRejected',
    message: "The message can't be sent because it contains invalid content.",
  },
} as const;
export type SesErrorKind = keyof typeof sesErrors;

const errorKinds = Object.keys(sesErrors) as [SesErrorKind, ...SesErrorKind[]];

export const sesFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(errorKinds) }),
  hangFaultSchema,
]);
export type SesFault = z.output<typeof sesFaultSchema>;

/** Which sends a fault is for; every field left out matches any send. */
export const sesFaultMatchSchema = z
  .object({
    /** One of the To, Cc or Bcc addresses (case-insensitive; `Name <address>` counts by address). */
    recipient: z.string().min(3).optional(),
    /** A substring of the subject (case-sensitive). */
    subjectContains: z.string().min(1).optional(),
  })
  .default({});
export type SesFaultMatch = z.output<typeof sesFaultMatchSchema>;

/**
 * `POST /_local/faults` on the SES port, e.g.
 * `{ "fault": { "kind": "throttled" }, "times": 2, "match": { "recipient": "a@example.com" } }`.
 */
export const sesFaultRequestSchema = z.object({
  fault: sesFaultSchema,
  times: timesSchema,
  match: sesFaultMatchSchema,
});
export type SesFaultRequest = z.input<typeof sesFaultRequestSchema>;
export type QueuedSesFault = QueuedFault<SesFault, SesFaultMatch>;

/** What a `SendEmail` call is, for matching. */
export interface SendEmailContext {
  readonly recipients: readonly string[];
  readonly subject: string;
}

export type SesFaultQueue = FaultQueue<SesFault, SesFaultMatch, SendEmailContext>;

export function createSesFaultQueue(): SesFaultQueue {
  return new FaultQueue<SesFault, SesFaultMatch, SendEmailContext>(
    (match, send) =>
      (match.recipient === undefined ||
        send.recipients.some((address) => sameAddress(address, match.recipient ?? ''))) &&
      (match.subjectContains === undefined || send.subject.includes(match.subjectContains)),
  );
}

function sameAddress(recipient: string, wanted: string): boolean {
  const address = /<([^>]+)>\s*$/.exec(recipient)?.[1] ?? recipient;
  return address.trim().toLowerCase() === wanted.trim().toLowerCase();
}

/** Answers an error fault as SES v2 would; the message was not sent. */
export function answerSesError(res: ServerResponse, kind: SesErrorKind): void {
  const { status, code, message } = sesErrors[kind];
  sendJson(
    res,
    status,
    { __type: code, code, message },
    { 'x-amzn-errortype': code, 'x-amzn-requestid': randomUUID() },
  );
}
