import type { Server } from 'node:http';
import { z } from 'zod';
import { AwsServiceError } from '../aws-errors.ts';
import { answerFaultControl, faultControlPath, hangUp } from '../aws-faults.ts';
import { createAwsProtocolServer } from '../aws-protocol-server.ts';
import { parseJsonBody, readBody, sendJson } from '../http-util.ts';
import {
  answerSesError,
  createSesFaultQueue,
  type SesFaultQueue,
  sesFaultRequestSchema,
} from './faults.ts';
import type { Outbox } from './outbox.ts';

const content = z.object({ Data: z.string(), Charset: z.string().optional() });

/** SES v2 `Attachment`; `RawContent` is a blob, base64 in the REST-JSON body. */
const attachment = z.object({
  FileName: z.string().min(1),
  ContentType: z.string().optional(),
  ContentDisposition: z.enum(['ATTACHMENT', 'INLINE']).optional(),
  ContentTransferEncoding: z.string().optional(),
  ContentDescription: z.string().optional(),
  ContentId: z.string().optional(),
  RawContent: z.base64(),
});

const sendEmailRequest = z.object({
  FromEmailAddress: z.string().min(3),
  Destination: z.object({
    ToAddresses: z.array(z.string().min(3)).default([]),
    CcAddresses: z.array(z.string().min(3)).default([]),
    BccAddresses: z.array(z.string().min(3)).default([]),
  }),
  ReplyToAddresses: z.array(z.string()).optional(),
  Content: z.object({
    Simple: z
      .object({
        Subject: content,
        Body: z.object({ Text: content.optional(), Html: content.optional() }),
        Attachments: z.array(attachment).optional(),
      })
      .optional(),
    Raw: z.unknown().optional(),
    Template: z.unknown().optional(),
  }),
  EmailTags: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  ConfigurationSetName: z.string().optional(),
});

/**
 * Amazon SES v2 `SendEmail` (`POST /v2/email/outbound-emails`, REST-JSON): each message
 * accepted lands in the outbox instead of a mailbox. `/_local/faults` on the same port is the
 * fault control (see `./faults.ts`): a queued fault is taken by the next matching valid
 * `SendEmail` and answers instead of sending (an invalid request is refused first, as ever).
 */
export function createSesServer(
  outbox: Outbox,
  faults: SesFaultQueue = createSesFaultQueue(),
): Server {
  return createAwsProtocolServer('ses', async (req, res) => {
    const path = req.url?.split('?')[0];
    if (path === faultControlPath) {
      await answerFaultControl(req, res, faults, sesFaultRequestSchema);
      return;
    }
    if (req.method !== 'POST' || path !== '/v2/email/outbound-emails') {
      throw new AwsServiceError(
        'BadRequestException',
        `The local SES supports SendEmail only, not ${req.method} ${req.url}.`,
      );
    }
    const parsed = sendEmailRequest.safeParse(parseJsonBody(await readBody(req, 10 * 1024 * 1024)));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new AwsServiceError('BadRequestException', problems.join('; '));
    }
    const request = parsed.data;
    const simple = request.Content.Simple;
    if (!simple) {
      throw new AwsServiceError(
        'BadRequestException',
        'The local SES stores Simple content only; send Content.Simple with Subject and Body.',
      );
    }
    const { ToAddresses, CcAddresses, BccAddresses } = request.Destination;
    if (ToAddresses.length + CcAddresses.length + BccAddresses.length === 0) {
      throw new AwsServiceError('BadRequestException', 'Destination has no recipients.');
    }
    const fault = faults.take({
      recipients: [...ToAddresses, ...CcAddresses, ...BccAddresses],
      subject: simple.Subject.Data,
    });
    if (fault?.kind === 'hang') return hangUp(req, res, fault);
    if (fault) return answerSesError(res, fault.kind);
    const message = await outbox.add({
      to: ToAddresses.join(', '),
      from: request.FromEmailAddress,
      subject: simple.Subject.Data,
      text: simple.Body.Text?.Data ?? '',
      html: simple.Body.Html?.Data ?? '',
      ...(simple.Attachments?.length
        ? {
            attachments: simple.Attachments.map((file) => {
              const bytes = Buffer.from(file.RawContent, 'base64');
              return {
                filename: file.FileName,
                contentType: file.ContentType ?? 'application/octet-stream',
                size: bytes.length,
                content: bytes.toString('base64'),
              };
            }),
          }
        : {}),
      ...(CcAddresses.length ? { cc: CcAddresses.join(', ') } : {}),
      ...(request.ReplyToAddresses?.length ? { replyTo: request.ReplyToAddresses.join(', ') } : {}),
      ...(request.EmailTags
        ? { tags: Object.fromEntries(request.EmailTags.map((tag) => [tag.Name, tag.Value])) }
        : {}),
      ...(request.ConfigurationSetName ? { configurationSet: request.ConfigurationSetName } : {}),
    });
    sendJson(res, 200, { MessageId: message.messageId });
  });
}
