// The stores in a node-platform build: libSQL's native client stays external and is listed in
// the output package.json (the zip and the Docker image `npm install` it), pg is inlined and its
// optional pg-native does not break the build, and the built server keeps runs in a libSQL file
// and in PostgreSQL, read back here by a store of our own.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build/index.js";
import { defaultBuildDriver, deploy } from "../../src/deploy/index.js";
import { runNodeZip } from "../e2e/runners.js";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { PostgresStore } from "../../src/stores/pg/index.js";
import { cleanupTemp, copyFixture, emptyDir, startBuilt } from "../build/helpers.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";

let result: BuildResult;
let pgServer: PostgresServer;
let app: string;
beforeAll(async () => {
  // The app imports @libsql/client itself, as a Mastra app with `@mastra/libsql` installed does.
  app = copyFixture("stores-app", { link: ["@libsql/client", "libsql"] });
  [result, pgServer] = await Promise.all([build({ root: app, platform: "node" }), startPostgres()]);
}, 240_000);
afterAll(async () => {
  await pgServer?.stop();
  cleanupTemp();
});

async function startAsync(url: string, runId: string) {
  const res = await fetch(`${url}/api/workflows/countWorkflow/start-async?runId=${runId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ inputData: { n: 5 } }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: "success", result: { n: 10 } });
}

describe("stores in a node build", () => {
  it("keeps @libsql/client external and listed; pg is bundled and pg-native is not needed", () => {
    expect(result.externals.map((e) => e.name)).toContain("@libsql/client");
    expect(result.externals.map((e) => e.name)).not.toContain("pg");
    const pkg = JSON.parse(readFileSync(join(result.outDir, "package.json"), "utf8"));
    expect(pkg.dependencies["@libsql/client"]).toMatch(/^0\.18\./);
    const code = readFileSync(join(result.outDir, "index.mjs"), "utf8");
    expect(code).not.toMatch(/^import .* from ['"](pg|pg-native)['"]/m);
  });

  it("copies @libsql/client, libsql and this host's binary (no other libc's, no types) into the output's node_modules", () => {
    const m = result.nodeModules!;
    const names = m.packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["@libsql/client", "@libsql/core", "libsql", "@neon-rs/load", "detect-libc"]));
    expect(names.filter((n) => n.startsWith("@types/"))).toEqual([]);
    expect(m.builtFor).toBe(`${process.platform}-${process.arch}${process.platform === "linux" ? "-glibc" : ""}`);
    const binaries = names.filter((n) => /^@libsql\/(linux|darwin|win32)-/.test(n));
    expect(binaries).toEqual([`@libsql/${process.platform}-${process.arch}${process.platform === "linux" ? "-gnu" : ""}`]);
    for (const p of m.packages) expect(existsSync(join(result.outDir, p.path, "package.json")), p.path).toBe(true);
    // build.json sums it apart from the bundle, whose file list does not mix it in.
    const manifest = JSON.parse(readFileSync(join(result.outDir, "build.json"), "utf8"));
    expect(manifest.nodeModules.bytes).toBe(m.bytes);
    expect(manifest.files.map((f: { path: string }) => f.path).some((p: string) => p.startsWith("node_modules"))).toBe(false);
  });

  it("a copy of the output folder, with no node_modules above it, starts and keeps runs in a libSQL file", async () => {
    const copy = join(emptyDir(), "output");
    cpSync(result.outDir, copy, { recursive: true });
    const file = join(emptyDir(), "copied.db");
    const server = await startBuilt(copy, { LIBSQL_URL: `file:${file}` });
    try {
      await startAsync(server.url, "copied-run");
    } finally {
      await server.stop();
    }
    const store = new LibSQLStore({ url: `file:${file}` });
    expect(await store.workflows.getRun("countWorkflow", "copied-run")).toMatchObject({ status: "success" });
    await store.close();
  });

  it("the node zip carries node_modules and serves unpacked with only `npm start`", async () => {
    const r = await deploy({ root: app, target: "node", dryRun: true, outDir: join(emptyDir(), "node"), driver: defaultBuildDriver(), env: {} });
    expect(r.nodeModules?.packages.map((p) => p.name)).toContain("libsql");
    const running = await runNodeZip(join(r.outDir, "stores-app.zip"));
    try {
      expect(existsSync(join(running.dir, "node_modules", "@libsql", "client", "package.json"))).toBe(true);
      const res = await running.send("/api/workflows/countWorkflow/start-async", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ inputData: { n: 2 } }) });
      expect(await res.json()).toMatchObject({ status: "success", result: { n: 4 } });
      expect(readFileSync(join(running.dir, "README.md"), "utf8")).toMatch(/npm install --omit=dev +# only on another OS\/CPU than \S+/);
    } finally {
      await running.stop();
    }
  });

  it("the built server keeps runs in a libSQL file another store reads", async () => {
    const file = join(emptyDir(), "runs.db");
    const server = await startBuilt(result.outDir, { LIBSQL_URL: `file:${file}` });
    try {
      await startAsync(server.url, "file-run");
      // Hostile run ids from the URL are data: a JSON 404 (or 4xx for what HTTP itself refuses), tables intact.
      for (const id of ["it's", "%00", "a%00b", encodeURIComponent("'; DROP TABLE mastra_workflow_runs; --"), "x".repeat(20_000)]) {
        const res = await fetch(`${server.url}/api/workflows/countWorkflow/runs/${id}`);
        expect(res.status, id.slice(0, 40)).toBeGreaterThanOrEqual(400);
        expect(res.status, id.slice(0, 40)).toBeLessThan(500);
        if (res.status === 404) expect(await res.json()).toMatchObject({ error: expect.stringMatching(/not found/) });
      }
      const created = await fetch(`${server.url}/api/workflows/countWorkflow/create-run?runId=${encodeURIComponent("q'\"; DROP TABLE x; --")}`, { method: "POST" });
      expect(created.status).toBe(200);
      const listed = await (await fetch(`${server.url}/api/workflows/countWorkflow/runs`)).json();
      expect(listed.runs.map((r: { runId: string }) => r.runId).sort()).toEqual(["file-run", "q'\"; DROP TABLE x; --"].sort());
    } finally {
      await server.stop();
    }
    const store = new LibSQLStore({ url: `file:${file}` });
    expect(await store.workflows.getRun("countWorkflow", "file-run")).toMatchObject({ status: "success", snapshot: { result: { n: 10 } } });
    await store.close();
  });

  it("the built server keeps runs in PostgreSQL", async () => {
    const server = await startBuilt(result.outDir, { STORE: "pg", DATABASE_URL: pgServer.url, PG_SCHEMA: "node_build" });
    try {
      await startAsync(server.url, "pg-run");
      const res = await fetch(`${server.url}/api/workflows/countWorkflow/runs?status=success`);
      expect(await res.json()).toMatchObject({ total: 1, runs: [{ runId: "pg-run" }] });
    } finally {
      await server.stop();
    }
    const store = new PostgresStore({ connectionString: pgServer.url, schemaName: "node_build" });
    expect(await store.workflows.getRun("countWorkflow", "pg-run")).toMatchObject({ status: "success" });
    await store.close();
  });
});
