// cloudflare: the worker module in workerd (Miniflare) with wrangler.toml's settings, against the
// shared suite; and wrangler itself accepts the folder.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runWorker } from "./runners.js";
import { deployApp, describeConformance, describeSecretScan } from "./target-suite.js";
import { TEMPLATE_APP } from "./template-checks.js";
import type { DeployResult } from "../../src/deploy/index.js";

const execFileP = promisify(execFile);
const deployed = deployApp("cloudflare");

describeSecretScan("cloudflare", deployed);

async function start(r: DeployResult) {
  const { parse } = await import("smol-toml");
  const settings = parse(readFileSync(join(r.outDir, "wrangler.toml"), "utf8")) as never;
  return runWorker(r.outDir, settings);
}

describeConformance("cloudflare", deployed, start);

describeConformance("cloudflare", deployApp("cloudflare", TEMPLATE_APP), start);

describe("cloudflare: wrangler accepts the generated folder", () => {
  it("wrangler deploy --dry-run succeeds offline", async () => {
    const dir = deployed.result().outDir;
    const work = deployed.work();
    const wrangler = resolve(import.meta.dirname, "../../node_modules/.bin/wrangler");
    const { stdout, stderr } = await execFileP(wrangler, ["deploy", "--dry-run", "--outdir", join(work, "wrangler-dry-run")], {
      cwd: dir,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", HOME: work, XDG_CONFIG_HOME: join(work, "xdg") },
    });
    expect(stdout + stderr).toMatch(/--dry-run: exiting now/);
  }, 120_000);
});
