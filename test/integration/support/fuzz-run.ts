import fc from 'fast-check';
import { type RouteDefinition, routeKey } from '../../../functions/routes.ts';
import { answerProblem } from './fuzz-answers.ts';
import { describeRequest, type FuzzRequest, send } from './fuzz-client.ts';
import type { FuzzTally } from './fuzz-tally.ts';

/**
 * Generated requests per route and check: `FUZZ_RUNS` when set (e.g. 1000 for a long hunt),
 * else `fallback`, sized so the whole fuzz suite takes a few minutes on a two-core machine.
 * `FUZZ_SEED` replays a run fast-check reported.
 */
export function fuzzRuns(fallback: number): number {
  const given = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}

function fuzzSeed(): number | undefined {
  const given = Number(process.env.FUZZ_SEED);
  return process.env.FUZZ_SEED && Number.isInteger(given) ? given : undefined;
}

/**
 * Sends `numRuns` generated requests to `route`, each counted in `tally`, and fails with the
 * smallest request fast-check can find whose answer is a 5xx or not in the documented shape,
 * or for which `also` (a further check of the answer) throws.
 */
export async function fuzzRoute(
  apiUrl: string,
  route: RouteDefinition,
  requests: fc.Arbitrary<FuzzRequest>,
  tally: FuzzTally,
  numRuns: number,
  also?: (status: number, request: FuzzRequest) => void,
): Promise<void> {
  const seed = fuzzSeed();
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const answer = await send(apiUrl, request);
      tally.record(routeKey(route), answer.status);
      const problem = answerProblem(answer, route.authorization === 'iam');
      if (problem) throw new Error(`${problem}\n  request: ${describeRequest(request)}`);
      also?.(answer.status, request);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
}
