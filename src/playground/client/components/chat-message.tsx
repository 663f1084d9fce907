/** One chat message: its text, and each tool call with its arguments and result (or error). */
import type { ChatMessage, ToolPart } from "../chat-model.js";

function json(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

function ToolCall({ part }: { part: ToolPart }) {
  const state = part.state === "call" ? "running…" : part.state === "error" ? "failed" : "done";
  return (
    <details class="tool-call" open data-tool-call={part.toolName}>
      <summary>
        Tool <strong>{part.toolName}</strong> <span class={`state${part.state === "result" ? " done" : ""}`}>{state}</span>
      </summary>
      <div class="muted">Arguments</div>
      <pre class="code" aria-label={`${part.toolName} arguments`}>
        {json(part.args)}
      </pre>
      {part.state === "result" && (
        <>
          <div class="muted">Result</div>
          <pre class="code" aria-label={`${part.toolName} result`}>
            {json(part.result)}
          </pre>
        </>
      )}
      {part.state === "error" && <p class="field-error">{part.error}</p>}
    </details>
  );
}

export function ChatMessageView({ message, agentName, streaming }: { message: ChatMessage; agentName: string; streaming?: boolean }) {
  return (
    <article class={`msg ${message.role}`} aria-label={message.role === "user" ? "You" : agentName} data-streaming={streaming ? "true" : undefined}>
      <span class="who">{message.role === "user" ? "You" : agentName}</span>
      {message.parts.map((part, i) => (part.type === "text" ? <span key={i}>{part.text}</span> : <ToolCall key={part.toolCallId} part={part} />))}
      {streaming && message.parts.length === 0 && <span class="muted">Thinking…</span>}
      {message.ended === "stopped" && <p class="muted">(stopped)</p>}
      {message.ended === "error" && (
        <p class="field-error" role="alert">
          {message.error ?? "The reply failed."}
        </p>
      )}
    </article>
  );
}
