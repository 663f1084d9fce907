import { createModel, localModel, type ModelCallOptions, type ModelContent } from "../../src/core/models.js";

/**
 * A scripted model for tests: each call takes the next reply from the script (text, or a tool call),
 * and records what it was called with. `waitForAbort` makes a call hang until its signal aborts.
 * Built on the same createModel as the public local model (mastra-deploy/models).
 */
export function scriptedModel(script: (ModelContent | "waitForAbort")[]) {
  const calls: ModelCallOptions[] = [];
  const aborted: unknown[] = [];
  let i = 0;
  const model = createModel(
    async (options) => {
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
      return step as ModelContent;
    },
    { provider: "test", modelId: "scripted" },
  );
  return { model, calls, aborted };
}

export const text = (t: string): ModelContent => [{ type: "text", text: t }];
export const toolCall = (toolName: string, input: unknown, id = "call-1"): ModelContent => [
  { type: "tool-call", toolCallId: id, toolName, input: JSON.stringify(input) },
];

/**
 * A deterministic model that shows what it remembers: it answers every call with the last user
 * message and the earlier user messages it was given ("Earlier you said: …"), so a test can see
 * from the reply alone whether a thread's history reached the model.
 */
export function recallModel() {
  return localModel({
    modelId: "recall",
    reply: (last, earlier) => (earlier.length ? `You said: ${last} Earlier you said: ${earlier.join(" | ")}` : `You said: ${last}`),
  });
}
