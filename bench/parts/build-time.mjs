#!/usr/bin/env node
// Part 1 — build time of the quickstart: our `mastra build`, Mastra's `mastra build` of the same
// app, and a plain esbuild bundle of the same entry (the floor). Every contender is a whole
// process, run alternately, each from an empty output folder; medians of several runs.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { bytes, ms, table, times } from "../lib/format.mjs";
import { compileOurs, ourBuild, workCopy } from "../lib/ours.mjs";
import { main } from "../lib/part.mjs";
import { mastraBuild, peerDir, peerVersions, installPeer } from "../lib/peer-artifacts.mjs";
import { run } from "../lib/proc.mjs";
import { dirBytes } from "../lib/size.mjs";
import { median, ratio, round } from "../lib/stats.mjs";

const FLOOR_CLI = new URL("../lib/esbuild-floor-cli.mjs", import.meta.url).pathname;

export async function buildTime({ quick, log, compiled = false }) {
  const runs = quick ? 3 : 5;
  const mastraRuns = quick ? 1 : 3;
  if (!compiled) compileOurs({ log });
  const app = workCopy("build-time");
  const peer = installPeer("mastra", { log });

  const samples = { ours: [], oursReported: [], esbuild: [], mastra: [] };
  const errors = {};
  // One unmeasured build each first: fills the OS file cache so run 1 is not a disk benchmark.
  ourBuild(app);
  run(process.execPath, [FLOOR_CLI, app, join(app, ".bench-esbuild", "index.mjs")]);

  let mastraOutput = null;
  let oursOutDir = join(app, ".mastra", "output");
  for (let i = 0; i < runs; i++) {
    rmSync(join(app, ".mastra"), { recursive: true, force: true });
    const ours = ourBuild(app);
    samples.ours.push(ours.ms);
    samples.oursReported.push(ours.json.durationMs);
    oursOutDir = ours.json.outDir ?? oursOutDir;

    rmSync(join(app, ".bench-esbuild"), { recursive: true, force: true });
    const floor = run(process.execPath, [FLOOR_CLI, app, join(app, ".bench-esbuild", "index.mjs")]);
    if (floor.ok) samples.esbuild.push(floor.ms);
    else errors.esbuild = floor.stderr.slice(-500);

    if (i < mastraRuns && peer.ok && !errors.mastra) {
      log(`bench: Mastra's mastra build, run ${i + 1}/${mastraRuns} (≈40 s) …`);
      const m = mastraBuild("mastra");
      if (m.ok) samples.mastra.push(m.ms);
      else errors.mastra = m.error;
    }
    log(`bench: build run ${i + 1}/${runs}: ours ${ms(samples.ours.at(-1))}, esbuild ${ms(samples.esbuild.at(-1))}${i < samples.mastra.length ? `, mastra ${ms(samples.mastra[i])}` : ""}`);
  }
  if (!peer.ok) errors.mastra = peer.error;
  if (samples.mastra.length) mastraOutput = dirBytes(join(peerDir("mastra"), ".mastra", "output"));
  const oursOutput = dirBytes(oursOutDir);

  const med = { ours: median(samples.ours), esbuild: median(samples.esbuild), mastra: median(samples.mastra), oursReported: median(samples.oursReported) };
  const speedup = ratio(med.mastra, med.ours);
  const overFloor = ratio(med.ours, med.esbuild);
  const data = {
    runs: { ours: runs, esbuild: runs, mastra: samples.mastra.length },
    samplesMs: samples,
    medianMs: med,
    ratios: { mastraOverOurs: round(speedup), oursOverEsbuild: round(overFloor) },
    targets: { fasterThanMastra: 20, withinEsbuild: 3, met: { fasterThanMastra: speedup != null && speedup >= 20, withinEsbuild: overFloor != null && overFloor <= 3 } },
    outputBytes: { ours: oursOutput.bytes, mastra: mastraOutput?.bytes ?? null },
    peer: peerVersions("mastra"),
    errors,
  };
  const markdown = table(
    ["build of examples/quickstart", "median", "runs", "vs ours", "output folder"],
    [
      ["**ours** `mastra build`", ms(med.ours), runs, "1.00x", bytes(oursOutput.bytes)],
      [`Mastra \`mastra build\` (mastra ${data.peer.mastra}, core ${data.peer["@mastra/core"]})`, ms(med.mastra) ?? `failed: ${errors.mastra}`, samples.mastra.length, times(ratio(med.mastra, med.ours)), bytes(mastraOutput?.bytes)],
      ["esbuild --bundle (floor)", ms(med.esbuild), runs, times(ratio(med.esbuild, med.ours)), "—"],
    ],
  ) + `\n\nOurs is **${times(speedup, 1) ?? "?"} faster** than Mastra's build (target ≥ 20x${speedup != null && speedup >= 20 ? ", met" : ", **missed**"}) and **${times(overFloor, 1) ?? "?"}** the esbuild floor (target ≤ 3x${overFloor != null && overFloor <= 3 ? ", met" : ", **missed**"}). Wall time of the whole CLI process; our build reports ${ms(med.oursReported)} inside the process.`;
  return { title: "Build time", markdown, data };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("build-time", buildTime);
