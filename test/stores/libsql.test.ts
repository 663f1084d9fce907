import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { storageContract } from "./contract.js";

const dir = mkdtempSync(join(tmpdir(), "libsql-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
storageContract("LibSQLStore file:", async () => new LibSQLStore({ url: `file:${join(dir, `contract-${++n}.db`)}` }));
storageContract("LibSQLStore :memory:", async () => new LibSQLStore({ url: ":memory:" }));

describe("LibSQLStore", () => {
  it("opens nothing until first used, then creates the file with versioned tables", async () => {
    const file = join(dir, "lazy.db");
    const store = new LibSQLStore({ url: `file:${file}`, tablePrefix: "app_" });
    expect(existsSync(file)).toBe(false);
    await store.init();
    expect(existsSync(file)).toBe(true);
    await store.close();
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: `file:${file}` });
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["app_messages", "app_migrations", "app_resources", "app_threads", "app_workflow_runs"]));
    expect((await client.execute("SELECT version FROM app_migrations")).rows.map((r) => r.version)).toEqual([1]);
    client.close();
  });

  it("opens a file in WAL mode, so a commit appends to the log instead of rewriting the file", async () => {
    const file = join(dir, "wal.db");
    const store = new LibSQLStore({ url: `file:${file}` });
    const at = new Date();
    await store.workflows.persistRun({ workflowName: "wf", runId: "r1", status: "running", snapshot: { status: "running", steps: {} }, createdAt: at, updatedAt: at });
    // journal_mode is a property of the file: another connection sees it.
    const { createClient } = await import("@libsql/client");
    const other = createClient({ url: `file:${file}` });
    expect((await other.execute("PRAGMA journal_mode")).rows[0]?.journal_mode).toBe("wal");
    other.close();
    expect(existsSync(`${file}-wal`)).toBe(true);
    await store.close();
  });

  it("two stores started at once on one file both migrate and share the data", async () => {
    const url = `file:${join(dir, "shared.db")}`;
    const [a, b] = [new LibSQLStore({ url }), new LibSQLStore({ url })];
    await Promise.all([a.init(), b.init()]);
    const at = new Date();
    await a.workflows.persistRun({ workflowName: "wf", runId: "r1", status: "running", snapshot: { status: "running", steps: {} }, createdAt: at, updatedAt: at });
    expect(await b.workflows.getRun("wf", "r1")).toMatchObject({ status: "running" });
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses a bad url or table prefix at construction", () => {
    expect(() => new LibSQLStore({} as never)).toThrow(/`url` must be/);
    expect(() => new LibSQLStore({ url: ":memory:", tablePrefix: "x; DROP TABLE y" })).toThrow(/tablePrefix must be/);
  });
});
