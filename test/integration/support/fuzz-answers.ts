import { errorBodySchema } from '../../../functions/schemas/api/error-body.ts';
import { parseAnswer } from './api-answer.ts';
import type { FuzzAnswer } from './fuzz-client.ts';

/** API Gateway's own refusal of an unsigned IAM request (README: admin routes), kept as AWS words it. */
const iamForbidden = '{"message":"Forbidden"}';

/**
 * What is wrong with an answer, or `undefined` when it is one the API documents: never a 5xx;
 * a 4xx is JSON `{ error: { code, message, fields? } }` (exactly the error schema) whose
 * message is a sentence for a person. `iam` routes may also answer API Gateway's 403.
 */
export function answerProblem(answer: FuzzAnswer, iam: boolean): string | undefined {
  const text = answer.body.toString('utf8');
  if (answer.status >= 500 || answer.status < 200) {
    return `status ${answer.status}: ${text.slice(0, 300)}`;
  }
  if (answer.status < 400) return undefined;
  if (iam && answer.status === 403 && text === iamForbidden) return undefined;
  if (!/^application\/json\b/i.test(answer.contentType)) {
    return `${answer.status} with Content-Type ${JSON.stringify(answer.contentType)}: ${text.slice(0, 200)}`;
  }
  let message: string;
  try {
    message = parseAnswer(errorBodySchema, JSON.parse(text), 'error').error.message;
  } catch (error) {
    return `${answer.status} not in the documented error shape (${error instanceof Error ? error.message.slice(0, 200) : error}): ${text.slice(0, 300)}`;
  }
  // A person reads it: words, not a code or a stack.
  if (!/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(message) || /\n\s+at /.test(message)) {
    return `${answer.status} message is not for a person: ${JSON.stringify(message.slice(0, 200))}`;
  }
  return undefined;
}
