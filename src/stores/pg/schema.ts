/**
 * The PostgreSQL schema, versioned in `<prefix>migrations`. Keys are indexed by md5(text), not the
 * text itself: a btree entry holds at most ~2.7 kB, and the contract stores ids of any length.
 * Lookups compare the text too, so md5 only narrows the search.
 */
import type { Migration } from "../shared/migration.js";

export interface PgTables {
  schema: string;
  migrations: string;
  runs: string;
  threads: string;
  messages: string;
  resources: string;
}

/** `schema` and `prefix` are checked identifiers; names come out quoted and schema-qualified. */
export function pgTables(schema: string, prefix: string): PgTables {
  const q = (table: string) => `"${schema}"."${prefix}${table}"`;
  return { schema: `"${schema}"`, migrations: q("migrations"), runs: q("workflow_runs"), threads: q("threads"), messages: q("messages"), resources: q("resources") };
}

export function pgMigrations(t: PgTables, prefix: string): Migration[] {
  const ix = (name: string) => `"${prefix}${name}"`;
  return [
    {
      version: 1,
      statements: [
        `CREATE TABLE IF NOT EXISTS ${t.runs} (
          workflow_name text NOT NULL,
          run_id text NOT NULL,
          resource_id text,
          status text NOT NULL,
          snapshot text NOT NULL,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${ix("workflow_runs_key")} ON ${t.runs} (md5(workflow_name), md5(run_id))`,
        `CREATE INDEX IF NOT EXISTS ${ix("workflow_runs_created")} ON ${t.runs} (created_at DESC)`,
        `CREATE INDEX IF NOT EXISTS ${ix("workflow_runs_resource")} ON ${t.runs} (md5(resource_id))`,
        `CREATE TABLE IF NOT EXISTS ${t.threads} (
          id text NOT NULL,
          resource_id text NOT NULL,
          title text,
          metadata text,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${ix("threads_key")} ON ${t.threads} (md5(id))`,
        `CREATE INDEX IF NOT EXISTS ${ix("threads_resource")} ON ${t.threads} (md5(resource_id))`,
        // seq: the order messages were first saved, the tie-break between equal timestamps.
        `CREATE TABLE IF NOT EXISTS ${t.messages} (
          seq bigserial PRIMARY KEY,
          id text NOT NULL,
          thread_id text NOT NULL,
          resource_id text,
          role text NOT NULL,
          content text NOT NULL,
          type text,
          created_at timestamptz NOT NULL
        )`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${ix("messages_key")} ON ${t.messages} (md5(id))`,
        `CREATE INDEX IF NOT EXISTS ${ix("messages_thread")} ON ${t.messages} (md5(thread_id), created_at, seq)`,
        `CREATE TABLE IF NOT EXISTS ${t.resources} (
          id text NOT NULL,
          working_memory text,
          metadata text,
          created_at timestamptz NOT NULL,
          updated_at timestamptz NOT NULL
        )`,
        `CREATE UNIQUE INDEX IF NOT EXISTS ${ix("resources_key")} ON ${t.resources} (md5(id))`,
      ],
    },
  ];
}
