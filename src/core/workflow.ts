import type { z } from "zod";
import { STEP_OPTIONS, WORKFLOW_OPTIONS } from "./config.js";
import { checkOptions } from "./config-options.js";
import { RequestContext } from "./request-context.js";
import { checkOutput, parseWith } from "./validate.js";
import { InMemoryStore } from "./storage/in-memory.js";
import type { MastraStorage, WorkflowRun, WorkflowRunSnapshot } from "./storage/types.js";

export interface StepExecutionContext<In> {
  inputData: In;
  requestContext: RequestContext;
  /** Aborts when the request times out; pass it to anything slow. */
  abortSignal: AbortSignal;
  runId: string;
  /** The output of an earlier step in this run, by step id. */
  getStepResult(stepId: string): unknown;
}

export interface StepConfig<In extends z.ZodType, Out extends z.ZodType> {
  id: string;
  description?: string;
  inputSchema?: In;
  outputSchema?: Out;
  execute: (context: StepExecutionContext<z.output<In>>) => Promise<z.input<Out>> | z.input<Out>;
}

export interface Step<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> extends StepConfig<In, Out> {
  readonly kind: "step";
}

export function createStep<In extends z.ZodType, Out extends z.ZodType>(config: StepConfig<In, Out>): Step<In, Out> {
  checkOptions(STEP_OPTIONS, config, { subject: `step ${JSON.stringify(config?.id ?? "")}` });
  if (!config || typeof config.id !== "string" || config.id === "") throw new TypeError("createStep: `id` must be a non-empty string");
  if (typeof config.execute !== "function") throw new TypeError(`createStep("${config.id}"): \`execute\` must be a function`);
  return { ...config, kind: "step" };
}

type StepStatus = "success" | "failed" | "skipped";
export interface StepResult {
  status: StepStatus;
  output?: unknown;
  error?: string;
}

export type WorkflowResult =
  | { status: "success"; input: unknown; steps: Record<string, StepResult>; result: unknown }
  | { status: "failed"; input: unknown; steps: Record<string, StepResult>; error: string };

type StageNode = { type: "step"; step: Step<any, any> } | { type: "parallel"; steps: Step<any, any>[] };

export interface WorkflowConfig<In extends z.ZodType, Out extends z.ZodType> {
  id: string;
  description?: string;
  inputSchema?: In;
  outputSchema?: Out;
}

export interface StartOptions {
  inputData?: unknown;
  requestContext?: RequestContext;
  abortSignal?: AbortSignal;
}

