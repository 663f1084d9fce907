import type { z } from "zod";
import { STEP_OPTIONS } from "../config.js";
import { checkOptions } from "../config-options.js";
import type { Mastra } from "../mastra.js";
import type { RequestContext } from "../request-context.js";

/** What a step's `execute`, a branch or loop condition and a `.map` function receive. */
export interface StepContext<In = unknown, Resume = unknown, Suspend = unknown> {
  inputData: In;
  /** The Mastra instance the workflow is registered with (undefined for a workflow run on its own). */
  mastra: Mastra | undefined;
  requestContext: RequestContext;
  /** The older name of `requestContext`: the same object. */
  runtimeContext: RequestContext;
  /** Aborts when the request times out or the run is canceled; pass it to anything slow. */
  abortSignal: AbortSignal;
  runId: string;
  workflowId: string;
  /** The input the workflow (or the nested workflow this step runs in) was started with. */
  getInitData<T = any>(): T;
  /** The output of an earlier step of this run, by step or by id; undefined when it has not succeeded. */
  getStepResult<T = any>(step: string | { id: string }): T;
  /**
   * Pauses the run here: the step's record becomes `suspended` with this payload and the run is saved.
   * Return its promise from `execute` (`return suspend({...})`); the step runs again on resume with `resumeData`.
   */
  suspend(payload?: Suspend): Promise<void>;
  /** What `run.resume({ resumeData })` handed back; undefined on the first execution. */
  resumeData: Resume | undefined;
  /** Ends the whole run now, successfully, with `result` as its result. */
  bail(result: unknown): void;
}

/** What a loop's condition receives: the context, with the step's latest output as `inputData`. */
export interface LoopConditionContext<Out = unknown> extends StepContext<Out> {
  iterationCount: number;
}

export type Condition<In = any> = (context: StepContext<In>) => boolean | Promise<boolean>;
export type LoopCondition<Out = any> = (context: LoopConditionContext<Out>) => boolean | Promise<boolean>;

export interface StepConfig<In extends z.ZodType, Out extends z.ZodType, Resume extends z.ZodType, Suspend extends z.ZodType> {
  id: string;
  description?: string;
  inputSchema?: In;
  outputSchema?: Out;
  /** Checked on `resume({ resumeData })`: a mismatch is a 400 listing the fields, and the run stays suspended. */
  resumeSchema?: Resume;
  /** Checked on `suspend(payload)`. */
  suspendSchema?: Suspend;
  execute: (context: StepContext<z.output<In>, z.output<Resume>, z.input<Suspend>>) => Promise<z.input<Out> | void> | z.input<Out> | void;
}

export interface Step<In extends z.ZodType = any, Out extends z.ZodType = any, Resume extends z.ZodType = any, Suspend extends z.ZodType = any>
  extends StepConfig<In, Out, Resume, Suspend> {
  readonly kind: "step";
}

/** The older name. */
export type StepExecutionContext<In> = StepContext<In>;

export function createStep<In extends z.ZodType = any, Out extends z.ZodType = any, Resume extends z.ZodType = any, Suspend extends z.ZodType = any>(
  config: StepConfig<In, Out, Resume, Suspend>,
): Step<In, Out, Resume, Suspend> {
  checkOptions(STEP_OPTIONS, config, { subject: `step ${JSON.stringify(config?.id ?? "")}` });
  if (!config || typeof config.id !== "string" || config.id === "") throw new TypeError("createStep: `id` must be a non-empty string");
  if (typeof config.execute !== "function") throw new TypeError(`createStep("${config.id}"): \`execute\` must be a function`);
  return { ...config, kind: "step" };
}
