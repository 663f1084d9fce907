#!/usr/bin/env node
// Part 2 — bundle size, raw and gzip: our output per target (from `mastra deploy --dry-run`),
// Mastra's `.mastra/output` and its Cloudflare deployer's worker, and esbuild's minified bundle
// of the same code. Code files only per function (source maps are shipped but never loaded).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bytes, table, times } from "../lib/format.mjs";
import { compileOurs, ourBuild, ourDeploy, workCopy } from "../lib/ours.mjs";
import { main } from "../lib/part.mjs";
import { mastraOutput, peerVersions } from "../lib/peer-artifacts.mjs";
import { run } from "../lib/proc.mjs";
import { codeFiles, dirBytes, fileSize, filesSize } from "../lib/size.mjs";
import { ratio, round } from "../lib/stats.mjs";
import { wranglerBundle } from "../lib/wrangler.mjs";

const FLOOR_CLI = new URL("../lib/esbuild-floor-cli.mjs", import.meta.url).pathname;

export async function size({ log, compiled = false }) {
  if (!compiled) compileOurs({ log });
  const app = workCopy("size");
  const deploy = join(app, ".mastra", "deploy");
  const rows = {};
  const errors = {};

  // node first: its build is what .mastra/output holds right after (later deploys rebuild it for workers).
  log("bench: mastra deploy --target node --dry-run …");
  // The build folder comes from the CLI's JSON (node and worker builds live in different folders).
  const nodeBuild = ourDeploy(app, "node").json.buildDir;
  rows.outputFolder = dirBytes(nodeBuild);
  // The native externals (libSQL's client and binary) sit in node_modules beside the bundle: sized apart, never folded into "JS".
  rows.outputNodeModules = existsSync(join(nodeBuild, "node_modules")) ? dirBytes(join(nodeBuild, "node_modules")) : { bytes: 0, files: 0 };
  rows.outputCode = filesSize(codeFiles(nodeBuild).filter((f) => !f.includes("/node_modules/")));
  rows.node = fileSize(join(nodeBuild, "index.mjs"));
  rows.nodeZip = fileSize(join(deploy, "node", "quickstart.zip"));
  for (const t of ["cloudflare", "vercel", "netlify"]) {
    log(`bench: mastra deploy --target ${t} --dry-run …`);
    try {
      ourDeploy(app, t);
    } catch (e) {
      errors[t] = e.message;
    }
  }
  if (!errors.cloudflare) {
    rows.cloudflare = fileSize(join(deploy, "cloudflare", "index.mjs"));
    const w = wranglerBundle(join(deploy, "cloudflare"));
    if (w.ok) rows.cloudflareUpload = w;
    else errors.cloudflareUpload = w.error;
  }
  if (!errors.vercel) rows.vercel = filesSize(codeFiles(join(deploy, "vercel", ".vercel", "output", "functions")));
  if (!errors.netlify) rows.netlify = filesSize(codeFiles(join(deploy, "netlify")).filter((f) => !f.includes("/public/")));

  log("bench: mastra build --platform worker --minify …");
  const workerBuild = ourBuild(app, ["--platform", "worker", "--minify"]).json.outDir;
  rows.workerMinified = fileSize(join(workerBuild, "index.mjs"));

  // esbuild floors of the same code: unminified node (what our node build does) and minified worker.
  const floor = (platform, minify) => {
    const out = join(app, ".bench-esbuild", `${platform}${minify ? ".min" : ""}.mjs`);
    const r = run(process.execPath, [FLOOR_CLI, app, out, platform, ...(minify ? ["--minify"] : [])]);
    return r.ok ? fileSize(out) : ((errors[`esbuild-${platform}`] = r.stderr.slice(-400)), null);
  };
  rows.esbuildNode = floor("node", false);
  rows.esbuildNodeMin = floor("node", true);
  rows.esbuildWorkerMin = floor("worker", true);

  // Mastra: its node output folder, and its Cloudflare deployer's worker as wrangler would upload it.
  const m = mastraOutput("mastra", { log });
  if (m.ok) {
    rows.mastraOutputFolder = dirBytes(m.dir);
    rows.mastraOutputCode = filesSize(codeFiles(m.dir).filter((f) => !f.includes("/node_modules/")));
  } else errors.mastra = m.error;
  const cf = mastraOutput("mastra-cloudflare", { log });
  if (cf.ok && existsSync(join(cf.dir, "wrangler.json"))) {
    const w = wranglerBundle(cf.dir);
    if (w.ok) rows.mastraCloudflare = w;
    else errors.mastraCloudflare = w.error;
  } else errors.mastraCloudflare = cf.error ?? "no wrangler.json in Mastra's Cloudflare output";

  const outputRatio = ratio(rows.outputFolder?.bytes, rows.mastraOutputFolder?.bytes);
  const codeRatio = ratio(rows.outputCode?.bytes, rows.mastraOutputCode?.bytes);
  const workerRatio = ratio(rows.cloudflareUpload?.gzipBytes ?? rows.cloudflare?.gzipBytes, rows.mastraCloudflare?.gzipBytes);
  const minRatio = ratio(rows.workerMinified?.gzipBytes, rows.esbuildWorkerMin?.gzipBytes);
  const r = (label, s, vs, note = "") => [label, bytes(s?.bytes), bytes(s?.gzipBytes), vs ?? "", note];
  const markdown =
    table(
      ["what", "raw", "gzip", "gzip vs ours", "note"],
      [
        r("**ours** node: `.mastra/output/` folder", rows.outputFolder, "", `${rows.outputFolder?.files} files incl. source map and node_modules`),
        r("**ours** node: `.mastra/output/node_modules/` (native externals)", rows.outputNodeModules, "", `${rows.outputNodeModules?.files} files`),
        r("**ours** node: `.mastra/output/` code outside node_modules", rows.outputCode, times(ratio(rows.outputCode?.gzipBytes, rows.node?.gzipBytes))),
        r("**ours** node: index.mjs", rows.node, "1.00x", `zip for VMs: ${bytes(rows.nodeZip?.bytes)}`),
        r("**ours** cloudflare worker (as wrangler uploads it)", rows.cloudflareUpload, times(ratio(rows.cloudflareUpload?.gzipBytes, rows.node?.gzipBytes)), `module as written: ${bytes(rows.cloudflare?.bytes)} / ${bytes(rows.cloudflare?.gzipBytes)} gzip`),
        r("**ours** vercel function (.func code)", rows.vercel, times(ratio(rows.vercel?.gzipBytes, rows.node?.gzipBytes)), errors.vercel ?? ""),
        r("**ours** netlify function (code)", rows.netlify, times(ratio(rows.netlify?.gzipBytes, rows.node?.gzipBytes)), errors.netlify ?? ""),
        r("**ours** `mastra build --platform worker --minify`", rows.workerMinified, times(ratio(rows.workerMinified?.gzipBytes, rows.node?.gzipBytes))),
        r("esbuild --bundle, node (floor, unminified)", rows.esbuildNode, times(ratio(rows.esbuildNode?.gzipBytes, rows.node?.gzipBytes))),
        r("esbuild --bundle --minify, node", rows.esbuildNodeMin, times(ratio(rows.esbuildNodeMin?.gzipBytes, rows.node?.gzipBytes))),
        r("esbuild --bundle --minify, worker", rows.esbuildWorkerMin, times(ratio(rows.esbuildWorkerMin?.gzipBytes, rows.node?.gzipBytes))),
        r(`Mastra \`.mastra/output/\` folder (mastra ${peerVersions("mastra").mastra})`, rows.mastraOutputFolder, "", `${rows.mastraOutputFolder?.files ?? "?"} files, mostly node_modules${errors.mastra ? `; ${errors.mastra}` : ""}`),
        r("Mastra `.mastra/output/` code outside node_modules", rows.mastraOutputCode, times(ratio(rows.mastraOutputCode?.gzipBytes, rows.node?.gzipBytes))),
        r(`Mastra Cloudflare worker (deployer-cloudflare ${peerVersions("mastra-cloudflare")["@mastra/deployer-cloudflare"]}, as wrangler uploads it)`, rows.mastraCloudflare, times(ratio(rows.mastraCloudflare?.gzipBytes, rows.node?.gzipBytes)), errors.mastraCloudflare ?? ""),
      ],
    ) +
    `\n\nOur \`.mastra/output\` is **1/${outputRatio ? Math.round(1 / outputRatio) : "?"}** of Mastra's (target ≤ 1/100${outputRatio != null && outputRatio <= 0.01 ? ", met" : ", **missed**"}; node_modules included on both sides; code outside node_modules: 1/${codeRatio ? Math.round(1 / codeRatio) : "?"}); our worker is **1/${workerRatio ? (1 / workerRatio).toFixed(1) : "?"}** of Mastra's Cloudflare worker, gzip (target ≤ 1/10${workerRatio != null && workerRatio <= 0.1 ? ", met" : ", **missed**"}); our \`--minify\` worker is **${times(minRatio) ?? "?"}** esbuild's minified bundle, gzip (target ≤ 1.2x${minRatio != null && minRatio <= 1.2 ? ", met" : ", **missed**"}).`;

  return {
    title: "Bundle size",
    markdown,
    data: {
      sizes: rows,
      ratios: { outputFolderOursOverMastra: round(outputRatio, 4), outputCodeOursOverMastra: round(codeRatio, 4), workerGzipOursOverMastra: round(workerRatio, 3), minifiedGzipOursOverEsbuild: round(minRatio, 3) },
      targets: { met: { outputFolder: outputRatio != null && outputRatio <= 0.01, worker: workerRatio != null && workerRatio <= 0.1, minified: minRatio != null && minRatio <= 1.2 } },
      peers: { mastra: peerVersions("mastra"), "mastra-cloudflare": peerVersions("mastra-cloudflare") },
      errors,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("size", size);
