import { HttpError, NotFoundError } from "../errors.js";
import { RequestContext } from "../request-context.js";
import type { RunVersion, StepRecord, WorkflowRun, WorkflowRunSnapshot, WorkflowRunStatus } from "../storage/types.js";
import { checkOutput, parseWith } from "../validate.js";
import { messageOf, runGraph, type Level, type Position, type ResumeRequest } from "./engine.js";
import { pollRunStatus } from "./cancel-poll.js";
import type { Entry, Runnable } from "./graph.js";
import type { Workflow } from "./workflow.js";

export type StepResult = StepRecord;

export type WorkflowResult =
  | { status: "success"; input: unknown; steps: Record<string, StepRecord>; result: unknown }
  | { status: "failed"; input: unknown; steps: Record<string, StepRecord>; error: string }
  | { status: "suspended"; input: unknown; steps: Record<string, StepRecord>; suspended: string[][]; suspendPayload: unknown }
  | { status: "canceled"; input: unknown; steps: Record<string, StepRecord> };

/**
 * What `run.watch(cb)` and `GET /api/workflows/:id/watch` deliver: Mastra's watch event, sent when a
 * step starts, when it ends and when the run ends.
 */
export interface WatchEvent {
  type: "watch";
  runId: string;
  eventTimestamp: string;
  payload: {
    currentStep?: { id: string } & StepRecord;
    workflowState: { status: WorkflowRunStatus; steps: Record<string, StepRecord>; result?: unknown; error?: string; payload?: unknown; suspended?: string[][] };
  };
}

export interface StartOptions {
  inputData?: unknown;
  requestContext?: RequestContext;
  /** The older name of `requestContext`. */
  runtimeContext?: RequestContext;
  abortSignal?: AbortSignal;
}

export interface ResumeOptions {
  /** The suspended step: a step, its id, or a path `[nestedWorkflowId, stepId]`. Optional when one step is suspended. */
  step?: string | { id: string } | (string | { id: string })[];
  resumeData?: unknown;
  requestContext?: RequestContext;
  runtimeContext?: RequestContext;
  abortSignal?: AbortSignal;
}

/** The engine-private part of a snapshot (see WorkflowRunSnapshot's index signature). */
interface Snapshot extends WorkflowRunSnapshot {
  suspended?: string[][];
  suspendPayload?: unknown;
  position?: Position;
  requestContext?: Record<string, unknown>;
}

/** What a run's saves keep from the stored run they continue. */
interface RunBase {
  createdAt: Date;
  resourceId?: string;
}

const versionOf = (run: WorkflowRun): RunVersion => ({ status: run.status, updatedAt: run.updatedAt });

const TERMINAL: WorkflowRunStatus[] = ["success", "failed", "canceled"];

/** A run executing in this process. */
export interface ActiveRun {
  controller: AbortController;
  canceled: boolean;
  done: Promise<unknown>;
  /**
   * Its live state: a step that is running is here before it is saved (runs are saved when a step
   * ends), so a watcher that joins mid-step starts from it rather than from the store.
   */
  snapshot: WorkflowRunSnapshot;
}

/** Runs that are executing in this process, so cancel and watch can reach them. Per workflow. */
export class ActiveRuns {
  private readonly running = new Map<string, ActiveRun>();
  private readonly watchers = new Map<string, Set<(event: WatchEvent) => void>>();

  get(runId: string) {
    return this.running.get(runId);
  }
  set(runId: string, entry: ActiveRun) {
    this.running.set(runId, entry);
  }
  delete(runId: string) {
    this.running.delete(runId);
  }
  watch(runId: string, listener: (event: WatchEvent) => void): () => void {
    let set = this.watchers.get(runId);
    if (!set) this.watchers.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0 && this.watchers.get(runId) === set) this.watchers.delete(runId);
    };
  }
  hasWatchers(runId: string): boolean {
    return this.watchers.has(runId);
  }
  emit(runId: string, event: WatchEvent) {
    for (const listener of this.watchers.get(runId) ?? []) {
      try {
        listener(event);
      } catch {
        // A watcher's failure is its own; the run goes on.
      }
    }
  }
}

export class Run {
  constructor(
    private readonly workflow: Workflow<any, any>,
    readonly runId: string,
    readonly resourceId?: string,
  ) {}

  get workflowId(): string {
    return this.workflow.id;
  }

