import type { z } from "zod";
import { TOOL_OPTIONS } from "./config.js";
import { checkOptions } from "./config-options.js";
import type { Mastra } from "./mastra.js";
import { RequestContext } from "./request-context.js";
import { checkOutput, parseWith } from "./validate.js";

/** What a tool's `execute` receives as its second argument (Mastra 1.x style). */
export interface ToolExecutionContext {
  requestContext: RequestContext;
  /** The same object under its older name. */
  runtimeContext: RequestContext;
  /** Aborts when the request times out or the caller gives up; pass it on to fetch and model calls. */
  abortSignal?: AbortSignal;
  /** The app's Mastra instance, when the tool runs inside one (through an agent or the server). */
  mastra?: Mastra;
  /** Set when an agent with memory called the tool. */
  threadId?: string;
  resourceId?: string;
  /** Set when a model called the tool. */
  toolCallId?: string;
}

/**
 * The first argument of `execute`: the validated input itself, which also answers to the names
 * Mastra 0.x tools destructure (`{ context, runtimeContext, mastra, … }`, where `context` is the
 * input). Those extra names are non-enumerable, so spreading, `Object.keys` or `JSON.stringify`
 * of the input see only the input's own fields; a field of the input with one of these names wins.
 */
export type ToolInput<T> = T & { readonly context: T } & Readonly<ToolExecutionContext>;

export interface ToolConfig<In extends z.ZodType, Out extends z.ZodType, Result> {
  id: string;
  description: string;
  inputSchema?: In;
  outputSchema?: Out;
  execute: (input: ToolInput<z.output<In>>, context: ToolExecutionContext) => Promise<Result> | Result;
}

export interface Tool<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType, Result = unknown> {
  readonly id: string;
  readonly description: string;
  readonly inputSchema?: In;
  readonly outputSchema?: Out;
  /**
   * Validates the input (400 on failure), runs the tool, then validates the output when a schema is given.
   * Also takes Mastra 0.x's single-argument call, `execute({ context: input, runtimeContext, … })`.
   */
  execute(input: unknown, context?: Partial<ToolExecutionContext>): Promise<Result>;
}

/** The keys of Mastra 0.x's single tool argument; a call made only of these (with `context`) is that style. */
const LEGACY_CALL_KEYS = new Set([
  "context",
  "runtimeContext",
  "requestContext",
  "mastra",
  "threadId",
  "resourceId",
  "runId",
  "writer",
  "tracingContext",
  "suspend",
  "resumeData",
  "memory",
  "abortSignal",
  "toolCallId",
]);

export function createTool<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType, Result = z.output<Out>>(
  config: ToolConfig<In, Out, Result>,
): Tool<In, Out, Result> {
  checkOptions(TOOL_OPTIONS, config, { subject: `tool ${JSON.stringify(config?.id ?? "")}` });
  if (!config || typeof config.id !== "string" || config.id === "") throw new TypeError("createTool: `id` must be a non-empty string");
  if (typeof config.execute !== "function") throw new TypeError(`createTool("${config.id}"): \`execute\` must be a function`);
  return {
    id: config.id,
    description: config.description ?? "",
    inputSchema: config.inputSchema,
    outputSchema: config.outputSchema,
    async execute(input, context = {}) {
      const call = isLegacyCall(input, config.inputSchema) ? fromLegacyCall(input, context) : { input, context };
      const data = await parseWith(config.inputSchema, call.input, `input for tool "${config.id}"`);
      call.context.abortSignal?.throwIfAborted();
      const requestContext = call.context.requestContext ?? call.context.runtimeContext ?? new RequestContext();
      const full: ToolExecutionContext = { ...call.context, requestContext, runtimeContext: requestContext };
      const result = await config.execute(toolInput(data, full), full);
      return (await checkOutput(config.outputSchema, result, `output of tool "${config.id}"`)) as Result;
    },
  };
}

/**
 * `execute({ context: { city: "Paris" }, runtimeContext })`, the way Mastra 0.x code calls a tool
 * directly. Recognised only when every key is one of that call's names and the tool's own input
 * schema has no `context` field, so an input that merely has a `context` field is never mistaken for it.
 */
function isLegacyCall(input: unknown, schema: z.ZodType | undefined): input is Record<string, unknown> & { context: unknown } {
  if (!isPlainObject(input) || !Object.hasOwn(input, "context")) return false;
  if (!Object.keys(input).every((k) => LEGACY_CALL_KEYS.has(k))) return false;
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return !(shape && typeof shape === "object" && "context" in shape);
}

function fromLegacyCall(arg: Record<string, unknown> & { context: unknown }, context: Partial<ToolExecutionContext>) {
  const { context: input, ...rest } = arg;
  return { input, context: { ...(rest as Partial<ToolExecutionContext>), ...context } };
}

function toolInput<T>(data: T, context: ToolExecutionContext): ToolInput<T> {
  // Primitives cannot carry extra names; they are passed as they are (the newer style).
  if (data !== undefined && (typeof data !== "object" || data === null)) return data as ToolInput<T>;
  const input: Record<string, unknown> = Array.isArray(data) ? ([...data] as unknown as Record<string, unknown>) : { ...(data ?? {}) };
  const extras: Record<string, unknown> = { ...context, context: data ?? {} };
  for (const [key, value] of Object.entries(extras)) {
    if (!Object.hasOwn(input, key)) Object.defineProperty(input, key, { value, enumerable: false, configurable: true, writable: true });
  }
  return input as ToolInput<T>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
