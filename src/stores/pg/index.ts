/**
 * PostgresStore (`@mastra/pg`): PostgreSQL through `pg`, with a bounded pool. Tables are created on
 * first use inside `pg_advisory_lock`, so instances starting at once on one database migrate one
 * after the other instead of racing. Take the connection string from the environment
 * (`process.env.DATABASE_URL`), never from source.
 */
import pg from "pg";
import { NotFoundError } from "../../core/errors.js";
import { DEFAULT_THREADS_PER_PAGE, checkLast, updatedThread, pageWindow, runsWindow, threadOrder, toPage } from "../../core/storage/paging.js";
import type {
  ListThreadsOptions,
  ListWorkflowRunsFilter,
  MastraStorage,
  MemoryStorage,
  Page,
  RunVersion,
  StorageMessage,
  StorageResource,
  StorageThread,
  WorkflowRun,
  WorkflowsStorage,
} from "../../core/storage/types.js";
import { checkIdentifier, tablePrefix } from "../shared/identifiers.js";
import { once } from "../shared/once.js";
import { jsonText, messageFromRow, optionalJson, resourceFromRow, runFromRow, threadFromRow, type Row } from "../shared/rows.js";
import { encodeOptional, encodeText as t } from "../shared/text.js";
import { pgMigrations, pgTables, type PgTables } from "./schema.js";

type Connection =
  | { connectionString: string }
  | { host: string; port?: number; database: string; user: string; password?: string; ssl?: boolean | Record<string, unknown> };

export type PostgresStoreConfig = Connection & {
  /** PostgreSQL schema for the tables (default `public`); created when missing. */
  schemaName?: string;
  /** Prefix of every table this store creates (default `mastra_`). */
  tablePrefix?: string;
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Mastra's store id; accepted for compatibility, not used. */
  id?: string;
};

type Value = string | number | Date | null;
type Query = (sql: string, args?: Value[]) => Promise<Row[]>;

function poolConfig(config: PostgresStoreConfig): pg.PoolConfig {
  const common = { max: config.max ?? 10, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 15_000 };
  if ("connectionString" in config) {
    if (typeof config.connectionString !== "string" || config.connectionString === "") {
      throw new TypeError("PostgresStore: `connectionString` must be a postgres:// URL, e.g. process.env.DATABASE_URL");
    }
    return { ...common, connectionString: config.connectionString };
  }
  for (const key of ["host", "database", "user"] as const) {
    if (typeof (config as Record<string, unknown>)[key] !== "string") {
      throw new TypeError(`PostgresStore: pass { connectionString } or { host, port, database, user, password, ssl }; \`${key}\` is missing`);
    }
  }
  const { host, port, database, user, password, ssl } = config;
  return { ...common, host, port, database, user, password, ssl: ssl as pg.PoolConfig["ssl"] };
}

class PgWorkflows implements WorkflowsStorage {
  constructor(private readonly q: () => Promise<Query>, private readonly tb: PgTables) {}

