// Every target's real packaged output, run in its real local runtime, against ONE suite.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy, type DeployResult } from "../../src/deploy/index.js";
import { checks } from "./conformance.js";
import { parseDockerfile } from "./dockerfile.js";
import { runDockerCmd, runNetlify, runNodeZip, runVercel, runWorker, type Running } from "./runners.js";
import { sharedBuildDriver } from "./shared-build.js";

const execFileP = promisify(execFile);
const FIXTURE = resolve(import.meta.dirname, "fixture-app");
const TARGETS = ["node", "cloudflare", "vercel", "netlify", "docker"] as const;

let work: string;
const results = new Map<string, DeployResult>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "mastra-e2e-"));
  const driver = sharedBuildDriver(work);
  for (const t of TARGETS) {
    results.set(t, await deploy({ root: FIXTURE, target: t, dryRun: true, outDir: join(work, "deploy", t), driver, env: {} }));
  }
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

function suite(target: (typeof TARGETS)[number], start: (r: DeployResult) => Promise<Running>) {
  describe(`${target}: packaged output in its runtime`, () => {
    let running: Running | undefined;
    beforeAll(async () => {
      running = await start(results.get(target)!);
    }, 120_000);
    afterAll(async () => {
      await running?.stop();
    });
    it("says which runtime served", () => {
      expect(running?.runtime).toBeTruthy();
      console.log(`[${target}] served by: ${running!.runtime}`);
    });
    for (const check of checks) it(check.name, () => check.run(running!.send), 30_000);
  });
}

suite("node", (r) => runNodeZip(join(r.outDir, r.artifacts.find((a) => a.path.endsWith(".zip"))!.path)));

suite("cloudflare", async (r) => {
  const { parse } = await import("smol-toml");
  const settings = parse(readFileSync(join(r.outDir, "wrangler.toml"), "utf8")) as never;
  return runWorker(r.outDir, settings);
});

suite("vercel", (r) => runVercel(join(r.outDir, ".vercel", "output")));

suite("netlify", (r) => runNetlify(r.outDir));

suite("docker", async (r) => {
  const df = parseDockerfile(readFileSync(join(r.outDir, "Dockerfile"), "utf8"));
  return runDockerCmd(r.outDir, df);
});

describe("cloudflare: wrangler accepts the generated folder", () => {
  it("wrangler deploy --dry-run succeeds offline", async () => {
    const dir = results.get("cloudflare")!.outDir;
    const wrangler = resolve(import.meta.dirname, "../../node_modules/.bin/wrangler");
    const { stdout, stderr } = await execFileP(wrangler, ["deploy", "--dry-run", "--outdir", join(work, "wrangler-dry-run")], {
      cwd: dir,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", HOME: work, XDG_CONFIG_HOME: join(work, "xdg") },
    });
    expect(stdout + stderr).toMatch(/--dry-run: exiting now/);
  }, 120_000);
});
