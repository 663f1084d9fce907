import { getJson, postJson, readStream, request, seg, splitRecords } from "../../api.js";
import { newId } from "../../chat-model.js";
import { runFromStored, runFromWatch } from "./run-state.js";
import type { RunState, StoredRun, WatchEvent, WorkflowInfo } from "./types.js";

/** Records of the watch stream end with this byte (Mastra's client-js splits on it too). */
const RECORD_SEPARATOR = "\x1E";

const base = (workflowId: string) => `/api/workflows/${seg(workflowId)}`;

export const listWorkflows = (signal: AbortSignal) => getJson<Record<string, WorkflowInfo>>("/api/workflows", signal);
export const describeWorkflow = (workflowId: string, signal: AbortSignal) => getJson<WorkflowInfo>(base(workflowId), signal);

export async function listRuns(workflowId: string, signal: AbortSignal): Promise<StoredRun[]> {
  return (await getJson<{ runs: StoredRun[] }>(`${base(workflowId)}/runs?limit=50`, signal)).runs;
}

export async function loadRun(workflowId: string, runId: string, signal?: AbortSignal): Promise<RunState> {
  return runFromStored(await getJson<StoredRun>(`${base(workflowId)}/runs/${seg(runId)}`, signal));
}

/**
 * Starts a run in the background under an id chosen here, so nothing is created when the server
 * refuses the input: its 400 is the thrown ApiError, whose `issues` name the fields.
 */
export async function startRun(workflowId: string, inputData: unknown): Promise<string> {
  const runId = newId();
  await postJson(`${base(workflowId)}/start?runId=${seg(runId)}`, { inputData });
  return runId;
}

/** Resumes a suspended step in the background; a wrong `resumeData` is a 400 with `issues`. */
export async function resumeRun(workflowId: string, runId: string, step: string[], resumeData: unknown): Promise<void> {
  await postJson(`${base(workflowId)}/resume?runId=${seg(runId)}`, { step, resumeData });
}

/** Cancels a created, running or suspended run (a running step sees its abortSignal). */
export async function cancelRun(workflowId: string, runId: string): Promise<void> {
  await postJson(`${base(workflowId)}/runs/${seg(runId)}/cancel`, {});
}

/**
 * Follows a run: each watch record updates the state, and when the stream ends (the run finished or
 * suspended) the stored run is read once more, so the last state shown is the saved one even when
 * the stream ended before the last step's record.
 */
export async function followRun(workflowId: string, runId: string, update: (next: (prev: RunState | undefined) => RunState) => void, signal: AbortSignal): Promise<void> {
  const res = await request(`${base(workflowId)}/watch?runId=${seg(runId)}`, { signal });
  const onChunk = splitRecords(RECORD_SEPARATOR, (text) => {
    let event: WatchEvent;
    try {
      event = JSON.parse(text) as WatchEvent;
    } catch {
      return; // Not a watch event: skip it rather than stop watching.
    }
    update((prev) => runFromWatch(event, prev?.runId === runId ? prev : undefined));
  });
  await readStream(res, onChunk, signal);
  if (signal.aborted) return;
  const saved = await loadRun(workflowId, runId, signal);
  update(() => saved);
}
