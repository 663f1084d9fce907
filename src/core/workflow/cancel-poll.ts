import type { WorkflowRun, WorkflowRunStatus } from "../storage/types.js";

/**
 * How often a run executing here re-reads its own status from the store. Another instance cancels a
 * run by writing the store only; the run's saves notice that (compare-and-set) but a `.sleep` or a
 * slow step saves nothing for as long as it lasts. 5 s keeps a canceled run on this instance at most
 * about that long, while the cost stays one primary-key read per run every 5 s — 1,000 runs asleep
 * at once make 200 point reads/s — and a run that ends sooner never reads at all.
 */
export const CANCEL_POLL_MS = 5_000;

/**
 * Re-reads the run every `everyMs` while it executes; calls `onMoved` once, with the stored status,
 * when the store no longer says `running` (canceled, or deleted: undefined). Returns the stop
 * function, to call before the run's own last save (which writes another status).
 */
export function pollRunStatus(read: () => Promise<WorkflowRun | null>, onMoved: (status: WorkflowRunStatus | undefined) => void, everyMs = CANCEL_POLL_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout>;
  const tick = async () => {
    try {
      const stored = await read();
      if (stopped) return;
      if (stored?.status !== "running") {
        stopped = true;
        onMoved(stored?.status);
        return;
      }
    } catch {
      // A failed read says nothing about a cancel; the next save's compare-and-set still guards the store.
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  timer = setTimeout(tick, everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
