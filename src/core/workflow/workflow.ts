import type { z } from "zod";
import { WORKFLOW_OPTIONS } from "../config.js";
import { checkOptions } from "../config-options.js";
import type { Mastra } from "../mastra.js";
import type { WorkflowRun, WorkflowsStorage } from "../storage/types.js";
import { collectSteps, serializeGraph, type Entry, type MapFn, type NestedWorkflow, type Runnable, type SerializedEntry, type SleepFn } from "./graph.js";
import { InMemoryStore } from "../storage/in-memory.js";
import { ActiveRuns, Run } from "./run.js";
import type { Condition, LoopCondition, StepContext } from "./step.js";

export interface WorkflowConfig<In extends z.ZodType, Out extends z.ZodType> {
  id: string;
  description?: string;
  inputSchema?: In;
  outputSchema?: Out;
  /** Mastra declares the steps here for its types; accepted and unused (the graph comes from .then/.parallel/…). */
  steps?: Runnable[];
}

/**
 * Mastra's object form of `.map`: each key of the next step's input taken from a step's output, the
 * workflow's input, the request context, or a constant. `path` is a dotted path; "." is the whole value.
 */
export type MapConfig = Record<
  string,
  | { step: Runnable | Runnable[]; path: string }
  | { initData: { id: string }; path: string }
  | { requestContextPath: string; schema?: z.ZodType }
  | { runtimeContextPath: string; schema?: z.ZodType }
  | { value: unknown; schema?: z.ZodType }
>;

export class Workflow<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> implements NestedWorkflow {
  readonly kind = "workflow" as const;
  readonly id: string;
  readonly description?: string;
  readonly inputSchema?: In;
  readonly outputSchema?: Out;
  readonly graph: Entry[] = [];
  /** @internal Runs executing in this process (for cancel and watch). */
  readonly activeRuns = new ActiveRuns();
  private committed = false;
  private mastra: Mastra | undefined;
  private ownStorage: WorkflowsStorage | undefined;

  constructor(config: WorkflowConfig<In, Out>) {
    checkOptions(WORKFLOW_OPTIONS, config, { subject: `workflow ${JSON.stringify(config?.id ?? "")}` });
    if (!config || typeof config.id !== "string" || config.id === "") throw new TypeError("createWorkflow: `id` must be a non-empty string");
    this.id = config.id;
    this.description = config.description;
    this.inputSchema = config.inputSchema;
    this.outputSchema = config.outputSchema;
  }

  /** Runs a step (or a nested workflow) on the previous output. */
  then(step: Runnable): this {
    return this.add("then", { type: "step", step: this.runnable(step) });
  }

  /** Runs the steps concurrently on the same input; the next step receives `{ [stepId]: output }`. */
  parallel(steps: Runnable[]): this {
    return this.add("parallel", { type: "parallel", steps: this.runnables(steps, "parallel") });
  }

  /**
   * Evaluates every condition on the previous output and runs, concurrently, each step whose condition
   * holds; the next step receives `{ [stepId]: output }` for the steps that ran.
   */
  branch(branches: [Condition, Runnable][]): this {
    if (!Array.isArray(branches) || branches.length === 0 || !branches.every((b) => Array.isArray(b) && typeof b[0] === "function")) {
      throw new TypeError(`workflow "${this.id}": branch() needs a non-empty array of [condition, step] pairs`);
    }
    return this.add("branch", { type: "conditional", conditions: branches.map((b) => b[0]), steps: branches.map((b) => this.runnable(b[1])) });
  }

  /** Runs the step, then again on its own output while `condition` holds. */
  dowhile(step: Runnable, condition: LoopCondition): this {
    return this.add("dowhile", { type: "loop", step: this.runnable(step), condition: this.fn(condition, "dowhile"), loopType: "dowhile" });
  }

  /** Runs the step, then again on its own output until `condition` holds. */
  dountil(step: Runnable, condition: LoopCondition): this {
    return this.add("dountil", { type: "loop", step: this.runnable(step), condition: this.fn(condition, "dountil"), loopType: "dountil" });
  }

