import { generateText, stepCountIs, streamText, tool as aiTool, type LanguageModel, type ModelMessage, type ToolSet } from "ai";
import { z } from "zod";
import { AGENT_OPTIONS } from "./config.js";
import { checkOptions } from "./config-options.js";
import { HttpError } from "./errors.js";
import type { Mastra } from "./mastra.js";
import { isMastraMemory, type AgentMemoryOption, type MastraMemory, type MemoryTurn } from "./memory.js";
import { RequestContext } from "./request-context.js";
import type { Tool, ToolExecutionContext } from "./tool.js";

export type AgentMessages = string | string[] | ModelMessage[];

export interface AgentConfig {
  /** Defaults to `name`; the server addresses an agent by the key it is registered under in `new Mastra({ agents })`. */
  id?: string;
  name: string;
  instructions: string;
  /** Any AI SDK language model (v2/v3 spec) or a gateway model id string. */
  model: LanguageModel;
  tools?: Record<string, Tool<any, any, any>>;
  /** `new Memory(...)` from `@mastra/memory`: threads, history and working memory across calls. */
  memory?: MastraMemory;
}

export interface AgentCallOptions {
  /** The conversation this call belongs to; needs the agent to have `memory`. */
  memory?: AgentMemoryOption;
  /** Older spelling of `memory.thread` (with `resourceId`). */
  threadId?: string;
  /** Older spelling of `memory.resource`. */
  resourceId?: string;
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
  private readonly memory?: MastraMemory;
  private mastra?: Mastra;

  constructor(config: AgentConfig) {
    checkOptions(AGENT_OPTIONS, config, { subject: `agent ${JSON.stringify(config?.name ?? "")}` });
    if (!config || typeof config.name !== "string" || config.name === "") throw new TypeError("Agent: `name` must be a non-empty string");
    if (!config.model) throw new TypeError(`Agent "${config.name}": \`model\` is required (an AI SDK language model)`);
    this.id = config.id ?? config.name;
    this.name = config.name;
    this.instructions = config.instructions ?? "";
    this.model = config.model;
    this.tools = config.tools ?? {};
    if (config.memory !== undefined && !isMastraMemory(config.memory)) {
      throw new TypeError(`Agent "${config.name}": \`memory\` must be a Memory (new Memory({...}) from @mastra/memory)`);
    }
    this.memory = config.memory;
  }

  /** Called by `new Mastra(...)`: tools then see `mastra`, and memory without storage uses the instance's. */
  __registerMastra(mastra: Mastra): void {
    this.mastra = mastra;
    this.memory?.__registerMastra(mastra);
  }

  getMemory(): MastraMemory | undefined {
    return this.memory;
  }

  hasMemory(): boolean {
    return this.memory !== undefined;
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
    const { settings, turn } = await this.prepareCall(messages, options);
    const result = await generateText(settings);
    await turn?.save(result.response.messages);
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

  /**
   * The AI SDK's stream; `fullStream` yields text deltas, tool calls and tool results as they happen.
   * With memory, the turn is saved when the stream finishes, before it closes; a stream that is
   * aborted or fails saves nothing, so the thread never holds half a turn.
   */
  async stream(messages: AgentMessages, options: AgentCallOptions = {}) {
    const { settings, turn } = await this.prepareCall(messages, options);
    return streamText({
      ...settings,
      // Errors surface as `error` parts in fullStream; the default handler would also log them.
      onError: () => {},
      onFinish: turn
        ? async ({ response }) => {
            // The SDK still reports the steps that finished before an abort; half a turn is not saved.
            if (options.abortSignal?.aborted) return;
            try {
              await turn.save(response.messages);
            } catch (error) {
              // The AI SDK swallows onFinish errors; say what was lost rather than nothing.
              const message = `Agent "${this.name}": could not save the turn to thread "${turn.threadId}"`;
              if (this.mastra) this.mastra.getLogger().error(message, { error });
              else console.error(`${message}:`, error);
            }
          }
        : undefined,
    });
  }

  private async prepareCall(messages: AgentMessages, options: AgentCallOptions) {
    const requestContext = options.requestContext ?? new RequestContext();
    const input = toModelMessages(messages);
    const turn = await this.beginMemoryTurn(input, options);
    const system = [this.instructions, turn?.system].filter(Boolean).join("\n\n");
    const toolContext = { requestContext, mastra: this.mastra, threadId: turn?.threadId, resourceId: turn?.resourceId };
    return {
      turn,
      settings: {
        model: this.model,
        system: system || undefined,
        messages: turn ? [...turn.history, ...input] : input,
        tools: this.toolSet({ ...this.tools, ...turn?.tools }, toolContext),
        stopWhen: stepCountIs(options.maxSteps ?? DEFAULT_MAX_STEPS),
        abortSignal: options.abortSignal,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
      },
    };
  }

  /** The thread this call uses, or undefined: no memory, or no thread named (then the call is stateless, as in Mastra). */
  private async beginMemoryTurn(input: ModelMessage[], options: AgentCallOptions): Promise<MemoryTurn | undefined> {
    const option = options.memory;
    const thread = option ? (typeof option.thread === "string" ? { id: option.thread } : option.thread) : options.threadId !== undefined ? { id: options.threadId } : undefined;
    if (!this.memory || !thread) return undefined;
    const resourceId = option ? option.resource : options.resourceId;
    if (typeof thread.id !== "string" || thread.id === "") throw new HttpError(400, "memory.thread must be a non-empty thread id");
    if (resourceId !== undefined && (typeof resourceId !== "string" || resourceId === "")) throw new HttpError(400, "memory.resource must be a non-empty resource id");
    return this.memory.beginTurn({
      threadId: thread.id,
      resourceId,
      thread: { title: (thread as { title?: string }).title, metadata: (thread as { metadata?: Record<string, unknown> }).metadata },
      input,
      model: this.model,
      lastMessages: option?.options?.lastMessages,
      abortSignal: options.abortSignal,
    });
  }

  private toolSet(tools: Record<string, Tool<any, any, any>>, context: Omit<ToolExecutionContext, "runtimeContext">): ToolSet | undefined {
    const entries = Object.entries(tools);
    if (entries.length === 0) return undefined;
    return Object.fromEntries(
      entries.map(([key, t]) => [
        key,
        aiTool({
          description: t.description,
          inputSchema: t.inputSchema ?? z.object({}),
          // Our Tool validates its own input, so the SDK's validation and ours agree on the schema.
          execute: (input: unknown, { abortSignal, toolCallId }: { abortSignal?: AbortSignal; toolCallId: string }) =>
            t.execute(input, { ...context, abortSignal, toolCallId }),
        }),
      ]),
    );
  }
}

export function toModelMessages(messages: AgentMessages): ModelMessage[] {
  if (typeof messages === "string") return [{ role: "user", content: messages }];
  return messages.map((m) => (typeof m === "string" ? { role: "user", content: m } : m)) as ModelMessage[];
}
