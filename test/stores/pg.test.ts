import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/stores/pg/index.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";
import { storageContract } from "./contract.js";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => server?.stop());

// Each test gets its own schema: a fresh, empty database without a new server.
let n = 0;
const schemaName = () => `contract_${process.pid}_${++n}`;
storageContract("PostgresStore", async () => new PostgresStore({ connectionString: server.url, schemaName: schemaName(), max: 4 }));

describe("PostgresStore", () => {
  it("instances starting at once migrate one at a time (advisory lock) and share one schema version", async () => {
    const schema = schemaName();
    const stores = Array.from({ length: 4 }, () => new PostgresStore({ connectionString: server.url, schemaName: schema, max: 2 }));
    await Promise.all(stores.map((s) => s.init()));
    const at = new Date();
    await stores[0]!.workflows.persistRun({ workflowName: "wf", runId: "r", status: "running", snapshot: { status: "running", steps: {} }, createdAt: at, updatedAt: at });
    expect(await stores[3]!.workflows.getRun("wf", "r")).toMatchObject({ status: "running", createdAt: at });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM "${schema}".mastra_migrations`);
    expect(rows).toEqual([{ version: 1 }]);
    await client.end();
    await Promise.all(stores.map((s) => s.close()));
  });

  it("takes host/port/database/user/password as well as a connection string", async () => {
    const url = new URL(server.url);
    const store = new PostgresStore({ host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: decodeURIComponent(url.username), password: url.password || undefined, schemaName: schemaName() });
    await store.init();
    expect((await store.workflows.listRuns()).total).toBe(0);
    await store.close();
  });

  it("connects to nothing until first used, and refuses a bad config at construction", async () => {
    const store = new PostgresStore({ connectionString: "postgres://nobody@127.0.0.1:1/none" });
    await store.close();
    expect(() => new PostgresStore({} as never)).toThrow(/host/);
    expect(() => new PostgresStore({ connectionString: "" })).toThrow(/connectionString/);
    expect(() => new PostgresStore({ connectionString: server.url, schemaName: 'x"; DROP SCHEMA public; --' })).toThrow(/schemaName must be/);
  });
});