  async persistRun(run: WorkflowRun): Promise<void> {
    await (await this.q())(
      `INSERT INTO ${this.tb.runs} (workflow_name, run_id, resource_id, status, snapshot, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ((md5(workflow_name)), (md5(run_id))) DO UPDATE SET
         resource_id = excluded.resource_id, status = excluded.status, snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
      [t(run.workflowName), t(run.runId), encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), run.createdAt, run.updatedAt],
    );
  }

  async persistRunIf(run: WorkflowRun, expected: RunVersion | null): Promise<boolean> {
    // One statement each: under READ COMMITTED a concurrent UPDATE waits for the row lock and then
    // re-checks its WHERE on the new row, so of two writers expecting the same version one wins.
    const rows =
      expected === null
        ? await (await this.q())(
            `INSERT INTO ${this.tb.runs} (workflow_name, run_id, resource_id, status, snapshot, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ((md5(workflow_name)), (md5(run_id))) DO NOTHING RETURNING run_id`,
            [t(run.workflowName), t(run.runId), encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), run.createdAt, run.updatedAt],
          )
        : await (await this.q())(
            `UPDATE ${this.tb.runs} SET resource_id = $3, status = $4, snapshot = $5, updated_at = $6
             WHERE md5(workflow_name) = md5($1) AND md5(run_id) = md5($2) AND workflow_name = $1 AND run_id = $2 AND status = $7 AND updated_at = $8
             RETURNING run_id`,
            [t(run.workflowName), t(run.runId), encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), run.updatedAt, expected.status, expected.updatedAt],
          );
    return rows.length > 0;
  }

  async getRun(workflowName: string, runId: string): Promise<WorkflowRun | null> {
    const [row] = await (await this.q())(
      `SELECT * FROM ${this.tb.runs} WHERE md5(workflow_name) = md5($1) AND md5(run_id) = md5($2) AND workflow_name = $1 AND run_id = $2`,
      [t(workflowName), t(runId)],
    );
    return row ? runFromRow(row) : null;
  }

  async listRuns(filter: ListWorkflowRunsFilter = {}): Promise<{ runs: WorkflowRun[]; total: number }> {
    const { limit, offset } = runsWindow(filter);
    const where: string[] = [];
    const args: Value[] = [];
    const add = (clause: (n: string) => string, value: Value) => {
      args.push(value);
      where.push(clause(`$${args.length}`));
    };
    if (filter.workflowName !== undefined) add((n) => `md5(workflow_name) = md5(${n}) AND workflow_name = ${n}`, t(filter.workflowName));
    if (filter.status !== undefined) add((n) => `status = ${n}`, filter.status);
    if (filter.resourceId !== undefined) add((n) => `md5(resource_id) = md5(${n}) AND resource_id = ${n}`, t(filter.resourceId));
    if (filter.fromDate !== undefined) add((n) => `created_at >= ${n}`, filter.fromDate);
    if (filter.toDate !== undefined) add((n) => `created_at <= ${n}`, filter.toDate);
    const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const q = await this.q();
    const [count] = await q(`SELECT COUNT(*) AS total FROM ${this.tb.runs} ${whereSql}`, args);
    const rows = await q(
      `SELECT * FROM ${this.tb.runs} ${whereSql} ORDER BY created_at DESC, run_id COLLATE "C" DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
      [...args, limit ?? null, offset],
    );
    return { runs: rows.map(runFromRow), total: Number(count?.total ?? 0) };
  }

  async deleteRun(workflowName: string, runId: string): Promise<void> {
    await (await this.q())(
      `DELETE FROM ${this.tb.runs} WHERE md5(workflow_name) = md5($1) AND md5(run_id) = md5($2) AND workflow_name = $1 AND run_id = $2`,
      [t(workflowName), t(runId)],
    );
  }
}

class PgMemory implements MemoryStorage {
  constructor(
    private readonly q: () => Promise<Query>,
    private readonly tx: (work: (q: Query) => Promise<void>) => Promise<void>,
    private readonly tb: PgTables,
  ) {}

