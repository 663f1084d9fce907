/**
 * The chat's messages as the page keeps them, built from two sources that must read the same: a
 * thread's stored messages (`uiMessages` of GET /api/memory/threads/:id/messages) and the parts
 * of a live reply (the AI SDK's `fullStream` parts that POST /api/agents/:id/stream sends as
 * server-sent events).
 */

export interface ToolPart {
  type: "tool";
  toolCallId: string;
  toolName: string;
  args?: unknown;
  /** "call": running; "result": `result` holds the output; "error": `error` says why. */
  state: "call" | "result" | "error";
  result?: unknown;
  error?: string;
}

export type ChatPart = { type: "text"; text: string } | ToolPart;

export interface ChatMessage {
  id: string;
  role: "user" | "assistant";
  parts: ChatPart[];
  /** Set on a reply that did not finish: stopped by the user, or the stream failed. */
  ended?: "stopped" | "error";
  error?: string;
}

/** An id that works outside a secure context too (crypto.randomUUID needs one). */
export function newId(): string {
  return typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function textOf(message: ChatMessage): string {
  return message.parts.map((p) => (p.type === "text" ? p.text : "")).join("");
}

interface StoredPart {
  type: string;
  text?: string;
  toolInvocation?: { toolCallId: string; toolName: string; args?: unknown; state: string; result?: unknown };
}

interface StoredUIMessage {
  id: string;
  role: string;
  content?: string;
  parts?: StoredPart[];
}

/** A thread's stored messages; system and tool messages are folded in or left out, as Mastra's playground shows them. */
export function fromStored(uiMessages: StoredUIMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of uiMessages) {
    if (m.role !== "user" && m.role !== "assistant") continue;
    const parts: ChatPart[] = [];
    for (const p of m.parts ?? [{ type: "text", text: m.content ?? "" }]) {
      if (p.type === "text" && p.text) parts.push({ type: "text", text: p.text });
      if (p.type === "tool-invocation" && p.toolInvocation) {
        const t = p.toolInvocation;
        parts.push({ type: "tool", toolCallId: t.toolCallId, toolName: t.toolName, args: t.args, state: t.state === "result" ? "result" : "call", result: t.result });
      }
    }
    out.push({ id: m.id, role: m.role, parts });
  }
  return out;
}

/** One stream part applied to the reply being built (a new object when it changed). */
export function applyPart(message: ChatMessage, part: Record<string, unknown>): ChatMessage {
  switch (part.type) {
    case "text-delta": {
      const text = String(part.text ?? part.delta ?? "");
      if (!text) return message;
      const parts = [...message.parts];
      const last = parts[parts.length - 1];
      if (last?.type === "text") parts[parts.length - 1] = { type: "text", text: last.text + text };
      else parts.push({ type: "text", text });
      return { ...message, parts };
    }
    case "tool-call":
      return {
        ...message,
        parts: [...message.parts, { type: "tool", toolCallId: String(part.toolCallId), toolName: String(part.toolName), args: part.input ?? part.args, state: "call" }],
      };
    case "tool-result":
    case "tool-error": {
      const failed = part.type === "tool-error";
      return {
        ...message,
        parts: message.parts.map((p) =>
          p.type === "tool" && p.toolCallId === part.toolCallId
            ? { ...p, state: failed ? "error" : "result", result: failed ? undefined : (part.output ?? part.result), error: failed ? errorText(part.error) : undefined }
            : p,
        ),
      };
    }
    case "error":
      return { ...message, ended: "error", error: errorText(part.error) };
    default:
      return message;
  }
}

function errorText(error: unknown): string {
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}
