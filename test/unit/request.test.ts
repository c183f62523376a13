import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/core/errors.ts';
import { pathParameter } from '../../functions/shared/request.ts';

const eventWith = (pathParameters?: Record<string, string>) =>
  ({ headers: {}, ...(pathParameters ? { pathParameters } : {}) }) as APIGatewayProxyEventV2;

describe('pathParameter', () => {
  it.each([
    ['01ARZ3NDEKTSV4RRFFQ69G5FAV', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['jolly-jen', 'jolly-jen'],
    // Decoded once by the gateway from %2541: still a valid escape, so simply not an id.
    ['%41', '%41'],
    ['a b', 'a b'],
  ])('hands %j back as %j', (value, expected) => {
    expect(pathParameter(eventWith({ callId: value }), 'callId')).toBe(expected);
  });

  it('is empty when the parameter is absent', () => {
    expect(pathParameter(eventWith(), 'callId')).toBe('');
  });

  it.each(['%', '%ZZ', '%E0%A4%A', '%E0%A4', '%FF', 'abc%2', `${'A'.repeat(26)}%`])(
    'refuses %j with a 400 naming the parameter',
    (value) => {
      let thrown: unknown;
      try {
        pathParameter(eventWith({ token: value }), 'token');
      } catch (error) {
        thrown = error;
      }

      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({
        kind: 'invalid',
        code: 'invalid_path_encoding',
        fields: { token: 'Not valid percent-encoding.' },
      });
    },
  );
});
