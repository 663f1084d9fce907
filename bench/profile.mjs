#!/usr/bin/env node
// `npm run bench:profile [-- --scenario=agents|custom|stack] [-- --seconds=8] [-- --startup]`
// `[-- --store=memory|libsql]`: runs our node output under `node --cpu-prof` (load on one
// scenario, or just start → first 200 with --startup, or with --store the storage part's
// workflow runs, `POST start-async`, on that store), then prints where the self time went, per
// function and per package, mapped through the source map to the original files. Evidence for
// the README's profiles when a target is missed.
import autocannon from "autocannon";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize } from "./lib/cpuprofile.mjs";
import { table } from "./lib/format.mjs";
import { startServer } from "./lib/proc.mjs";
import { runtimeArtifacts } from "./lib/runtime-artifacts.mjs";
import { SCENARIOS } from "./parts/load.mjs";
import { loadStartAsync, storageApp } from "./parts/storage.mjs";

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const startup = process.argv.includes("--startup");
const scenario = SCENARIOS[arg("scenario", "agents")];
const seconds = Number(arg("seconds", 8));
const which = arg("server", "ours");

const store = arg("store", null);
const log = (l) => console.error(l);
const dir = mkdtempSync(join(tmpdir(), "bench-prof-"));
const s = store ? storageApp({ log }).server(store, { BENCH_LIBSQL_URL: `file:${join(dir, "runs.db")}` }) : runtimeArtifacts({ log, peers: which === "mastra" }).servers[which];
// Sampling every 100 µs catches the short functions of a ~200 ms startup.
const srv = await startServer({ args: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=100", ...s.args], cwd: s.cwd, env: s.env });
if (store) {
  const r = await loadStartAsync(srv.port, seconds);
  console.error(`profiled ours with ${store} on POST start-async: ${Math.round(r.requests.average)} runs/s`);
} else if (!startup) {
  const r = await autocannon({ url: `http://127.0.0.1:${srv.port}${scenario.path}`, headers: scenario.headers, connections: 50, duration: seconds });
  console.error(`profiled ${which} on ${scenario.path}: ${Math.round(r.requests.average)} req/s`);
}
// SIGTERM: serve() drains and calls process.exit(0), and V8 writes the profile on exit.
srv.child.kill(startup && which !== "ours" && which !== "oursNoMaps" ? "SIGINT" : "SIGTERM");
await new Promise((r) => srv.child.once("exit", r));
const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
const sum = summarize(join(dir, file), { top: 25 });
console.log(`### ${which}: ${store ? `POST start-async with ${store}, ${seconds} s` : startup ? "start → first 200 on /health" : `${scenario.label}, ${seconds} s`} — ${sum.totalMs} ms sampled\n`);
console.log(table(["self time by package / folder", "ms", "%"], sum.buckets.map((b) => [b.label, b.ms, b.pct])));
console.log();
console.log(table(["self time by function (original source via the map)", "ms", "%"], sum.functions.map((f) => [f.label, f.ms, f.pct])));
console.log(`\nprofile: ${join(dir, file)}`);
