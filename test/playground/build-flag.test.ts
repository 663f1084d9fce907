// Deploy outputs never contain the playground, unless `mastra build --playground` (node only) puts
// it there: the built server then shows the page at / while its /api stays behind the app's auth.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess } from "../helpers/process.js";
import { cleanupDevTemp, copyApp, REPO } from "../dev/helpers.js";

const run = promisify(execFile);
const CLI = join(REPO, "bin", "mastra.js");
let app: string;

beforeAll(() => {
  app = copyApp(join(REPO, "examples", "quickstart"), "playground-build", ["zod", "@ai-sdk/openai"]);
});

afterAll(() => cleanupDevTemp());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Bytes only the page has: a run from the middle of its bundle, a key only its code uses, its
 * HTML. (The node server's code that would serve a playground folder is in every node bundle; the
 * page is not.)
 */
const appJs = readFileSync(join(REPO, "dist", "playground", "app.js"), "utf8");
const MARKERS = [appJs.slice(appJs.length / 2, appJs.length / 2 + 120), "mastra-playground:auth", '<div id="app">'];

function playgroundBytesIn(dir: string): string[] {
  return filesUnder(dir).filter((f) => {
    const text = readFileSync(f, "latin1");
    return MARKERS.some((m) => text.includes(m));
  });
}

describe("mastra build and the playground", () => {
  it("leaves it out of node and worker outputs by default", async () => {
    await run(process.execPath, [CLI, "build", "--dir", app]);
    const node = join(app, ".mastra", "output");
    expect(filesUnder(node).length).toBeGreaterThan(2);
    expect(playgroundBytesIn(node)).toEqual([]);
    await run(process.execPath, [CLI, "build", "--dir", app, "--platform", "worker"]);
    const worker = join(app, ".mastra", "output-worker");
    expect(filesUnder(worker).length).toBeGreaterThan(1);
    expect(playgroundBytesIn(worker)).toEqual([]);
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
    const port = await freePort();
    const server = await startProcess(process.execPath, [join(out, "index.mjs")], { cwd: out, env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /Playground at/ });
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
});
