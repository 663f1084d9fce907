/**
 * mastra-deploy's `localModel` (src/core/models.ts), the same options and rules, written against
 * the AI SDK 5 model spec (v2) that @mastra/core 0.24's `agent.generate`/`agent.stream` require.
 * The template's own local-model.ts imports `localModel` from here instead of
 * "mastra-deploy/models" (an edit in bench/peers/list.mjs), so Mastra's agent gets the very rules
 * ours gets: weather questions call the tool, its result is answered in one sentence, the
 * workflow's prompt gets the activity plan, anything else is echoed with the thread's history.
 */
type Part = { type: string; [key: string]: any };

export interface LocalModelOptions {
  toolCalls?: { match: RegExp; tool: string; input: (match: RegExpExecArray) => unknown }[];
  answer?: (result: { toolName: string; output: any }) => string;
  reply?: (message: string, earlier: string[]) => string;
  modelId?: string;
}

const usage = { inputTokens: 10, outputTokens: 10, totalTokens: 20 };
const finish = (content: Part[]) => (content.some((c) => c.type === "tool-call") ? "tool-calls" : "stop");

function userTexts(prompt: any[]): string[] {
  return prompt.flatMap((m) => (m.role === "user" ? [m.content.map((p: Part) => (p.type === "text" ? p.text : "")).join(" ").trim()] : []));
}

export function localModel(options: LocalModelOptions = {}): any {
  const respond = (call: any): Part[] => {
    const last = call.prompt[call.prompt.length - 1];
    if (last?.role === "tool") {
      const result = last.content.find((p: Part) => p.type === "tool-result");
      if (result) {
        const output = result.output && "value" in result.output ? result.output.value : undefined;
        const answer = options.answer ?? (({ toolName, output: value }) => `${toolName} returned ${JSON.stringify(value)}`);
        return [{ type: "text", text: answer({ toolName: result.toolName, output }) }];
      }
    }
    const said = userTexts(call.prompt);
    const message = said.pop() ?? "";
    for (const rule of options.toolCalls ?? []) {
      const match = rule.match.exec(message);
      const hasTool = call.tools?.some((t: Part) => t.type === "function" && t.name === rule.tool);
      if (match && hasTool) return [{ type: "tool-call", toolCallId: "call-1", toolName: rule.tool, input: JSON.stringify(rule.input(match)) }];
    }
    return [{ type: "text", text: options.reply ? options.reply(message, said) : `(local model) You said: ${message}` }];
  };
  return {
    specificationVersion: "v2",
    provider: "local",
    modelId: options.modelId ?? "deterministic",
    supportedUrls: {},
    async doGenerate(call: any) {
      const content = respond(call);
      return { content, finishReason: finish(content), usage, warnings: [] };
    },
    async doStream(call: any) {
      const content = respond(call);
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
