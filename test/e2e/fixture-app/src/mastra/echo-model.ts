// A deterministic model: calls the `shout` tool when asked to shout, else echoes the user.
// Streamed, it sends the answer word by word; asked to "stream forever" it keeps sending until
// its abortSignal fires (a client that went away), which it counts in `streamState`.
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content, LanguageModelV3StreamPart } from "@ai-sdk/provider";

/** What streams the model saw, per isolate/process, so a later request can report it. */
export const streamState = { started: 0, aborted: 0 };

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
    async doStream(o) {
      const content = respond(o);
      const forever = content.length === 1 && content[0]!.type === "text" && content[0]!.text === "echo: stream forever";
      const words = content.flatMap((c) => (c.type === "text" ? c.text.split(/(?= )/) : []));
      const signal = o.abortSignal;
      streamState.started++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          for (const c of content) if (c.type === "tool-call") controller.enqueue(c);
          controller.enqueue({ type: "text-start", id: "t" });
          for (const w of words) controller.enqueue({ type: "text-delta", id: "t", delta: w });
          if (!forever) {
            controller.enqueue({ type: "text-end", id: "t" });
            controller.enqueue({ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage() });
            controller.close();
            return;
          }
          // Tick until aborted: only a disconnect that reaches the model ends this stream.
          await new Promise<void>((resolve) => {
            const tick = () => {
              if (signal?.aborted) return resolve();
              controller.enqueue({ type: "text-delta", id: "t", delta: " tick" });
              timer = setTimeout(tick, 50);
            };
            signal?.addEventListener("abort", () => resolve(), { once: true });
            tick();
          });
          clearTimeout(timer);
          streamState.aborted++;
          controller.error(signal?.reason ?? new Error("aborted"));
        },
        cancel() {
          clearTimeout(timer);
        },
      });
      return { stream };
    },
  };
}
