import { timingSafeEqual } from 'node:crypto';
import { unauthorized } from './errors.ts';

/**
 * ElevenLabs authenticates with the `xi-api-key` header. The emulator has one key (from the
 * local cloud's settings); any other is refused as ElevenLabs refuses an unknown key.
 */
export function assertApiKey(given: string | string[] | undefined, expected: string): void {
  const key = Array.isArray(given) ? given[0] : given;
  if (!key) {
    throw unauthorized(
      'needs_authorization',
      'Neither authorization header nor xi-api-key received, please provide one.',
    );
  }
  const a = Buffer.from(key);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw unauthorized('invalid_api_key', 'Invalid API key');
  }
}
