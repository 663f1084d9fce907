// The stores inside a real Worker: the app built for the worker platform (what the cloudflare
// target uploads) runs in Miniflare with nodejs_compat; its runs are then read back from the
// database by a store in this process, so the worker really wrote them there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { runtimeModule } from "../../src/build/runtime.js";

// A worker build names its runtime entry (targets own theirs): the cloudflare one here.
const WORKER_ENTRY = runtimeModule("targets/cloudflare/entry");
import { D1Store, type D1DatabaseLike } from "../../src/stores/d1/index.js";
import { PostgresStore } from "../../src/stores/pg/index.js";
import { cleanupTemp, copyFixture } from "../build/helpers.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";

let code: string;
let pgServer: PostgresServer;
beforeAll(async () => {
  const app = copyFixture("stores-app");
  const [result, server] = await Promise.all([build({ root: app, platform: "worker", entry: WORKER_ENTRY }), startPostgres()]);
  pgServer = server;
  code = readFileSync(join(result.outDir, "index.mjs"), "utf8");
}, 240_000);
afterAll(async () => {
  await pgServer?.stop();
  cleanupTemp();
});

function worker(bindings: Record<string, string>, extra: Partial<ConstructorParameters<typeof Miniflare>[0]> = {}) {
  return new Miniflare({
    modules: [{ type: "ESModule", path: "index.mjs", contents: code }],
    compatibilityDate: "2025-10-01",
    compatibilityFlags: ["nodejs_compat"],
    bindings,
    cf: false,
    ...extra,
  } as ConstructorParameters<typeof Miniflare>[0]);
}

async function runWorkflow(mf: Miniflare, runId: string) {
  const res = await mf.dispatchFetch(`http://localhost/api/workflows/countWorkflow/start-async?runId=${runId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ inputData: { n: 21 } }),
  });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  expect(JSON.parse(body)).toMatchObject({ status: "success", result: { n: 42 } });
}

describe("stores in a Worker (Miniflare)", () => {
  it("D1Store({ binding: \"DB\" }) finds the binding in the first request's env and keeps runs in D1", async () => {
    const mf = worker({ STORE: "d1" }, { d1Databases: ["DB"] });
    try {
      await runWorkflow(mf, "d1-run");
      const res = await mf.dispatchFetch("http://localhost/api/workflows/countWorkflow/runs/d1-run");
      expect(await res.json()).toMatchObject({ runId: "d1-run", status: "success" });
      const outside = new D1Store({ binding: (await mf.getD1Database("DB")) as unknown as D1DatabaseLike });
      expect(await outside.workflows.getRun("countWorkflow", "d1-run")).toMatchObject({ status: "success", snapshot: { result: { n: 42 } } });
    } finally {
      await mf.dispose();
    }
  });

  it("PostgresStore runs in workerd over nodejs_compat sockets (pg's cloudflare:sockets path)", async () => {
    const mf = worker({ STORE: "pg", DATABASE_URL: pgServer.url, PG_SCHEMA: "worker_pg" });
    try {
      await runWorkflow(mf, "pg-run");
      const outside = new PostgresStore({ connectionString: pgServer.url, schemaName: "worker_pg" });
      expect(await outside.workflows.getRun("countWorkflow", "pg-run")).toMatchObject({ status: "success", snapshot: { result: { n: 42 } } });
      await outside.close();
    } finally {
      await mf.dispose();
    }
  });

  it("LibSQLStore with a local URL keeps runs in the isolate's memory on Workers (no native client there)", async () => {
    const mf = worker({ STORE: "libsql", LIBSQL_URL: "file:./mastra.db" });
    try {
      await runWorkflow(mf, "mem-run");
      const res = await mf.dispatchFetch("http://localhost/api/workflows/countWorkflow/runs/mem-run");
      expect(await res.json()).toMatchObject({ runId: "mem-run", status: "success" });
    } finally {
      await mf.dispose();
    }
  });
});