  /** Runs the workflow until it finishes or suspends, saving the run after every step; never throws for a step failure. */
  async start(options: StartOptions = {}): Promise<WorkflowResult> {
    return (await this.prepareStart(options))();
  }

  /**
   * Continues a suspended run from its saved snapshot (on this instance or any other sharing the store).
   * 404 for an unknown run, 409 when it is not suspended, 400 for an unknown step or `resumeData` that
   * fails the step's `resumeSchema`.
   */
  async resume(options: ResumeOptions = {}): Promise<WorkflowResult> {
    return (await this.prepareResume(options))();
  }

  /** @internal The checks of `start` (409 when already started); the returned function runs it. For routes that answer before the run ends. */
  async prepareStart(options: StartOptions = {}): Promise<() => Promise<WorkflowResult>> {
    const stored = await this.workflow.getStorage().getRun(this.workflow.id, this.runId);
    if (stored && stored.status !== "created") {
      throw new HttpError(409, `Run "${this.runId}" of workflow "${this.workflow.id}" has already started (status: ${stored.status})`);
    }
    this.assertNotActive();
    const requestContext = options.requestContext ?? options.runtimeContext ?? new RequestContext();
    const snapshot: Snapshot = { status: "running", input: options.inputData, steps: {}, requestContext: jsonEntries(requestContext) };
    const base = { createdAt: stored?.createdAt ?? new Date(), resourceId: stored?.resourceId ?? this.resourceId };
    const version = await this.claim(snapshot, base, stored && versionOf(stored), `Run "${this.runId}" of workflow "${this.workflow.id}" was started by another request`);
    return () => this.drive(snapshot, base, version, requestContext, options.abortSignal);
  }

  /** @internal The checks of `resume` (404, 409, 400); the returned function runs it. */
  async prepareResume(options: ResumeOptions = {}): Promise<() => Promise<WorkflowResult>> {
    const stored = await this.workflow.getStorage().getRun(this.workflow.id, this.runId);
    if (!stored) throw new NotFoundError(`Run "${this.runId}" of workflow "${this.workflow.id}" not found`);
    if (stored.status !== "suspended") {
      throw new HttpError(409, `Run "${this.runId}" of workflow "${this.workflow.id}" is ${stored.status}, not suspended: only a suspended run can be resumed`);
    }
    this.assertNotActive();
    const snapshot = stored.snapshot as Snapshot;
    const path = resolvePath(options.step, snapshot.suspended ?? [], this.runId);
    const target = findByPath(this.workflow.graph, path);
    const resumeData =
      target?.kind === "step" ? await parseWith(target.resumeSchema, options.resumeData, `resumeData for step "${target.id}"`) : options.resumeData;
    const requestContext = new RequestContext({ ...snapshot.requestContext, ...Object.fromEntries(options.requestContext ?? options.runtimeContext ?? []) });
    const next: Snapshot = { ...snapshot, status: "running", requestContext: jsonEntries(requestContext) };
    // Two instances may both have read the run as suspended: the compare-and-set lets one resume it.
    const version = await this.claim(next, stored, versionOf(stored), `Run "${this.runId}" of workflow "${this.workflow.id}" was resumed by another request`);
    return () => this.drive(next, stored, version, requestContext, options.abortSignal, { path, data: resumeData });
  }

  /**
   * Cancels the run: a run executing here is aborted (its current step sees `abortSignal`) and saved as
   * `canceled`; a created, suspended or orphaned running run is marked `canceled` in the store.
   */
  async cancel(): Promise<void> {
    const active = this.workflow.activeRuns.get(this.runId);
    if (active) {
      active.canceled = true;
      active.controller.abort(new Error(`Run "${this.runId}" was canceled`));
      await active.done;
      return;
    }
    const storage = this.workflow.getStorage();
    const stored = await storage.getRun(this.workflow.id, this.runId);
    if (!stored) throw new NotFoundError(`Run "${this.runId}" of workflow "${this.workflow.id}" not found`);
    if (TERMINAL.includes(stored.status)) {
      throw new HttpError(409, `Run "${this.runId}" of workflow "${this.workflow.id}" is ${stored.status}: only a created, running or suspended run can be canceled`);
    }
    const { position: _position, ...rest } = stored.snapshot as Snapshot;
    const written = await storage.persistRunIf({ ...stored, status: "canceled", snapshot: { ...rest, status: "canceled" }, updatedAt: new Date() }, versionOf(stored));
    if (!written) throw new HttpError(409, `Run "${this.runId}" of workflow "${this.workflow.id}" changed while it was being canceled (another request moved it on); read it and try again`);
    this.workflow.activeRuns.emit(this.runId, watchEvent(this.runId, { ...rest, status: "canceled" }));
  }

