/** What the SQLite-dialect store needs from a driver (libSQL's client, a D1 binding). */
export type SqlValue = string | number | null;

export interface SqlStatement {
  sql: string;
  args: SqlValue[];
}

export interface SqliteDriver {
  /** Rows as objects keyed by column name. */
  query(sql: string, args?: SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Runs the statements in order, all or none. */
  batch(statements: SqlStatement[]): Promise<void>;
  close(): Promise<void>;
}
