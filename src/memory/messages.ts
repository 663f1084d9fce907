import type { ModelMessage } from "ai";
import type { UIMessageSummary } from "../core/memory.js";
import type { MessageRole, StorageMessage } from "../core/storage/types.js";

type Part = Record<string, any>;

/** One message of a turn as it is stored: AI SDK content made JSON-safe, and Mastra's v1 `type` tag. */
export function toStorageMessage(message: ModelMessage, ids: { id: string; threadId: string; resourceId: string }, createdAt: Date): StorageMessage {
  const content = jsonSafe(message.content);
  return { ...ids, role: message.role, content, type: typeTag(message.role, content), createdAt };
}

function typeTag(role: MessageRole, content: unknown): string {
  if (role === "tool") return "tool-result";
  if (Array.isArray(content) && content.some((p: Part) => p?.type === "tool-call")) return "tool-call";
  return "text";
}

/** Binary parts (images, files) become base64 strings, URLs their text, so every store can keep them as JSON. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? toBase64(v) : v instanceof ArrayBuffer ? toBase64(new Uint8Array(v)) : v)),
  );
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Stored messages back to model messages, oldest first. Accepts what this runtime saves and what
 * clients save through `POST /api/memory/save-messages`: Mastra v1 (AI SDK v4 parts: `args`,
 * `result`) and v2 (`{ format: 2, parts }` with `tool-invocation` parts).
 */
export function toModelMessages(stored: StorageMessage[]): ModelMessage[] {
  return consistent(stored.flatMap(toModel));
}

function toModel(m: StorageMessage): ModelMessage[] {
  const content = m.content as any;
  if (content && typeof content === "object" && !Array.isArray(content) && Array.isArray(content.parts)) return fromV2(m.role, content.parts);
  if (typeof content === "string") return m.role === "tool" ? [] : [{ role: m.role, content } as ModelMessage];
  if (!Array.isArray(content)) return [];
  const parts = content.map(normalizePart).filter((p): p is Part => p !== undefined);
  return parts.length ? [{ role: m.role, content: m.role === "system" ? textOf(parts) : parts } as ModelMessage] : [];
}

function normalizePart(part: Part): Part | undefined {
  if (!part || typeof part !== "object") return undefined;
  if (part.type === "tool-call") return { type: "tool-call", toolCallId: part.toolCallId, toolName: part.toolName, input: part.input ?? part.args ?? {} };
  if (part.type === "tool-result") {
    const output = part.output ?? { type: "json", value: part.result ?? null };
    return { type: "tool-result", toolCallId: part.toolCallId, toolName: part.toolName, output };
  }
  return part;
}

function fromV2(role: MessageRole, parts: Part[]): ModelMessage[] {
  if (role !== "assistant") {
    const text = textOf(parts);
    return text ? [{ role, content: text } as ModelMessage] : [];
  }
  const content: Part[] = [];
  const results: Part[] = [];
  for (const part of parts) {
    if (part?.type === "text") content.push({ type: "text", text: part.text });
    else if (part?.type === "tool-invocation" && part.toolInvocation) {
      const { toolCallId, toolName, args, result, state } = part.toolInvocation;
      content.push({ type: "tool-call", toolCallId, toolName, input: args ?? {} });
      if (state === "result") results.push({ type: "tool-result", toolCallId, toolName, output: { type: "json", value: result ?? null } });
    }
  }
  const out: ModelMessage[] = [];
  if (content.length) out.push({ role: "assistant", content } as ModelMessage);
  if (results.length) out.push({ role: "tool", content: results } as ModelMessage);
  return out;
}

function textOf(parts: Part[]): string {
  return parts
    .filter((p) => p?.type === "text" && typeof p.text === "string")
    .map((p) => p.text)
    .join("");
}

/**
 * A window of history may start after a tool call or (for messages saved by a client) hold a call
 * without its result; models reject both. Keep only calls and results that have their partner.
 */
function consistent(messages: ModelMessage[]): ModelMessage[] {
  const calls = new Set<string>();
  const results = new Set<string>();
  for (const m of messages) {
    if (!Array.isArray(m.content)) continue;
    for (const p of m.content as Part[]) {
      if (p.type === "tool-call") calls.add(p.toolCallId);
      if (p.type === "tool-result") results.add(p.toolCallId);
    }
  }
  const out: ModelMessage[] = [];
  for (const m of messages) {
    if (!Array.isArray(m.content)) {
      out.push(m);
      continue;
    }
    const kept = (m.content as Part[]).filter(
      (p) => (p.type !== "tool-call" || results.has(p.toolCallId)) && (p.type !== "tool-result" || calls.has(p.toolCallId)),
    );
    if (kept.length) out.push({ ...m, content: kept } as ModelMessage);
  }
  return out;
}

/** The AI SDK v4 UI messages `@mastra/client-js` reads: one per user message, one per assistant turn with its tool invocations. */
export function toUIMessages(stored: StorageMessage[]): UIMessageSummary[] {
  const out: UIMessageSummary[] = [];
  for (const m of stored) {
    const model = toModel(m);
    for (const message of model) {
      const parts: Part[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : (message.content as Part[]);
      const last = out[out.length - 1];
      if (message.role === "tool") {
        if (last?.role !== "assistant") continue;
        for (const p of parts) {
          const invocation = last.parts.find((q: Part) => q.type === "tool-invocation" && q.toolInvocation.toolCallId === p.toolCallId) as Part | undefined;
          if (invocation) invocation.toolInvocation = { ...invocation.toolInvocation, state: "result", result: p.output?.value ?? p.output };
        }
        continue;
      }
      const uiParts = parts.flatMap((p): Part[] =>
        p.type === "text"
          ? [{ type: "text", text: p.text }]
          : p.type === "tool-call"
            ? [{ type: "tool-invocation", toolInvocation: { state: "call", toolCallId: p.toolCallId, toolName: p.toolName, args: p.input } }]
            : [],
      );
      if (message.role === "assistant" && last?.role === "assistant") {
        last.parts.push(...uiParts);
        last.content += textOf(uiParts);
        continue;
      }
      out.push({ id: m.id, role: message.role, content: textOf(uiParts), createdAt: m.createdAt, parts: uiParts });
    }
  }
  return out;
}

/** The first user message's text, for a thread title. */
export function firstUserText(messages: ModelMessage[]): string {
  const user = messages.find((m) => m.role === "user");
  if (!user) return "";
  return typeof user.content === "string" ? user.content : textOf(user.content as Part[]);
}
