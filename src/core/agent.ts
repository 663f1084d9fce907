import { generateText, stepCountIs, streamText, tool as aiTool, type LanguageModel, type ModelMessage, type ToolSet } from "ai";
import { z } from "zod";
import { AGENT_OPTIONS } from "./config.js";
import { checkOptions } from "./config-options.js";
import { RequestContext } from "./request-context.js";
import type { Tool } from "./tool.js";

export type AgentMessages = string | string[] | ModelMessage[];

export interface AgentConfig {
  /** Defaults to `name`; the server addresses an agent by the key it is registered under in `new Mastra({ agents })`. */
  id?: string;
  name: string;
  instructions: string;
  /** Any AI SDK language model (v2/v3 spec) or a gateway model id string. */
  model: LanguageModel;
  tools?: Record<string, Tool<any, any, any>>;
}

export interface AgentCallOptions {
  abortSignal?: AbortSignal;
  /** Upper bound on model round-trips in the tool loop. Defaults to 5. */
  maxSteps?: number;
  requestContext?: RequestContext;
  temperature?: number;
  maxOutputTokens?: number;
}

/** A JSON-safe summary of a generation: what the HTTP API returns. */
export interface AgentGenerateResult {
  text: string;
  finishReason: string;
  usage: unknown;
  toolCalls: { toolCallId: string; toolName: string; input: unknown }[];
  toolResults: { toolCallId: string; toolName: string; input: unknown; output: unknown }[];
  steps: { text: string; finishReason: string; toolCalls: number; toolResults: number }[];
}

const DEFAULT_MAX_STEPS = 5;

export class Agent {
  readonly id: string;
  readonly name: string;
  readonly instructions: string;
  readonly model: LanguageModel;
  readonly tools: Record<string, Tool<any, any, any>>;

  constructor(config: AgentConfig) {
    checkOptions(AGENT_OPTIONS, config, { subject: `agent ${JSON.stringify(config?.name ?? "")}` });
    if (!config || typeof config.name !== "string" || config.name === "") throw new TypeError("Agent: `name` must be a non-empty string");
    if (!config.model) throw new TypeError(`Agent "${config.name}": \`model\` is required (an AI SDK language model)`);
    this.id = config.id ?? config.name;
    this.name = config.name;
    this.instructions = config.instructions ?? "";
    this.model = config.model;
    this.tools = config.tools ?? {};
  }

  getTools(): Record<string, Tool<any, any, any>> {
    return this.tools;
  }

  /** Provider and model id as the model reports them, for `GET /api/agents`. */
  describeModel(): { provider: string; modelId: string } {
    if (typeof this.model === "string") {
      const [provider, ...rest] = this.model.split("/");
      return { provider: rest.length ? provider : "gateway", modelId: rest.length ? rest.join("/") : this.model };
    }
    return { provider: this.model.provider, modelId: this.model.modelId };
  }

  async generate(messages: AgentMessages, options: AgentCallOptions = {}): Promise<AgentGenerateResult> {
    const result = await generateText(this.callSettings(messages, options));
    return {
      text: result.text,
      finishReason: result.finishReason,
      usage: result.totalUsage,
      toolCalls: result.steps.flatMap((s) => s.toolCalls.map((c) => ({ toolCallId: c.toolCallId, toolName: c.toolName, input: c.input }))),
      toolResults: result.steps.flatMap((s) =>
        s.toolResults.map((r) => ({ toolCallId: r.toolCallId, toolName: r.toolName, input: r.input, output: r.output })),
      ),
      steps: result.steps.map((s) => ({
        text: s.text,
        finishReason: s.finishReason,
        toolCalls: s.toolCalls.length,
        toolResults: s.toolResults.length,
      })),
    };
  }

  /** The AI SDK's stream; `fullStream` yields text deltas, tool calls and tool results as they happen. */
  stream(messages: AgentMessages, options: AgentCallOptions = {}) {
    return streamText({
      ...this.callSettings(messages, options),
      // Errors surface as `error` parts in fullStream; the default handler would also log them.
      onError: () => {},
    });
  }

  private callSettings(messages: AgentMessages, options: AgentCallOptions) {
    const requestContext = options.requestContext ?? new RequestContext();
    return {
      model: this.model,
      system: this.instructions || undefined,
      messages: toModelMessages(messages),
      tools: this.toolSet(requestContext),
      stopWhen: stepCountIs(options.maxSteps ?? DEFAULT_MAX_STEPS),
      abortSignal: options.abortSignal,
      temperature: options.temperature,
      maxOutputTokens: options.maxOutputTokens,
    };
  }

  private toolSet(requestContext: RequestContext): ToolSet | undefined {
    const entries = Object.entries(this.tools);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(
      entries.map(([key, t]) => [
        key,
        aiTool({
          description: t.description,
          inputSchema: t.inputSchema ?? z.object({}),
          // Our Tool validates its own input, so the SDK's validation and ours agree on the schema.
          execute: (input: unknown, { abortSignal }: { abortSignal?: AbortSignal }) => t.execute(input, { requestContext, abortSignal }),
        }),
      ]),
    );
  }
}

export function toModelMessages(messages: AgentMessages): ModelMessage[] {
  if (typeof messages === "string") return [{ role: "user", content: messages }];
  return messages.map((m) => (typeof m === "string" ? { role: "user", content: m } : m)) as ModelMessage[];
}
