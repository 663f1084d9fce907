/**
 * The keyless model of the template peer, equivalent to mastra-deploy's `localModel` with a
 * weather rule: "weather in <place>" calls the weather tool, its result is answered in one
 * sentence, anything else is echoed. Written against the AI SDK 5 model spec (v2), which
 * @mastra/core 0.24's `agent.generate`/`agent.stream` require; no package of its own.
 */
type Part = { type: string; [key: string]: any };

const WEATHER = /weather (?:in|for) ([\p{L} .'-]+?)[?.!]*$/iu;

function respond(options: any): Part[] {
  const prompt: any[] = options.prompt;
  const last = prompt[prompt.length - 1];
  if (last?.role === "tool") {
    const result = last.content.find((p: Part) => p.type === "tool-result");
    const output = result?.output?.value ?? {};
    return [{ type: "text", text: `It is ${output.temperature}°C and ${String(output.conditions).toLowerCase()} in ${output.location}.` }];
  }
  const user = [...prompt].reverse().find((m) => m.role === "user");
  const message = (user?.content ?? []).map((p: Part) => (p.type === "text" ? p.text : "")).join(" ").trim();
  const match = WEATHER.exec(message);
  const tool = options.tools?.find((t: Part) => t.type === "function" && /weather/i.test(t.name));
  if (match && tool) return [{ type: "tool-call", toolCallId: "call-1", toolName: tool.name, input: JSON.stringify({ location: match[1].trim() }) }];
  return [{ type: "text", text: `(local model) You said: ${message}` }];
}

const usage = { inputTokens: 10, outputTokens: 10, totalTokens: 20 };
const finish = (content: Part[]) => (content.some((c) => c.type === "tool-call") ? "tool-calls" : "stop");

export function localModel(): any {
  return {
    specificationVersion: "v2",
    provider: "local",
    modelId: "deterministic-weather",
    supportedUrls: {},
    async doGenerate(options: any) {
      const content = respond(options);
      return { content, finishReason: finish(content), usage, warnings: [] };
    },
    async doStream(options: any) {
      const content = respond(options);
      const parts: Part[] = [{ type: "stream-start", warnings: [] }];
      content.forEach((item, i) => {
        if (item.type !== "text") return void parts.push(item);
        parts.push({ type: "text-start", id: `t${i}` });
        for (const word of item.text.split(/(?<= )/)) parts.push({ type: "text-delta", id: `t${i}`, delta: word });
        parts.push({ type: "text-end", id: `t${i}` });
      });
      parts.push({ type: "finish", finishReason: finish(content), usage });
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
