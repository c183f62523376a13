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
  // Counterexamples print as one short line, not as a 20 kB Buffer.
  const described = requests.map((request) =>
    Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) }),
  );
  await fc.assert(
    fc.asyncProperty(described, async (request) => {
      const answer = await send(apiUrl, request);
      // Under the route, whatever method was sent: one in a dozen is another, mostly a 405.
      tally.record(routeKey(route), answer.status);
      const problem = answerProblem(answer, route.authorization === 'iam');
      if (problem) throw new Error(`${problem}\n  request: ${describeRequest(request)}`);
      also?.(answer.status, request);
    }),
    { numRuns, ...(seed === undefined ? {} : { seed }) },
  );
}

/**
 * Runs `fuzz` for each route, carrying on after a failing route so one bug does not hide the
 * next; resolves with every failure (route and fast-check's report), empty when none failed.
 */
export async function fuzzEach<Item>(
  items: readonly Item[],
  name: (item: Item) => string,
  fuzz: (item: Item) => Promise<void>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const item of items) {
    try {
      await fuzz(item);
    } catch (error) {
      // fast-check 4 keeps the property's own error (what the answer was) as the cause.
      const cause =
        error instanceof Error && error.cause instanceof Error
          ? `\n  cause: ${error.cause.message}`
          : '';
      failures.push(
        `${name(item)}: ${error instanceof Error ? error.message : String(error)}${cause}`,
      );
    }
  }
  return failures;
}
