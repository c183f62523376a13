import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../functions/core/errors.ts';
import { errorResponse } from '../../functions/shared/http.ts';

describe('errorResponse', () => {
  it('answers a validation error with 400, its code, message and fields', () => {
    const reply = errorResponse(
      new ValidationError('Check the form.', { childAge: 'Must be 1–17.' }),
    );

    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body ?? '')).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Check the form.',
        fields: { childAge: 'Must be 1–17.' },
      },
    });
  });

  it('answers a not-found error with 404 and no fields', () => {
    const reply = errorResponse(new NotFoundError());

    expect(reply.statusCode).toBe(404);
    expect(JSON.parse(reply.body ?? '')).toEqual({
      error: { code: 'not_found', message: 'Not found.' },
    });
  });

  it('answers anything else with 500 and a message that leaks nothing', () => {
    const reply = errorResponse(new Error('secret detail: child Emma, +15551234567'));

    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('Emma');
    expect(JSON.parse(reply.body ?? '')).toMatchObject({ error: { code: 'internal_error' } });
  });
});
