import type { RunState, StoredRun, WatchEvent } from "./types.js";

export function runFromStored(run: StoredRun): RunState {
  const s = run.snapshot;
  return {
    runId: run.runId,
    status: run.status,
    input: s.input,
    steps: s.steps ?? {},
    result: s.result,
    error: s.error,
    suspended: s.suspended ?? [],
    createdAt: run.createdAt,
  };
}

/** Every watch event carries the whole state, so the latest one is the run as it stands. */
export function runFromWatch(event: WatchEvent, previous?: RunState): RunState {
  const state = event.payload.workflowState;
  return {
    runId: event.runId,
    status: state.status,
    input: state.payload ?? previous?.input,
    steps: state.steps ?? {},
    result: state.result,
    error: state.error,
    suspended: state.suspended ?? [],
    createdAt: previous?.createdAt,
  };
}

/** A run in one of these states moves no further on its own (a suspended one waits for a resume). */
export const STOPPED = new Set(["success", "failed", "canceled", "suspended"]);

/** The suspend payload of the step at `path` (its record's key is the path joined with dots). */
export function suspendPayloadAt(run: RunState, path: string[]): unknown {
  return run.steps[path.join(".")]?.suspendPayload;
}
