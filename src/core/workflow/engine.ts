import type { Mastra } from "../mastra.js";
import type { RequestContext } from "../request-context.js";
import type { StepRecord } from "../storage/types.js";
import { checkOutput, parseWith } from "../validate.js";
import type { Entry, NestedWorkflow, Runnable } from "./graph.js";
import type { Step, StepContext } from "./step.js";

/*
 * The engine walks a step graph entry by entry. Everything it needs to continue after a suspend is
 * plain JSON (a Position), kept in the run's snapshot, so any instance that builds the same workflow
 * resumes the run from the store alone: nothing is kept in memory between start and resume.
 */

/** Where a suspended graph stopped: the entry, the input that entry received, and what it had done. */
export interface Position {
  entry: number;
  input: unknown;
  state: EntryState;
}

export interface EntryState {
  /** By step id; by item index for `foreach`. Finished slots keep their output and are not run again. */
  slots: Record<string, SlotState>;
  /** `branch`: the branches whose condition held (conditions are not evaluated again on resume). */
  chosen?: number[];
  /** Loops: iterations finished before the suspend. */
  iteration?: number;
}

export interface SlotState {
  status: "success" | "suspended";
  input: unknown;
  output?: unknown;
  suspendPayload?: unknown;
  /** Paths of the suspended steps below this slot, each starting with this slot's step id. */
  paths?: string[][];
  /** A nested workflow's own progress at its suspend. */
  nested?: { steps: Record<string, StepRecord>; position: Position };
}

/** Which suspended step to resume (a path: [stepId] or [nestedWorkflowId, …, stepId]) and with what. */
export interface ResumeRequest {
  path: string[];
  data: unknown;
}

/** One graph being walked: the top-level workflow or a nested one. */
export interface Level {
  workflowId: string;
  runId: string;
  mastra: Mastra | undefined;
  requestContext: RequestContext;
  abortSignal: AbortSignal;
  initData: unknown;
  steps: Record<string, StepRecord>;
  /** Called when a step record changes; `final` when the step has finished (the run is then saved). */
  onStep(stepId: string, final: boolean): void | Promise<void>;
}

export type Outcome =
  | { status: "success"; output: unknown }
  | { status: "bailed"; output: unknown }
  | { status: "suspended"; position: Position; paths: string[][]; payload: unknown };

type EntryOutcome =
  | { status: "success"; output: unknown }
  | { status: "bailed"; output: unknown }
  | { status: "suspended"; state: EntryState; paths: string[][]; payload: unknown };

type SlotOutcome = { status: "success"; output: unknown } | { status: "bailed"; output: unknown } | { status: "suspended"; slot: SlotState };

/** Walks `graph` from the start, or from `from` (a suspended position) with `resume` for the suspended step. */
export async function runGraph(graph: readonly Entry[], level: Level, from?: Position, resume?: ResumeRequest): Promise<Outcome> {
  let data = from ? from.input : level.initData;
  let state = from?.state;
  for (let i = from?.entry ?? 0; i < graph.length; i++) {
    const out = await runEntry(graph[i], data, level, state, resume);
    state = undefined;
    resume = undefined;
    if (out.status === "suspended") return { status: "suspended", position: { entry: i, input: data, state: out.state }, paths: out.paths, payload: out.payload };
    if (out.status === "bailed") return out;
    data = out.output;
  }
  return { status: "success", output: data };
}

