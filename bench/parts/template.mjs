#!/usr/bin/env node
// Template part — Mastra's project template (examples/weather-template: an agent with Memory on a
// LibSQLStore file, a PinoLogger, a workflow whose second step streams the agent's reply), ours
// against Mastra 0.24 building the same template (bench/peers/apps/mastra-weather-template):
// build time, output size, cold start, and a memory-backed round trip: two `POST
// /api/agents/weatherAgent/generate` on one new thread, the second answered with the first in
// its history, both with a keyless deterministic model. Contenders alternate throughout.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { coldStarts } from "../lib/cold-start.mjs";
import { bytes, ms, table, times } from "../lib/format.mjs";
import { compileOurs, ourBuild, workCopy } from "../lib/ours.mjs";
import { main } from "../lib/part.mjs";
import { installPeer, mastraBuild, peerDir, peerVersions } from "../lib/peer-artifacts.mjs";
import { TEMPLATE } from "../lib/paths.mjs";
import { startServer } from "../lib/proc.mjs";
import { codeFiles, dirBytes, fileSize, filesSize } from "../lib/size.mjs";
import { median, ratio, round } from "../lib/stats.mjs";

const AGENT = "weatherAgent";
const QUESTIONS = ["What is the weather in Berlin?", "And what did I just ask you?"];

/** Both apps keep memory in `file:../mastra.db`, relative to the server's folder: removed before each start. */
function forgetMemory(outputDir) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(join(outputDir, "..", `mastra.db${suffix}`), { force: true });
}

async function generate(port, thread, content) {
  const res = await fetch(`http://127.0.0.1:${port}/api/agents/${AGENT}/generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content }], memory: { thread, resource: "bench-user" } }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`generate answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text).text;
}

/** Messages the thread holds, read back through the memory route both servers have. */
async function threadMessages(port, thread) {
  const res = await fetch(`http://127.0.0.1:${port}/api/memory/threads/${thread}/messages?agentId=${AGENT}`);
  if (res.status !== 200) return null;
  const body = await res.json();
  return (body.messages ?? body.uiMessages ?? []).length;
}

/** `rounds` pairs of generate calls, each pair on a new thread; the wall time of each pair. */
async function roundTrips(port, key, rounds) {
  const samples = [];
  let last = null;
  for (let i = 0; i < rounds; i++) {
    const thread = `bench-${key}-${i}-${Date.now()}`;
    const started = performance.now();
    const first = await generate(port, thread, QUESTIONS[0]);
    const second = await generate(port, thread, QUESTIONS[1]);
    samples.push(performance.now() - started);
    last = { thread, first, second };
  }
  // The template's model echoes the thread's earlier user messages: the second reply names Berlin only if memory worked.
  return { samples, replies: [last.first, last.second], remembered: last.second.includes("Berlin"), stored: await threadMessages(port, last.thread) };
}

