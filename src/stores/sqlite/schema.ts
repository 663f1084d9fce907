/**
 * The SQLite-dialect schema (libSQL and D1), versioned: each migration runs once, recorded in
 * `<prefix>migrations`. Statements are idempotent (IF NOT EXISTS) and each migration is applied
 * in one transaction, so two instances starting at once on the same database both end up at the
 * same version: SQLite's write lock serialises them and the loser's statements change nothing.
 */
import type { SqlStatement } from "./driver.js";
import type { Migration } from "../shared/migration.js";

export interface SqliteTables {
  migrations: string;
  runs: string;
  threads: string;
  messages: string;
  resources: string;
}

export function sqliteTables(prefix: string): SqliteTables {
  return {
    migrations: `${prefix}migrations`,
    runs: `${prefix}workflow_runs`,
    threads: `${prefix}threads`,
    messages: `${prefix}messages`,
    resources: `${prefix}resources`,
  };
}

export function sqliteMigrations(t: SqliteTables): Migration[] {
  return [
    {
      version: 1,
      statements: [
        `CREATE TABLE IF NOT EXISTS ${t.runs} (
          workflow_name TEXT NOT NULL,
          run_id TEXT NOT NULL,
          resource_id TEXT,
          status TEXT NOT NULL,
          snapshot TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (workflow_name, run_id)
        )`,
        `CREATE INDEX IF NOT EXISTS ${t.runs}_created ON ${t.runs} (created_at DESC, run_id DESC)`,
        `CREATE INDEX IF NOT EXISTS ${t.runs}_resource ON ${t.runs} (resource_id)`,
        `CREATE TABLE IF NOT EXISTS ${t.threads} (
          id TEXT NOT NULL PRIMARY KEY,
          resource_id TEXT NOT NULL,
          title TEXT,
          metadata TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        )`,
        `CREATE INDEX IF NOT EXISTS ${t.threads}_resource ON ${t.threads} (resource_id)`,
        // seq: the order messages were first saved, the tie-break between equal timestamps.
        `CREATE TABLE IF NOT EXISTS ${t.messages} (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          thread_id TEXT NOT NULL,
          resource_id TEXT,
          role TEXT NOT NULL,
          content TEXT NOT NULL,
          type TEXT,
          created_at INTEGER NOT NULL
        )`,
        `CREATE INDEX IF NOT EXISTS ${t.messages}_thread ON ${t.messages} (thread_id, created_at, seq)`,
        `CREATE TABLE IF NOT EXISTS ${t.resources} (
          id TEXT NOT NULL PRIMARY KEY,
          working_memory TEXT,
          metadata TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        )`,
      ],
    },
  ];
}

export function migrationsTable(t: SqliteTables): string {
  return `CREATE TABLE IF NOT EXISTS ${t.migrations} (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)`;
}

/** The statements of one migration plus its record, to run as one transaction. */
export function migrationBatch(t: SqliteTables, migration: Migration): SqlStatement[] {
  return [
    ...migration.statements.map((sql) => ({ sql, args: [] })),
    { sql: `INSERT OR IGNORE INTO ${t.migrations} (version, applied_at) VALUES (?, ?)`, args: [migration.version, Date.now()] },
  ];
}
