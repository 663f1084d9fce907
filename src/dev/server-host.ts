/**
 * The program of a dev server process: `node --enable-source-maps server-host.js <preload...>`.
 *
 * It starts *before* there is anything to run, importing the packages the last bundle left to
 * Node (hono, zod, the AI SDK…). When a build is ready, the dev process sends `load` and the
 * bundle's own imports of those packages are already in Node's module cache, so only the
 * app's code is left to evaluate: that is most of the time a reload would otherwise spend
 * starting Node and loading dependencies.
 */
import { pathToFileURL } from "node:url";
import type { LoadBundle, LoadFailed } from "./protocol.js";

// Never outlive the dev process, even if it was killed without a chance to stop us.
process.on("disconnect", () => process.exit(0));

const preloading = (async () => {
  for (const file of process.argv.slice(2)) {
    try {
      await import(pathToFileURL(file).href);
    } catch {
      // The bundle imports it again and reports the error with its context.
    }
  }
})();

let loading = false;
process.on("message", async (message: LoadBundle) => {
  if (message?.type !== "load" || loading) return;
  loading = true;
  await preloading;
  try {
    await import(pathToFileURL(message.file).href);
  } catch (err) {
    const e = err as Error;
    const failed: LoadFailed = { type: "failed", name: e?.name ?? "Error", message: String(e?.message ?? err), stack: String(e?.stack ?? "") };
    process.send?.(failed, () => process.exit(1));
  }
});
