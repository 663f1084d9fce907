#!/usr/bin/env node
// Parts 4 and 5 — throughput, latency and memory under load on 127.0.0.1 (autocannon, bounded
// time). Every server runs at once, idle ones cost nothing; each scenario is run on every server
// in turn, round after round (A B C D, A B C D), so machine drift — this box is shared — spreads
// over all of them instead of favouring one. stdout of every server is /dev/null.
import autocannon from "autocannon";
import { bytes, int, ms, table, times } from "../lib/format.mjs";
import { main } from "../lib/part.mjs";
import { memory, probe, startServer } from "../lib/proc.mjs";
import { runtimeArtifacts } from "../lib/runtime-artifacts.mjs";
import { median, ratio, round } from "../lib/stats.mjs";

const AUTH = { authorization: "Bearer bench-token" };
export const SCENARIOS = {
  custom: { label: "GET /my-custom-route (custom route + its logger)", path: "/my-custom-route", headers: {} },
  agents: { label: "GET /api/agents (Bearer)", path: "/api/agents", headers: AUTH },
  stack: { label: "GET /api/agents, every middleware active (Bearer + CORS Origin + x-mastra-client-type)", path: "/api/agents", headers: { ...AUTH, origin: "https://example.com", "x-mastra-client-type": "js" } },
};
const CONTENDERS = ["ours", "hono", "raw", "mastra"];
const CONNECTIONS = 50;

function load(port, scenario, duration) {
  return autocannon({ url: `http://127.0.0.1:${port}${scenario.path}`, headers: scenario.headers, connections: CONNECTIONS, duration });
}

export async function loadPart({ quick, log, compiled = false, peers = true }) {
  const duration = quick ? 3 : 8;
  const rounds = 2;
  const { servers, errors } = runtimeArtifacts({ log, compiled, peers });
  const running = {};
  const idle = {};
  for (const key of CONTENDERS) {
    if (!servers[key]) continue;
    try {
      running[key] = await startServer({ args: servers[key].args, cwd: servers[key].cwd });
      for (let i = 0; i < 20; i++) await probe(running[key].port, "/health");
      await new Promise((r) => setTimeout(r, 500));
      idle[key] = memory(running[key].child.pid).rss;
    } catch (e) {
      errors[key] = e.message;
    }
  }

  const results = {};
  try {
    // Every server must answer 200 on every scenario, else its figures would measure an error page.
    for (const [sk, s] of Object.entries(SCENARIOS)) {
      for (const key of Object.keys(running)) {
        const status = await probe(running[key].port, s.path, s.headers);
        if (status !== 200) errors[`${key}/${sk}`] = `answered ${status}`;
      }
    }
    const active = (sk) => Object.keys(running).filter((k) => !errors[`${k}/${sk}`]);
    log(`bench: warming up (1 s per server and scenario) …`);
    for (const [sk, s] of Object.entries(SCENARIOS)) for (const key of active(sk)) await load(running[key].port, s, 1);

    for (let round = 1; round <= rounds; round++) {
      for (const [sk, s] of Object.entries(SCENARIOS)) {
        for (const key of active(sk)) {
          const r = await load(running[key].port, s, duration);
          const entry = ((results[sk] ??= {})[key] ??= { rps: [], p50: [], p99: [], non2xx: 0, errors: 0 });
          entry.rps.push(r.requests.average);
          entry.p50.push(r.latency.p50);
          entry.p99.push(r.latency.p99);
          entry.non2xx += r.non2xx;
          entry.errors += r.errors + r.timeouts;
          log(`bench: load round ${round}/${rounds} ${sk} ${key}: ${int(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ""}`);
        }
      }
    }
  } finally {
    for (const key of Object.keys(running)) {
      const m = memory(running[key].child.pid);
      (results.memory ??= {})[key] = { idle: idle[key], afterLoad: m.rss, peak: m.peak };
      await running[key].stop();
    }
  }

  const summary = {};
  for (const sk of Object.keys(SCENARIOS)) {
    for (const [key, e] of Object.entries(results[sk] ?? {})) {
      (summary[sk] ??= {})[key] = { rps: median(e.rps), p50: median(e.p50), p99: median(e.p99), non2xx: e.non2xx, errors: e.errors };
    }
  }
  const label = { ours: "**ours**", hono: "Hono floor", raw: "node:http", mastra: "Mastra" };
  const rows = [];
  for (const [sk, s] of Object.entries(SCENARIOS)) {
    for (const key of CONTENDERS) {
      const v = summary[sk]?.[key];
      if (!v) {
        if (servers[key] || errors[key]) rows.push([s.label, label[key], `failed: ${errors[`${key}/${sk}`] ?? errors[key] ?? "?"}`, "", "", "", ""]);
        continue;
      }
      rows.push([s.label, label[key], int(v.rps), times(ratio(v.rps, summary[sk].hono?.rps)), ms(v.p50), ms(v.p99), v.non2xx || v.errors ? `${v.non2xx} non-2xx, ${v.errors} errors` : ""]);
    }
  }
  const mem = results.memory ?? {};
  const memRows = CONTENDERS.filter((k) => mem[k]).map((k) => [label[k], bytes(mem[k].idle), times(ratio(mem[k].idle, mem.hono?.idle)), bytes(mem[k].peak), times(ratio(mem[k].peak, mem.hono?.peak)), bytes(mem[k].afterLoad)]);
  const worst = Math.min(...Object.keys(SCENARIOS).map((sk) => ratio(summary[sk]?.ours?.rps, summary[sk]?.hono?.rps) ?? Infinity));
  const idleRatio = ratio(mem.ours?.idle, mem.hono?.idle);
  const markdown =
    table(["scenario", "server", "req/s", "vs Hono floor", "p50", "p99", "errors"], rows) +
    "\n\n" +
    table(["memory (RSS)", "idle", "vs Hono", "peak under load", "vs Hono", "after load"], memRows) +
    `\n\n${CONNECTIONS} connections, ${duration} s per run, ${rounds} rounds alternated, medians. Our throughput is at worst **${times(worst)}** the Hono floor's (target ≥ 0.9x${worst >= 0.9 ? ", met" : ", **missed**"}); our idle memory is **${times(idleRatio) ?? "?"}** the floor's (target ≤ 1.2x${idleRatio != null && idleRatio <= 1.2 ? ", met" : ", **missed**"}).`;
  return {
    title: "Throughput, latency and memory",
    markdown,
    data: {
      connections: CONNECTIONS,
      durationS: duration,
      rounds,
      scenarios: SCENARIOS,
      raw: results,
      summary,
      memory: mem,
      ratios: Object.fromEntries(Object.keys(SCENARIOS).map((sk) => [sk, { oursOverHono: round(ratio(summary[sk]?.ours?.rps, summary[sk]?.hono?.rps)), oursOverRaw: round(ratio(summary[sk]?.ours?.rps, summary[sk]?.raw?.rps)), mastraOverHono: round(ratio(summary[sk]?.mastra?.rps, summary[sk]?.hono?.rps)) }])),
      targets: { met: { throughput: worst >= 0.9, idleMemory: idleRatio != null && idleRatio <= 1.2 } },
      errors,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("load", loadPart);
