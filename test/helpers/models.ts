import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content } from "@ai-sdk/provider";

/**
 * A scripted model for tests: each call takes the next reply from the script (text, or a tool call),
 * and records what it was called with. `waitForAbort` makes a call hang until its signal aborts.
 */
export function scriptedModel(script: (LanguageModelV3Content[] | "waitForAbort")[]) {
  const calls: LanguageModelV3CallOptions[] = [];
  const aborted: unknown[] = [];
  let i = 0;
  const next = async (options: LanguageModelV3CallOptions): Promise<LanguageModelV3Content[]> => {
    calls.push(options);
    const step = script[Math.min(i++, script.length - 1)];
    if (step === "waitForAbort") {
      await new Promise<never>((_, reject) => {
        const signal = options.abortSignal;
        if (!signal) return;
        signal.addEventListener("abort", () => {
          aborted.push(signal.reason);
          reject(signal.reason);
        });
      });
    }
    return step as LanguageModelV3Content[];
  };
  const model: LanguageModelV3 = {
    specificationVersion: "v3",
    provider: "test",
    modelId: "scripted",
    supportedUrls: {},
    async doGenerate(options) {
      const content = await next(options);
      const toolCall = content.some((c) => c.type === "tool-call");
      return {
        content,
        finishReason: { unified: toolCall ? "tool-calls" : "stop", raw: undefined },
        usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
        warnings: [],
      };
    },
    async doStream(options) {
      const content = await next(options);
      return {
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({ type: "stream-start", warnings: [] });
            for (const c of content) {
              if (c.type === "text") {
                controller.enqueue({ type: "text-start", id: "1" });
                controller.enqueue({ type: "text-delta", id: "1", delta: c.text });
                controller.enqueue({ type: "text-end", id: "1" });
              } else controller.enqueue(c as never);
            }
            controller.enqueue({
              type: "finish",
              finishReason: { unified: "stop", raw: undefined },
              usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
            });
            controller.close();
          },
        }),
      };
    },
  };
  return { model, calls, aborted };
}

export const text = (t: string): LanguageModelV3Content[] => [{ type: "text", text: t }];
export const toolCall = (toolName: string, input: unknown, id = "call-1"): LanguageModelV3Content[] => [
  { type: "tool-call", toolCallId: id, toolName, input: JSON.stringify(input) },
];

/**
 * A deterministic model that shows what it remembers: it answers every call with the last user
 * message and the earlier user messages it was given ("Earlier you said: …"), so a test can see
 * from the reply alone whether a thread's history reached the model.
 */
export function recallModel(): LanguageModelV3 {
  const reply = (options: LanguageModelV3CallOptions) => {
    const said = options.prompt.flatMap((m) => (m.role === "user" ? [m.content.map((p) => (p.type === "text" ? p.text : "")).join("")] : []));
    const last = said.pop() ?? "";
    return text(said.length ? `You said: ${last} Earlier you said: ${said.join(" | ")}` : `You said: ${last}`);
  };
  return {
    ...scriptedModel([]).model,
    modelId: "recall",
    doGenerate: (options) => scriptedModel([reply(options)]).model.doGenerate(options),
    doStream: (options) => scriptedModel([reply(options)]).model.doStream(options),
  };
}