  /** Calls `listener` with every step event of this run executed in this process; returns the unsubscribe function. */
  watch(listener: (event: WatchEvent) => void): () => void {
    return this.workflow.activeRuns.watch(this.runId, listener);
  }

  /** Writes the run's first `running` state if the store still holds `expected`; 409 with `lost` otherwise. */
  private async claim(snapshot: Snapshot, base: RunBase, expected: RunVersion | null, lost: string): Promise<RunVersion> {
    const run = this.record(snapshot, base);
    if (!(await this.workflow.getStorage().persistRunIf(run, expected))) throw new HttpError(409, lost);
    return versionOf(run);
  }

  private record(snapshot: Snapshot, base: RunBase): WorkflowRun {
    return {
      workflowName: this.workflow.id,
      runId: this.runId,
      ...(base.resourceId !== undefined ? { resourceId: base.resourceId } : {}),
      status: snapshot.status,
      snapshot: toJson(snapshot),
      createdAt: base.createdAt,
      updatedAt: new Date(),
    };
  }

  private assertNotActive(): void {
    if (this.workflow.activeRuns.get(this.runId)) {
      throw new HttpError(409, `Run "${this.runId}" of workflow "${this.workflow.id}" is already running`);
    }
  }

  /** Runs the claimed run (its first `running` state is stored as `version`), saving after every step. */
  private async drive(snapshot: Snapshot, base: RunBase, version: RunVersion, requestContext: RequestContext, signal: AbortSignal | undefined, resume?: ResumeRequest): Promise<WorkflowResult> {
    const workflow = this.workflow;
    const storage = workflow.getStorage();
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    else signal?.addEventListener("abort", onAbort, { once: true });
    const entry: ActiveRun = { controller, canceled: false, done: Promise.resolve(), snapshot };

    // Saves are chained so parallel steps finishing together are written in order, last state last.
    // Each expects the previous one: if the stored run moved on without us (canceled on another
    // instance), this run stops at its next step instead of writing over that.
    let saving: Promise<void> = Promise.resolve();
    let owned = true;
    // Saves see a cancel from another instance only when a step ends, and a long sleep or step may not
    // end for hours: the stored status is also re-read now and then (pollRunStatus). Either aborts the run here.
    const lost = (why: string) => {
      owned = false;
      entry.canceled = true;
      controller.abort(new Error(`Run "${this.runId}" was ${why}`));
    };
    const save = () => {
      const run = this.record(snapshot, base);
      saving = saving.then(async () => {
        if (!owned) return;
        if (await storage.persistRunIf(run, version)) version = versionOf(run);
        else lost("changed by another request (canceled elsewhere)");
      });
      return saving;
    };
    const emit = (stepId?: string) => {
      if (workflow.activeRuns.hasWatchers(this.runId)) workflow.activeRuns.emit(this.runId, watchEvent(this.runId, snapshot, stepId));
    };

    workflow.activeRuns.set(this.runId, entry);
    const work = (async (): Promise<WorkflowResult> => {
      try {
        emit();
        const position = snapshot.position;
        delete snapshot.position;
        delete snapshot.suspended;
        delete snapshot.suspendPayload;
        const level: Level = {
          workflowId: workflow.id,
          runId: this.runId,
          mastra: workflow.getMastra(),
          requestContext,
          abortSignal: controller.signal,
          initData: undefined,
          steps: snapshot.steps,
          onStep: (stepId, final) => {
            emit(stepId);
            return final ? save() : undefined;
          },
        };
        const stopPolling = pollRunStatus(
          () => storage.getRun(workflow.id, this.runId),
          (status) => lost(status ? `${status} by another request` : "deleted by another request"),
        );
        try {
          level.initData = await parseWith(workflow.inputSchema, snapshot.input, `input for workflow "${workflow.id}"`);
          const outcome = await runGraph(workflow.graph, level, position, resume);
          if (outcome.status === "suspended") {
            Object.assign(snapshot, { status: "suspended", position: outcome.position, suspended: outcome.paths, suspendPayload: outcome.payload });
          } else {
            const result = outcome.status === "bailed" ? outcome.output : await checkOutput(workflow.outputSchema, outcome.output, `output of workflow "${workflow.id}"`);
            Object.assign(snapshot, { status: "success", result });
          }
        } catch (error) {
          if (entry.canceled) snapshot.status = "canceled";
          else Object.assign(snapshot, { status: "failed", error: messageOf(error) });
        } finally {
          // Before the last save: it writes a status other than `running`, which is no cancel.
          stopPolling();
        }
        await save();
        emit();
        return resultOf(snapshot);
      } finally {
        signal?.removeEventListener("abort", onAbort);
        workflow.activeRuns.delete(this.runId);
      }
    })();
    entry.done = work.catch(() => {});
    return work;
  }
}