async function runEntry(entry: Entry, data: unknown, level: Level, state: EntryState | undefined, resume: ResumeRequest | undefined): Promise<EntryOutcome> {
  switch (entry.type) {
    case "step": {
      const out = await runSlot(entry.step, data, level, state?.slots[entry.step.id], resume, true);
      if (out.status !== "suspended") return out;
      return suspendedEntry({ slots: { [entry.step.id]: out.slot } });
    }
    case "parallel":
    case "conditional": {
      let chosen: number[] | undefined;
      if (entry.type === "conditional") {
        chosen = state?.chosen;
        if (!chosen) {
          const verdicts = await Promise.all(entry.conditions.map((condition) => condition(contextFor(level, data))));
          chosen = verdicts.flatMap((ok, i) => (ok ? [i] : []));
        }
      }
      const runnables = chosen ? chosen.map((i) => entry.steps[i]) : entry.steps;
      const settled = await Promise.allSettled(runnables.map((r) => runSlot(r, data, level, state?.slots[r.id], resume, true)));
      const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
      if (rejected) throw rejected.reason;
      const outs = settled.map((s) => (s as PromiseFulfilledResult<SlotOutcome>).value);
      const bailed = outs.find((o) => o.status === "bailed");
      if (bailed) return bailed;
      if (outs.some((o) => o.status === "suspended")) {
        const slots = Object.fromEntries(runnables.map((r, i) => [r.id, slotOf(outs[i], data)]));
        return suspendedEntry({ slots, ...(chosen ? { chosen } : {}) });
      }
      return { status: "success", output: Object.fromEntries(runnables.map((r, i) => [r.id, (outs[i] as { output: unknown }).output])) };
    }
    case "loop": {
      let iteration = state?.iteration ?? 0;
      let prev = state?.slots[entry.step.id];
      let input = prev?.input ?? data;
      for (;;) {
        const out = await runSlot(entry.step, input, level, prev, resume, true);
        prev = undefined;
        resume = undefined;
        if (out.status === "suspended") return suspendedEntry({ slots: { [entry.step.id]: out.slot }, iteration });
        if (out.status === "bailed") return out;
        iteration++;
        // A loop of quick steps never leaves the microtask queue; let timers, I/O and cancel in now and then.
        if (iteration % 64 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
        const verdict = await entry.condition({ ...contextFor(level, out.output), iterationCount: iteration });
        if (entry.loopType === "dowhile" ? !verdict : verdict) return out;
        input = out.output;
      }
    }
    case "foreach":
      return runForeach(entry, data, level, state, resume);
    case "map": {
      const startedAt = Date.now();
      const output = await entry.fn(contextFor(level, data));
      level.steps[entry.id] = { status: "success", payload: data, output, startedAt, endedAt: Date.now() };
      await level.onStep(entry.id, true);
      return { status: "success", output };
    }
    case "sleep": {
      const startedAt = Date.now();
      level.steps[entry.id] = { status: "running", payload: data, startedAt };
      await level.onStep(entry.id, false);
      const ms = entry.fn ? await entry.fn(contextFor(level, data)) : (entry.duration ?? 0);
      await sleep(ms, level.abortSignal);
      level.steps[entry.id] = { status: "success", payload: data, output: data, startedAt, endedAt: Date.now() };
      await level.onStep(entry.id, true);
      return { status: "success", output: data };
    }
  }
}

async function runForeach(
  entry: Extract<Entry, { type: "foreach" }>,
  data: unknown,
  level: Level,
  state: EntryState | undefined,
  resume: ResumeRequest | undefined,
): Promise<EntryOutcome> {
  const id = entry.step.id;
  const startedAt = Date.now();
  level.steps[id] = { status: "running", payload: data, startedAt };
  await level.onStep(id, false);
  try {
    if (!Array.isArray(data)) throw new Error(`foreach step "${id}" needs an array as input, got ${data === null ? "null" : typeof data}`);
    const outs: SlotOutcome[] = new Array(data.length);
    let next = 0;
    const worker = async () => {
      while (next < data.length) {
        const i = next++;
        outs[i] = await runSlot(entry.step, data[i], level, state?.slots[String(i)], resume, false);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(entry.opts.concurrency, data.length)) }, worker));
    const bailed = outs.find((o) => o.status === "bailed");
    if (bailed) return bailed;
    const suspended = outs.filter((o): o is Extract<SlotOutcome, { status: "suspended" }> => o.status === "suspended");
    if (suspended.length > 0) {
      const slots = Object.fromEntries(outs.map((o, i) => [String(i), slotOf(o, data[i])]));
      level.steps[id] = { status: "suspended", payload: data, suspendPayload: suspended[0].slot.suspendPayload, startedAt };
      await level.onStep(id, true);
      return suspendedEntry({ slots });
    }
    const output = outs.map((o) => (o as { output: unknown }).output);
    level.steps[id] = { status: "success", payload: data, output, startedAt, endedAt: Date.now() };
    await level.onStep(id, true);
    return { status: "success", output };
  } catch (error) {
    await recordFailure(level, id, data, startedAt, error);
    throw error;
  }
}

/**
 * Runs one step or nested workflow. A slot that already succeeded is not run again; a suspended one
 * runs again only when `resume` points at it, and otherwise stays suspended.
 */
async function runSlot(
  runnable: Runnable,
  input: unknown,
  level: Level,
  prev: SlotState | undefined,
  resume: ResumeRequest | undefined,
  record: boolean,
): Promise<SlotOutcome> {
  if (prev?.status === "success") return { status: "success", output: prev.output };
  const targeted = prev?.status === "suspended" && resume !== undefined && resume.path[0] === runnable.id;
  if (prev?.status === "suspended" && !targeted) return { status: "suspended", slot: prev };

  const id = runnable.id;
  const startedAt = Date.now();
  const resumeData = targeted && runnable.kind === "step" ? resume!.data : undefined;
  if (record) {
    level.steps[id] = { status: "running", payload: input, startedAt, ...(targeted ? { suspendPayload: prev!.suspendPayload, resumeData: resume!.data } : {}) };
    await level.onStep(id, false);
  }
  try {
    level.abortSignal.throwIfAborted();
    const out =
      runnable.kind === "workflow"
        ? await runNested(runnable, input, level, targeted ? prev : undefined, targeted ? { path: resume!.path.slice(1), data: resume!.data } : undefined, record)
        : await runStep(runnable, input, level, resumeData, targeted);
    if (record) {
      const resumed = targeted ? { suspendPayload: prev!.suspendPayload, resumeData: resume!.data } : {};
      level.steps[id] =
        out.status === "suspended"
          ? { status: "suspended", payload: input, startedAt, ...resumed, suspendPayload: out.slot.suspendPayload }
          : { status: "success", payload: input, output: out.output, startedAt, endedAt: Date.now(), ...resumed };
      await level.onStep(id, true);
    }
    return out;
  } catch (error) {
    if (record) await recordFailure(level, id, input, startedAt, error);
    throw error;
  }
}

