// vercel: Build Output API v3 (.vercel/output) with one Node function that serves every path.
import { copyBuild, defaultEntry, defineTarget, renderScaffold, scaffoldDir, writeText, z } from "../../src/deploy/target.js";

export const FUNCTION_NAME = "mastra";
/** Vercel's current Node runtime; 20 is end-of-life and the design asks for 22 or newer. */
export const RUNTIME = "nodejs22.x";

const OPTIONS = {
  prod: { schema: z.boolean().optional(), arg: "boolean", help: "deploy to production instead of a preview" },
} as const;

/** What `vercel deploy` needs for this folder: the upload runs it, and a dry run prints it. */
const deployArgs = (prod: boolean | undefined) => ["deploy", "--prebuilt", "--yes", ...(prod ? ["--prod"] : [])];

export default defineTarget({
  name: "vercel",
  // Everything inlined: a .func folder ships no node_modules.
  platform: "worker",
  manyInstances: true,
  entry: defaultEntry("worker"),
  limits: { unzippedBytes: 250 * 1000 * 1000 },
  options: OPTIONS,
  requires: {
    cli: { name: "vercel", install: "npm install -D vercel" },
    env: { names: ["VERCEL_TOKEN", "VERCEL_ORG_ID", "VERCEL_PROJECT_ID"], help: "create a token at https://vercel.com/account/tokens and take the org and project ids from the project's settings" },
  },

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
  },

  async upload(ctx) {
    const run = await ctx.run(deployArgs(ctx.options.prod), { label: "vercel deploy" });
    // `vercel deploy` prints only the deployment URL on stdout.
    const url = /https:\/\/\S+/.exec(run.stdout)?.[0];
    return { command: run.argv, url, message: url ? `Deployed to ${url}` : "vercel deploy finished" };
  },

  nextCommand({ options }) {
    return `npx vercel ${deployArgs(options.prod).join(" ")}`;
  },
});
