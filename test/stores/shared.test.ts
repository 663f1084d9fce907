// `shared` is what deploy's serverless warning reads from build.json: a store that every
// instance sees (a server, D1) must say so, one that lives with an instance must not.
import { describe, expect, it } from "vitest";
import { InMemoryStore } from "../../src/core/storage/index.js";
import { D1Store } from "../../src/stores/d1/index.js";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { PostgresStore } from "../../src/stores/pg/index.js";

describe("which stores are shared between instances", () => {
  it("local libSQL and memory are not; remote libSQL, Postgres and D1 are (nothing is opened to tell)", async () => {
    expect(new InMemoryStore().shared ?? false).toBe(false);
    expect(new LibSQLStore({ url: ":memory:" }).shared).toBe(false);
    expect(new LibSQLStore({ url: "file:./mastra.db" }).shared).toBe(false);
    expect(new LibSQLStore({ url: "libsql://db-acme.turso.io", authToken: "t" }).shared).toBe(true);
    expect(new LibSQLStore({ url: "https://db.example.com" }).shared).toBe(true);
    expect(new PostgresStore({ connectionString: "postgres://u:p@127.0.0.1:1/db" }).shared).toBe(true);
    expect(new D1Store({ binding: "DB" }).shared).toBe(true);
  });
});
