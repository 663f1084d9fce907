import { MockLanguageModelV1 } from "ai/test";

/**
 * 0.x adaptation: @mastra/core 0.x runs AI SDK 4 (v1) models, so the deterministic model is the
 * AI SDK's own MockLanguageModelV1 instead of the quickstart's hand-written v3 model.
 */
export function localModel() {
  return new MockLanguageModelV1({
    defaultObjectGenerationMode: "json",
    doGenerate: async () => ({
      rawCall: { rawPrompt: null, rawSettings: {} },
      finishReason: "stop",
      usage: { promptTokens: 10, completionTokens: 10 },
      text: "(local model) It is sunny.",
    }),
  });
}
