// The docs' own example (examples/quickstart) built by the real pipeline and served over HTTP,
// plus `mastra start`: production env, source maps, signals forwarded, exit code passed back.
import { EventEmitter } from "node:events";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build/index.js";
import type { CliIO } from "../../src/cli/io.js";
import { cleanupTemp, cli, emptyDir, REPO, startBuilt } from "./helpers.js";

afterAll(cleanupTemp);

describe("examples/quickstart", () => {
  let result: BuildResult;
  let projectCopy: string;

  beforeAll(async () => {
    // Built in place (its imports resolve from this repo) into a temp output folder, so
    // parallel test files never race on examples/quickstart/.mastra.
    const outDir = join(emptyDir(), ".mastra", "output");
    result = await build({ root: join(REPO, "examples", "quickstart"), platform: "node", outDir });
    projectCopy = join(outDir, "..", "..");
  });

  it("records which store the app keeps state in (none configured: on node the default SQLite file, not shared)", () => {
    expect(result.manifest.storage).toEqual({ name: "libsql", shared: false, configured: false });
  });

  it("records the app's server settings in build.json, read while checking the app", () => {
    expect(result.manifest.server).toEqual({ port: 3000, timeout: 10000, bodySizeLimit: 4.5 * 1024 * 1024 });
  });

  it("answers the docs' routes over HTTP", async () => {
    const server = await startBuilt(result.outDir);
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/my-custom-route`)).json()).toEqual({ message: "Hello, world!" });
      // The docs' auth middleware guards /api/*.
      expect((await fetch(`${server.url}/api/agents`)).status).toBe(401);
      const agents = await fetch(`${server.url}/api/agents`, { headers: { Authorization: "Bearer token" } });
      expect(agents.status).toBe(200);
      expect(Object.keys((await agents.json()) as object)).toContain("my-agent");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("mastra start runs it with NODE_ENV=production, forwards SIGTERM and returns the exit code", async () => {
    const signals = new EventEmitter();
    let out = "";
    let listening!: () => void;
    const ready = new Promise<void>((r) => (listening = r));
    const io: Partial<CliIO> = {
      signals: signals as unknown as CliIO["signals"],
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "development" },
      out: (s) => {
        out += s;
        if (/listening on http/.test(out)) listening();
      },
    };
    const running = cli(["start", "--dir", projectCopy], REPO, io);
    await ready;
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    // Production mode: a 404 body carries no stack.
    const missing = await fetch(`${url}/api/agents/nope`, { headers: { Authorization: "Bearer t" } });
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).not.toMatch(/\bat .*:\d+:\d+/);
    signals.emit("SIGTERM", "SIGTERM");
    const run = await running;
    expect(run.code).toBe(0);
    expect(signals.listenerCount("SIGTERM")).toBe(0);
  });
});

describe("mastra start exit codes", () => {
  it("passes the server's own exit code back", async () => {
    const dir = emptyDir();
    cpSync(join(REPO, "test", "fixtures", "basic-app"), dir, { recursive: true });
    // Any index.mjs: start runs whatever the build left there.
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(join(dir, ".mastra", "output"), { recursive: true });
    writeFileSync(join(dir, ".mastra", "output", "index.mjs"), "console.log(process.env.NODE_ENV, process.execArgv.join(' ')); process.exit(7);\n");
    const run = await cli(["start", "--dir", dir], dir, { env: { ...process.env, NODE_ENV: "test" } });
    expect(run.code).toBe(7);
    // Source maps on, and the preload that drains the server if `mastra start` itself dies.
    expect(run.out.trim()).toMatch(/^production --enable-source-maps --import data:text\/javascript,\S*disconnect/);
  });
});
