// A worker in workerd through Miniflare, timed from `new Miniflare()` to the first response.
// The module is handed over explicitly (not by scriptPath) because Mastra's bundle has dynamic
// imports Miniflare's module walker refuses; modulesRoot keeps the path inside the folder.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";

export const HELLO_WORKER = `export default { fetch() { return Response.json({ status: "ok" }); } };`;

export async function workerColdStart({ dir, file, contents, compatibilityDate, compatibilityFlags, path = "/health" }) {
  let stderrText = "";
  const started = performance.now();
  const mf = new Miniflare({
    modulesRoot: dir,
    modules: [{ type: "ESModule", path: join(dir, file), contents: contents ?? readFileSync(join(dir, file), "utf8") }],
    compatibilityDate,
    compatibilityFlags,
    cf: false,
    // Keep the worker's console.log (the quickstart logs every request) out of the report.
    // stderr is kept: it carries workerd's reason when a worker fails to start.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.on("data", (d) => (stderrText = (stderrText + d).slice(-4000)));
    },
  });
  try {
    const res = await mf.dispatchFetch(`http://localhost${path}`);
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return { ms: performance.now() - started };
  } catch (error) {
    // First sentence of workerd's complaint plus the function that raised it, e.g. "… in randomUUID".
    const uncaught = /Uncaught ([^.\n]*)/.exec(stderrText)?.[1];
    const where = /^\s+at [^\n]* in (\w+)$/m.exec(stderrText)?.[1];
    throw new Error(uncaught ? `${uncaught}${where ? ` (${where} at module load)` : ""}` : error.message);
  } finally {
    await mf.dispose().catch(() => {});
  }
}
