/**
 * Rows of the SQL stores (SQLite dialect and PostgreSQL share column names) to and from the
 * contract's objects. JSON values are kept as JSON text, so NUL and any other character inside
 * a snapshot or a message survives every database the same way.
 */
import { decodeText } from "./text.js";
import type { StorageMessage, StorageResource, StorageThread, WorkflowRun, WorkflowRunStatus } from "../../core/storage/types.js";

export type Row = Record<string, unknown>;

/** A column as the driver returns it (Date, epoch milliseconds as number or string) → Date. */
export function dateOf(value: unknown): Date {
  if (value instanceof Date) return new Date(value.getTime());
  return new Date(Number(value));
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parsed = (text: unknown): unknown => JSON.parse(String(text));
const optionalJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** Optional fields are left out, not set to undefined, so a row reads back equal to what was written. */
function withOptional<T extends object>(base: T, extras: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(extras)) if (value !== null && value !== undefined) (base as Record<string, unknown>)[key] = value;
  return base;
}

const isNull = (value: unknown) => value === null || value === undefined;
const id = decodeText;

export function runFromRow(row: Row): WorkflowRun {
  return withOptional(
    {
      workflowName: id(row.workflow_name),
      runId: id(row.run_id),
      status: String(row.status) as WorkflowRunStatus,
      snapshot: parsed(row.snapshot) as WorkflowRun["snapshot"],
      createdAt: dateOf(row.created_at),
      updatedAt: dateOf(row.updated_at),
    },
    { resourceId: row.resource_id === null || row.resource_id === undefined ? null : id(row.resource_id) },
  );
}

export function threadFromRow(row: Row): StorageThread {
  return withOptional(
    { id: id(row.id), resourceId: id(row.resource_id), createdAt: dateOf(row.created_at), updatedAt: dateOf(row.updated_at) },
    { title: isNull(row.title) ? null : id(row.title), metadata: row.metadata === null || row.metadata === undefined ? null : parsed(row.metadata) },
  );
}

export function messageFromRow(row: Row): StorageMessage {
  return withOptional(
    { id: id(row.id), threadId: id(row.thread_id), role: String(row.role) as StorageMessage["role"], content: parsed(row.content), createdAt: dateOf(row.created_at) },
    { resourceId: row.resource_id === null || row.resource_id === undefined ? null : id(row.resource_id), type: isNull(row.type) ? null : id(row.type) },
  );
}

export function resourceFromRow(row: Row): StorageResource {
  return withOptional(
    { id: id(row.id), createdAt: dateOf(row.created_at), updatedAt: dateOf(row.updated_at) },
    { workingMemory: isNull(row.working_memory) ? null : id(row.working_memory), metadata: row.metadata === null || row.metadata === undefined ? null : parsed(row.metadata) },
  );
}

/** JSON text of a column value (snapshot, content, metadata). */
export { json as jsonText, optionalJson };
