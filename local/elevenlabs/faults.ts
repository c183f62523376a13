import { z } from 'zod';

/**
 * Faults a test can queue on the emulator (`POST /_emulator/faults`), each for the next
 * `times` requests (or calls, or webhooks) of one operation that match. They reproduce what
 * ElevenLabs has been seen to do — and what the workflow must survive without ringing a
 * family twice or calling a voicemail "completed".
 */

/** The HTTP operations, named after what they do. */
export const httpOperations = [
  'outbound-call',
  'get-conversation',
  'list-conversations',
  'conversation-audio',
  'delete-conversation',
  'speech-to-text',
  'text-to-speech',
] as const;
export type HttpOperation = (typeof httpOperations)[number];

const errorStatus = z.union([
  z.literal(429),
  z.literal(500),
  z.literal(502),
  z.literal(503),
  z.literal(504),
]);

/** Dotted paths into the JSON body; `*` stands for every element of an array. */
const fieldPaths = z.array(z.string().regex(/^[A-Za-z0-9_*]+(\.[A-Za-z0-9_*]+)*$/)).min(1);

/** Answer with this HTTP error instead, before anything happens (nothing is placed). */
const httpError = z.object({ kind: z.literal('http-error'), status: errorStatus });
/** Never answer: the request hangs until the client gives up (nothing is placed). */
const hang = z.object({ kind: z.literal('hang') });
/**
 * Do the work — the call IS placed — then lose the answer: an HTTP error with `status`, or a
 * hang without one. The double-ring trap.
 */
const answerLost = z.object({ kind: z.literal('answer-lost'), status: errorStatus.optional() });
/** Remove these fields from the JSON answer (or webhook body). */
const dropFields = z.object({ kind: z.literal('drop-fields'), paths: fieldPaths });
/** Add unknown keys to every object of the JSON answer (or webhook body). */
const extraFields = z.object({ kind: z.literal('extra-fields') });
/** Outbound call: HTTP 200 `success: false`; the call is placed (with its id in the answer) unless `placed: false`. */
const notSuccess = z.object({ kind: z.literal('not-success'), placed: z.boolean().default(true) });
/** Outbound call: placed, answered without `callSid`. */
const noCallSid = z.object({ kind: z.literal('no-call-sid') });

/** The call ends without `call_result` in its conversation and transcription webhook. */
const noCallResult = z.object({ kind: z.literal('no-call-result') });
/** The transcript holds tool-call turns (`message: null`, `tool_calls: [...]`). */
const toolCallTurns = z.object({ kind: z.literal('tool-call-turns') });

/** The webhook is never sent. */
const dropWebhook = z.object({ kind: z.literal('drop') });
/** The webhook is sent twice. */
const duplicateWebhook = z.object({ kind: z.literal('duplicate') });
/** The webhook is sent `seconds` later (wall-clock, not time-scaled), signed when sent. */
const delayWebhook = z.object({
  kind: z.literal('delay'),
  seconds: z.number().positive().max(600),
});
/**
 * The call's webhooks go out in reverse order — the audio (sent for this call even when audio
 * webhooks are off) first, the transcription only once the audio was delivered.
 */
const reorderWebhooks = z.object({ kind: z.literal('reorder') });

const match = z
  .object({
    /** The number called (outbound-call, call, webhook). */
    toNumber: z.string().optional(),
    /** The conversation (get-conversation, conversation-audio, webhook). */
    conversationId: z.string().optional(),
    /** The webhook type (webhook only), e.g. `post_call_transcription`. */
    eventType: z.string().optional(),
  })
  .default({});

const times = z.number().int().min(1).max(100).default(1);

const httpFault = z.discriminatedUnion('kind', [
  httpError,
  hang,
  answerLost,
  dropFields,
  extraFields,
  notSuccess,
  noCallSid,
]);

