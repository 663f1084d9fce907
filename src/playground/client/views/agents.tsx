/** Agents: the list with each agent's model and tools, and a chat with the one picked. */
import { getJson } from "../api.js";
import { ErrorBox } from "../components/error-box.js";
import { ItemList } from "../components/item-list.js";
import { useLoad } from "../components/use-load.js";
import { href } from "../routes.js";
import { Chat } from "./chat.js";
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
  const toolNames = (a: AgentInfo) => Object.keys(a.tools).join(", ") || "none";
  const agent = agentId ? list.data?.[agentId] : undefined;
  return (
    <div class="split">
      <ItemList label="Agents" section="agents" items={items} currentId={agentId} />
      <section class={`detail${agent ? " agent-detail" : ""}`} aria-label="Agent">
        {list.error ? (
          <ErrorBox error={list.error} title="Could not list the agents" />
        ) : agent ? (
          <>
            <div class="agent-head">
              <h1>{agent.name}</h1>
              <p class="muted">
                Model: {modelOf(agent)} · Tools: {toolNames(agent)}
              </p>
              {agent.instructions && (
                <details class="instructions">
                  <summary>Instructions</summary>
                  <p>{agent.instructions}</p>
                </details>
              )}
            </div>
            <Chat key={agentId} agentId={agentId!} agentName={agent.name || agentId!} reloadKey={reloadKey} />
          </>
        ) : list.data && agentId ? (
          <p>No agent “{agentId}” in this app.</p>
        ) : list.data && items.length ? (
          <table>
            <caption>Pick an agent to chat with it.</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Model</th>
                <th scope="col">Tools</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(list.data).map(([id, a]) => (
                <tr key={id}>
                  <td>
                    <a href={href("agents", id)}>{a.name || id}</a>
                  </td>
                  <td>{modelOf(a)}</td>
                  <td>{toolNames(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{list.loading ? "Loading…" : "This app has no agents."}</p>
        )}
      </section>
    </div>
  );
}
