// What the cold-start and load parts run: our node output (the node target's zip, unzipped), our
// worker (the cloudflare target's module), the floors, and Mastra's built server. Made once per
// process and shared by both parts when `npm run bench` runs them together.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH } from "./paths.mjs";
import { compileOurs, ourDeploy, unzippedNode, workCopy } from "./ours.mjs";
import { mastraOutput } from "./peer-artifacts.mjs";
import { wranglerBundle } from "./wrangler.mjs";

let cached;

export function runtimeArtifacts({ log = console.error, compiled = false, peers = true } = {}) {
  if (cached) return cached;
  if (!compiled) compileOurs({ log });
  const app = workCopy("runtime");
  log("bench: packaging our node and cloudflare outputs (mastra deploy --dry-run) …");
  ourDeploy(app, "node");
  ourDeploy(app, "cloudflare");
  const node = unzippedNode(app);
  const cfDir = join(app, ".mastra", "deploy", "cloudflare");
  const toml = readFileSync(join(cfDir, "wrangler.toml"), "utf8");

  const servers = {
    ours: { label: "**ours** node output (`npm start`: node --enable-source-maps)", cwd: node.folder, args: node.args },
    oursNoMaps: { label: "ours node output without --enable-source-maps", cwd: node.folder, args: node.args.filter((a) => a !== "--enable-source-maps") },
    hono: { label: "hand-written Hono on @hono/node-server (floor)", cwd: BENCH, args: [join(BENCH, "floor", "hono-app.mjs")] },
    raw: { label: "raw node:http (ceiling)", cwd: BENCH, args: [join(BENCH, "floor", "raw-node.mjs")] },
  };
  const errors = {};
  const m = peers ? mastraOutput("mastra", { log }) : { ok: false, error: "left out (--no-peers)" };
  if (m.ok) servers.mastra = { label: "Mastra's built server (`node --import=./instrumentation.mjs index.mjs`)", cwd: m.dir, args: ["--import=./instrumentation.mjs", "index.mjs"] };
  else errors.mastra = m.error;

  const workers = {
    ours: {
      label: "**ours** cloudflare worker",
      dir: cfDir,
      file: "index.mjs",
      compatibilityDate: /compatibility_date = "([^"]+)"/.exec(toml)?.[1] ?? "2025-10-01",
      compatibilityFlags: ["nodejs_compat"],
    },
  };
  const cf = peers ? mastraOutput("mastra-cloudflare", { log }) : { ok: false, error: "left out (--no-peers)" };
  if (cf.ok) {
    // Mastra's output is several modules plus node_modules; wrangler's bundle is what would run.
    const w = wranglerBundle(cf.dir, { keep: true });
    const cfg = JSON.parse(readFileSync(join(cf.dir, "wrangler.json"), "utf8"));
    if (w.ok) workers.mastra = { label: "Mastra's Cloudflare worker (wrangler bundle)", dir: w.outdir, file: w.files[0], compatibilityDate: cfg.compatibility_date, compatibilityFlags: cfg.compatibility_flags };
    else errors.mastraCloudflare = w.error;
  } else errors.mastraCloudflare = cf.error;

  cached = { app, servers, workers, errors };
  return cached;
}
