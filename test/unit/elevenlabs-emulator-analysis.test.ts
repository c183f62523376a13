import { describe, expect, it } from 'vitest';
import { callAnalysisOf } from '../../functions/core/call-analysis-reading.ts';
import { elevenLabsConversationSchema } from '../../functions/schemas/elevenlabs-conversation.ts';
import { answeredCallAnalysis, withScriptedSlip } from '../../local/elevenlabs/analysis.ts';
import { answeredCallScript, scriptedCall } from '../../local/elevenlabs/script.ts';
import { testNumbers } from '../../local/elevenlabs/test-numbers.ts';

const emma = { child_name: 'Emma', child_age: 7 };
const ordinaryNumber = '+14155552671';

/** The analysis as CallSanta stores it, read through its own schema and core. */
function stored(analysis: ReturnType<typeof answeredCallAnalysis>, names: string[]) {
  const { analysis: read } = elevenLabsConversationSchema.parse({
    status: 'done',
    transcript: [],
    analysis,
  });
  return callAnalysisOf(
    {
      summary: read?.transcript_summary,
      dataCollection: read?.data_collection_results,
      criteria: read?.evaluation_criteria_results,
    },
    names.map((name) => ({ name })),
    '2026-12-24T17:40:00.000Z',
  );
}

describe("the emulator's post-call analysis", () => {
  it('collects what the scripted child wished for and is proud of; every criterion met', () => {
    // Arrange: the answered call as the simulator plays it, with what the child is scripted to say.
    const call = scriptedCall(emma, {});

    // Act
    const analysis = stored(answeredCallAnalysis(call, ordinaryNumber), ['Emma']);

    // Assert
    expect(analysis.children).toEqual([
      {
        name: 'Emma',
        wishes: ['a red sledge'],
        proudOf: 'I helped make cookies for the reindeer.',
      },
    ]);
    expect(analysis.criteria.map((criterion) => criterion.result)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
    expect(analysis.summary).toMatch(/Emma/);
  });

  it('lets Santa break character on the breaks-character number, failing that criterion only', () => {
    // Arrange
    const call = scriptedCall(emma, {});
    const lines = withScriptedSlip(call.lines, testNumbers.breaksCharacter, call.language);

    // Act
    const analysis = answeredCallAnalysis(call, testNumbers.breaksCharacter);

    // Assert
    expect(lines.at(-3)).toEqual({
      role: 'agent',
      message: expect.stringMatching(/computer program/),
    });
    expect(lines.at(-2)?.message).toMatch(/Merry Christmas, Emma/);
    expect(analysis.call_successful).toBe('failure');
    expect(
      Object.values(analysis.evaluation_criteria_results ?? {})
        .filter((criterion) => criterion.result === 'failure')
        .map((criterion) => criterion.criteria_id),
    ).toEqual(['stayed_in_character']);
  });

  it('leaves an ordinary number’s script as it is', () => {
    const lines = answeredCallScript(emma);

    expect(withScriptedSlip(lines, ordinaryNumber, 'en')).toEqual(lines);
  });

  it('gives each of several children their own wishes, in the call’s language', () => {
    // Arrange
    const variables = { child_1_name: 'Emma', child_2_name: 'Leo', children_names: 'Emma y Leo' };
    const call = scriptedCall(variables, { language: 'es' });

    // Act
    const analysis = stored(answeredCallAnalysis(call, ordinaryNumber), ['Emma', 'Leo']);

    // Assert: each child's own wish, as the Spanish script has them say it.
    expect(analysis.children.map(({ name, wishes }) => ({ name, wishes }))).toEqual([
      { name: 'Emma', wishes: ['un trineo rojo'] },
      { name: 'Leo', wishes: ['un puzle de dinosaurios'] },
    ]);
    expect(analysis.summary).toMatch(/^Llamada emulada: .*Emma y Leo/);
  });

  it('hears no wish on a brief call, and leaves positions without a child empty', () => {
    // Act
    const analysis = answeredCallAnalysis(
      { language: 'en', children: [{ name: 'Emma', wishes: [] }] },
      ordinaryNumber,
    );

    // Assert
    expect(analysis.data_collection_results?.child_1_wishes?.value).toBeNull();
    expect(analysis.data_collection_results?.child_2_wishes?.value).toBeNull();
    expect(analysis.transcript_summary).toMatch(/heard 0 Christmas wishes/);
  });
});
