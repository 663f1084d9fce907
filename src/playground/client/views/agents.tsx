/** Agents: the list with each agent's model and tools, and a chat with the one picked. */
import { getJson } from "../api.js";
import { ErrorBox } from "../components/error-box.js";
import { ItemList } from "../components/item-list.js";
import { useLoad } from "../components/use-load.js";
import type { ToolInfo } from "./tools.js";

export interface AgentInfo {
  name: string;
  instructions?: string;
  tools: Record<string, ToolInfo>;
  provider?: string;
  modelId?: string;
}

export function modelOf(agent: AgentInfo): string {
  return [agent.provider, agent.modelId].filter(Boolean).join(" / ") || "unknown model";
}

export function AgentsView({ agentId, reloadKey }: { agentId?: string; reloadKey: number }) {
  const list = useLoad((signal) => getJson<Record<string, AgentInfo>>("/api/agents", signal), [reloadKey]);
  const items = Object.entries(list.data ?? {}).map(([id, a]) => ({ id, title: a.name || id, detail: modelOf(a) }));
  const agent = agentId ? list.data?.[agentId] : undefined;
  return (
    <div class="split">
      <ItemList label="Agents" section="agents" items={items} currentId={agentId} />
      <section class="detail" aria-label="Agent">
        {list.error ? (
          <ErrorBox error={list.error} title="Could not list the agents" />
        ) : agent ? (
          <>
            <h1>{agent.name}</h1>
            <p class="muted">
              {modelOf(agent)} · tools: {Object.keys(agent.tools).join(", ") || "none"}
            </p>
          </>
        ) : list.data && agentId ? (
          <p>No agent “{agentId}” in this app.</p>
        ) : (
          <p class="muted">{list.loading ? "Loading…" : "Pick an agent to chat with it."}</p>
        )}
      </section>
    </div>
  );
}
