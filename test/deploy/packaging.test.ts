// What each built-in target writes: snapshots of every generated config, the layout of the
// design doc, and same input → same bytes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy, type DeployResult } from "../../src/deploy/index.js";
import { listFiles } from "../../src/deploy/target.js";
import { fakeApp, type FakeApp } from "./helpers.js";

const TARGETS = ["node", "cloudflare", "vercel", "netlify", "docker"] as const;
let app: FakeApp;
let out: string;

async function pack(target: string, sub = target, options: Record<string, unknown> = {}): Promise<DeployResult> {
  return deploy({ root: app.root, target, dryRun: true, outDir: join(out, sub), driver: app.driver, options, env: {} });
}

async function digest(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  const out: Record<string, string> = {};
  for (const f of files) out[f] = createHash("sha256").update(await readFile(join(dir, f))).digest("hex");
  return out;
}

beforeAll(async () => {
  app = await fakeApp();
  out = await mkdtemp(join(tmpdir(), "mastra-pack-"));
});
afterAll(async () => {
  await app.cleanup();
  await rm(out, { recursive: true, force: true });
});

describe("layout (design doc) and generated configs", () => {
  it("node: one <app>.zip holding index.mjs, .map, package.json, systemd unit, Procfile, README", async () => {
    const r = await pack("node");
    expect(r.artifacts.map((a) => a.path)).toEqual(["weather-app.zip"]);
    const listing = execFileSync("unzip", ["-Z1", join(r.outDir, "weather-app.zip")], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toEqual([
      "weather-app/Procfile",
      "weather-app/README.md",
      "weather-app/index.mjs",
      "weather-app/index.mjs.map",
      "weather-app/package.json",
      "weather-app/weather-app.service",
    ]);
    const read = (f: string) => execFileSync("unzip", ["-p", join(r.outDir, "weather-app.zip"), `weather-app/${f}`], { encoding: "utf8" });
    await expect(read("weather-app.service")).toMatchFileSnapshot("__snapshots__/node/weather-app.service");
    await expect(read("Procfile")).toMatchFileSnapshot("__snapshots__/node/Procfile");
    await expect(read("README.md")).toMatchFileSnapshot("__snapshots__/node/README.md");
    await expect(read("package.json")).toMatchFileSnapshot("__snapshots__/node/package.json");
    expect(JSON.parse(read("package.json")).scripts.start).toBe("node --enable-source-maps index.mjs");
  });

  it("cloudflare: wrangler.toml + the worker module", async () => {
    const r = await pack("cloudflare");
    expect(r.artifacts.map((a) => a.path)).toEqual(["index.mjs", "index.mjs.map", "wrangler.toml"]);
    await expect(await readFile(join(r.outDir, "wrangler.toml"), "utf8")).toMatchFileSnapshot("__snapshots__/cloudflare/wrangler.toml");
  });

  it("vercel: .vercel/output with config.json and one Node .func", async () => {
    const r = await pack("vercel");
    expect(r.artifacts.map((a) => a.path)).toEqual([
      ".vercel/output/config.json",
      ".vercel/output/functions/mastra.func/.vc-config.json",
      ".vercel/output/functions/mastra.func/index.mjs",
      ".vercel/output/functions/mastra.func/index.mjs.map",
    ]);
    const vo = join(r.outDir, ".vercel/output");
    await expect(await readFile(join(vo, "config.json"), "utf8")).toMatchFileSnapshot("__snapshots__/vercel/config.json");
    await expect(await readFile(join(vo, "functions/mastra.func/.vc-config.json"), "utf8")).toMatchFileSnapshot("__snapshots__/vercel/vc-config.json");
    const vc = JSON.parse(await readFile(join(vo, "functions/mastra.func/.vc-config.json"), "utf8"));
    expect(Number(/^nodejs(\d+)\.x$/.exec(vc.runtime)?.[1])).toBeGreaterThanOrEqual(22);
    expect(vc).toMatchObject({ launcherType: "Nodejs", supportsResponseStreaming: true, handler: "index.mjs" });
    // The app's 10 s timeout must fit in the function's duration, so the app's 504 comes first.
    expect(vc.maxDuration).toBeGreaterThan(10);
  });

  it("netlify: netlify.toml + a Functions v2 function routed at /*", async () => {
    const r = await pack("netlify");
    expect(r.artifacts.map((a) => a.path)).toEqual(["netlify.toml", "netlify/functions/mastra/index.mjs", "netlify/functions/mastra/index.mjs.map", "public/.keep"]);
    await expect(await readFile(join(r.outDir, "netlify.toml"), "utf8")).toMatchFileSnapshot("__snapshots__/netlify/netlify.toml");
  });

  it("docker: Dockerfile, .dockerignore, k8s.yaml and only the built server", async () => {
    const r = await pack("docker");
    expect(r.artifacts.map((a) => a.path)).toEqual([".dockerignore", "Dockerfile", "index.mjs", "index.mjs.map", "k8s.yaml", "package.json"]);
    for (const f of ["Dockerfile", ".dockerignore", "k8s.yaml"]) {
      await expect(await readFile(join(r.outDir, f), "utf8")).toMatchFileSnapshot(`__snapshots__/docker/${f.replace(/^\./, "")}`);
    }
  });

  it("docker: k8s runs one replica unless the app's store (and every agent Memory's own store) is shared", async () => {
    const cases = [
      [{ name: "libsql", shared: false, configured: true }, 1],
      [{ name: "pg", shared: true, configured: true }, 2],
      // The app's store is shared, but an agent's Memory keeps its threads in a local store of its own.
      [{ name: "pg", shared: true, configured: true, memory: [{ agent: "chat", name: "libsql", shared: false }] }, 1],
    ] as const;
    for (const [i, [storage, replicas]] of cases.entries()) {
      const app = await fakeApp({ storage });
      try {
        const r = await deploy({ root: app.root, target: "docker", dryRun: true, outDir: join(out, `docker-store-${i}`), driver: app.driver, env: {} });
        const k8s = await readFile(join(r.outDir, "k8s.yaml"), "utf8");
        expect(k8s).toMatch(new RegExp(`^  replicas: ${replicas}$`, "m"));
        expect(k8s).toContain(replicas === 1 ? "give the app a shared store (PostgresStore" : "The app's pg store is shared");
      } finally {
        await app.cleanup();
      }
    }
  });

  it("docker with a native dependency installs exactly the externals the build listed", async () => {
    const native = await fakeApp({ externals: { "better-sqlite3": "11.8.1" } });
    try {
      const r = await deploy({ root: native.root, target: "docker", dryRun: true, outDir: join(out, "docker-native"), driver: native.driver, env: {} });
      const df = await readFile(join(r.outDir, "Dockerfile"), "utf8");
      expect(df).toContain("RUN npm install --omit=dev");
      expect(JSON.parse(await readFile(join(r.outDir, "package.json"), "utf8")).dependencies).toEqual({ "better-sqlite3": "11.8.1" });
    } finally {
      await native.cleanup();
    }
  });
});

describe("determinism", () => {
  for (const t of TARGETS) {
    it(`${t}: packaging twice gives identical bytes`, async () => {
      const a = await pack(t, `${t}-a`);
      const b = await pack(t, `${t}-b`);
      expect(await digest(b.outDir)).toEqual(await digest(a.outDir));
      expect(a.artifacts).toEqual(b.artifacts);
    });
  }

  it("a stale file from an earlier run is not left in the deploy folder", async () => {
    const r = await pack("cloudflare", "stale");
    await import("node:fs/promises").then((fs) => fs.writeFile(join(r.outDir, "leftover.txt"), "old"));
    const again = await pack("cloudflare", "stale");
    expect(again.artifacts.map((x) => x.path)).not.toContain("leftover.txt");
  });
});
