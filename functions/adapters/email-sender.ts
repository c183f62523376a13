import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { requireEnv } from '../config/env.ts';
import { traced } from '../config/tracing.ts';
import { envNames } from '../resources.ts';
import { logger } from '../shared/logger.ts';

/** What SES sends: every email has both an HTML and a plain-text part. */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Optional: SES configuration set for delivery, bounce and complaint events. */
export const sesConfigurationSetEnv = 'SES_CONFIGURATION_SET';

// Read once per cold start: a function that may send mail stops at start without a sender.
const client = traced(new SESv2Client({}));
const fromAddress = requireEnv(envNames.emailFrom);
const configurationSet = process.env[sesConfigurationSetEnv]?.trim() || undefined;

// SES accepts only these characters in tag names and values; failing here names the tag.
const tagPattern = /^[A-Za-z0-9_-]{1,256}$/;

/** A file sent with an email, e.g. the call's calendar file (`core/calendar-file.ts`). */
export interface EmailAttachment {
  readonly filename: string;
  /** MIME type, e.g. `text/calendar; charset=utf-8`. */
  readonly contentType: string;
  /** The file's text, sent as UTF-8. */
  readonly content: string;
}

export interface SendEmailInput {
  readonly to: string;
  readonly email: RenderedEmail;
  /** Sent as SES v2 `Content.Simple.Attachments` (SES builds the MIME message). */
  readonly attachments?: readonly EmailAttachment[];
  /** Where replies go instead of the sender (the contact form: the parent who wrote). */
  readonly replyTo?: string;
  /** SES message tags, e.g. { template: 'bookingConfirmation', bookingId }. No personal data. */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Sends one rendered email (HTML and text parts) through SES v2. Logs the message id and tags
 * only: addresses and content are personal data.
 */
export async function sendEmail({
  to,
  email,
  replyTo,
  tags = {},
  attachments = [],
}: SendEmailInput): Promise<{
  messageId: string;
}> {
  const emailTags = Object.entries(tags).map(([Name, Value]) => {
    if (!tagPattern.test(Name) || !tagPattern.test(Value)) {
      throw new Error(
        `Email tag ${JSON.stringify(Name)} is not valid for SES: use 1-256 letters, digits, _ or -.`,
      );
    }
    return { Name, Value };
  });
  const result = await sendRedacted(
    new SendEmailCommand({
      FromEmailAddress: fromAddress,
      Destination: { ToAddresses: [to] },
      ...(replyTo ? { ReplyToAddresses: [replyTo] } : {}),
      Content: {
        Simple: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.text, Charset: 'UTF-8' },
            Html: { Data: email.html, Charset: 'UTF-8' },
          },
          ...(attachments.length > 0
            ? {
                Attachments: attachments.map((file) => ({
                  FileName: file.filename,
                  ContentType: file.contentType,
                  ContentDisposition: 'ATTACHMENT' as const,
                  RawContent: new TextEncoder().encode(file.content),
                })),
              }
            : {}),
        },
      },
      ...(emailTags.length > 0 ? { EmailTags: emailTags } : {}),
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
  const messageId = result.MessageId ?? '';
  logger.info('email sent', { messageId, tags });
  return { messageId };
}

/** An email address as SES quotes one in its messages (`identity/<address>`, `…: <address>`). */
const addressPattern = /[^\s<>"'`,;:()/[\]]+@[^\s<>"'`,;:()/[\]]+/g;

/**
 * Sends, and rethrows a refusal without the addresses it names: SES quotes the recipient in
 * some (the sandbox's "The following identities failed the check in region …: <address>", an
 * IAM denial on `identity/<address>`), and the error is logged by the reconciler, by the Lambda
 * runtime when a workflow task throws it, and kept in Step Functions' history. The error object
 * is kept — its name, `$fault` and `$metadata` are what retries and catches match on.
 */
async function sendRedacted(command: SendEmailCommand) {
  try {
    return await client.send(command);
  } catch (error) {
    if (error instanceof Error) {
      error.message = error.message.replace(addressPattern, '[address]');
      if (error.stack) error.stack = error.stack.replace(addressPattern, '[address]');
    }
    throw error;
  }
}
