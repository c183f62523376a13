import { sendEmail } from '../adapters/email-sender.ts';
import { loadStageConfig } from '../config/stage-config.ts';
import { contactEmail, isLikelyBot } from '../core/contact-message.ts';
import { UpstreamError, ValidationError } from '../core/errors.ts';
import {
  type ContactReceipt,
  type ContactRequest,
  contactRequestSchema,
} from '../schemas/contact-request.ts';
import { httpHandler, jsonResponse } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { parseJsonBody, rawBody } from '../shared/request.ts';

// Read once per cold start: a bad address stops the function at start, naming the variable.
const { supportEmail } = loadStageConfig();

/**
 * POST /api/contact: a parent's question to support, sent as one email to the stage's support
 * address from the emails' SES sender, with Reply-To the parent's address.
 *
 * Parse (400 with the fields to fix), decide (a filled honeypot is dropped, answered the same so
 * a bot learns nothing — even when other fields are wrong too), send, answer 202. SES refusing or failing is a 502 the form shows.
 * Throttled by API Gateway (`contact` class in
 * functions/core/route-limits.ts). Not idempotent by design: a parent who sends twice asked
 * twice; the site disables the button while a message is sending. Logs neither the address nor
 * the message — only whether a booking id came with it and the SES message id.
 */
export const handler = httpHandler(async (event) => {
  const request = parsedOrBot(event);
  if (request === 'bot' || isLikelyBot(request)) {
    logger.info('contact message dropped', { reason: 'honeypot' });
  } else {
    const { messageId } = await sendEmail({
      to: supportEmail,
      email: contactEmail(request, new Date()),
      replyTo: request.email,
      tags: { template: 'contactMessage' },
    }).catch((error: unknown) => {
      // The sender already took the addresses out of SES's message; the name is enough here.
      logger.error('contact message not sent', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      throw new UpstreamError(
        'Your message could not be sent just now. Please try again in a few minutes.',
      );
    });
    logger.info('contact message sent', { messageId, withBooking: Boolean(request.bookingId) });
  }
  return jsonResponse(202, { received: true } satisfies ContactReceipt);
});

/** The request, or 'bot' when it fails to parse but its honeypot is filled. */
function parsedOrBot(event: Parameters<typeof handler>[0]): ContactRequest | 'bot' {
  try {
    return parseJsonBody(event, contactRequestSchema);
  } catch (error) {
    if (error instanceof ValidationError && isLikelyBot(jsonOrUndefined(rawBody(event)))) {
      return 'bot';
    }
    throw error;
  }
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
