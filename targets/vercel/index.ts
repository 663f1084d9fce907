// vercel: Build Output API v3 (.vercel/output) with one Node function that serves every path.
// The function is the bundle itself, built from targets/vercel/entry.ts.
import { copyBuild, defineTarget, runtimeModule, writeJson, z } from "../../src/deploy/target.js";

export const FUNCTION_NAME = "mastra";
/** Vercel's current Node runtime; 20 is end-of-life and the design asks for 22 or newer. */
export const RUNTIME = "nodejs22.x";

/** `.vc-config.json` of a Node function (Build Output API v3), the fields we set. */
export interface VcConfig {
  runtime: string;
  handler: string;
  launcherType: "Nodejs";
  /** Off: the handler takes Web Requests, not Node's req/res with Vercel's helpers. */
  shouldAddHelpers: boolean;
  supportsResponseStreaming: boolean;
  /** Seconds the platform lets one invocation run. */
  maxDuration: number;
}

/** `.vercel/output/config.json`: every path goes to the one function, its URL unchanged. */
export const ROUTES = { version: 3, routes: [{ src: "/(.*)", dest: `/${FUNCTION_NAME}` }] } as const;

/** The function's settings for an app whose `server.timeout` is `timeoutMs`. */
export function vcConfig(timeoutMs: number): VcConfig {
  return {
    runtime: RUNTIME,
    handler: "index.mjs",
    launcherType: "Nodejs",
    shouldAddHelpers: false,
    supportsResponseStreaming: true,
    // The platform must allow at least the app's own timeout, so the app answers its 504 first.
    maxDuration: Math.max(10, Math.ceil(timeoutMs / 1000) + 5),
  };
}

const OPTIONS = {
  prod: { schema: z.boolean().optional(), arg: "boolean", help: "deploy to production instead of a preview" },
} as const;

/** What `vercel deploy` needs for this folder: the upload runs it, and a dry run prints it. */
const deployArgs = (prod: boolean | undefined) => ["deploy", "--prebuilt", "--yes", ...(prod ? ["--prod"] : [])];

export default defineTarget({
  name: "vercel",
  // Node, everything inlined: a .func folder ships no node_modules.
  platform: "node-inlined",
  manyInstances: true,
  secrets: "set it with `vercel env add {name}`",
  entry: runtimeModule("targets/vercel/entry"),
  limits: { unzippedBytes: 250 * 1000 * 1000 },
  options: OPTIONS,
  requires: {
    cli: { name: "vercel", install: "npm install -D vercel" },
    env: { names: ["VERCEL_TOKEN", "VERCEL_ORG_ID", "VERCEL_PROJECT_ID"], help: "create a token at https://vercel.com/account/tokens and take the org and project ids from the project's settings" },
  },

  async package(ctx) {
    const { timeout } = await ctx.serverSettings();
    const fn = `.vercel/output/functions/${FUNCTION_NAME}.func`;
    await copyBuild(ctx.build, ctx.outDir, fn, { withPackageJson: false });
    await writeJson(ctx.outDir, `${fn}/.vc-config.json`, vcConfig(timeout));
    await writeJson(ctx.outDir, ".vercel/output/config.json", ROUTES);
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
