/**
 * The storage contract: what a store must keep so workflow runs and agent memory outlive an
 * instance. Shaped after Mastra's own storage (threads, messages, resources, workflow snapshots),
 * but split by domain: a store exposes `storage.workflows` and `storage.memory`, each a small
 * interface that one contract suite (test/stores/contract.ts) checks on every database.
 *
 * Rules every implementation keeps:
 *  - Dates cross this boundary as `Date`; how a store keeps them is its own business.
 *  - Values handed in are never kept by reference and values handed out are fresh copies, so a
 *    caller mutating a result never changes what is stored (the in-memory store clones).
 *  - Ids are data: any string (quotes, NUL, 20 kB) is stored or looked up verbatim, never spliced into SQL.
 *  - Tables (or their equivalent) are created on first use; `init()` may be called to do it early.
 */

export type WorkflowRunStatus = "created" | "running" | "suspended" | "success" | "failed" | "canceled";

/** One step's outcome inside a run's snapshot. */
export interface StepRecord {
  status: "running" | "success" | "failed" | "suspended" | "skipped";
  /** The input the step received. */
  payload?: unknown;
  output?: unknown;
  error?: string;
  /** What the step handed to `suspend(payload)`. */
  suspendPayload?: unknown;
  /** What `resume({ resumeData })` handed back. */
  resumeData?: unknown;
  startedAt?: number;
  endedAt?: number;
}

/**
 * The state of a run, written when the run is created, after every step and at the end.
 * The workflow engine owns the meaning of the fields; stores keep the object as JSON.
 */
export interface WorkflowRunSnapshot {
  status: WorkflowRunStatus;
  input?: unknown;
  steps: Record<string, StepRecord>;
  result?: unknown;
  error?: string;
  /** Engine-private state needed to resume (e.g. the path of suspended steps). JSON only. */
  [key: string]: unknown;
}

export interface WorkflowRun {
  workflowName: string;
  runId: string;
  resourceId?: string;
  /** Mirrors `snapshot.status`, kept apart so stores can filter on it. */
  status: WorkflowRunStatus;
  snapshot: WorkflowRunSnapshot;
  createdAt: Date;
  updatedAt: Date;
}

/** What a compare-and-set expects to find: the status and updatedAt the writer last read. */
export interface RunVersion {
  status: WorkflowRunStatus;
  updatedAt: Date;
}

export interface ListWorkflowRunsFilter {
  workflowName?: string;
  status?: WorkflowRunStatus;
  resourceId?: string;
  /** Inclusive bounds on `createdAt`. */
  fromDate?: Date;
  toDate?: Date;
  limit?: number;
  offset?: number;
}

export interface WorkflowsStorage {
  /** Insert or replace the run (keyed by workflowName + runId); `createdAt` of an existing run is kept. */
  persistRun(run: WorkflowRun): Promise<void>;
  /**
   * Compare-and-set: writes `run` only if the stored run still has `expected`'s status and
   * updatedAt (with `expected` null: only if no run with this key is stored). True when written.
   * Instances sharing a store start, resume and cancel a run through this, so exactly one wins.
   */
  persistRunIf(run: WorkflowRun, expected: RunVersion | null): Promise<boolean>;
  getRun(workflowName: string, runId: string): Promise<WorkflowRun | null>;
  /** Newest first (by createdAt, then runId); `total` counts every match before limit/offset. */
  listRuns(filter?: ListWorkflowRunsFilter): Promise<{ runs: WorkflowRun[]; total: number }>;
  deleteRun(workflowName: string, runId: string): Promise<void>;
}

export interface StorageThread {
  id: string;
  resourceId: string;
  title?: string;
  metadata?: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export type MessageRole = "user" | "assistant" | "system" | "tool";

export interface StorageMessage {
  id: string;
  threadId: string;
  resourceId?: string;
  role: MessageRole;
  /** A string, or an array of parts (text, tool-call, tool-result, …) as the AI SDK writes them. JSON only. */
  content: unknown;
  /** Mastra's message format tag (e.g. "v2"); free text for stores. */
  type?: string;
  createdAt: Date;
}

export interface StorageResource {
  id: string;
  workingMemory?: string;
  metadata?: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Zero-based page number. */
  page: number;
  perPage: number;
  hasMore: boolean;
}

export interface ListThreadsOptions {
  resourceId: string;
  page?: number;
  perPage?: number;
  orderBy?: "createdAt" | "updatedAt";
  sortDirection?: "ASC" | "DESC";
}

export interface MemoryStorage {
  /** Insert or replace a thread. */
  saveThread(thread: StorageThread): Promise<StorageThread>;
  getThread(threadId: string): Promise<StorageThread | null>;
  /** Throws `NotFoundError` when the thread does not exist. Metadata is replaced, not merged. */
  updateThread(threadId: string, update: { title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread>;
  listThreads(options: ListThreadsOptions): Promise<Page<StorageThread>>;
  /** Deletes the thread and all of its messages. */
  deleteThread(threadId: string): Promise<void>;

  /** Insert or replace by id; moves each touched thread's `updatedAt` forward. */
  saveMessages(messages: StorageMessage[]): Promise<StorageMessage[]>;
  /** The newest `last` messages (all when omitted), returned oldest first: what goes before a new prompt. */
  listMessages(options: { threadId: string; last?: number }): Promise<StorageMessage[]>;
  /** A page of the thread, oldest first. */
  listMessagesPage(options: { threadId: string; page: number; perPage: number }): Promise<Page<StorageMessage>>;
  deleteMessages(messageIds: string[]): Promise<void>;

  getResource(resourceId: string): Promise<StorageResource | null>;
  /** Insert or replace; `createdAt` of an existing resource is kept. */
  saveResource(resource: StorageResource): Promise<StorageResource>;
}

export interface MastraStorage {
  /** A short name for logs and errors ("libsql", "pg", "d1", "memory"). */
  readonly name: string;
  /**
   * True when every instance of the app sees the same data (a database server, a remote libSQL,
   * D1); false or absent when the data lives with one instance (memory, a local SQLite file).
   * Deploy warns when an app bound for serverless targets keeps its state in a store that is not.
   */
  readonly shared?: boolean;
  readonly workflows: WorkflowsStorage;
  readonly memory: MemoryStorage;
  /** Creates or migrates tables; idempotent and safe to call from many instances at once. */
  init(): Promise<void>;
  /** Releases connections; the store is unusable afterwards. */
  close(): Promise<void>;
}
