import type { z } from "zod";
import { TOOL_OPTIONS } from "./config.js";
import { checkOptions } from "./config-options.js";
import { RequestContext } from "./request-context.js";
import { checkOutput, parseWith } from "./validate.js";

/** What a tool's `execute` receives besides its validated input. */
export interface ToolExecutionContext {
  requestContext: RequestContext;
  /** Aborts when the request times out or the caller gives up; pass it on to fetch and model calls. */
  abortSignal?: AbortSignal;
}

export interface ToolConfig<In extends z.ZodType, Out extends z.ZodType, Result> {
  id: string;
  description: string;
  inputSchema?: In;
  outputSchema?: Out;
  execute: (input: z.output<In>, context: ToolExecutionContext) => Promise<Result> | Result;
}

export interface Tool<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType, Result = unknown> {
  readonly id: string;
  readonly description: string;
  readonly inputSchema?: In;
  readonly outputSchema?: Out;
  /** Validates the input (400 on failure), runs the tool, then validates the output when a schema is given. */
  execute(input: unknown, context?: Partial<ToolExecutionContext>): Promise<Result>;
}

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
      const data = await parseWith(config.inputSchema, input, `input for tool "${config.id}"`);
      context.abortSignal?.throwIfAborted();
      const result = await config.execute(data, {
        requestContext: context.requestContext ?? new RequestContext(),
        abortSignal: context.abortSignal,
      });
      return (await checkOutput(config.outputSchema, result, `output of tool "${config.id}"`)) as Result;
    },
  };
}
