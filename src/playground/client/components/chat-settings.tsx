/**
 * A chat's settings: temperature, max steps and the request context (a JSON object the server
 * puts in the request context, where tools read it). Kept per agent in localStorage as typed, so
 * a half-written JSON survives a reload; `callOptions` turns them into the stream body's fields.
 */
import { useEffect, useRef } from "preact/hooks";

export interface ChatSettingsValue {
  temperature: string;
  maxSteps: string;
  requestContext: string;
}

const EMPTY: ChatSettingsValue = { temperature: "", maxSteps: "", requestContext: "" };
const key = (agentId: string) => `mastra-playground:chat:${agentId}`;

export function loadChatSettings(agentId: string): ChatSettingsValue {
  try {
    return { ...EMPTY, ...(JSON.parse(localStorage.getItem(key(agentId)) ?? "{}") as Partial<ChatSettingsValue>) };
  } catch {
    return EMPTY;
  }
}

export function saveChatSettings(agentId: string, value: ChatSettingsValue): void {
  localStorage.setItem(key(agentId), JSON.stringify(value));
}

/** The body fields for these settings, or the problem with the request context JSON. */
export function callOptions(value: ChatSettingsValue): { options: Record<string, unknown> } | { error: string } {
  const options: Record<string, unknown> = {};
  if (value.temperature.trim() !== "") options.temperature = Number(value.temperature);
  if (value.maxSteps.trim() !== "") options.maxSteps = Number(value.maxSteps);
  const text = value.requestContext.trim();
  if (text) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { error: `Request context is not JSON: ${(error as Error).message}` };
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { error: "Request context must be a JSON object, like {\"units\": \"fahrenheit\"}" };
    options.requestContext = parsed;
  }
  return { options };
}

export function ChatSettings({ value, onChange, error }: { value: ChatSettingsValue; onChange: (value: ChatSettingsValue) => void; error?: string }) {
  const details = useRef<HTMLDetailsElement>(null);
  // Open (never close) the panel to show a problem; otherwise it stays as the person left it.
  useEffect(() => {
    if (error && details.current) details.current.open = true;
  }, [error]);
  const set = (field: keyof ChatSettingsValue) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [field]: e.currentTarget.value });
  return (
    <details class="chat-settings" ref={details}>
      <summary>Chat settings</summary>
      <div class="grid">
        <div class="field">
          <label for="chat-temperature">Temperature</label>
          <input id="chat-temperature" type="number" min={0} max={2} step={0.1} placeholder="model default" value={value.temperature} onInput={set("temperature")} />
        </div>
        <div class="field">
          <label for="chat-max-steps">Max steps</label>
          <input id="chat-max-steps" type="number" min={1} max={100} step={1} placeholder="default" value={value.maxSteps} onInput={set("maxSteps")} />
        </div>
        <div class="field wide">
          <label for="chat-request-context">Request context (JSON object)</label>
          <textarea
            id="chat-request-context"
            class="code"
            rows={3}
            spellcheck={false}
            placeholder='{"units": "fahrenheit"}'
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "chat-request-context-error" : "chat-request-context-hint"}
            value={value.requestContext}
            onInput={set("requestContext")}
          />
          <span id="chat-request-context-hint" class="hint">
            Sent as <code>requestContext</code>: tools read these values from their request context.
          </span>
          {error && (
            <span id="chat-request-context-error" class="field-error" role="alert">
              {error}
            </span>
          )}
        </div>
      </div>
    </details>
  );
}
