#!/usr/bin/env node
// Storage part — workflow runs per second and p50 latency over HTTP: `POST
// /api/workflows/weatherWorkflow/start-async` (create a run, run both steps, answer the result)
// against a built node server on 127.0.0.1, with each store the run's snapshots are written to:
// ours with InMemoryStore, LibSQLStore on a file and PostgresStore (a throwaway cluster with
// PostgreSQL's durable defaults), next to Mastra 0.24 with its LibSQLStore on a file and with no
// store. Every server runs at once (idle ones cost nothing); each runs the same load in turn,
// round after round, so drift on this shared machine spreads over all of them.
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPostgresCluster } from "../../test/helpers/postgres-cluster.mjs";
import { applyEdits } from "../lib/edits.mjs";
import { int, ms, table, times } from "../lib/format.mjs";
import { compileOurs, ourBuild, workCopy } from "../lib/ours.mjs";
import { main } from "../lib/part.mjs";
import { mastraOutput, peerVersions } from "../lib/peer-artifacts.mjs";
import { freePort, startServer } from "../lib/proc.mjs";
import { median, ratio, round } from "../lib/stats.mjs";

const AUTH = { authorization: "Bearer bench-token" };
const START = "/api/workflows/weatherWorkflow/start-async";
const RUNS = "/api/workflows/weatherWorkflow/runs?limit=1";
const BODY = JSON.stringify({ inputData: { city: "Berlin" } });
const CONNECTIONS = 10;

// One build of the quickstart serves our three stores: which one `new Mastra` gets is read from
// the environment at startup, so the code under load is the same and only the store differs.
const OUR_STORES = {
  "src/mastra/index.ts": [
    [
      'import { Mastra } from "@mastra/core";\n',
      `import { Mastra } from "@mastra/core";
import { InMemoryStore } from "@mastra/core/storage";
import { LibSQLStore } from "@mastra/libsql";
import { PostgresStore } from "@mastra/pg";

const stores = {
  memory: () => new InMemoryStore(),
  libsql: () => new LibSQLStore({ url: process.env.BENCH_LIBSQL_URL! }),
  pg: () => new PostgresStore({ connectionString: process.env.DATABASE_URL! }),
};
`,
    ],
    ["export const mastra = new Mastra({\n", 'export const mastra = new Mastra({\n  storage: stores[(process.env.BENCH_STORE ?? "memory") as keyof typeof stores](),\n'],
  ],
};

function post(port, path) {
  return fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: BODY });
}

/** One run end to end must succeed, else the figures would measure an error page. */
async function checkRun(port) {
  const res = await post(port, START);
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (res.status !== 200 || body?.status !== "success") throw new Error(`start-async answered ${res.status}: ${text.slice(0, 300)}`);
}

/** How many runs the server's store holds now (`total` of the runs list), proof the load was written. */
async function storedRuns(port) {
  const res = await fetch(`http://127.0.0.1:${port}${RUNS}`, { headers: AUTH });
  if (res.status !== 200) return null;
  return (await res.json()).total ?? null;
}

/** The quickstart with a store picked at startup, built once by our CLI; `server(store, env)` says how to start it. */
export function storageApp({ log, compiled = false }) {
  if (!compiled) compileOurs({ log });
  const app = workCopy("storage");
  applyEdits(app, OUR_STORES, "storage");
  log("bench: building the quickstart with a store picked at startup (mastra build) …");
  const out = ourBuild(app).json.outDir;
  return { server: (store, env = {}) => ({ cwd: out, args: ["--enable-source-maps", "index.mjs"], env: { BENCH_STORE: store, ...env } }) };
}

export function loadStartAsync(port, duration) {
  return autocannon({
    url: `http://127.0.0.1:${port}${START}`,
    method: "POST",
    headers: { ...AUTH, "content-type": "application/json" },
    body: BODY,
    connections: CONNECTIONS,
    duration,
  });
}