export async function templatePart({ quick, log, compiled = false }) {
  const buildRuns = quick ? 2 : 3;
  const mastraBuildRuns = quick ? 1 : 2;
  const startRuns = quick ? 3 : 9;
  const pairs = quick ? 5 : 20;
  if (!compiled) compileOurs({ log });
  const errors = {};
  const hasOurs = existsSync(join(TEMPLATE, "src", "mastra", "index.ts"));
  if (!hasOurs) errors.ours = "examples/weather-template is not in this checkout yet";
  const app = hasOurs ? workCopy("template", TEMPLATE) : null;
  const peer = installPeer("mastra-template", { log });
  if (!peer.ok) errors.mastra = peer.error;

  // Build time, alternating; each from an empty .mastra.
  const builds = { ours: [], mastra: [] };
  let oursOut = null;
  if (app) ourBuild(app); // unmeasured: fills the file cache
  for (let i = 0; i < Math.max(buildRuns, mastraBuildRuns); i++) {
    if (app && i < buildRuns && !errors.ours) {
      rmSync(join(app, ".mastra"), { recursive: true, force: true });
      try {
        const b = ourBuild(app);
        builds.ours.push(b.ms);
        oursOut = b.json.outDir;
      } catch (e) {
        errors.ours = e.message;
      }
    }
    if (i < mastraBuildRuns && !errors.mastra) {
      log(`bench: Mastra's mastra build of the template, run ${i + 1}/${mastraBuildRuns} (≈40–60 s) …`);
      const m = mastraBuild("mastra-template");
      if (m.ok) builds.mastra.push(m.ms);
      else errors.mastra = m.error;
    }
    log(`bench: template build run ${i + 1}: ours ${ms(builds.ours[i]) ?? "—"}, mastra ${ms(builds.mastra[i]) ?? "—"}`);
  }
  const mastraOut = builds.mastra.length ? join(peerDir("mastra-template"), ".mastra", "output") : null;

  const sizes = {};
  if (oursOut) sizes.ours = { folder: dirBytes(oursOut), code: fileSize(join(oursOut, "index.mjs")) };
  if (mastraOut) sizes.mastra = { folder: dirBytes(mastraOut), code: filesSize(codeFiles(mastraOut).filter((f) => !f.includes("/node_modules/"))) };

  // The keyless model: no OPENAI_API_KEY reaches either server.
  const env = { OPENAI_API_KEY: undefined };
  const servers = {};
  if (oursOut) servers.ours = { label: "**ours** (`node --enable-source-maps index.mjs`)", cwd: oursOut, args: ["--enable-source-maps", "index.mjs"], env };
  if (mastraOut) servers.mastra = { label: "Mastra 0.24 (`node --import=./instrumentation.mjs index.mjs`)", cwd: mastraOut, args: ["--import=./instrumentation.mjs", "index.mjs"], env };
  const cold = await coldStarts(servers, { runs: startRuns, log, errors, before: (key) => forgetMemory(servers[key].cwd) });

  const trips = {};
  for (const [key, s] of Object.entries(servers)) {
    if (errors[key]) continue;
    forgetMemory(s.cwd);
    let srv;
    try {
      srv = await startServer({ args: s.args, cwd: s.cwd, env: s.env });
      await roundTrips(srv.port, key, 1); // warm-up: first model call, first thread, tables created
      trips[key] = await roundTrips(srv.port, key, pairs);
      log(`bench: ${key} generate round trip median ${ms(median(trips[key].samples))}; thread holds ${trips[key].stored} messages; replies: ${JSON.stringify(trips[key].replies)}`);
    } catch (e) {
      errors[`${key}/generate`] = e.message;
    } finally {
      await srv?.stop();
    }
  }

  const med = {
    build: { ours: median(builds.ours), mastra: median(builds.mastra) },
    coldStart: { ours: median(cold.samples.ours ?? []), mastra: median(cold.samples.mastra ?? []) },
    rss: { ours: median(cold.rss.ours ?? []), mastra: median(cold.rss.mastra ?? []) },
    roundTrip: { ours: median(trips.ours?.samples ?? []), mastra: median(trips.mastra?.samples ?? []) },
  };
  const faster = (k) => ratio(med[k].mastra, med[k].ours);
  const why = (key) => errors[key] ?? errors[`${key}/generate`] ?? "?";
  const versions = peerVersions("mastra-template");
  const row = (what, key, value, vs) => [what, key === "ours" ? "**ours**" : `Mastra (core ${versions["@mastra/core"]})`, value ?? `failed: ${why(key)}`, vs ?? ""];
  const rows = [];
  for (const key of ["ours", "mastra"]) rows.push(row("`mastra build`", key, ms(med.build[key]), key === "mastra" ? times(faster("build")) : "1.00x"));
  for (const key of ["ours", "mastra"]) rows.push(row("`.mastra/output` folder", key, sizes[key] ? `${bytes(sizes[key].folder.bytes)} (${sizes[key].folder.files} files)` : null, key === "mastra" ? times(ratio(sizes.mastra?.folder.bytes, sizes.ours?.folder.bytes), 0) : "1.00x"));
  for (const key of ["ours", "mastra"]) rows.push(row("code outside node_modules (gzip)", key, sizes[key] ? `${bytes(sizes[key].code.bytes)} (${bytes(sizes[key].code.gzipBytes)})` : null, key === "mastra" ? times(ratio(sizes.mastra?.code.gzipBytes, sizes.ours?.code.gzipBytes)) : "1.00x"));
  for (const key of ["ours", "mastra"]) rows.push(row("cold start: spawn → first 200 on /health", key, med.coldStart[key] != null ? `${ms(med.coldStart[key])} (RSS ${bytes(med.rss[key])})` : null, key === "mastra" ? times(faster("coldStart")) : "1.00x"));
  for (const key of ["ours", "mastra"]) rows.push(row("two `generate` calls on one thread (memory)", key, med.roundTrip[key] != null ? `${ms(med.roundTrip[key])} (thread holds ${trips[key].stored ?? "?"} messages; 2nd reply ${trips[key].remembered ? "recalls" : "does **not** recall"} the 1st question)` : null, key === "mastra" ? times(faster("roundTrip")) : "1.00x"));
  const markdown =
    table(["examples/weather-template", "who", "median", "Mastra ÷ ours"], rows) +
    `\n\nBuilds: ${builds.ours.length} of ours, ${builds.mastra.length} of Mastra's, alternated; cold starts: ${startRuns} rounds; round trips: ${pairs} pairs each on a new thread ("${QUESTIONS[0]}" — the model calls the weather tool — then "${QUESTIONS[1]}"), after one warm-up pair. ` +
    `Both agents keep memory in a LibSQLStore on \`file:../mastra.db\`, removed before each start; both models are keyless and deterministic (the template's own rules; for Mastra our \`localModel\` rewritten for the AI SDK 5 spec its core needs, bench/peers/apps/mastra-weather-template). ` +
    `Ours builds **${times(faster("build"), 1) ?? "?"}** faster, starts **${times(faster("coldStart"), 1) ?? "?"}** faster and answers the round trip **${times(faster("roundTrip"), 1) ?? "?"}** faster than Mastra.`;
  return {
    title: "Mastra's template (agent memory, libSQL, Pino)",
    markdown,
    data: {
      runs: { ourBuilds: builds.ours.length, mastraBuilds: builds.mastra.length, coldStarts: startRuns, roundTripPairs: pairs },
      samplesMs: { build: builds, coldStart: cold.samples, roundTrip: { ours: trips.ours?.samples, mastra: trips.mastra?.samples } },
      medianMs: med,
      sizes,
      replies: { ours: trips.ours?.replies, mastra: trips.mastra?.replies },
      threadMessages: { ours: trips.ours?.stored, mastra: trips.mastra?.stored },
      ratios: { buildMastraOverOurs: round(faster("build")), coldStartMastraOverOurs: round(faster("coldStart")), roundTripMastraOverOurs: round(faster("roundTrip")), outputFolderOursOverMastra: round(ratio(sizes.ours?.folder.bytes, sizes.mastra?.folder.bytes), 4) },
      peer: versions,
      errors,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("template", templatePart);