export class Workflow<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly description?: string;
  readonly inputSchema?: In;
  readonly outputSchema?: Out;
  private readonly graph: StageNode[] = [];
  private committed = false;
  private storage: MastraStorage = new InMemoryStore();

  constructor(config: WorkflowConfig<In, Out>) {
    checkOptions(WORKFLOW_OPTIONS, config, { subject: `workflow ${JSON.stringify(config?.id ?? "")}` });
    if (!config || typeof config.id !== "string" || config.id === "") throw new TypeError("createWorkflow: `id` must be a non-empty string");
    this.id = config.id;
    this.description = config.description;
    this.inputSchema = config.inputSchema;
    this.outputSchema = config.outputSchema;
  }

  then(step: Step<any, any>): this {
    this.assertOpen("then");
    this.graph.push({ type: "step", step: assertStep(step, this.id) });
    return this;
  }

  /** Runs the steps concurrently on the same input; the next step receives `{ [stepId]: output }`. */
  parallel(steps: Step<any, any>[]): this {
    this.assertOpen("parallel");
    if (!Array.isArray(steps) || steps.length === 0) throw new TypeError(`workflow "${this.id}": parallel() needs a non-empty array of steps`);
    this.graph.push({ type: "parallel", steps: steps.map((s) => assertStep(s, this.id)) });
    return this;
  }

  commit(): this {
    if (this.graph.length === 0) throw new TypeError(`workflow "${this.id}": add at least one step before commit()`);
    this.committed = true;
    return this;
  }

  /** Mastra hands its storage to every registered workflow. */
  useStorage(storage: MastraStorage): void {
    this.storage = storage;
  }

  getStorage(): MastraStorage {
    return this.storage;
  }

  get steps(): Record<string, Step<any, any>> {
    return Object.fromEntries(this.graph.flatMap((n) => (n.type === "step" ? [n.step] : n.steps)).map((s) => [s.id, s]));
  }

  get stepGraph(): { type: "step" | "parallel"; steps: string[] }[] {
    return this.graph.map((n) => ({ type: n.type, steps: n.type === "step" ? [n.step.id] : n.steps.map((s) => s.id) }));
  }

  async createRun(options: { runId?: string } = {}): Promise<Run> {
    if (!this.committed) throw new TypeError(`workflow "${this.id}": call commit() before createRun()`);
    const runId = options.runId ?? crypto.randomUUID();
    const existing = await this.storage.workflows.getRun(this.id, runId);
    if (!existing) {
      const now = new Date();
      await this.storage.workflows.persistRun({
        workflowName: this.id,
        runId,
        status: "created",
        snapshot: { status: "created", steps: {} },
        createdAt: now,
        updatedAt: now,
      });
    }
    return new Run(this, runId, this.storage);
  }

  /** @internal Executes the graph; Run records the outcome. */
  async execute(runId: string, options: StartOptions): Promise<WorkflowResult> {
    const requestContext = options.requestContext ?? new RequestContext();
    const abortSignal = options.abortSignal ?? new AbortController().signal;
    const steps: Record<string, StepResult> = {};
    const input = options.inputData;
    const fail = (error: string): WorkflowResult => ({ status: "failed", input, steps, error });

    let data: unknown;
    try {
      data = await parseWith(this.inputSchema, input, `input for workflow "${this.id}"`);
    } catch (error) {
      return fail(messageOf(error));
    }

    const runStep = async (step: Step<any, any>, stepInput: unknown): Promise<unknown> => {
      try {
        abortSignal.throwIfAborted();
        const parsed = await parseWith(step.inputSchema, stepInput, `input for step "${step.id}"`);
        const raw = await step.execute({
          inputData: parsed,
          requestContext,
          abortSignal,
          runId,
          getStepResult: (id: string) => steps[id]?.output,
        });
        const output = await checkOutput(step.outputSchema, raw, `output of step "${step.id}"`);
        steps[step.id] = { status: "success", output };
        return output;
      } catch (error) {
        steps[step.id] = { status: "failed", error: messageOf(error) };
        throw error;
      }
    };

    try {
      for (const node of this.graph) {
        if (node.type === "step") {
          data = await runStep(node.step, data);
        } else {
          const stageInput = data;
          const outputs = await Promise.allSettled(node.steps.map((s) => runStep(s, stageInput)));
          const rejected = outputs.find((o): o is PromiseRejectedResult => o.status === "rejected");
          if (rejected) throw rejected.reason;
          data = Object.fromEntries(node.steps.map((s, i) => [s.id, (outputs[i] as PromiseFulfilledResult<unknown>).value]));
        }
      }
      const result = await checkOutput(this.outputSchema, data, `output of workflow "${this.id}"`);
      return { status: "success", input, steps, result };
    } catch (error) {
      return fail(messageOf(error));
    }
  }

  private assertOpen(method: string): void {
    if (this.committed) throw new TypeError(`workflow "${this.id}": ${method}() after commit()`);
  }
}

export class Run {
  constructor(
    private readonly workflow: Workflow<any, any>,
    readonly runId: string,
    private readonly storage: MastraStorage,
  ) {}

  get workflowId(): string {
    return this.workflow.id;
  }

  /** Runs the workflow to completion and records the result; never throws for a step failure. */
  async start(options: StartOptions = {}): Promise<WorkflowResult> {
    const now = new Date();
    const record: WorkflowRun = (await this.storage.workflows.getRun(this.workflow.id, this.runId)) ?? {
      workflowName: this.workflow.id,
      runId: this.runId,
      status: "created",
      snapshot: { status: "created", steps: {} },
      createdAt: now,
      updatedAt: now,
    };
    await this.save(record, { status: "running", input: options.inputData, steps: {} });
    const result = await this.workflow.execute(this.runId, options);
    await this.save(record, result);
    return result;
  }

  private save(record: WorkflowRun, snapshot: WorkflowRunSnapshot | WorkflowResult): Promise<void> {
    return this.storage.workflows.persistRun({ ...record, status: snapshot.status, snapshot: { ...snapshot }, updatedAt: new Date() });
  }
}

/** A finished run's outcome, as `run.start()` returned it; undefined while it has not finished. */
export function resultOfRun(run: WorkflowRun): WorkflowResult | undefined {
  const { status, input, steps, result, error } = run.snapshot;
  if (status === "success") return { status, input, steps: steps as Record<string, StepResult>, result };
  if (status === "failed") return { status, input, steps: steps as Record<string, StepResult>, error: error ?? "failed" };
  return undefined;
}

export function createWorkflow<In extends z.ZodType, Out extends z.ZodType>(config: WorkflowConfig<In, Out>): Workflow<In, Out> {
  return new Workflow(config);
}

function assertStep(step: Step<any, any>, workflowId: string): Step<any, any> {
  if (!step || step.kind !== "step") throw new TypeError(`workflow "${workflowId}": expected a step made with createStep()`);
  return step;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
