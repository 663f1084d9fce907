// `mastra build` on the node platform: what it writes, that it runs, and that it is
// deterministic and atomic.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBuildFreshness } from "../../src/build/index.js";
import { cleanupTemp, cli, copyFixture, snapshotDir, startBuilt } from "./helpers.js";

afterAll(cleanupTemp);

describe("mastra build (node)", () => {
  let app: string;
  let out: string;
  let first: { code: number; out: string; err: string };

  beforeAll(async () => {
    app = copyFixture("basic-app");
    out = join(app, ".mastra", "output");
    first = await cli(["build", "--dir", app], app);
  });

  it("exits 0 and prints a table of files with size and gzip size and the build time", () => {
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/file\s+size\s+gzip/);
    for (const f of ["index.mjs", "index.mjs.map", "package.json", "build.json"]) {
      expect(first.out).toMatch(new RegExp(`\\.mastra/output/${f.replace(".", "\\.")}\\s+[\\d.]+ (B|KiB|MiB)\\s+[\\d.]+ (B|KiB|MiB)`));
    }
    expect(first.out).toMatch(/Built \. for node in [\d.]+ (ms|s)/);
  });

  it("writes a package.json with the app's name and version, type module, a start script with source maps and engines node >= 22", () => {
    const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
    expect(pkg).toMatchObject({
      name: "basic-app",
      version: "1.0.0",
      type: "module",
      scripts: { start: "node --enable-source-maps index.mjs" },
      engines: { node: ">=22" },
      dependencies: {},
    });
  });

  it("inlines the runtime, hono and CommonJS dependencies: the only imports left are node: builtins and libSQL's native client", () => {
    const code = readFileSync(join(out, "index.mjs"), "utf8");
    const specifiers = [...code.matchAll(/^import\s[^;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]);
    expect(specifiers.length).toBeGreaterThan(0);
    // The default store (the app configures none) opens its SQLite file through @libsql/client, external and in node_modules.
    for (const s of specifiers) expect(s).toMatch(/^(node:|@libsql\/client$)/);
    expect(code).toContain("//# sourceMappingURL=index.mjs.map");
  });

  it("has no absolute path of the build machine in the bundle or the map; map sources are relative", () => {
    const code = readFileSync(join(out, "index.mjs"), "utf8");
    const mapText = readFileSync(join(out, "index.mjs.map"), "utf8");
    for (const text of [code, mapText]) {
      expect(text).not.toContain(app);
      expect(text).not.toContain(process.cwd());
    }
    const map = JSON.parse(mapText) as { sources: string[] };
    for (const s of map.sources) expect(s.startsWith("/")).toBe(false);
    expect(map.sources).toContain("../../src/mastra/where.ts");
  });

  it("serves the app over HTTP on 127.0.0.1 (TS, .js→.ts imports, JSON, CommonJS interop)", async () => {
    const server = await startBuilt(out);
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      const hello = await fetch(`${server.url}/hello`);
      expect(await hello.json()).toEqual({ message: "hello, build", version: "1.2.3", loud: "HI!" });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("maps a stack trace to the .ts source line", async () => {
    const server = await startBuilt(out);
    try {
      const body = (await (await fetch(`${server.url}/where`)).json()) as { stack: string };
      // `new Error("where am I")` is on line 6 of src/mastra/where.ts.
      expect(body.stack).toMatch(/src\/mastra\/where\.ts:6:\d+/);
    } finally {
      await server.stop();
    }
  });

  it("records the platform and a source hash that stays fresh until a source changes", () => {
    const manifest = JSON.parse(readFileSync(join(out, "build.json"), "utf8"));
    expect(manifest).toMatchObject({ platform: "node", app: "src/mastra/index.ts", dependencies: {} });
    expect(manifest.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(checkBuildFreshness(app, out, "node").fresh).toBe(true);
    expect(checkBuildFreshness(app, out, "worker")).toMatchObject({ fresh: false, reason: expect.stringContaining('platform "node"') });
  });

  it("--json prints exactly one JSON object on stdout", async () => {
    const run = await cli(["build", "--json"], app);
    expect(run.code).toBe(0);
    const lines = run.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result.ok).toBe(true);
    expect(result.platform).toBe("node");
    expect(result.files.map((f: { path: string }) => f.path)).toEqual(["index.mjs", "index.mjs.map", "package.json", "build.json"]);
    for (const f of result.files) {
      expect(f.bytes).toBeGreaterThan(0);
      expect(f.gzipBytes).toBeGreaterThan(0);
    }
    expect(typeof result.durationMs).toBe("number");
  });

  it("is deterministic: the same app built in another folder gives byte-identical output", async () => {
    const again = copyFixture("basic-app");
    const run = await cli(["build"], again);
    expect(run.code).toBe(0);
    expect(snapshotDir(join(again, ".mastra", "output"))).toEqual(snapshotDir(out));
  });

  it("is atomic: a broken edit after a good build exits 1 and leaves the good output runnable", async () => {
    const before = snapshotDir(out);
    const greet = join(app, "src", "mastra", "greet.ts");
    const good = readFileSync(greet, "utf8");
    writeFileSync(greet, "export function greet(name: string): string {\n  return `hello, ${name`;\n}\n");
    try {
      const run = await cli(["build"], app);
      expect(run.code).toBe(1);
      expect(snapshotDir(out)).toEqual(before);
      expect(checkBuildFreshness(app, out, "node")).toMatchObject({ fresh: false });
      const server = await startBuilt(out);
      try {
        expect(await (await fetch(`${server.url}/hello`)).json()).toMatchObject({ message: "hello, build" });
      } finally {
        await server.stop();
      }
    } finally {
      writeFileSync(greet, good);
    }
  });
});