/** `POST /_emulator/faults`. */
export const faultRequestSchema = z
  .discriminatedUnion('operation', [
    z.object({ operation: z.enum(httpOperations), fault: httpFault, times, match }),
    z.object({
      operation: z.literal('call'),
      fault: z.discriminatedUnion('kind', [noCallResult, toolCallTurns]),
      times,
      match,
    }),
    z.object({
      operation: z.literal('webhook'),
      fault: z.discriminatedUnion('kind', [
        dropWebhook,
        duplicateWebhook,
        delayWebhook,
        reorderWebhooks,
        dropFields,
        extraFields,
      ]),
      times,
      match,
    }),
  ])
  .superRefine((request, context) => {
    const kind = request.fault.kind;
    const outboundOnly = kind === 'not-success' || kind === 'no-call-sid';
    if (outboundOnly && request.operation !== 'outbound-call') {
      context.addIssue({
        code: 'custom',
        path: ['fault', 'kind'],
        message: `${kind} is for outbound-call only.`,
      });
    }
    const jsonOnly = kind === 'drop-fields' || kind === 'extra-fields';
    if (jsonOnly && request.operation === 'conversation-audio') {
      context.addIssue({
        code: 'custom',
        path: ['fault', 'kind'],
        message: 'The audio answer is not JSON.',
      });
    }
  });
export type FaultRequest = z.input<typeof faultRequestSchema>;
type ParsedFaultRequest = z.output<typeof faultRequestSchema>;

export type FaultOperation = ParsedFaultRequest['operation'];
export type HttpFault = z.output<typeof httpFault>;
export type CallFault = Extract<ParsedFaultRequest, { operation: 'call' }>['fault'];
export type WebhookFault = Extract<ParsedFaultRequest, { operation: 'webhook' }>['fault'];

type FaultOf<O extends FaultOperation> = O extends HttpOperation
  ? HttpFault
  : O extends 'call'
    ? CallFault
    : WebhookFault;

export interface QueuedFault {
  readonly id: string;
  readonly operation: FaultOperation;
  readonly fault: ParsedFaultRequest['fault'];
  readonly match: ParsedFaultRequest['match'];
  /** How many more matching requests it applies to. */
  remaining: number;
}

/** What a request, call or webhook is, for matching. */
export interface FaultContext {
  readonly toNumber?: string;
  readonly conversationId?: string;
  readonly eventType?: string;
}

/**
 * The queued faults, in memory only (a restart clears them: they belong to one test). The
 * first queued fault that matches is used and counted down.
 */
export class FaultRegistry {
  private readonly queued: QueuedFault[] = [];
  private next = 1;

  add(request: ParsedFaultRequest): QueuedFault {
    const fault: QueuedFault = {
      id: `fault_${this.next++}`,
      operation: request.operation,
      fault: request.fault,
      match: request.match,
      remaining: request.times,
    };
    this.queued.push(fault);
    return fault;
  }

  list(): readonly QueuedFault[] {
    return this.queued;
  }

  clear(): void {
    this.queued.length = 0;
  }

  /** The fault for this request, if one is queued; counts it down. */
  take<O extends FaultOperation>(
    operation: O,
    context: FaultContext,
    accept: (fault: FaultOf<O>) => boolean = () => true,
  ): FaultOf<O> | undefined {
    const index = this.queued.findIndex(
      (queued) =>
        queued.operation === operation &&
        matches(queued.match, context) &&
        accept(queued.fault as FaultOf<O>),
    );
    const queued = this.queued[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.queued.splice(index, 1);
    return queued.fault as FaultOf<O>;
  }
}

function matches(match: QueuedFault['match'], context: FaultContext): boolean {
  return (
    (match.toNumber === undefined || match.toNumber === context.toNumber) &&
    (match.conversationId === undefined || match.conversationId === context.conversationId) &&
    (match.eventType === undefined || match.eventType === context.eventType)
  );
}

/** A JSON body with the fault's fields dropped or unknown ones added; others unchanged. */
export function reshapeBody(
  fault: { readonly kind: string; readonly paths?: readonly string[] },
  body: unknown,
): unknown {
  if (fault.kind === 'extra-fields') return withExtraFields(body);
  if (fault.kind === 'drop-fields') {
    const copy = structuredClone(body);
    for (const path of fault.paths ?? []) dropPath(copy, path.split('.'));
    return copy;
  }
  return body;
}

function dropPath(value: unknown, path: readonly string[]): void {
  const [key, ...rest] = path;
  if (key === undefined || typeof value !== 'object' || value === null) return;
  if (key === '*') {
    if (Array.isArray(value)) for (const item of value) dropPath(item, rest);
    return;
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0) delete record[key];
  else dropPath(record[key], rest);
}

/** Every object gains keys no schema knows, as a provider's next release might add. */
function withExtraFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withExtraFields);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = withExtraFields(inner);
  copy.emulator_new_field = 'added by the fault control';
  copy.emulator_new_object = { nested: true, values: [1, 'two', null] };
  return copy;
}