  /** Runs the step once per item of the previous output (an array), `concurrency` at a time (1 by default); outputs in item order. */
  foreach(step: Runnable, opts: { concurrency?: number } = {}): this {
    const concurrency = opts.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`workflow "${this.id}": foreach() concurrency must be a positive integer`);
    return this.add("foreach", { type: "foreach", step: this.runnable(step), opts: { concurrency } });
  }

  /** Reshapes the data between steps: a function of the step context, or Mastra's object form (MapConfig). */
  map(mapping: ((context: StepContext) => unknown) | MapConfig): this {
    const id = `map_${this.graph.length}`;
    if (typeof mapping === "function") return this.add("map", { type: "map", id, fn: mapping as MapFn, source: String(mapping) });
    if (!mapping || typeof mapping !== "object") throw new TypeError(`workflow "${this.id}": map() needs a function or an object`);
    return this.add("map", { type: "map", id, fn: compileMapConfig(mapping), source: JSON.stringify(describeMapConfig(mapping)) });
  }

  /** Waits `ms` milliseconds (or what the function returns) and passes the data on unchanged. */
  sleep(duration: number | ((context: StepContext) => number | Promise<number>)): this {
    const id = `sleep_${this.graph.length}`;
    if (typeof duration === "function") return this.add("sleep", { type: "sleep", id, fn: duration as SleepFn });
    if (typeof duration !== "number" || !(duration >= 0)) throw new TypeError(`workflow "${this.id}": sleep() needs a duration in milliseconds or a function`);
    return this.add("sleep", { type: "sleep", id, duration });
  }

  commit(): this {
    if (this.graph.length === 0) throw new TypeError(`workflow "${this.id}": add at least one step before commit()`);
    this.committed = true;
    return this;
  }

  /** @internal Mastra hands itself to every registered workflow: steps read it, runs use its storage. */
  __registerMastra(mastra: Mastra): void {
    this.mastra = mastra;
  }

  getMastra(): Mastra | undefined {
    return this.mastra;
  }

  /** Where runs are kept: the Mastra instance's store, or an in-memory one for a workflow used on its own. */
  getStorage(): WorkflowsStorage {
    const fromMastra = this.mastra?.getStorage().workflows;
    if (fromMastra) return fromMastra;
    return (this.ownStorage ??= new InMemoryStore().workflows);
  }

  /** Top-level steps by id (nested workflows count as one step). */
  get steps(): Record<string, Runnable> {
    return collectSteps(this.graph, {}, false);
  }

  /** Every step, nested workflows' steps included. */
  get allSteps(): Record<string, Runnable> {
    return collectSteps(this.graph);
  }

  /** The step graph as JSON (Mastra's `serializedStepGraph`; the shape is documented on SerializedEntry). */
  get stepGraph(): SerializedEntry[] {
    return serializeGraph(this.graph);
  }

  get serializedStepGraph(): SerializedEntry[] {
    return this.stepGraph;
  }

  /** Creates the run and saves it (status `created`); an existing run with this id is returned as is. */
  async createRun(options: { runId?: string; resourceId?: string } = {}): Promise<Run> {
    if (!this.committed) throw new TypeError(`workflow "${this.id}": call commit() before createRun()`);
    const runId = options.runId ?? crypto.randomUUID();
    const now = new Date();
    // Insert-if-absent in one statement: a check then a write could land after another instance
    // had started the run, and set it back to `created`.
    await this.getStorage().persistRunIf(
      {
        workflowName: this.id,
        runId,
        ...(options.resourceId !== undefined ? { resourceId: options.resourceId } : {}),
        status: "created",
        snapshot: { status: "created", steps: {} },
        createdAt: now,
        updatedAt: now,
      },
      null,
    );
    return new Run(this, runId, options.resourceId);
  }

  /** Mastra 0.24's name for createRun. */
  createRunAsync(options: { runId?: string; resourceId?: string } = {}): Promise<Run> {
    return this.createRun(options);
  }

  /** A handle on a run that may exist in the store; nothing is read or written until it is used. */
  openRun(runId: string): Run {
    return new Run(this, runId);
  }

  getWorkflowRunById(runId: string): Promise<WorkflowRun | null> {
    return this.getStorage().getRun(this.id, runId);
  }

  private add(method: string, entry: Entry): this {
    if (this.committed) throw new TypeError(`workflow "${this.id}": ${method}() after commit()`);
    this.graph.push(entry);
    return this;
  }

  private runnable(step: Runnable): Runnable {
    if (!step || (step.kind !== "step" && step.kind !== "workflow")) {
      throw new TypeError(`workflow "${this.id}": expected a step made with createStep() or a workflow made with createWorkflow()`);
    }
    if (step === (this as Runnable)) throw new TypeError(`workflow "${this.id}": a workflow cannot be a step of itself`);
    return step;
  }

  private runnables(steps: Runnable[], method: string): Runnable[] {
    if (!Array.isArray(steps) || steps.length === 0) throw new TypeError(`workflow "${this.id}": ${method}() needs a non-empty array of steps`);
    return steps.map((s) => this.runnable(s));
  }

  private fn<T>(value: T, method: string): T {
    if (typeof value !== "function") throw new TypeError(`workflow "${this.id}": ${method}() needs a condition function as its second argument`);
    return value;
  }
}

export function createWorkflow<In extends z.ZodType, Out extends z.ZodType>(config: WorkflowConfig<In, Out>): Workflow<In, Out> {
  return new Workflow(config);
}

function compileMapConfig(config: MapConfig): MapFn {
  return async (context) => {
    const out: Record<string, unknown> = {};
    for (const [key, source] of Object.entries(config)) {
      if ("value" in source) out[key] = source.value;
      else if ("step" in source) {
        const steps = Array.isArray(source.step) ? source.step : [source.step];
        const found = steps.map((s) => context.getStepResult(s)).find((v) => v !== undefined);
        out[key] = pick(found, source.path);
      } else if ("initData" in source) out[key] = pick(context.getInitData(), source.path);
      else {
        const path = "requestContextPath" in source ? source.requestContextPath : source.runtimeContextPath;
        const [head, ...rest] = path.split(".");
        out[key] = pick(context.requestContext.get(head), rest.join(".") || ".");
      }
    }
    return out;
  };
}

function describeMapConfig(config: MapConfig): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, source]) => {
      if ("step" in source) return [key, { step: (Array.isArray(source.step) ? source.step : [source.step]).map((s) => s.id), path: source.path }];
      if ("initData" in source) return [key, { initData: source.initData.id, path: source.path }];
      if ("value" in source) return [key, { value: source.value }];
      return [key, source];
    }),
  );
}

function pick(value: unknown, path: string): unknown {
  if (path === "." || path === "") return value;
  return path.split(".").reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}