export async function storagePart({ quick, log, compiled = false }) {
  const duration = quick ? 3 : 8;
  const rounds = 2;
  const { server } = storageApp({ log, compiled });
  const scratch = mkdtempSync(join(tmpdir(), "bench-storage-"));
  const errors = {};

  let pg = null;
  try {
    pg = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, stop: async () => {} } : await startPostgresCluster({ port: await freePort(), durable: true });
  } catch (e) {
    errors.pg = e.message;
  }

  const contenders = {
    memory: { label: "**ours**, InMemoryStore", ...server("memory") },
    libsql: { label: "**ours**, LibSQLStore `file:`", ...server("libsql", { BENCH_LIBSQL_URL: `file:${join(scratch, "ours.db")}` }) },
    pg: { label: "**ours**, PostgresStore (local PostgreSQL 15, fsync on)", ...server("pg", { DATABASE_URL: pg?.url }) },
  };
  if (!pg) delete contenders.pg;
  const mastraCommand = (dir, env = {}) => ({ cwd: dir, args: ["--import=./instrumentation.mjs", "index.mjs"], env });
  const ml = mastraOutput("mastra-libsql", { log });
  if (ml.ok) contenders.mastraLibsql = { label: "Mastra 0.24, LibSQLStore `file:`", ...mastraCommand(ml.dir, { BENCH_LIBSQL_URL: `file:${join(scratch, "mastra.db")}` }) };
  else errors.mastraLibsql = ml.error;
  const m = mastraOutput("mastra", { log });
  if (m.ok) contenders.mastraNone = { label: "Mastra 0.24, no store configured", ...mastraCommand(m.dir) };
  else errors.mastraNone = m.error;

  const running = {};
  const results = {};
  try {
    for (const [key, c] of Object.entries(contenders)) {
      try {
        running[key] = await startServer({ args: c.args, cwd: c.cwd, env: c.env });
        await checkRun(running[key].port);
      } catch (e) {
        errors[key] = e.message;
        await running[key]?.stop();
        delete running[key];
      }
    }
    log(`bench: warming up (1 s per server) …`);
    for (const key of Object.keys(running)) await loadStartAsync(running[key].port, 1);
    for (let round = 1; round <= rounds; round++) {
      for (const key of Object.keys(running)) {
        const r = await loadStartAsync(running[key].port, duration);
        const entry = (results[key] ??= { rps: [], p50: [], p99: [], non2xx: 0, errors: 0 });
        entry.rps.push(r.requests.average);
        entry.p50.push(r.latency.p50);
        entry.p99.push(r.latency.p99);
        entry.non2xx += r.non2xx;
        entry.errors += r.errors + r.timeouts;
        log(`bench: storage round ${round}/${rounds} ${key}: ${int(r.requests.average)} runs/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ""}`);
      }
    }
    for (const key of Object.keys(running)) results[key].stored = await storedRuns(running[key].port);
  } finally {
    for (const s of Object.values(running)) await s.stop();
    await pg?.stop().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  }

  const summary = Object.fromEntries(Object.entries(results).map(([k, e]) => [k, { rps: median(e.rps), p50: median(e.p50), p99: median(e.p99), non2xx: e.non2xx, errors: e.errors, stored: e.stored }]));
  const rps = (k) => summary[k]?.rps;
  const fileOverMemory = ratio(rps("libsql"), rps("memory"));
  const fileOverMastra = ratio(rps("libsql"), rps("mastraLibsql"));
  const met = { fileOverMemory: fileOverMemory != null && fileOverMemory >= 0.5, fileOverMastra: fileOverMastra != null && fileOverMastra >= 2 };
  const rows = Object.entries(contenders).map(([k, c]) => {
    const v = summary[k];
    if (!v) return [c.label, `failed: ${errors[k] ?? "?"}`, "", "", "", "", ""];
    return [c.label, int(v.rps), times(ratio(v.rps, rps("memory"))), ms(v.p50), ms(v.p99), int(v.stored), v.non2xx || v.errors ? `${v.non2xx} non-2xx, ${v.errors} errors` : ""];
  });
  for (const k of ["mastraLibsql", "mastraNone"]) if (!contenders[k]) rows.push([k === "mastraLibsql" ? "Mastra 0.24, LibSQLStore `file:`" : "Mastra 0.24, no store", `failed: ${errors[k]}`, "", "", "", "", ""]);
  const verdict = (x, target, ok) => `**${times(x) ?? "?"}** (target ${target}${ok ? ", met" : ", **missed**"})`;
  const markdown =
    table(["`POST start-async` of the quickstart's workflow", "runs/s", "vs ours in-memory", "p50", "p99", "runs stored after", "errors"], rows) +
    `\n\n${CONNECTIONS} connections, ${duration} s per run, ${rounds} rounds alternated, medians; each request creates a run, runs its two steps and answers the result. ` +
    `Our libSQL file store serves ${verdict(fileOverMemory, "≥ 0.5x", met.fileOverMemory)} our in-memory throughput and ${verdict(fileOverMastra, "≥ 2x", met.fileOverMastra)} Mastra's with its LibSQLStore.`;
  return {
    title: "Workflow runs with a store",
    markdown,
    data: {
      connections: CONNECTIONS,
      durationS: duration,
      rounds,
      raw: results,
      summary,
      ratios: {
        libsqlFileOverMemory: round(fileOverMemory),
        libsqlFileOverMastraLibsql: round(fileOverMastra),
        pgOverMemory: round(ratio(rps("pg"), rps("memory"))),
        mastraLibsqlOverMastraNone: round(ratio(rps("mastraLibsql"), rps("mastraNone"))),
      },
      targets: { libsqlFileOverMemory: 0.5, libsqlFileOverMastraLibsql: 2, met },
      peers: { "mastra-libsql": peerVersions("mastra-libsql") },
      errors,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("storage", storagePart);
