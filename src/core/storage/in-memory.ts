/**
 * The in-memory store: for tests, for `:memory:` use, and what a workflow uses before a Mastra
 * instance hands it a real store. It keeps the same rules as the database stores (copies in and
 * out, newest-first runs, upserts keeping createdAt) so code tested against it behaves the same
 * on a database. Runs are bounded per workflow, so a long-lived server does not grow forever.
 */
import { NotFoundError } from "../errors.js";
import { DEFAULT_THREADS_PER_PAGE, checkLast, updatedThread, pageWindow, runsWindow, threadOrder, toPage } from "./paging.js";
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
} from "./types.js";

const copy = <T>(value: T): T => structuredClone(value);

/** Newest first by createdAt, then by runId (descending), the order every store lists runs in. */
function newestFirst(a: WorkflowRun, b: WorkflowRun): number {
  const byDate = b.createdAt.getTime() - a.createdAt.getTime();
  if (byDate !== 0) return byDate;
  return a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0;
}

export class InMemoryWorkflowsStorage implements WorkflowsStorage {
  // workflowName → runId → run
  private readonly runs = new Map<string, Map<string, WorkflowRun>>();

  constructor(private readonly maxRunsPerWorkflow: number) {}

  async persistRun(run: WorkflowRun): Promise<void> {
    let byId = this.runs.get(run.workflowName);
    if (!byId) this.runs.set(run.workflowName, (byId = new Map()));
    const existing = byId.get(run.runId);
    byId.set(run.runId, { ...copy(run), createdAt: existing ? existing.createdAt : new Date(run.createdAt) });
    if (byId.size > this.maxRunsPerWorkflow) {
      const oldest = [...byId.values()].sort(newestFirst).at(-1)!;
      byId.delete(oldest.runId);
    }
  }

  async persistRunIf(run: WorkflowRun, expected: RunVersion | null): Promise<boolean> {
    const existing = this.runs.get(run.workflowName)?.get(run.runId);
    const matches = expected === null ? !existing : existing?.status === expected.status && existing.updatedAt.getTime() === expected.updatedAt.getTime();
    if (!matches) return false;
    await this.persistRun(run);
    return true;
  }

  async getRun(workflowName: string, runId: string): Promise<WorkflowRun | null> {
    const run = this.runs.get(workflowName)?.get(runId);
    return run ? copy(run) : null;
  }

  async listRuns(filter: ListWorkflowRunsFilter = {}): Promise<{ runs: WorkflowRun[]; total: number }> {
    const { limit, offset } = runsWindow(filter);
    const from = filter.fromDate?.getTime();
    const to = filter.toDate?.getTime();
    const pools = filter.workflowName === undefined ? [...this.runs.values()] : [this.runs.get(filter.workflowName) ?? new Map()];
    const matches = pools
      .flatMap((byId) => [...byId.values()])
      .filter(
        (run) =>
          (filter.status === undefined || run.status === filter.status) &&
          (filter.resourceId === undefined || run.resourceId === filter.resourceId) &&
          (from === undefined || run.createdAt.getTime() >= from) &&
          (to === undefined || run.createdAt.getTime() <= to),
      )
      .sort(newestFirst);
    const window = matches.slice(offset, limit === undefined ? undefined : offset + limit);
    return { runs: window.map(copy), total: matches.length };
  }

  async deleteRun(workflowName: string, runId: string): Promise<void> {
    this.runs.get(workflowName)?.delete(runId);
  }
}

export class InMemoryMemoryStorage implements MemoryStorage {
  private readonly threads = new Map<string, StorageThread>();
  // Map order is insertion order: the tie-break for messages saved in the same millisecond.
  private readonly messages = new Map<string, StorageMessage>();
  private readonly resources = new Map<string, StorageResource>();

  async saveThread(thread: StorageThread): Promise<StorageThread> {
    this.threads.set(thread.id, copy(thread));
    return copy(thread);
  }

  async getThread(threadId: string): Promise<StorageThread | null> {
    const thread = this.threads.get(threadId);
    return thread ? copy(thread) : null;
  }

  async updateThread(threadId: string, update: { title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread> {
    const thread = this.threads.get(threadId);
    if (!thread) throw new NotFoundError(`Thread "${threadId}" not found`);
    const next = updatedThread(thread, update);
    this.threads.set(threadId, next);
    return copy(next);
  }

  async listThreads(options: ListThreadsOptions): Promise<Page<StorageThread>> {
    const window = pageWindow(options, DEFAULT_THREADS_PER_PAGE);
    const { column, descending } = threadOrder(options);
    const matches = [...this.threads.values()]
      .filter((t) => t.resourceId === options.resourceId)
      .sort((a, b) => {
        const byDate = a[column].getTime() - b[column].getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        return descending ? -byDate : byDate;
      });
    return toPage(matches.slice(window.offset, window.offset + window.perPage).map(copy), matches.length, window);
  }

  async deleteThread(threadId: string): Promise<void> {
    this.threads.delete(threadId);
    for (const [id, message] of this.messages) if (message.threadId === threadId) this.messages.delete(id);
  }

  async saveMessages(messages: StorageMessage[]): Promise<StorageMessage[]> {
    const now = new Date();
    for (const message of messages) {
      // Replacing keeps the message's place in insertion order, as a database row keeps its key.
      this.messages.set(message.id, copy(message));
      const thread = this.threads.get(message.threadId);
      if (thread && thread.updatedAt.getTime() < now.getTime()) thread.updatedAt = new Date(now);
    }
    return messages.map(copy);
  }

  async listMessages(options: { threadId: string; last?: number }): Promise<StorageMessage[]> {
    checkLast(options.last);
    const all = this.threadMessages(options.threadId);
    const from = options.last === undefined ? 0 : Math.max(0, all.length - options.last);
    return all.slice(from).map(copy);
  }

  async listMessagesPage(options: { threadId: string; page: number; perPage: number }): Promise<Page<StorageMessage>> {
    const window = pageWindow(options, options.perPage);
    const all = this.threadMessages(options.threadId);
    return toPage(all.slice(window.offset, window.offset + window.perPage).map(copy), all.length, window);
  }

  async deleteMessages(messageIds: string[]): Promise<void> {
    for (const id of messageIds) this.messages.delete(id);
  }

  async getResource(resourceId: string): Promise<StorageResource | null> {
    const resource = this.resources.get(resourceId);
    return resource ? copy(resource) : null;
  }

  async saveResource(resource: StorageResource): Promise<StorageResource> {
    const existing = this.resources.get(resource.id);
    const kept = { ...copy(resource), createdAt: existing ? existing.createdAt : new Date(resource.createdAt) };
    this.resources.set(resource.id, kept);
    return copy(kept);
  }

  /** Oldest first; a stable sort keeps insertion order among equal timestamps. */
  private threadMessages(threadId: string): StorageMessage[] {
    return [...this.messages.values()].filter((m) => m.threadId === threadId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}

export interface InMemoryStoreOptions {
  /** Oldest runs of a workflow are dropped beyond this many (default 1000). */
  maxRunsPerWorkflow?: number;
}

export class InMemoryStore implements MastraStorage {
  readonly name = "memory";
  readonly workflows: InMemoryWorkflowsStorage;
  readonly memory: InMemoryMemoryStorage;

  constructor(options: InMemoryStoreOptions = {}) {
    this.workflows = new InMemoryWorkflowsStorage(options.maxRunsPerWorkflow ?? 1000);
    this.memory = new InMemoryMemoryStorage();
  }

  async init(): Promise<void> {}

  async close(): Promise<void> {}
}
