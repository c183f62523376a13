import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import * as serializers from '@elevenlabs/elevenlabs-js/serialization/index.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { santaAgent } from '../../functions/agent/santa-agent.ts';
import {
  santaCriterionIds,
  santaDataCollection,
  santaEvaluationCriteria,
} from '../../functions/agent/santa-analysis.ts';

/** The agent as the SDK would send it (wire names), checked by the SDK's own schema. */
const wireAgent = () =>
  serializers.conversationalAi.BodyCreateAgentV1ConvaiAgentsCreatePost.jsonOrThrow(santaAgent, {
    unrecognizedObjectKeys: 'fail',
  });

describe("the Santa agent's post-call analysis", () => {
  it('is typed by the SDK', () => {
    expectTypeOf(santaAgent.platformSettings.dataCollection).toExtend<
      NonNullable<ElevenLabs.AgentPlatformSettingsRequestModel['dataCollection']>
    >();
    expectTypeOf(santaAgent.platformSettings.evaluation).toExtend<
      NonNullable<ElevenLabs.AgentPlatformSettingsRequestModel['evaluation']>
    >();
  });

  it('collects wishes, pride and worries for each of up to four children, as strings', () => {
    // Act
    const dataCollection = wireAgent().platform_settings?.data_collection ?? {};

    // Assert
    expect(Object.keys(dataCollection).sort()).toEqual(
      [1, 2, 3, 4]
        .flatMap((n) => [`child_${n}_wishes`, `child_${n}_proud_of`, `child_${n}_worries`])
        .sort(),
    );
    for (const [id, property] of Object.entries(dataCollection)) {
      expect(property.type, id).toBe('string');
      // Exactly one value source: the LLM's, by the description.
      expect(property.description, id).toMatch(/language the call was held in/);
      expect(
        property.dynamic_variable ?? property.constant_value ?? property.is_system_provided,
        id,
      ).toBeUndefined();
    }
    expect(dataCollection.child_2_wishes?.description).toMatch(/no child 2/);
    expect(dataCollection.child_1_wishes?.description).toMatch(/never a sibling's/);
  });

  it('is judged by the four criteria, each a prompt with a clear goal', () => {
    // Act
    const criteria = wireAgent().platform_settings?.evaluation?.criteria ?? [];

    // Assert
    expect(criteria.map((criterion) => criterion.id)).toEqual([
      'stayed_in_character',
      'asked_no_personal_details',
      'no_promise_beyond_budget',
      'disclosed_ai_voice',
    ]);
    expect(criteria.map((criterion) => criterion.id)).toEqual([...santaCriterionIds]);
    for (const criterion of criteria) {
      expect(criterion.type, criterion.id).toBe('prompt');
      expect(criterion.name, criterion.id).not.toBe('');
      expect(criterion.conversation_goal_prompt, criterion.id).toMatch(/Success if .+ Failure/s);
    }
  });

  it('is what the agent sends', () => {
    expect(santaAgent.platformSettings.dataCollection).toBe(santaDataCollection);
    expect(santaAgent.platformSettings.evaluation.criteria).toEqual(santaEvaluationCriteria);
  });
});