/** A stopped run's outcome, as `run.start()` returned it; undefined while it is created or running. */
export function resultOfRun(run: WorkflowRun): WorkflowResult | undefined {
  return run.status === "created" || run.status === "running" ? undefined : resultOf(run.snapshot as Snapshot);
}

function resultOf(snapshot: Snapshot): WorkflowResult {
  const { input, steps } = snapshot;
  switch (snapshot.status) {
    case "success":
      return { status: "success", input, steps, result: snapshot.result };
    case "suspended":
      return { status: "suspended", input, steps, suspended: snapshot.suspended ?? [], suspendPayload: snapshot.suspendPayload };
    case "canceled":
      return { status: "canceled", input, steps };
    default:
      return { status: "failed", input, steps, error: snapshot.error ?? "failed" };
  }
}

export function watchEvent(runId: string, snapshot: WorkflowRunSnapshot, stepId?: string): WatchEvent {
  const s = snapshot as Snapshot;
  return toJson({
    type: "watch",
    runId,
    eventTimestamp: new Date().toISOString(),
    payload: {
      ...(stepId && s.steps[stepId] ? { currentStep: { id: stepId, ...s.steps[stepId] } } : {}),
      workflowState: {
        status: s.status,
        steps: s.steps,
        payload: s.input,
        ...(s.result !== undefined ? { result: s.result } : {}),
        ...(s.error !== undefined ? { error: s.error } : {}),
        ...(s.suspended ? { suspended: s.suspended } : {}),
      },
    },
  });
}

/** Picks the suspended path `step` names; 400 listing the suspended steps when it names none of them. */
function resolvePath(step: ResumeOptions["step"], suspended: string[][], runId: string): string[] {
  const listed = suspended.map((p) => p.join(".")).join(", ") || "none";
  if (step === undefined || (Array.isArray(step) && step.length === 0)) {
    if (suspended.length === 1) return suspended[0];
    throw new HttpError(400, `Run "${runId}" has ${suspended.length} suspended steps (${listed}): say which one to resume with \`step\``);
  }
  const ids = (Array.isArray(step) ? step : [step]).map((s) => (typeof s === "string" ? s : s?.id));
  const match =
    suspended.find((p) => p.length === ids.length && p.every((id, i) => id === ids[i])) ??
    (ids.length === 1 ? suspended.find((p) => p[p.length - 1] === ids[0] || p[0] === ids[0]) : undefined);
  if (!match) throw new HttpError(400, `Step "${ids.join(".")}" is not suspended in run "${runId}" (suspended: ${listed})`);
  return match;
}

function findByPath(graph: readonly Entry[], path: string[]): Runnable | undefined {
  let entries = graph;
  let found: Runnable | undefined;
  for (const id of path) {
    found = entries
      .flatMap((e) => (e.type === "parallel" || e.type === "conditional" ? e.steps : e.type === "map" || e.type === "sleep" ? [] : [e.step]))
      .find((r) => r.id === id);
    if (!found) return undefined;
    entries = found.kind === "workflow" ? found.graph : [];
  }
  return found;
}

function jsonEntries(context: RequestContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of context) {
    try {
      if (JSON.stringify(value) !== undefined) out[key] = toJson(value);
    } catch {
      // Not JSON (a client, a function): it lives only as long as this request.
    }
  }
  return out;
}

/** Snapshots cross instances as JSON: what a step returns is kept as JSON would keep it. */
function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)) ?? "null");
}
