import type { z } from "zod";
import type { Condition, LoopCondition, Step, StepContext } from "./step.js";

/** A workflow used as a step of another (nested). Only what the engine needs of it. */
export interface NestedWorkflow {
  readonly kind: "workflow";
  readonly id: string;
  readonly description?: string;
  readonly inputSchema?: z.ZodType;
  readonly outputSchema?: z.ZodType;
  readonly graph: readonly Entry[];
}

/** Anything that can stand where a step stands. */
export type Runnable = Step | NestedWorkflow;

export type MapFn = (context: StepContext) => unknown;
export type SleepFn = (context: StepContext) => number | Promise<number>;

/**
 * One entry of a workflow's step graph, in the order the builder added it. `map` and `sleep` get ids
 * from their position (`map_2`, `sleep_3`) so every instance that builds the same workflow names them
 * alike: a run suspended on one instance is resumed on another by those names.
 */
export type Entry =
  | { type: "step"; step: Runnable }
  | { type: "parallel"; steps: Runnable[] }
  | { type: "conditional"; steps: Runnable[]; conditions: Condition[] }
  | { type: "loop"; step: Runnable; condition: LoopCondition; loopType: "dowhile" | "dountil" }
  | { type: "foreach"; step: Runnable; opts: { concurrency: number } }
  | { type: "map"; id: string; fn: MapFn; source: string }
  | { type: "sleep"; id: string; duration?: number; fn?: SleepFn };

/**
 * The JSON shape of a step graph, as `GET /api/workflows/:id` returns it in `stepGraph`. It is Mastra's
 * `SerializedStepFlowEntry[]`, so Mastra's playground and @mastra/client-js read it unchanged:
 *
 * - `{ type: "step", step }`: one step (or a `.map`, whose step has `mapConfig`, or a nested workflow,
 *   whose step has `component: "WORKFLOW"` and its own `serializedStepFlow`).
 * - `{ type: "parallel", steps: [{ type: "step", step }, …] }`: all run on the same input.
 * - `{ type: "conditional", steps: [...], serializedConditions: [{ id, fn }, …] }`: `.branch`; condition i guards step i.
 * - `{ type: "loop", step, serializedCondition: { id, fn }, loopType: "dowhile" | "dountil" }`.
 * - `{ type: "foreach", step, opts: { concurrency } }`.
 * - `{ type: "sleep", id, duration? , fn? }`: `fn` is set when the duration is computed.
 *
 * `fn` fields hold the function's source text, for display only.
 */
export interface SerializedStep {
  id: string;
  description?: string;
  component?: "WORKFLOW";
  serializedStepFlow?: SerializedEntry[];
  mapConfig?: string;
}

export type SerializedEntry =
  | { type: "step"; step: SerializedStep }
  | { type: "parallel"; steps: { type: "step"; step: SerializedStep }[] }
  | { type: "conditional"; steps: { type: "step"; step: SerializedStep }[]; serializedConditions: { id: string; fn: string }[] }
  | { type: "loop"; step: SerializedStep; serializedCondition: { id: string; fn: string }; loopType: "dowhile" | "dountil" }
  | { type: "foreach"; step: SerializedStep; opts: { concurrency: number } }
  | { type: "sleep"; id: string; duration?: number; fn?: string };

export function serializeGraph(graph: readonly Entry[]): SerializedEntry[] {
  return graph.map((entry): SerializedEntry => {
    switch (entry.type) {
      case "step":
        return { type: "step", step: serializeRunnable(entry.step) };
      case "parallel":
        return { type: "parallel", steps: entry.steps.map((s) => ({ type: "step", step: serializeRunnable(s) })) };
      case "conditional":
        return {
          type: "conditional",
          steps: entry.steps.map((s) => ({ type: "step", step: serializeRunnable(s) })),
          serializedConditions: entry.conditions.map((fn, i) => ({ id: `${entry.steps[i].id}-condition`, fn: String(fn) })),
        };
      case "loop":
        return {
          type: "loop",
          step: serializeRunnable(entry.step),
          serializedCondition: { id: `${entry.step.id}-condition`, fn: String(entry.condition) },
          loopType: entry.loopType,
        };
      case "foreach":
        return { type: "foreach", step: serializeRunnable(entry.step), opts: { concurrency: entry.opts.concurrency } };
      case "map":
        return { type: "step", step: { id: entry.id, mapConfig: entry.source } };
      case "sleep":
        return { type: "sleep", id: entry.id, ...(entry.duration !== undefined ? { duration: entry.duration } : {}), ...(entry.fn ? { fn: String(entry.fn) } : {}) };
    }
  });
}

function serializeRunnable(runnable: Runnable): SerializedStep {
  if (runnable.kind === "workflow") {
    return { id: runnable.id, description: runnable.description, component: "WORKFLOW", serializedStepFlow: serializeGraph(runnable.graph) };
  }
  return { id: runnable.id, description: runnable.description };
}

/** Every step reachable from the graph, nested workflows' steps included, by id (what `allSteps` lists). */
export function collectSteps(graph: readonly Entry[], into: Record<string, Runnable> = {}, nested = true): Record<string, Runnable> {
  for (const entry of graph) {
    const runnables = entry.type === "parallel" || entry.type === "conditional" ? entry.steps : entry.type === "map" || entry.type === "sleep" ? [] : [entry.step];
    for (const r of runnables) {
      into[r.id] = r;
      if (nested && r.kind === "workflow") collectSteps(r.graph, into, nested);
    }
  }
  return into;
}
