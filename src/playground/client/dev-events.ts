/**
 * `mastra dev` tells the page when it swaps in a new server: its proxy streams server-sent events
 * at DEV_EVENTS_PATH, the first naming the current server, then one per swap. A dropped stream
 * (the dev process restarted, the laptop slept) is opened again; a different server id then also
 * counts as a swap.
 */
import { ApiError, readStream, request, sseData } from "./api.js";
import { DEV_EVENTS_PATH } from "./paths.js";
const RETRY_MS = 1_000;

/** Calls `onSwap` after each swap; returns the function that stops watching. */
export function watchServerSwaps(onSwap: () => void): () => void {
  const controller = new AbortController();
  let seen: string | undefined;
  const onData = (data: string) => {
    let server: unknown;
    try {
      server = (JSON.parse(data) as { server?: unknown }).server;
    } catch {
      return;
    }
    if (typeof server !== "string" && typeof server !== "number") return;
    const id = String(server);
    if (seen !== undefined && seen !== id) onSwap();
    seen = id;
  };
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const res = await request(DEV_EVENTS_PATH, { signal: controller.signal, headers: { accept: "text/event-stream" } });
        await readStream(res, sseData(onData), controller.signal);
      } catch (error) {
        // A deployed playground (`mastra build --playground`) has no dev process to ask.
        if (error instanceof ApiError && error.status === 404) return;
        // Dropped: try again in a moment.
      }
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  })();
  return () => controller.abort();
}