async function runStep(step: Step, input: unknown, level: Level, resumeData: unknown, resumed: boolean): Promise<SlotOutcome> {
  const inputData = await parseWith(step.inputSchema, input, `input for step "${step.id}"`);
  let suspended: { payload: unknown } | undefined;
  let bailed: { output: unknown } | undefined;
  const raw = await step.execute(
    contextFor(level, inputData, {
      resumeData: resumed ? resumeData : undefined,
      suspend: async (payload) => {
        suspended = { payload };
      },
      bail: (result) => {
        bailed = { output: result };
      },
    }),
  );
  if (suspended) {
    const payload = await checkOutput(step.suspendSchema, suspended.payload, `suspend payload of step "${step.id}"`);
    return { status: "suspended", slot: { status: "suspended", input, suspendPayload: payload, paths: [[step.id]] } };
  }
  if (bailed) return { status: "bailed", output: bailed.output };
  return { status: "success", output: await checkOutput(step.outputSchema, raw, `output of step "${step.id}"`) };
}

/**
 * Runs a nested workflow's graph on its own step records. When the parent records this slot, each
 * inner record is mirrored into the parent's records as `nestedId.stepId` (Mastra's key for a nested
 * step), so the run's snapshot and watch events show the inner steps too. Items of a `foreach` are
 * not recorded one by one, so their inner steps are not either.
 */
async function runNested(
  workflow: NestedWorkflow,
  input: unknown,
  parent: Level,
  prev: SlotState | undefined,
  resume: ResumeRequest | undefined,
  record: boolean,
): Promise<SlotOutcome> {
  const initData = await parseWith(workflow.inputSchema, input, `input for workflow "${workflow.id}"`);
  const level: Level = {
    ...parent,
    workflowId: workflow.id,
    initData,
    steps: prev?.nested?.steps ?? {},
    onStep: (stepId, final) => {
      if (!record) return;
      const key = `${workflow.id}.${stepId}`;
      parent.steps[key] = level.steps[stepId];
      return parent.onStep(key, final);
    },
  };
  const out = await runGraph(workflow.graph, level, prev?.nested?.position, resume);
  if (out.status === "suspended") {
    return {
      status: "suspended",
      slot: {
        status: "suspended",
        input,
        suspendPayload: out.payload,
        paths: out.paths.map((p) => [workflow.id, ...p]),
        nested: { steps: level.steps, position: out.position },
      },
    };
  }
  // A bail inside a nested workflow ends that workflow, not its parent.
  const output = out.status === "bailed" ? out.output : await checkOutput(workflow.outputSchema, out.output, `output of workflow "${workflow.id}"`);
  return { status: "success", output };
}

function suspendedEntry(state: EntryState): EntryOutcome {
  const suspended = Object.values(state.slots).filter((s) => s.status === "suspended");
  const paths = dedupe(suspended.flatMap((s) => s.paths ?? []));
  return { status: "suspended", state, paths, payload: suspended[0]?.suspendPayload };
}

function slotOf(out: SlotOutcome, input: unknown): SlotState {
  return out.status === "suspended" ? out.slot : { status: "success", input, output: out.output };
}

async function recordFailure(level: Level, id: string, input: unknown, startedAt: number, error: unknown): Promise<void> {
  // The innermost failing step records the error; enclosing entries keep the first message.
  if (level.steps[id]?.status === "failed") return;
  level.steps[id] = { status: "failed", payload: input, error: messageOf(error), startedAt, endedAt: Date.now() };
  await level.onStep(id, true);
}

export function contextFor(level: Level, inputData: unknown, extra: Partial<StepContext> = {}): StepContext<any> {
  return {
    inputData,
    mastra: level.mastra,
    requestContext: level.requestContext,
    runtimeContext: level.requestContext,
    abortSignal: level.abortSignal,
    runId: level.runId,
    workflowId: level.workflowId,
    getInitData: () => level.initData as any,
    getStepResult: (step) => {
      const record = level.steps[typeof step === "string" ? step : step?.id];
      return (record?.status === "success" ? record.output : undefined) as any;
    },
    suspend: async () => {
      throw new Error("suspend() can only be called inside a step's execute");
    },
    resumeData: undefined,
    bail: () => {
      throw new Error("bail() can only be called inside a step's execute");
    },
    ...extra,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, Number(ms) || 0));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function dedupe(paths: string[][]): string[][] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
