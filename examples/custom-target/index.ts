// An example third-party deploy target: Fly.io. It uses only the public API from
// "mastra-deploy/targets" — the same one the five built-in targets use.
//   mastra deploy --target ./examples/custom-target/index.ts --region fra --dry-run
import { copyBuild, defaultEntry, defineTarget, safeName, writeText, z } from "mastra-deploy/targets";

export default defineTarget({
  name: "fly",
  platform: "node",
  entry: defaultEntry("node"),
  limits: { unzippedBytes: 512 * 1024 * 1024 },
  // Said when the secret scan refuses a deploy ({name}: the variable).
  secrets: "set it with `flyctl secrets set {name}=…`",
  // Each option becomes a flag (`--region fra`) listed by `mastra deploy --target … --help`;
  // the value is checked before anything is built and arrives parsed in ctx.options.
  options: {
    region: { schema: z.string().regex(/^[a-z]{3}$/, "must be a Fly region code like fra or iad").default("ams"), value: "<code>", help: "primary region of the app" },
  },
  // Checked before the build too (never on --dry-run): `ctx.run` below runs this CLI.
  requires: {
    cli: { name: "flyctl", install: "curl -L https://fly.io/install.sh | sh" },
    env: { names: ["FLY_API_TOKEN"], help: "create one with `flyctl tokens create deploy`" },
  },

  async package(ctx) {
    const { port } = await ctx.serverSettings();
    const app = safeName(ctx.app.name);
    await copyBuild(ctx.build, ctx.outDir);
    await writeText(
      ctx.outDir,
      "fly.toml",
      [
        `app = "${app}"`,
        `primary_region = "${ctx.options.region}"`,
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
    // No need to list what was written: the orchestrator lists (and checks) the whole folder.
  },

  async upload(ctx) {
    // In the output folder, output streamed to the terminal, stopped after --upload-timeout.
    const run = await ctx.run(["deploy", "--remote-only", "--config", "fly.toml"], { label: "flyctl deploy" });
    return { command: run.argv, message: "Deployed to Fly.io" };
  },

  // Relative to the output folder: mastra prints it after `cd <that folder> &&`.
  nextCommand() {
    return "flyctl deploy --remote-only --config fly.toml";
  },
});
