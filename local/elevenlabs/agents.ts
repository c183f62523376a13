import { notFound } from './errors.ts';
import { newIds } from './ids.ts';
import type { CreateAgentRequest, UpdateAgentRequest } from './requests.ts';
import type { StoredAgent } from './store.ts';

type Config = Record<string, unknown>;

function isPlainObject(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ElevenLabs merges a PATCH into the agent: objects field by field, anything else replaced. */
function merge(base: Config, patch: Config): Config {
  const merged: Config = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
  }
  return merged;
}

/** The agents made through the API, kept in the emulator's state. */
export class AgentRegistry {
  constructor(private readonly agents: Map<string, StoredAgent>) {}

  create(request: CreateAgentRequest): StoredAgent {
    const now = Math.floor(Date.now() / 1000);
    const agent: StoredAgent = {
      agent_id: newIds.agent(),
      name: request.name ?? 'Untitled agent',
      tags: request.tags ?? [],
      conversation_config: request.conversation_config,
      platform_settings: request.platform_settings ?? {},
      created_at_unix_secs: now,
      updated_at_unix_secs: now,
    };
    this.agents.set(agent.agent_id, agent);
    return agent;
  }

  update(agentId: string, request: UpdateAgentRequest): StoredAgent {
    const agent = this.get(agentId);
    if (request.name != null) agent.name = request.name;
    if (request.tags != null) agent.tags = request.tags;
    if (request.conversation_config) {
      agent.conversation_config = merge(agent.conversation_config, request.conversation_config);
    }
    if (request.platform_settings) {
      agent.platform_settings = merge(agent.platform_settings, request.platform_settings);
    }
    agent.updated_at_unix_secs = Math.floor(Date.now() / 1000);
    return agent;
  }

  get(agentId: string): StoredAgent {
    const agent = this.agents.get(agentId);
    if (!agent) throw notFound('agent_not_found', `Agent ${agentId} was not found.`);
    return agent;
  }
}

/** `GET /v1/convai/agents/{agent_id}`. */
export function agentView(agent: StoredAgent) {
  return {
    agent_id: agent.agent_id,
    name: agent.name,
    tags: agent.tags,
    conversation_config: agent.conversation_config,
    platform_settings: agent.platform_settings,
    metadata: {
      created_at_unix_secs: agent.created_at_unix_secs,
      updated_at_unix_secs: agent.updated_at_unix_secs,
    },
  };
}
