// bench/build: `mastra build` of examples/quickstart against the floor, a plain
// `esbuild --bundle` of the same entry, in the same run, several runs each (cold processes
// both). Prints the medians and their ratio, and the gzip size of our --minify bundle
// against esbuild's minified bundle of the same code.
//   npm run build && node bench/build/run.mjs [runs=5]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const app = join(repo, "examples", "quickstart");
const cli = join(repo, "bin", "mastra.js");
const floor = join(repo, "bench", "build", "esbuild-floor.mjs");
const runs = Number(process.argv[2] ?? 5);

if (!existsSync(join(repo, "dist", "src", "cli", "main.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const tmp = mkdtempSync(join(tmpdir(), "mastra-bench-build-"));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(args, label) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: app, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(`${label} failed:\n${r.stderr}`);
    process.exit(1);
  }
  return { ms, stdout: r.stdout };
}

const ours = [];
const oursInternal = [];
const esb = [];
// Interleaved, so a busy moment on the machine hits both sides alike.
for (let i = 0; i < runs; i++) {
  const r = timed([cli, "build", "--json"], "mastra build");
  ours.push(r.ms);
  oursInternal.push(JSON.parse(r.stdout).durationMs);
  esb.push(timed([floor, app, join(tmp, "esbuild.mjs")], "esbuild").ms);
}

const oursMin = JSON.parse(timed([cli, "build", "--minify", "--json"], "mastra build --minify").stdout);
const oursMinGzip = oursMin.files.find((f) => f.path === "index.mjs").gzipBytes;
timed([floor, app, join(tmp, "esbuild.min.mjs"), "--minify"], "esbuild --minify");
const esbMinGzip = gzipSync(readFileSync(join(tmp, "esbuild.min.mjs"))).byteLength;
const esbMinBytes = readFileSync(join(tmp, "esbuild.min.mjs")).byteLength;
const oursMinBytes = oursMin.files.find((f) => f.path === "index.mjs").bytes;
rmSync(tmp, { recursive: true, force: true });
// Leave a normal (unminified) build behind, as a user would have.
timed([cli, "build", "--json"], "mastra build");

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
console.log(`bench/build — examples/quickstart, ${runs} runs each, node ${process.version}, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
console.log(`  mastra build (CLI, wall)       median ${fmt(median(ours))}   runs: ${ours.map(fmt).join(", ")}`);
console.log(`  mastra build (reported time)   median ${fmt(median(oursInternal))}`);
console.log(`  esbuild --bundle (floor, wall) median ${fmt(median(esb))}   runs: ${esb.map(fmt).join(", ")}`);
console.log(`  ratio build time               ${(median(ours) / median(esb)).toFixed(2)}x  (target <= 3x)`);
console.log(`  --minify index.mjs             ours ${kb(oursMinBytes)} (${kb(oursMinGzip)} gzip)   esbuild ${kb(esbMinBytes)} (${kb(esbMinGzip)} gzip)`);
console.log(`  ratio gzip size                ${(oursMinGzip / esbMinGzip).toFixed(3)}x  (target <= 1.2x)`);
