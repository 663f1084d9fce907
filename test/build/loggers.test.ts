// `@mastra/loggers` and `@mastra/core/logger` in built apps: the node bundle carries pino and
// writes its JSON lines; the worker bundle gets the console twin (pino never lands in it) and
// writes the same lines inside workerd.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { runtimeModule } from "../../src/build/runtime.js";

// A worker build names its runtime entry (targets own theirs): the cloudflare one here.
const WORKER_ENTRY = runtimeModule("targets/cloudflare/entry");
import { cleanupTemp, copyFixture, startBuilt } from "./helpers.js";

afterAll(cleanupTemp);

/** JSON objects among a process's output lines. */
function jsonLines(output: string): Record<string, any>[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
}

/** Code that only pino and its Node streams bring into a bundle. */
const PINO_MARKERS = ["sonic-boom", "thread-stream", "pino-std-serializers", "SonicBoom"];

describe("loggers in built apps", () => {
  it("node: PinoLogger writes pino JSON lines — the app's own, one per request with its id, errors with stacks", async () => {
    const app = copyFixture("logger-app");
    const result = await build({ root: app, platform: "node" });
    const code = readFileSync(join(result.outDir, "index.mjs"), "utf8");
    expect(PINO_MARKERS.some((m) => code.includes(m))).toBe(true);

    const server = await startBuilt(result.outDir);
    try {
      const hello = await fetch(`${server.url}/hello`);
      expect(hello.status).toBe(200);
      const id = hello.headers.get("x-request-id");
      expect((await fetch(`${server.url}/boom`)).status).toBe(500);
      await expect.poll(() => jsonLines(server.output()).filter((l) => l.level === 30).length).toBe(3);
      const lines = jsonLines(server.output());
      expect(lines).toContainEqual(expect.objectContaining({ level: 30, name: "Mastra", msg: "saying hello", who: "build" }));
      expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringMatching(/^GET \/hello 200 [\d.]+ms$/), requestId: id, status: 200 }));
      const error = lines.find((l) => l.level === 50)!;
      expect(error).toMatchObject({ msg: "GET /boom failed: database exploded", error: { type: "Error", stack: expect.stringContaining("at ") } });
      // createLogger from @mastra/core/logger: the console logger, one plain line.
      expect(server.output()).toMatch(/^audit line$/m);
    } finally {
      await server.stop();
    }
  });

  it("worker: the same app bundles without pino and writes the same lines through the console in workerd", async () => {
    const app = copyFixture("logger-app");
    const result = await build({ root: app, platform: "worker", entry: WORKER_ENTRY });
    const code = readFileSync(join(result.outDir, "index.mjs"), "utf8");
    for (const marker of PINO_MARKERS) expect(code, marker).not.toContain(marker);

    let output = "";
    const mf = new Miniflare({
      modules: [{ type: "ESModule", path: "index.mjs", contents: code }],
      compatibilityDate: "2025-09-01",
      compatibilityFlags: ["nodejs_compat"],
      handleRuntimeStdio: (stdout, stderr) => {
        stdout.on("data", (d) => (output += d.toString()));
        stderr.on("data", (d) => (output += d.toString()));
      },
    });
    try {
      const hello = await mf.dispatchFetch("http://localhost/hello");
      expect(await hello.json()).toEqual({ ok: true });
      const id = hello.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await mf.dispatchFetch("http://localhost/boom")).status).toBe(500);
      await expect.poll(() => jsonLines(output).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      const lines = jsonLines(output);
      expect(lines).toContainEqual(expect.objectContaining({ level: 30, name: "Mastra", msg: "saying hello", who: "build" }));
      expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: expect.stringMatching(/^GET \/hello 200 [\d.]+ms$/), requestId: id }));
      expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: "GET /boom failed: database exploded", error: expect.objectContaining({ stack: expect.any(String) }) }));
    } finally {
      await mf.dispose();
    }
  });
});
