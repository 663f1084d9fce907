// `mastra start` run as a person runs it (the real bin, compiled by `npm run build`): it owns its
// server (no orphan when it is killed with SIGKILL), a taken port or a bad PORT is one line, and
// it says when the sources changed since the build.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { cleanupTemp, copyFixture, REPO } from "../build/helpers.js";
import { freePort, startProcess } from "../helpers/process.js";

const BIN = join(REPO, "bin", "mastra.js");
let app: string;

beforeAll(async () => {
  app = copyFixture("basic-app");
  await build({ root: app, platform: "node" });
}, 120_000);
afterAll(() => cleanupTemp());

/** Run `mastra start` to its end (for the cases where it must not stay up). */
function startToEnd(env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "start", "--dir", app], { env: { ...process.env, HOST: "127.0.0.1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const stop = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(stop);
      resolve({ code, err });
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The direct children of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return existsSync(file) ? readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`still waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("mastra start", () => {
  it("kill -9 of mastra start takes its server down too: no orphan keeps the port", async () => {
    const port = await freePort();
    const started = await startProcess(process.execPath, [BIN, "start", "--dir", app], { env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /listening on/ });
    const cli = started.child.pid!;
    const [server] = childrenOf(cli);
    expect(server).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    process.kill(cli, "SIGKILL");
    await started.exited;
    await until("the server to exit after its parent was killed", () => !alive(server!));
    // The port is free again: the next `mastra start` can have it.
    const again = await startProcess(process.execPath, [BIN, "start", "--dir", app], { env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /listening on/ });
    expect(await again.stop()).toBe(0);
  }, 60_000);

  it("a taken port is one line, exit 1", async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await startToEnd({ PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.err.trim().split("\n")).toEqual([`error: Port ${port} is already in use: stop what runs there, or set PORT or server.port to a free port`]);
    } finally {
      taken.close();
    }
  }, 60_000);

  it("PORT=abc is one line, exit 1", async () => {
    const r = await startToEnd({ PORT: "abc" });
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toEqual(['error: PORT must be an integer between 0 and 65535 (got "abc")']);
  }, 60_000);

  it("warns when the sources changed since the build, and still serves it", async () => {
    const port = await freePort();
    const file = join(app, "src", "mastra", "index.ts");
    const before = readFileSync(file, "utf8");
    writeFileSync(file, `${before}\n// edited after the build\n`);
    try {
      const started = await startProcess(process.execPath, [BIN, "start", "--dir", app], { env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /listening on/ });
      expect(started.output()).toMatch(/^warning: the sources changed since \S+ was built; this serves the old build \(run mastra build to serve your edits\)$/m);
      expect(await started.stop()).toBe(0);
    } finally {
      writeFileSync(file, before);
    }
    // Unchanged sources: no warning.
    const quiet = await startProcess(process.execPath, [BIN, "start", "--dir", app], { env: { PORT: String(port), HOST: "127.0.0.1" }, ready: /listening on/ });
    expect(quiet.output()).not.toContain("warning:");
    expect(await quiet.stop()).toBe(0);
  }, 60_000);
});
