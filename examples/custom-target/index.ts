// An example third-party deploy target: Fly.io. It uses only the public API from
// "mastra-deploy/targets" — the same one the five built-in targets use.
//   mastra deploy --target ./examples/custom-target/index.ts --dry-run
import { relative } from "node:path";
import {
  collectArtifacts,
  copyBuild,
  defaultEntry,
  defineTarget,
  requireCli,
  requireEnv,
  runCliOrFail,
  safeName,
  writeText,
} from "mastra-deploy/targets";

export default defineTarget({
  name: "fly",
  platform: "node",
  entry: defaultEntry("node"),
  limits: { unzippedBytes: 512 * 1024 * 1024 },

  async package(ctx) {
    const { port } = await ctx.serverSettings();
    const app = safeName(ctx.app.name);
    await copyBuild(ctx.build, ctx.outDir);
    await writeText(
      ctx.outDir,
      "fly.toml",
      [
        `app = "${app}"`,
        "",
        "[build]",
        `  image = "node:22-slim"`,
        "",
        "[env]",
        `  PORT = "${port}"`,
        `  NODE_ENV = "production"`,
        "",
        "[processes]",
        `  app = "node --enable-source-maps /app/index.mjs"`,
        "",
        "[http_service]",
        `  internal_port = ${port}`,
        "  force_https = true",
        "",
        "[[http_service.checks]]",
        `  path = "/health"`,
        `  interval = "15s"`,
        `  timeout = "5s"`,
      ].join("\n"),
    );
    return collectArtifacts(ctx.outDir);
  },

  async upload(ctx) {
    const flyctl = requireCli("flyctl", ctx.app.root, ctx.env, "curl -L https://fly.io/install.sh | sh");
    requireEnv(ctx.env, ["FLY_API_TOKEN"], "create one with `flyctl tokens create deploy`");
    const run = await runCliOrFail(flyctl, ["deploy", "--remote-only", "--config", "fly.toml"], { cwd: ctx.outDir, env: ctx.env, label: "flyctl deploy" });
    return { command: run.argv, message: "Deployed to Fly.io" };
  },

  nextCommand({ outDir }) {
    return `cd ${relative(process.cwd(), outDir) || "."} && flyctl deploy`;
  },
});
