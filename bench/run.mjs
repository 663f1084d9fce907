#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only=build-time,size,cold-start,load,storage,template]`: installs the peers
// (once), compiles the package once, runs the parts in order, prints one markdown report and
// writes bench/results/<part>.json, summary.json and latest.md. Not a test: never run in CI.
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./lib/args.mjs";
import { compileOurs } from "./lib/ours.mjs";
import { machineLine } from "./lib/part.mjs";
import { RESULTS } from "./lib/paths.mjs";
import { machine, writeResult } from "./lib/results.mjs";
import { installPeer } from "./peers/install.mjs";
import { PEERS } from "./peers/list.mjs";
import { buildTime } from "./parts/build-time.mjs";
import { coldStart } from "./parts/cold-start.mjs";
import { loadPart } from "./parts/load.mjs";
import { size } from "./parts/size.mjs";
import { storagePart } from "./parts/storage.mjs";
import { templatePart } from "./parts/template.mjs";

const PARTS = { "build-time": buildTime, size, "cold-start": coldStart, load: loadPart, storage: storagePart, template: templatePart };
const { quick, only } = parseArgs();
const log = (line) => console.error(line);
const chosen = only ?? Object.keys(PARTS);
for (const name of chosen) if (!PARTS[name]) throw new Error(`unknown part "${name}" (parts: ${Object.keys(PARTS).join(", ")})`);

process.env.MASTRA_TELEMETRY_DISABLED = "1";
const started = Date.now();
for (const name of Object.keys(PEERS)) {
  const r = installPeer(name, { log });
  if (!r.ok) log(`bench: peer ${name} did not install (${r.error}); its rows will say so`);
}
compileOurs({ log });

const sections = [];
const summary = { date: new Date().toISOString(), machine: machine(), quick, parts: {} };
for (const name of chosen) {
  log(`\nbench: ── ${name} ──`);
  const t = Date.now();
  try {
    const result = await PARTS[name]({ quick, log, compiled: true });
    writeResult(name, { quick, ...result.data });
    summary.parts[name] = { seconds: Math.round((Date.now() - t) / 1000), ratios: result.data.ratios, targets: result.data.targets };
    sections.push(`### ${result.title}\n\n${result.markdown}`);
  } catch (error) {
    // One broken part (say, a peer that stopped installing) must not hide the others' figures.
    summary.parts[name] = { error: error.message };
    sections.push(`### ${name}\n\nfailed: ${error.message}`);
  }
}
summary.seconds = Math.round((Date.now() - started) / 1000);
const report = `## Benchmarks\n\n_${machineLine()}${quick ? " — --quick" : ""}; \`npm run bench\` took ${summary.seconds} s._\n\n${sections.join("\n\n")}\n`;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
writeFileSync(join(RESULTS, "latest.md"), report);
console.log(report);
