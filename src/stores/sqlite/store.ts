/**
 * The storage contract in the SQLite dialect, shared by LibSQLStore and D1Store: they differ only
 * in how they reach the database (the `SqliteDriver`). Every value is a bound parameter; only the
 * checked table prefix is part of the SQL text.
 */
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
import { jsonText, messageFromRow, optionalJson, resourceFromRow, runFromRow, threadFromRow } from "../shared/rows.js";
import { once } from "../shared/once.js";
import { encodeOptional, encodeText as t } from "../shared/text.js";
import type { SqlStatement, SqlValue, SqliteDriver } from "./driver.js";
import { migrationBatch, migrationsTable, sqliteMigrations, sqliteTables, type SqliteTables } from "./schema.js";

type Connect = () => Promise<SqliteDriver>;

const ms = (date: Date): number => date.getTime();

class SqliteWorkflows implements WorkflowsStorage {
  constructor(private readonly db: Connect, private readonly tb: SqliteTables) {}

  async persistRun(run: WorkflowRun): Promise<void> {
    const db = await this.db();
    await db.query(
      `INSERT INTO ${this.tb.runs} (workflow_name, run_id, resource_id, status, snapshot, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workflow_name, run_id) DO UPDATE SET
         resource_id = excluded.resource_id, status = excluded.status, snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
      [t(run.workflowName), t(run.runId), encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), ms(run.createdAt), ms(run.updatedAt)],
    );
  }

  async persistRunIf(run: WorkflowRun, expected: RunVersion | null): Promise<boolean> {
    const db = await this.db();
    // One statement each, so SQLite's write lock makes the check and the write one step.
    const rows =
      expected === null
        ? await db.query(
            `INSERT INTO ${this.tb.runs} (workflow_name, run_id, resource_id, status, snapshot, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_name, run_id) DO NOTHING RETURNING run_id`,
            [t(run.workflowName), t(run.runId), encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), ms(run.createdAt), ms(run.updatedAt)],
          )
        : await db.query(
            `UPDATE ${this.tb.runs} SET resource_id = ?, status = ?, snapshot = ?, updated_at = ?
             WHERE workflow_name = ? AND run_id = ? AND status = ? AND updated_at = ? RETURNING run_id`,
            [encodeOptional(run.resourceId), run.status, jsonText(run.snapshot), ms(run.updatedAt), t(run.workflowName), t(run.runId), expected.status, ms(expected.updatedAt)],
          );
    return rows.length > 0;
  }

  async getRun(workflowName: string, runId: string): Promise<WorkflowRun | null> {
    const db = await this.db();
    const [row] = await db.query(`SELECT * FROM ${this.tb.runs} WHERE workflow_name = ? AND run_id = ?`, [t(workflowName), t(runId)]);
    return row ? runFromRow(row) : null;
  }

  async listRuns(filter: ListWorkflowRunsFilter = {}): Promise<{ runs: WorkflowRun[]; total: number }> {
    const { limit, offset } = runsWindow(filter);
    const where: string[] = [];
    const args: SqlValue[] = [];
    const add = (clause: string, value: SqlValue) => {
      where.push(clause);
      args.push(value);
    };
    if (filter.workflowName !== undefined) add("workflow_name = ?", t(filter.workflowName));
    if (filter.status !== undefined) add("status = ?", filter.status);
    if (filter.resourceId !== undefined) add("resource_id = ?", t(filter.resourceId));
    if (filter.fromDate !== undefined) add("created_at >= ?", ms(filter.fromDate));
    if (filter.toDate !== undefined) add("created_at <= ?", ms(filter.toDate));
    const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const db = await this.db();
    const [count] = await db.query(`SELECT COUNT(*) AS total FROM ${this.tb.runs} ${whereSql}`, args);
    const rows = await db.query(
      `SELECT * FROM ${this.tb.runs} ${whereSql} ORDER BY created_at DESC, run_id DESC LIMIT ? OFFSET ?`,
      [...args, limit ?? -1, offset],
    );
    return { runs: rows.map((row) => runFromRow(row)), total: Number(count?.total ?? 0) };
  }

  async deleteRun(workflowName: string, runId: string): Promise<void> {
    const db = await this.db();
    await db.query(`DELETE FROM ${this.tb.runs} WHERE workflow_name = ? AND run_id = ?`, [t(workflowName), t(runId)]);
  }
}

class SqliteMemory implements MemoryStorage {
  constructor(private readonly db: Connect, private readonly tb: SqliteTables) {}

  async saveThread(thread: StorageThread): Promise<StorageThread> {
    const db = await this.db();
    await db.query(
      `INSERT INTO ${this.tb.threads} (id, resource_id, title, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET resource_id = excluded.resource_id, title = excluded.title, metadata = excluded.metadata,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      [t(thread.id), t(thread.resourceId), encodeOptional(thread.title), optionalJson(thread.metadata), ms(thread.createdAt), ms(thread.updatedAt)],
    );
    return structuredClone(thread);
  }

  async getThread(threadId: string): Promise<StorageThread | null> {
    const db = await this.db();
    const [row] = await db.query(`SELECT * FROM ${this.tb.threads} WHERE id = ?`, [t(threadId)]);
    return row ? threadFromRow(row) : null;
  }

  async updateThread(threadId: string, update: { title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread> {
    const current = await this.getThread(threadId);
    if (!current) throw new NotFoundError(`Thread "${threadId}" not found`);
    const next = updatedThread(current, update);
    const db = await this.db();
    await db.query(`UPDATE ${this.tb.threads} SET title = ?, metadata = ?, updated_at = ? WHERE id = ?`, [
      encodeOptional(next.title),
      optionalJson(next.metadata),
      ms(next.updatedAt),
      t(threadId),
    ]);
    return next;
  }

  async listThreads(options: ListThreadsOptions): Promise<Page<StorageThread>> {
    const window = pageWindow(options, DEFAULT_THREADS_PER_PAGE);
    const { column, descending } = threadOrder(options);
    const order = `${column === "createdAt" ? "created_at" : "updated_at"} ${descending ? "DESC" : "ASC"}, id ${descending ? "DESC" : "ASC"}`;
    const db = await this.db();
    const [count] = await db.query(`SELECT COUNT(*) AS total FROM ${this.tb.threads} WHERE resource_id = ?`, [t(options.resourceId)]);
    const rows = await db.query(`SELECT * FROM ${this.tb.threads} WHERE resource_id = ? ORDER BY ${order} LIMIT ? OFFSET ?`, [
      t(options.resourceId),
      window.perPage,
      window.offset,
    ]);
    return toPage(rows.map((row) => threadFromRow(row)), Number(count?.total ?? 0), window);
  }

  async deleteThread(threadId: string): Promise<void> {
    const db = await this.db();
    await db.batch([
      { sql: `DELETE FROM ${this.tb.messages} WHERE thread_id = ?`, args: [t(threadId)] },
      { sql: `DELETE FROM ${this.tb.threads} WHERE id = ?`, args: [t(threadId)] },
    ]);
  }

  async saveMessages(messages: StorageMessage[]): Promise<StorageMessage[]> {
    if (messages.length === 0) return [];
    const now = Date.now();
    const statements: SqlStatement[] = messages.map((m) => ({
      sql: `INSERT INTO ${this.tb.messages} (id, thread_id, resource_id, role, content, type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, resource_id = excluded.resource_id, role = excluded.role,
              content = excluded.content, type = excluded.type, created_at = excluded.created_at`,
      args: [t(m.id), t(m.threadId), encodeOptional(m.resourceId), m.role, jsonText(m.content), encodeOptional(m.type), ms(m.createdAt)],
    }));
    for (const threadId of new Set(messages.map((m) => m.threadId))) {
      statements.push({ sql: `UPDATE ${this.tb.threads} SET updated_at = MAX(updated_at, ?) WHERE id = ?`, args: [now, t(threadId)] });
    }
    const db = await this.db();
    await db.batch(statements);
    return structuredClone(messages);
  }

  async listMessages(options: { threadId: string; last?: number }): Promise<StorageMessage[]> {
    checkLast(options.last);
    const db = await this.db();
    const rows =
      options.last === undefined
        ? await db.query(`SELECT * FROM ${this.tb.messages} WHERE thread_id = ? ORDER BY created_at ASC, seq ASC`, [t(options.threadId)])
        : await db.query(
            `SELECT * FROM (SELECT * FROM ${this.tb.messages} WHERE thread_id = ? ORDER BY created_at DESC, seq DESC LIMIT ?) ORDER BY created_at ASC, seq ASC`,
            [t(options.threadId), options.last],
          );
    return rows.map((row) => messageFromRow(row));
  }

  async listMessagesPage(options: { threadId: string; page: number; perPage: number }): Promise<Page<StorageMessage>> {
    const window = pageWindow(options, options.perPage);
    const db = await this.db();
    const [count] = await db.query(`SELECT COUNT(*) AS total FROM ${this.tb.messages} WHERE thread_id = ?`, [t(options.threadId)]);
    const rows = await db.query(`SELECT * FROM ${this.tb.messages} WHERE thread_id = ? ORDER BY created_at ASC, seq ASC LIMIT ? OFFSET ?`, [
      t(options.threadId),
      window.perPage,
      window.offset,
    ]);
    return toPage(rows.map((row) => messageFromRow(row)), Number(count?.total ?? 0), window);
  }

  async deleteMessages(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const db = await this.db();
    await db.batch(messageIds.map((id) => ({ sql: `DELETE FROM ${this.tb.messages} WHERE id = ?`, args: [t(id)] })));
  }

  async getResource(resourceId: string): Promise<StorageResource | null> {
    const db = await this.db();
    const [row] = await db.query(`SELECT * FROM ${this.tb.resources} WHERE id = ?`, [t(resourceId)]);
    return row ? resourceFromRow(row) : null;
  }

  async saveResource(resource: StorageResource): Promise<StorageResource> {
    const db = await this.db();
    const [row] = await db.query(
      `INSERT INTO ${this.tb.resources} (id, working_memory, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET working_memory = excluded.working_memory, metadata = excluded.metadata, updated_at = excluded.updated_at
       RETURNING *`,
      [t(resource.id), encodeOptional(resource.workingMemory), optionalJson(resource.metadata), ms(resource.createdAt), ms(resource.updatedAt)],
    );
    return resourceFromRow(row!);
  }
}

export interface SqliteStorageOptions {
  name: string;
  /** Checked by the caller (shared/identifiers.ts). */
  prefix: string;
  /** Opens the driver; called once, on first use (again only if it failed). */
  open: () => Promise<SqliteDriver>;
}

/** Brings the schema to the newest version; safe when several instances do it at once. */
export async function migrateSqlite(db: SqliteDriver, t: SqliteTables): Promise<void> {
  await db.query(migrationsTable(t));
  const [row] = await db.query(`SELECT MAX(version) AS version FROM ${t.migrations}`);
  const current = Number(row?.version ?? 0);
  for (const migration of sqliteMigrations(t)) {
    if (migration.version > current) await db.batch(migrationBatch(t, migration));
  }
}

export class SqliteStorage implements MastraStorage {
  readonly name: string;
  readonly workflows: WorkflowsStorage;
  readonly memory: MemoryStorage;
  private readonly ready: () => Promise<SqliteDriver>;
  private opened: SqliteDriver | undefined;

  constructor(options: SqliteStorageOptions) {
    this.name = options.name;
    const tables = sqliteTables(options.prefix);
    this.ready = once(async () => {
      const db = await options.open();
      try {
        await migrateSqlite(db, tables);
      } catch (error) {
        await db.close().catch(() => {});
        throw error;
      }
      this.opened = db;
      return db;
    });
    this.workflows = new SqliteWorkflows(this.ready, tables);
    this.memory = new SqliteMemory(this.ready, tables);
  }

  async init(): Promise<void> {
    await this.ready();
  }

  async close(): Promise<void> {
    const db = this.opened;
    this.opened = undefined;
    await db?.close();
  }
}
