/**
 * `mastra-deploy/models`: deterministic language models that run with no network and no API key,
 * for trying an app locally, for tests and for CI. They are plain AI SDK 6 models (spec v3), so an
 * agent cannot tell them from a provider's:
 *
 *   model: process.env.OPENAI_API_KEY ? openai("gpt-4o-mini") : localModel()
 */
import type { LanguageModel } from "ai";

/** The AI SDK's model interface (spec v3), taken from `ai` itself so no second package is needed. */
export type LanguageModelV3 = Extract<LanguageModel, { specificationVersion: "v3" }>;
export type ModelCallOptions = Parameters<LanguageModelV3["doGenerate"]>[0];
export type ModelContent = Awaited<ReturnType<LanguageModelV3["doGenerate"]>>["content"];
type StreamPart = Awaited<ReturnType<LanguageModelV3["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;

/**
 * A model whose every call is answered by `respond` (text parts and tool calls). Generation and
 * streaming give the same content; streamed text arrives word by word, as a provider's would.
 */
export function createModel(
  respond: (options: ModelCallOptions) => ModelContent | Promise<ModelContent>,
  info: { provider?: string; modelId?: string } = {},
): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: info.provider ?? "local",
    modelId: info.modelId ?? "local",
    supportedUrls: {},
    async doGenerate(options) {
      options.abortSignal?.throwIfAborted();
      const content = await respond(options);
      return { content, finishReason: finish(content), usage: usage(), warnings: [] };
    },
    async doStream(options) {
      options.abortSignal?.throwIfAborted();
      const content = await respond(options);
      const parts: StreamPart[] = [{ type: "stream-start", warnings: [] }];
      content.forEach((item, i) => {
        if (item.type === "text") {
          const id = `t${i}`;
          parts.push({ type: "text-start", id });
          for (const word of item.text.split(/(?<= )/)) parts.push({ type: "text-delta", id, delta: word });
          parts.push({ type: "text-end", id });
        } else {
          parts.push(item as StreamPart);
        }
      });
      parts.push({ type: "finish", finishReason: finish(content), usage: usage() });
      return {
        stream: new ReadableStream<StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      };
    },
  };
}

export interface LocalModelOptions {
  /**
   * Tool calls to make: when the last user message matches `match` and the agent has `tool`, the
   * model calls it with `input(match)`. After the tool ran, the model answers with `answer`.
   */
  toolCalls?: { match: RegExp; tool: string; input: (match: RegExpExecArray) => unknown }[];
  /** The answer once a tool returned; default: "<tool> returned <JSON of its output>". */
  answer?: (result: { toolName: string; output: any }) => string;
  /**
   * The answer to a message no tool call matched; default: "(local model) You said: <message>".
   * `earlier` are the user's earlier messages in the prompt, oldest first (a thread's history when
   * the agent has memory), so a reply can show what the model was given.
   */
  reply?: (message: string, earlier: string[]) => string;
  /** What `GET /api/agents` shows as the model id; default "deterministic". */
  modelId?: string;
}

/**
 * A deterministic local model: it echoes the user (or answers with `reply`), and calls tools by
 * rule (`toolCalls`) then answers from their result. Swap in a provider's model when a key is set.
 */
export function localModel(options: LocalModelOptions = {}): LanguageModelV3 {
  return createModel((call) => {
    const last = call.prompt[call.prompt.length - 1];
    if (last?.role === "tool") {
      const result = last.content.find((p) => p.type === "tool-result");
      if (result && result.type === "tool-result") {
        const output = "value" in result.output ? result.output.value : undefined;
        const answer = options.answer ?? (({ toolName, output: value }) => `${toolName} returned ${JSON.stringify(value)}`);
        return [{ type: "text", text: answer({ toolName: result.toolName, output }) }];
      }
    }
    const said = userTexts(call);
    const message = said.pop() ?? "";
    for (const rule of options.toolCalls ?? []) {
      const match = rule.match.exec(message);
      const hasTool = call.tools?.some((t) => t.type === "function" && t.name === rule.tool);
      if (match && hasTool) return [{ type: "tool-call", toolCallId: "call-1", toolName: rule.tool, input: JSON.stringify(rule.input(match)) }];
    }
    return [{ type: "text", text: options.reply ? options.reply(message, said) : `(local model) You said: ${message}` }];
  }, { provider: "local", modelId: options.modelId ?? "deterministic" });
}

/** The text of every user message in the prompt, oldest first. */
function userTexts(call: ModelCallOptions): string[] {
  return call.prompt.flatMap((m) => (m.role === "user" ? [m.content.map((p) => (p.type === "text" ? p.text : "")).join(" ").trim()] : []));
}

function finish(content: ModelContent) {
  const unified = content.some((c) => c.type === "tool-call") ? ("tool-calls" as const) : ("stop" as const);
  return { unified, raw: unified };
}

function usage() {
  return {
    inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 10, text: 10, reasoning: 0 },
  };
}
