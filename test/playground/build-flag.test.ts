// Deploy outputs never contain the playground, unless `mastra build --playground` (node only) puts
// it there: the built server then shows the page at / while its /api stays behind the app's auth.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySourcesKeptOut } from "../e2e/dockerfile.js";
import { secretHits } from "../helpers/output-scan.js";
import { freePort, startProcess } from "../helpers/process.js";
import { cleanupDevTemp, copyApp, REPO } from "../dev/helpers.js";

const run = promisify(execFile);
const CLI = join(REPO, "bin", "mastra.js");
let app: string;

beforeAll(() => {
  app = copyApp(join(REPO, "examples", "quickstart"), "playground-build", ["zod", "@ai-sdk/openai"]);
});

afterAll(() => cleanupDevTemp());

/**
 * Bytes only the page has: a run from the middle of its bundle, a key only its code uses, its
 * HTML. (The node server's code that would serve a playground folder is in every node bundle; the
 * page is not.)
 */
const appJs = readFileSync(join(REPO, "dist", "playground", "app.js"), "utf8");
const MARKERS = { "a run of app.js": appJs.slice(appJs.length / 2, appJs.length / 2 + 120), "the page's storage key": "mastra-playground:auth", "index.html": '<div id="app">' };

describe("mastra build and the playground", () => {
  it("leaves it out of node and worker outputs by default", async () => {
    await run(process.execPath, [CLI, "build", "--dir", app]);
    const node = await secretHits(join(app, ".mastra", "output"), MARKERS);
    expect(node.files.length).toBeGreaterThan(2);
    expect(node.hits).toEqual([]);
    await run(process.execPath, [CLI, "build", "--dir", app, "--platform", "worker"]);
    const worker = await secretHits(join(app, ".mastra", "output-worker"), MARKERS);
    expect(worker.files.length).toBeGreaterThan(1);
    expect(worker.hits).toEqual([]);
  });

  it("refuses --playground for a platform without a Node server", async () => {
    const failed = await run(process.execPath, [CLI, "build", "--dir", app, "--platform", "worker", "--playground"]).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain("--playground needs the node platform");
  });

  it("with --playground the built server shows the page at / and keeps /api behind the app's auth", async () => {
    const { stdout } = await run(process.execPath, [CLI, "build", "--dir", app, "--playground"]);
    expect(stdout).toContain("playground/app.js");
    const out = join(app, ".mastra", "output");
    expect(readdirSync(join(out, "playground")).sort()).toEqual(["app.css", "app.js", "index.html"]);
    // The scan that found nothing above finds the page here.
    expect((await secretHits(out, MARKERS)).hits.map((h) => h.split(": ")[1]).sort()).toEqual(Object.keys(MARKERS).sort());
    const port = await freePort();
    const server = await startProcess(process.execPath, [join(out, "index.mjs")], { cwd: app, env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /Playground at/ });
    try {
      const base = `http://127.0.0.1:${port}`;
      const page = await fetch(`${base}/`, { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app">');
      const js = await fetch(`${base}/__mastra/playground/app.js`, { headers: { "accept-encoding": "gzip" } });
      expect(js.headers.get("content-encoding")).toBe("gzip");
      expect(await js.text()).toBe(appJs);
      expect((await fetch(`${base}/__mastra/playground/app.js`, { method: "POST" })).status).toBe(405);
      expect((await fetch(`${base}/api/agents`)).status).toBe(401);
      expect((await fetch(`${base}/api/agents`, { headers: { authorization: "Bearer staging" } })).status).toBe(200);
      expect((await fetch(`${base}/`, { headers: { accept: "application/json" } })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it("mastra deploy --playground ships the page in the node zip and the docker folder, and refuses it for worker targets", async () => {
    const { stdout } = await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "node,docker", "--dry-run", "--playground", "--json"]);
    const result = JSON.parse(stdout) as { ok: boolean; targets: { target: string; outDir: string }[] };
    expect(result.ok).toBe(true);
    const docker = result.targets.find((t) => t.target === "docker")!.outDir;
    expect(readdirSync(join(docker, "playground")).sort()).toEqual(["app.css", "app.js", "index.html"]);
    // The image gets it where the server looks: beside index.mjs.
    expect(readFileSync(join(docker, "Dockerfile"), "utf8")).toMatch(/^COPY --chown=node:node playground \.\/playground$/m);
    expect(copySourcesKeptOut(readFileSync(join(docker, "Dockerfile"), "utf8"), readFileSync(join(docker, ".dockerignore"), "utf8"))).toEqual([]);
    const node = result.targets.find((t) => t.target === "node")!.outDir;
    expect((await secretHits(node, MARKERS)).hits.length).toBeGreaterThan(0);
    // Without the flag: none of it, in the zip or beside it.
    await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "node,docker", "--dry-run"]);
    expect((await secretHits(join(app, ".mastra", "deploy"), MARKERS)).hits).toEqual([]);
    expect(readFileSync(join(app, ".mastra", "deploy", "docker", "Dockerfile"), "utf8")).not.toContain("playground");

    const refused = await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "cloudflare", "--dry-run", "--playground"]).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--playground needs a target that runs a Node server");
  }, 240_000);

  it("--prebuilt reuses a build only when it was made with the same --playground setting", async () => {
    await run(process.execPath, [CLI, "build", "--dir", app]);
    const refused = await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "docker", "--dry-run", "--prebuilt", "--playground"]).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("--prebuilt refused");
    await run(process.execPath, [CLI, "build", "--dir", app, "--playground"]);
    await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "docker", "--dry-run", "--prebuilt", "--playground"]);
    expect(readdirSync(join(app, ".mastra", "deploy", "docker", "playground")).length).toBe(3);
    const stale = await run(process.execPath, [CLI, "deploy", "--dir", app, "--target", "docker", "--dry-run", "--prebuilt"]).catch((e) => e);
    expect(stale.stderr).toContain("--prebuilt refused");
  }, 240_000);
});
