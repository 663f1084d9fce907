/**
 * LibSQLStore (`@mastra/libsql`): SQLite through `@libsql/client`.
 *
 * On Node the client's native build opens `file:` paths and `:memory:`; the worker platform
 * bundles its fetch-only web build (no native code), which speaks to remote `libsql://` /
 * `https://` servers (Turso, sqld) only. There a local URL cannot be opened, so the store keeps
 * its data in memory instead, as the deploy warning says: fine for one isolate, not shared.
 */
import { createClient, type Client, type InValue } from "@libsql/client";
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
        client = createClient({ url: config.url, authToken: config.authToken });
      } catch (error) {
        if (isSchemeUnsupported(error) && isLocalLibSQLUrl(config.url)) return (this.current = new InMemoryStore());
        throw error;
      }
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