  async saveThread(thread: StorageThread): Promise<StorageThread> {
    await (await this.q())(
      `INSERT INTO ${this.tb.threads} (id, resource_id, title, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((md5(id))) DO UPDATE SET resource_id = excluded.resource_id, title = excluded.title, metadata = excluded.metadata,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      [t(thread.id), t(thread.resourceId), encodeOptional(thread.title), optionalJson(thread.metadata), thread.createdAt, thread.updatedAt],
    );
    return structuredClone(thread);
  }

  async getThread(threadId: string): Promise<StorageThread | null> {
    const [row] = await (await this.q())(`SELECT * FROM ${this.tb.threads} WHERE md5(id) = md5($1) AND id = $1`, [t(threadId)]);
    return row ? threadFromRow(row) : null;
  }

  async updateThread(threadId: string, update: { title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread> {
    const current = await this.getThread(threadId);
    if (!current) throw new NotFoundError(`Thread "${threadId}" not found`);
    const next = updatedThread(current, update);
    await (await this.q())(`UPDATE ${this.tb.threads} SET title = $1, metadata = $2, updated_at = $3 WHERE md5(id) = md5($4) AND id = $4`, [
      encodeOptional(next.title),
      optionalJson(next.metadata),
      next.updatedAt,
      t(threadId),
    ]);
    return next;
  }

  async listThreads(options: ListThreadsOptions): Promise<Page<StorageThread>> {
    const window = pageWindow(options, DEFAULT_THREADS_PER_PAGE);
    const { column, descending } = threadOrder(options);
    const dir = descending ? "DESC" : "ASC";
    const order = `${column === "createdAt" ? "created_at" : "updated_at"} ${dir}, id COLLATE "C" ${dir}`;
    const q = await this.q();
    const where = `WHERE md5(resource_id) = md5($1) AND resource_id = $1`;
    const [count] = await q(`SELECT COUNT(*) AS total FROM ${this.tb.threads} ${where}`, [t(options.resourceId)]);
    const rows = await q(`SELECT * FROM ${this.tb.threads} ${where} ORDER BY ${order} LIMIT $2 OFFSET $3`, [t(options.resourceId), window.perPage, window.offset]);
    return toPage(rows.map(threadFromRow), Number(count?.total ?? 0), window);
  }

  async deleteThread(threadId: string): Promise<void> {
    await this.tx(async (q) => {
      await q(`DELETE FROM ${this.tb.messages} WHERE md5(thread_id) = md5($1) AND thread_id = $1`, [t(threadId)]);
      await q(`DELETE FROM ${this.tb.threads} WHERE md5(id) = md5($1) AND id = $1`, [t(threadId)]);
    });
  }

  async saveMessages(messages: StorageMessage[]): Promise<StorageMessage[]> {
    if (messages.length === 0) return [];
    const now = new Date();
    await this.tx(async (q) => {
      for (const m of messages) {
        await q(
          `INSERT INTO ${this.tb.messages} (id, thread_id, resource_id, role, content, type, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT ((md5(id))) DO UPDATE SET thread_id = excluded.thread_id, resource_id = excluded.resource_id, role = excluded.role,
             content = excluded.content, type = excluded.type, created_at = excluded.created_at`,
          [t(m.id), t(m.threadId), encodeOptional(m.resourceId), m.role, jsonText(m.content), encodeOptional(m.type), m.createdAt],
        );
      }
      for (const threadId of new Set(messages.map((m) => m.threadId))) {
        await q(`UPDATE ${this.tb.threads} SET updated_at = GREATEST(updated_at, $1) WHERE md5(id) = md5($2) AND id = $2`, [now, t(threadId)]);
      }
    });
    return structuredClone(messages);
  }

  async listMessages(options: { threadId: string; last?: number }): Promise<StorageMessage[]> {
    checkLast(options.last);
    const q = await this.q();
    const where = `WHERE md5(thread_id) = md5($1) AND thread_id = $1`;
    const rows =
      options.last === undefined
        ? await q(`SELECT * FROM ${this.tb.messages} ${where} ORDER BY created_at ASC, seq ASC`, [t(options.threadId)])
        : await q(
            `SELECT * FROM (SELECT * FROM ${this.tb.messages} ${where} ORDER BY created_at DESC, seq DESC LIMIT $2) AS newest ORDER BY created_at ASC, seq ASC`,
            [t(options.threadId), options.last],
          );
    return rows.map(messageFromRow);
  }

  async listMessagesPage(options: { threadId: string; page: number; perPage: number }): Promise<Page<StorageMessage>> {
    const window = pageWindow(options, options.perPage);
    const q = await this.q();
    const where = `WHERE md5(thread_id) = md5($1) AND thread_id = $1`;
    const [count] = await q(`SELECT COUNT(*) AS total FROM ${this.tb.messages} ${where}`, [t(options.threadId)]);
    const rows = await q(`SELECT * FROM ${this.tb.messages} ${where} ORDER BY created_at ASC, seq ASC LIMIT $2 OFFSET $3`, [
      t(options.threadId),
      window.perPage,
      window.offset,
    ]);
    return toPage(rows.map(messageFromRow), Number(count?.total ?? 0), window);
  }

  async deleteMessages(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await (await this.q())(`DELETE FROM ${this.tb.messages} WHERE md5(id) = ANY(SELECT md5(x) FROM unnest($1::text[]) AS x) AND id = ANY($1::text[])`, [
      messageIds.map(t) as unknown as string,
    ]);
  }

  async getResource(resourceId: string): Promise<StorageResource | null> {
    const [row] = await (await this.q())(`SELECT * FROM ${this.tb.resources} WHERE md5(id) = md5($1) AND id = $1`, [t(resourceId)]);
    return row ? resourceFromRow(row) : null;
  }

  async saveResource(resource: StorageResource): Promise<StorageResource> {
    const [row] = await (await this.q())(
      `INSERT INTO ${this.tb.resources} (id, working_memory, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((md5(id))) DO UPDATE SET working_memory = excluded.working_memory, metadata = excluded.metadata, updated_at = excluded.updated_at
       RETURNING *`,
      [t(resource.id), encodeOptional(resource.workingMemory), optionalJson(resource.metadata), resource.createdAt, resource.updatedAt],
    );
    return resourceFromRow(row!);
  }
}

export class PostgresStore implements MastraStorage {
  readonly name = "pg";
  /** A database server: every instance sees the same data. */
  readonly shared = true;
  readonly workflows: WorkflowsStorage;
  readonly memory: MemoryStorage;
  private pool: pg.Pool | undefined;
  private readonly ready: () => Promise<Query>;

  constructor(config: PostgresStoreConfig) {
    if (!config || typeof config !== "object") throw new TypeError("PostgresStore: pass { connectionString } or { host, port, database, user, password, ssl }");
    const options = poolConfig(config);
    const schema = config.schemaName === undefined ? "public" : checkIdentifier(config.schemaName, "schemaName");
    const prefix = tablePrefix(config.tablePrefix);
    const tables = pgTables(schema, prefix);
    // The pool is made on first use: `mastra build` evaluates the app and must not connect.
    this.ready = once(async () => {
      this.pool ??= new pg.Pool(options);
      // An idle client's network error is reported here instead of crashing the process.
      this.pool.on("error", (error) => console.error(`PostgresStore: ${error.message}`));
      await migratePg(this.pool, tables, schema, prefix);
      const pool = this.pool;
      return async (sql, args = []) => (await pool.query(sql, args)).rows as Row[];
    });
    const tx = async (work: (q: Query) => Promise<void>) => {
      await this.ready();
      const client = await this.pool!.connect();
      try {
        await client.query("BEGIN");
        await work(async (sql, args = []) => (await client.query(sql, args)).rows as Row[]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    };
    this.workflows = new PgWorkflows(this.ready, tables);
    this.memory = new PgMemory(this.ready, tx, tables);
  }

  async init(): Promise<void> {
    await this.ready();
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }
}

/** Creates the schema and applies missing migrations, one instance at a time. */
async function migratePg(pool: pg.Pool, t: PgTables, schema: string, prefix: string): Promise<void> {
  const client = await pool.connect();
  const lockKey = `mastra-deploy:${schema}.${prefix}`;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${t.schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query(`SELECT COALESCE(MAX(version), 0) AS version FROM ${t.migrations}`);
    const current = Number(rows[0]?.version ?? 0);
    for (const migration of pgMigrations(t, prefix)) {
      if (migration.version <= current) continue;
      await client.query("BEGIN");
      try {
        for (const sql of migration.statements) await client.query(sql);
        await client.query(`INSERT INTO ${t.migrations} (version) VALUES ($1)`, [migration.version]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]).catch(() => {});
    client.release();
  }
}
