// netlify: netlify.toml + one Functions v2 function (`config.path = "/*"`): the bundle itself,
// built from targets/netlify/entry.ts, in the function's own folder.
import { copyBuild, defineTarget, renderScaffold, runtimeModule, scaffoldDir, writeText } from "../../src/deploy/target.js";

export const FUNCTION_NAME = "mastra";
/** The function's folder; Netlify takes its index.mjs as the function. */
export const FUNCTION_DIR = `netlify/functions/${FUNCTION_NAME}`;
/** What `netlify deploy` needs for this folder: the upload runs it, and a dry run prints it. */
const DEPLOY_ARGS = ["deploy", "--prod", "--no-build", "--dir", "public", "--functions", "netlify/functions"];

export default defineTarget({
  name: "netlify",
  // Node, everything inlined, so the function needs no node_modules at deploy time.
  platform: "node-inlined",
  manyInstances: true,
  secrets: "set it with `netlify env:set {name} <value>`",
  entry: runtimeModule("targets/netlify/entry"),
  // None: any setting given to it is a mistake worth an error.
  options: {},
  limits: { zippedBytes: 50 * 1000 * 1000 },
  requires: {
    cli: { name: "netlify", install: "npm install -D netlify-cli" },
    env: { names: ["NETLIFY_AUTH_TOKEN", "NETLIFY_SITE_ID"], help: "create a token at https://app.netlify.com/user/applications and take the site id from the site's settings" },
  },

  async package(ctx) {
    const scaffolds = scaffoldDir(import.meta.url, "netlify");
    await copyBuild(ctx.build, ctx.outDir, FUNCTION_DIR, { withPackageJson: false });
    await writeText(ctx.outDir, "netlify.toml", await renderScaffold(scaffolds, "netlify.toml"));
    // The publish folder must exist; every path is served by the function.
    await writeText(ctx.outDir, "public/.keep", "");
  },

  async upload(ctx) {
    const run = await ctx.run([...DEPLOY_ARGS, "--json"], { label: "netlify deploy" });
    let url: string | undefined;
    try {
      const out = JSON.parse(run.stdout) as { url?: string; deploy_url?: string };
      url = out.url ?? out.deploy_url;
    } catch {
      url = /https:\/\/\S+\.netlify\.app\S*/.exec(run.stdout)?.[0];
    }
    return { command: run.argv, url, message: url ? `Deployed to ${url}` : "netlify deploy finished" };
  },

  nextCommand() {
    return `npx netlify ${DEPLOY_ARGS.join(" ")}`;
  },
});
