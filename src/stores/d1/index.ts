/**
 * D1Store (`@mastra/cloudflare-d1`): the SQLite-dialect store on a Worker's D1 binding.
 *
 * On Workers the app module, and so this store, is created once per isolate before any request,
 * when no `env` exists yet. So `binding` is either the D1 object itself or the NAME of the
 * binding (`new D1Store({ binding: "DB" })`), looked up in the env of the first request: the
 * worker entry hands that env to `providePlatformEnv` (from `@mastra/core/storage`), and the
 * store reads it when it runs its first query. Nothing is touched at construction.
 */
import { platformEnv } from "../../core/storage/platform-env.js";
import type { MastraStorage, MemoryStorage, WorkflowsStorage } from "../../core/storage/types.js";
import { tablePrefix } from "../shared/identifiers.js";
import type { SqlValue, SqliteDriver } from "../sqlite/driver.js";
import { SqliteStorage } from "../sqlite/store.js";

/** The part of Cloudflare's `D1Database` this store uses. */
export interface D1DatabaseLike {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<unknown>;
}

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  all(): Promise<{ results?: Record<string, unknown>[] }>;
}

export interface D1StoreConfig {
  /** The D1 database (`env.DB`) or its binding name in wrangler.toml (`"DB"`), resolved from the first request's env. */
  binding: D1DatabaseLike | string;
  /** Prefix of every table this store creates (default `mastra_`). */
  tablePrefix?: string;
  /** Mastra's store id; accepted for compatibility, not used. */
  id?: string;
}

function isD1(value: unknown): value is D1DatabaseLike {
  return typeof value === "object" && value !== null && typeof (value as D1DatabaseLike).prepare === "function" && typeof (value as D1DatabaseLike).batch === "function";
}

function resolveBinding(binding: D1DatabaseLike | string): D1DatabaseLike {
  if (typeof binding !== "string") return binding;
  const env = platformEnv();
  if (!env) {
    throw new Error(
      `D1Store: binding "${binding}" is read from the Worker's env, which only exists once a request arrives; ` +
        "use the store inside a request (routes, workflows, agents), or pass the D1 object itself",
    );
  }
  const db = env[binding];
  if (!isD1(db)) {
    throw new Error(`D1Store: the Worker has no D1 binding named "${binding}"; add a [[d1_databases]] entry with binding = "${binding}" to wrangler.toml`);
  }
  return db;
}

function d1Driver(db: D1DatabaseLike): SqliteDriver {
  const statement = (sql: string, args: SqlValue[]) => (args.length ? db.prepare(sql).bind(...args) : db.prepare(sql));
  return {
    async query(sql, args = []) {
      return (await statement(sql, args).all()).results ?? [];
    },
    async batch(statements) {
      // D1 runs a batch as one transaction.
      await db.batch(statements.map((s) => statement(s.sql, s.args)));
    },
    async close() {},
  };
}

export class D1Store implements MastraStorage {
  readonly name = "d1";
  /** One D1 database serves every isolate that binds it. */
  readonly shared = true;
  readonly workflows: WorkflowsStorage;
  readonly memory: MemoryStorage;
  private readonly store: SqliteStorage;

  constructor(config: D1StoreConfig) {
    const binding = config?.binding;
    if (typeof binding === "string" ? binding === "" : !isD1(binding)) {
      throw new TypeError('D1Store: `binding` must be the D1 database (env.DB) or its binding name from wrangler.toml (e.g. "DB")');
    }
    this.store = new SqliteStorage({ name: this.name, prefix: tablePrefix(config.tablePrefix), open: async () => d1Driver(resolveBinding(binding)) });
    this.workflows = this.store.workflows;
    this.memory = this.store.memory;
  }

  init(): Promise<void> {
    return this.store.init();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
