// vercel: Build Output API v3 (.vercel/output) with one Node function that serves every path.
import { relative } from "node:path";
import {
  collectArtifacts,
  copyBuild,
  defaultEntry,
  defineTarget,
  renderScaffold,
  requireCli,
  requireEnv,
  runCliOrFail,
  scaffoldDir,
  writeText,
} from "../../src/deploy/target.js";

export const FUNCTION_NAME = "mastra";
/** Vercel's current Node runtime; 20 is end-of-life and the design asks for 22 or newer. */
export const RUNTIME = "nodejs22.x";

export default defineTarget({
  name: "vercel",
  // Everything inlined: a .func folder ships no node_modules.
  platform: "worker",
  entry: defaultEntry("worker"),
  limits: { unzippedBytes: 250 * 1000 * 1000 },

  async package(ctx) {
    const scaffolds = scaffoldDir(import.meta.url, "vercel");
    const { timeout } = await ctx.serverSettings();
    const fn = `.vercel/output/functions/${FUNCTION_NAME}.func`;
    await copyBuild(ctx.build, ctx.outDir, fn, { withPackageJson: false });
    await writeText(ctx.outDir, `${fn}/handler.mjs`, await renderScaffold(scaffolds, "handler.mjs"));
    // The platform must allow at least the app's own timeout, so the app answers its 504 first.
    const maxDuration = Math.max(10, Math.ceil(timeout / 1000) + 5);
    await writeText(ctx.outDir, `${fn}/.vc-config.json`, await renderScaffold(scaffolds, "vc-config.json", { runtime: RUNTIME, maxDuration }));
    await writeText(ctx.outDir, ".vercel/output/config.json", await renderScaffold(scaffolds, "config.json", { fn: FUNCTION_NAME }));
    return collectArtifacts(ctx.outDir);
  },

  async upload(ctx) {
    const vercel = requireCli("vercel", ctx.app.root, ctx.env, "npm install -D vercel");
    requireEnv(ctx.env, ["VERCEL_TOKEN", "VERCEL_ORG_ID", "VERCEL_PROJECT_ID"], "create a token at https://vercel.com/account/tokens and take the org and project ids from the project's settings");
    const args = ["deploy", "--prebuilt", "--yes", ...(ctx.options.prod ? ["--prod"] : [])];
    const run = await runCliOrFail(vercel, args, { cwd: ctx.outDir, env: ctx.env, label: "vercel deploy" });
    // `vercel deploy` prints only the deployment URL on stdout.
    const url = /https:\/\/\S+/.exec(run.stdout)?.[0];
    return { command: run.argv, url, message: url ? `Deployed to ${url}` : "vercel deploy finished" };
  },

  nextCommand({ outDir }) {
    return `cd ${relative(process.cwd(), outDir) || "."} && npx vercel deploy --prebuilt`;
  },
});
