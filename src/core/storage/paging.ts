/**
 * Paging and ordering rules every store applies the same way, so the contract suite can hold
 * each database to one behaviour.
 */
import type { ListThreadsOptions, Page, StorageThread } from "./types.js";

/** Threads per page when the caller does not say. */
export const DEFAULT_THREADS_PER_PAGE = 100;

function checkCount(value: number | undefined, what: string, min: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min)) {
    throw new RangeError(`${what} must be an integer of at least ${min} (got ${String(value)})`);
  }
}

/** `limit`/`offset` of listRuns: a missing limit means every match. */
export function runsWindow(filter: { limit?: number; offset?: number }): { limit: number | undefined; offset: number } {
  checkCount(filter.limit, "limit", 0);
  checkCount(filter.offset, "offset", 0);
  return { limit: filter.limit, offset: filter.offset ?? 0 };
}

export interface PageWindow {
  page: number;
  perPage: number;
  offset: number;
}

export function pageWindow(options: { page?: number; perPage?: number }, defaultPerPage: number): PageWindow {
  checkCount(options.page, "page", 0);
  checkCount(options.perPage, "perPage", 1);
  const page = options.page ?? 0;
  const perPage = options.perPage ?? defaultPerPage;
  return { page, perPage, offset: page * perPage };
}

export function toPage<T>(items: T[], total: number, window: PageWindow): Page<T> {
  return { items, total, page: window.page, perPage: window.perPage, hasMore: window.offset + items.length < total };
}

/** The column threads are sorted by, and which way (newest first unless asked otherwise). */
export function threadOrder(options: ListThreadsOptions): { column: "createdAt" | "updatedAt"; descending: boolean } {
  const column = options.orderBy ?? "createdAt";
  if (column !== "createdAt" && column !== "updatedAt") throw new RangeError(`orderBy must be "createdAt" or "updatedAt" (got ${String(column)})`);
  const direction = options.sortDirection ?? "DESC";
  if (direction !== "ASC" && direction !== "DESC") throw new RangeError(`sortDirection must be "ASC" or "DESC" (got ${String(direction)})`);
  return { column, descending: direction === "DESC" };
}

/** `last` of listMessages: undefined means every message. */
export function checkLast(last: number | undefined): void {
  checkCount(last, "last", 0);
}

/** What `updateThread` writes: title and metadata replaced when given, updatedAt moved strictly forward. */
export function updatedThread(current: StorageThread, update: { title?: string; metadata?: Record<string, unknown> }): StorageThread {
  return {
    ...current,
    ...(update.title !== undefined ? { title: update.title } : {}),
    ...(update.metadata !== undefined ? { metadata: structuredClone(update.metadata) } : {}),
    updatedAt: new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1)),
  };
}
