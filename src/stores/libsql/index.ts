/**
 * LibSQLStore (`@mastra/libsql`): SQLite through `@libsql/client`.
 *
 * On Node the client's native build opens `file:` paths and `:memory:`; the worker platform
 * bundles its fetch-only web build (no native code), which speaks to remote `libsql://` /
 * `https://` servers (Turso, sqld) only. There a local URL cannot be opened, so the store keeps
 * its data in memory instead, as the deploy warning says: fine for one isolate, not shared.
 */
import type { Client, InValue } from "@libsql/client";
import { InMemoryStore } from "../../core/storage/in-memory.js";
import type { MastraStorage, MemoryStorage, WorkflowsStorage } from "../../core/storage/types.js";
import { deferredDomain } from "../shared/deferred.js";
import { tablePrefix } from "../shared/identifiers.js";
import { once } from "../shared/once.js";
import type { SqliteDriver } from "../sqlite/driver.js";
import { SqliteStorage } from "../sqlite/store.js";

export interface LibSQLStoreConfig {
  /** `file:path/to.db`, `:memory:`, `libsql://…` or `https://…`. Take remote URLs from the environment. */
  url: string;
  /** The remote database's token (e.g. `process.env.TURSO_AUTH_TOKEN`); never write it into source. */
  authToken?: string;
  /** Prefix of every table this store creates (default `mastra_`). */
  tablePrefix?: string;
  /** Mastra's store id; accepted for compatibility, not used. */
  id?: string;
}

/** True for URLs that name a local database rather than a server. */
export function isLocalLibSQLUrl(url: string): boolean {
  return url === ":memory:" || url.startsWith("file:");
}

function libsqlDriver(client: Client): SqliteDriver {
  return {
    async query(sql, args = []) {
      const result = await client.execute({ sql, args: args as InValue[] });
      return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
    },
    async batch(statements) {
      await client.batch(statements.map((s) => ({ sql: s.sql, args: s.args as InValue[] })), "write");
    },
    async close() {
      client.close();
    },
  };
}

/**
 * How a local file is opened. WAL with `synchronous = NORMAL` (SQLite's advice for WAL, and what
 * Mastra's own LibSQLStore sets): a commit appends to the WAL without waiting for the disk, where
 * the default rollback journal fsyncs the file and its journal on every one of a run's snapshot
 * writes (a workflow run went from ~20 to hundreds per second in bench/parts/storage.mjs).
 * Durability: a process that dies (SIGKILL, OOM, a crash) loses nothing it committed, since the
 * WAL is already in the OS's page cache; a power cut or kernel panic may lose the commits since
 * the last checkpoint, never the database's consistency. `busy_timeout` makes a second process on
 * the same file (another server, `mastra start` beside `mastra dev`) wait for the write lock
 * instead of failing with SQLITE_BUSY. The client keeps one connection (`concurrency: 1`): its
 * calls run synchronously on the event loop, so more connections add no parallelism, and these
 * per-connection settings then hold for every query.
 */
const LOCAL_FILE_PRAGMAS = ["PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"];

function isSchemeUnsupported(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "URL_SCHEME_NOT_SUPPORTED";
}

export class LibSQLStore implements MastraStorage {
  readonly name = "libsql";
  /** A remote libSQL server is shared; a local file or `:memory:` belongs to one host. */
  readonly shared: boolean;
  readonly workflows: WorkflowsStorage;
  readonly memory: MemoryStorage;
  private readonly backend: () => Promise<MastraStorage>;
  private current: MastraStorage | undefined;

  constructor(config: LibSQLStoreConfig) {
    if (!config || typeof config.url !== "string" || config.url === "") {
      throw new TypeError('LibSQLStore: `url` must be a database URL, e.g. "file:./mastra.db", ":memory:" or process.env.LIBSQL_URL');
    }
    if (config.authToken !== undefined && typeof config.authToken !== "string") throw new TypeError("LibSQLStore: `authToken` must be a string");
    const prefix = tablePrefix(config.tablePrefix);
    this.shared = !isLocalLibSQLUrl(config.url);
    // Nothing is opened here: `mastra build` evaluates the app, and a file must not appear then.
    this.backend = once(async () => {
      let client: Client;
      try {
        // Loaded on first use, not at start: on Node the client dlopens libSQL's native binary, which
        // costs more than the rest of a server's start, and every node output has this store (the default).
        const { createClient } = await import("@libsql/client");
        client = createClient({ url: config.url, authToken: config.authToken, ...(config.url.startsWith("file:") ? { concurrency: 1 } : {}) });
      } catch (error) {
        if (isSchemeUnsupported(error) && isLocalLibSQLUrl(config.url)) return (this.current = new InMemoryStore());
        throw error;
      }
      if (config.url.startsWith("file:")) for (const pragma of LOCAL_FILE_PRAGMAS) await client.execute(pragma);
      const store = new SqliteStorage({ name: this.name, prefix, open: async () => libsqlDriver(client) });
      await store.init();
      return (this.current = store);
    });
    this.workflows = deferredDomain(async () => (await this.backend()).workflows);
    this.memory = deferredDomain(async () => (await this.backend()).memory);
  }

  async init(): Promise<void> {
    await this.backend();
  }

  async close(): Promise<void> {
    const store = this.current;
    this.current = undefined;
    await store?.close();
  }
}
