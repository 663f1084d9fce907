// bench/dev-reload: how long from saving a file to `mastra dev` answering with the change.
//
// `mastra dev` runs on a temp copy of examples/quickstart. Each round rewrites the message of
// the docs' /my-custom-route in src/mastra/routes.ts and polls that route until it returns the
// new text (the clock starts just before the write). For comparison, the same change without
// dev: a cold `mastra build` and a fresh `node --enable-source-maps .mastra/output/index.mjs`
// until the route answers.
//   npm run build && node bench/dev-reload/run.mjs [rounds=10] [coldRuns=3]
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { freePort } from "../lib/proc.mjs";
import { median } from "../lib/stats.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(repo, "bin", "mastra.js");
const rounds = Number(process.argv[2] ?? 10);
const coldRuns = Number(process.argv[3] ?? 3);
const ROUTE = "/my-custom-route";

if (!existsSync(join(repo, "dist", "src", "cli", "main.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** GET on a fresh connection: the body, or null when nothing answers. */
function get(port, path) {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(res.statusCode === 200 ? body : null));
    });
    req.on("error", () => resolve(null));
    req.end();
  });
}

async function waitFor(port, text, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const body = await get(port, ROUTE);
    if (body?.includes(text)) return;
    await sleep(2);
  }
  throw new Error(`no "${text}" from ${ROUTE} within ${timeoutMs} ms`);
}

// The app: a temp copy whose imports resolve from this repo's install.
const tmp = mkdtempSync(join(tmpdir(), "mastra-bench-dev-"));
const app = join(tmp, "quickstart");
cpSync(join(repo, "examples", "quickstart"), app, { recursive: true, filter: (src) => !src.includes(`${"/"}.mastra`) });
symlinkSync(join(repo, "node_modules"), join(app, "node_modules"), "dir");
const routes = join(app, "src", "mastra", "routes.ts");
const original = readFileSync(routes, "utf8");
const setMessage = (text) => writeFileSync(routes, original.replace('"Hello, world!"', JSON.stringify(text)));

let dev;
try {
  // --- mastra dev: edit → new response -------------------------------------------------
  const port = await freePort();
  dev = spawn(process.execPath, [cli, "dev", "--port", String(port)], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  dev.stdout.on("data", (d) => (output += d));
  dev.stderr.on("data", (d) => (output += d));
  const t0 = performance.now();
  await waitFor(port, "Hello, world!", 60_000);
  const firstStart = performance.now() - t0;

  const reloads = [];
  for (let i = 1; i <= rounds; i++) {
    // Let the previous swap finish (old server drained, warm spare started), as between two saves.
    await sleep(600);
    const text = `Hello, reload ${i}!`;
    const start = performance.now();
    setMessage(text);
    await waitFor(port, text);
    reloads.push(performance.now() - start);
  }
  const reported = [...output.matchAll(/reloaded in (\d+) ms \(build (\d+) ms, start (\d+) ms\)/g)].map((m) => m.slice(1).map(Number));
  dev.kill("SIGTERM");
  await new Promise((r) => dev.once("exit", r));
  dev = undefined;
  setMessage("Hello, world!");

  // --- for comparison: cold build + start ------------------------------------------------
  const cold = [];
  for (let i = 1; i <= coldRuns; i++) {
    const text = `Hello, cold ${i}!`;
    setMessage(text);
    const start = performance.now();
    const b = spawnSync(process.execPath, [cli, "build"], { cwd: app, encoding: "utf8" });
    if (b.status !== 0) throw new Error(`mastra build failed:\n${b.stderr}`);
    const built = performance.now();
    const p = await freePort();
    const server = spawn(process.execPath, ["--enable-source-maps", join(app, ".mastra", "output", "index.mjs")], {
      cwd: app,
      env: { ...process.env, PORT: String(p), HOST: "127.0.0.1", NODE_ENV: "production" },
      stdio: "ignore",
    });
    await waitFor(p, text);
    const done = performance.now();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    cold.push({ total: done - start, build: built - start, start: done - built });
  }

  const fmt = (ms) => `${Math.round(ms)} ms`;
  console.log(`bench/dev-reload — examples/quickstart, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}, node ${process.version}`);
  console.log(`  mastra dev first start (build + server):       ${fmt(firstStart)}`);
  console.log(`  mastra dev reload, save → new response (${rounds}x): median ${fmt(median(reloads))}, min ${fmt(Math.min(...reloads))}, max ${fmt(Math.max(...reloads))}`);
  console.log(`    all: ${reloads.map((r) => Math.round(r)).join(", ")} ms`);
  if (reported.length) {
    console.log(`    as printed by mastra dev (median): reload ${median(reported.map((r) => r[0]))} ms = build ${median(reported.map((r) => r[1]))} ms + start ${median(reported.map((r) => r[2]))} ms`);
  }
  console.log(`  cold mastra build + start, same change (${coldRuns}x): median ${fmt(median(cold.map((c) => c.total)))} (build ${fmt(median(cold.map((c) => c.build)))}, start ${fmt(median(cold.map((c) => c.start)))})`);
  console.log(`  reload vs cold: ${(median(cold.map((c) => c.total)) / median(reloads)).toFixed(1)}x faster; target median < 300 ms: ${median(reloads) < 300 ? "met" : "NOT met"}`);
} finally {
  if (dev) dev.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
}
