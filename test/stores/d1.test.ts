// D1 for real: the database is Miniflare's (workerd's D1, SQLite underneath), reached from the
// test through Miniflare's binding proxy. Each contract test gets its own table prefix.
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providePlatformEnv } from "../../src/core/storage/index.js";
import { D1Store, type D1DatabaseLike } from "../../src/stores/d1/index.js";
import { storageContract } from "./contract.js";

let mf: Miniflare;
let db: D1DatabaseLike;
beforeAll(async () => {
  mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response('ok') } }",
    compatibilityDate: "2025-10-01",
    d1Databases: ["DB"],
    cf: false,
  });
  db = (await mf.getD1Database("DB")) as unknown as D1DatabaseLike;
});
afterAll(async () => mf?.dispose());

let n = 0;
storageContract("D1Store", async () => new D1Store({ binding: db, tablePrefix: `c${++n}_` }));

describe("D1Store", () => {
  it("resolves a binding name from the first request's env, and says what is wrong before that", async () => {
    const store = new D1Store({ binding: "DB", tablePrefix: "named_" });
    await expect(store.init()).rejects.toThrow(/only exists once a request arrives/);
    providePlatformEnv({ OTHER: 1 });
    await expect(store.init()).rejects.toThrow(/no D1 binding named "DB"/);
    const second = new D1Store({ binding: "DB", tablePrefix: "named_" });
    (globalThis as Record<symbol, unknown>)[Symbol.for("mastra-deploy.platform-env")] = undefined;
    providePlatformEnv({ DB: db });
    await second.workflows.persistRun({ workflowName: "wf", runId: "r", status: "created", snapshot: { status: "created", steps: {} }, createdAt: new Date(), updatedAt: new Date() });
    expect((await new D1Store({ binding: db, tablePrefix: "named_" }).workflows.getRun("wf", "r"))?.runId).toBe("r");
  });

  it("refuses a missing binding at construction", () => {
    expect(() => new D1Store({} as never)).toThrow(/`binding` must be/);
  });
});
