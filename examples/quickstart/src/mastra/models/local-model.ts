import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content, LanguageModelV3StreamPart } from "@ai-sdk/provider";

/**
 * A tiny deterministic "model" so the example runs with no network and no API key.
 * It calls the weather tool when asked about the weather in a place, then answers from the
 * tool's result; anything else is echoed back. Swap in a real model by setting OPENAI_API_KEY.
 */
export function localModel(): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "local",
    modelId: "deterministic-weather",
    supportedUrls: {},
    async doGenerate(options) {
      options.abortSignal?.throwIfAborted();
      return { content: respond(options), finishReason: finish(respond(options)), usage: usage(), warnings: [] };
    },
    async doStream(options) {
      options.abortSignal?.throwIfAborted();
      const content = respond(options);
      const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
      for (const item of content) {
        if (item.type === "text") {
          parts.push({ type: "text-start", id: "t0" });
          for (const word of item.text.split(/(?<= )/)) parts.push({ type: "text-delta", id: "t0", delta: word });
          parts.push({ type: "text-end", id: "t0" });
        } else {
          parts.push(item as LanguageModelV3StreamPart);
        }
      }
      parts.push({ type: "finish", finishReason: finish(content), usage: usage() });
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

function respond(options: LanguageModelV3CallOptions): LanguageModelV3Content[] {
  const toolResult = [...options.prompt].reverse().find((m) => m.role === "tool");
  if (toolResult && toolResult.role === "tool") {
    const part = toolResult.content.find((p) => p.type === "tool-result");
    const output = part && part.type === "tool-result" && part.output.type === "json" ? (part.output.value as Record<string, unknown>) : undefined;
    if (output) {
      return [{ type: "text", text: `It is ${output.temperature}°C and ${output.conditions} in ${output.location}.` }];
    }
  }
  const userText = lastUserText(options);
  const place = /weather (?:in|for) ([\p{L} .'-]+?)[?.!]*$/iu.exec(userText)?.[1];
  const hasWeatherTool = options.tools?.some((t) => t.type === "function" && t.name === "weatherTool");
  if (place && hasWeatherTool) {
    return [{ type: "tool-call", toolCallId: "call-1", toolName: "weatherTool", input: JSON.stringify({ location: place.trim() }) }];
  }
  return [{ type: "text", text: `(local model) You said: ${userText}` }];
}

function lastUserText(options: LanguageModelV3CallOptions): string {
  const user = [...options.prompt].reverse().find((m) => m.role === "user");
  if (!user || user.role !== "user") return "";
  return user.content.map((p) => (p.type === "text" ? p.text : "")).join(" ").trim();
}

function finish(content: LanguageModelV3Content[]) {
  const unified = content.some((c) => c.type === "tool-call") ? ("tool-calls" as const) : ("stop" as const);
  return { unified, raw: unified };
}

function usage() {
  return {
    inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 10, text: 10, reasoning: 0 },
  };
}
