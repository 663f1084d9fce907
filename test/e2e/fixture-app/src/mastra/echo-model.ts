// A deterministic model: calls the `shout` tool when asked to shout, else echoes the user.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content } from "@ai-sdk/provider";

const usage = () => ({
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
});

function respond(o: LanguageModelV3CallOptions): LanguageModelV3Content[] {
  const last = o.prompt[o.prompt.length - 1];
  if (last?.role === "tool") {
    const part = last.content.find((p) => p.type === "tool-result");
    if (part && part.type === "tool-result" && part.output.type === "json") {
      return [{ type: "text", text: `tool says ${(part.output.value as { loud: string }).loud}` }];
    }
  }
  const user = [...o.prompt].reverse().find((m) => m.role === "user");
  const text = user && user.role === "user" ? user.content.map((p) => (p.type === "text" ? p.text : "")).join("") : "";
  const m = /^shout (.+)$/.exec(text);
  if (m) return [{ type: "tool-call", toolCallId: "c1", toolName: "shoutTool", input: JSON.stringify({ text: m[1] }) }];
  return [{ type: "text", text: `echo: ${text}` }];
}

export function echoModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "test",
    modelId: "echo",
    supportedUrls: {},
    async doGenerate(o) {
      o.abortSignal?.throwIfAborted();
      const content = respond(o);
      const unified = content.some((c) => c.type === "tool-call") ? ("tool-calls" as const) : ("stop" as const);
      return { content, finishReason: { unified, raw: unified }, usage: usage(), warnings: [] };
    },
    async doStream() {
      throw new Error("not used by the conformance suite");
    },
  };
}
