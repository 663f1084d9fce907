// Every target's real packaged output, run in its real local runtime, against ONE suite.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "dockerfile-utils";
import { deploy, type DeployResult } from "../../src/deploy/index.js";
import { listFiles } from "../../src/deploy/target.js";
import { checks } from "./conformance.js";
import { parseDockerfile } from "./dockerfile.js";
import { runDockerCmd, runNetlify, runNodeZip, runVercel, runWorker, type Running } from "./runners.js";
import { sharedBuildDriver } from "./shared-build.js";

const execFileP = promisify(execFile);
const FIXTURE = resolve(import.meta.dirname, "fixture-app");
const TARGETS = ["node", "cloudflare", "vercel", "netlify", "docker"] as const;

// Planted in the app's .env before anything is built; no artifact byte may contain it.
const PLANTED_SECRET = "sk-conformance-PLANTED-5f1c7e2a9b";
const ENV_FILE = join(FIXTURE, ".env");

let work: string;
const results = new Map<string, DeployResult>();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "mastra-e2e-"));
  await writeFile(ENV_FILE, `CONFORMANCE_API_KEY=${PLANTED_SECRET}\n`);
  const driver = sharedBuildDriver(work);
  for (const t of TARGETS) {
    results.set(t, await deploy({ root: FIXTURE, target: t, dryRun: true, outDir: join(work, "deploy", t), driver, env: {} }));
  }
}, 240_000);

afterAll(async () => {
  await rm(ENV_FILE, { force: true });
  if (work) await rm(work, { recursive: true, force: true });
});

describe("secrets never enter an artifact", () => {
  it("the planted .env value is in no byte of any target's output (zip contents included)", async () => {
    const needle = Buffer.from(PLANTED_SECRET);
    let scanned = 0;
    for (const [target, r] of results) {
      for (const f of await listFiles(r.outDir)) {
        expect(f.split("/").some((p) => p.startsWith(".env")), `${target}/${f}`).toBe(false);
        const buf = await readFile(join(r.outDir, f));
        expect(buf.includes(needle), `${target}/${f}`).toBe(false);
        scanned++;
        if (f.endsWith(".zip")) {
          const { stdout } = await execFileP("unzip", ["-p", join(r.outDir, f)], { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 });
          expect(stdout.length).toBeGreaterThan(0);
          expect(stdout.includes(needle), `${target}/${f} (unzipped)`).toBe(false);
        }
      }
    }
    expect(scanned).toBeGreaterThanOrEqual(20);
  });
});

describe("docker: the Dockerfile itself", () => {
  it("passes the Dockerfile linter with no diagnostics", async () => {
    const text = await readFile(join(results.get("docker")!.outDir, "Dockerfile"), "utf8");
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("every path it COPYs exists in the folder, and nothing else needs to", async () => {
    const dir = results.get("docker")!.outDir;
    const df = parseDockerfile(await readFile(join(dir, "Dockerfile"), "utf8"));
    expect(df.copySources.length).toBeGreaterThan(0);
    for (const src of df.copySources) expect(existsSync(join(dir, src)), src).toBe(true);
    expect(df.from).toEqual(["node:22-slim"]);
    expect(df.env.NODE_ENV).toBe("production");
    expect(df.instructions.some((i) => i.keyword === "USER" && i.args !== "root")).toBe(true);
    expect(df.instructions.find((i) => i.keyword === "EXPOSE")?.args).toBe("4567");
    expect(df.instructions.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/health");
  });
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
    for (const check of checks) it(check.name, () => check.run(running!.send, running!.caps ?? { sharedState: true }), 30_000);
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

describe("serverless: background work is handed to the platform's waitUntil", () => {
  // POST /start answers before the run ends; on Vercel and Netlify the instance may be frozen
  // after the response unless the run was given to waitUntil. Not proven here: that the real
  // platforms keep the instance alive for it (no cloud here) — only that we hand it over.
  const startRequest = (runId: string) =>
    new Request(`https://app.example/api/workflows/mathWorkflow/start?runId=${runId}`, {
      method: "POST",
      headers: { Authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ inputData: { n: 4 } }),
    });

  it("vercel: through the request-context symbol @vercel/functions reads", async () => {
    const handed: Promise<unknown>[] = [];
    const key = Symbol.for("@vercel/request-context");
    (globalThis as Record<symbol, unknown>)[key] = { get: () => ({ waitUntil: (p: Promise<unknown>) => handed.push(p) }) };
    try {
      const funcDir = join(results.get("vercel")!.outDir, ".vercel/output/functions/mastra.func");
      const mod = (await import(join(funcDir, "handler.mjs"))) as { POST: (r: Request) => Promise<Response>; GET: (r: Request) => Promise<Response> };
      expect((await mod.POST(startRequest("vercel-bg"))).status).toBe(200);
      expect(handed).toHaveLength(1);
      await handed[0];
      const run = await mod.GET(new Request("https://app.example/api/workflows/mathWorkflow/runs/vercel-bg", { headers: { Authorization: "Bearer t" } }));
      expect(await run.json()).toMatchObject({ status: "success", result: { result: { text: "result 8" } } });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
    }
  });

  it("netlify: through the function's context.waitUntil", async () => {
    const handed: Promise<unknown>[] = [];
    const mod = (await import(join(results.get("netlify")!.outDir, "netlify/functions/mastra.mjs"))) as { default: (r: Request, c: unknown) => Promise<Response> };
    expect((await mod.default(startRequest("netlify-bg"), { waitUntil: (p: Promise<unknown>) => handed.push(p) })).status).toBe(200);
    expect(handed).toHaveLength(1);
    await handed[0];
  });
});
