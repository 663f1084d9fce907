import type { ModelMessage } from "ai";
import type { Mastra } from "./mastra.js";
import type { ListThreadsOptions, MastraStorage, Page, StorageMessage, StorageThread } from "./storage/types.js";
import type { Tool } from "./tool.js";

/**
 * What an agent and the server need from an agent's memory. `Memory` (src/memory, imported as
 * `@mastra/memory`) implements it; it is declared here so core and server depend on the shape,
 * never on the memory room itself.
 */
export interface MastraMemory {
  /** Told by `new Mastra(...)` (through each agent); memory without its own storage uses the instance's. */
  __registerMastra(mastra: Mastra): void;

  /** The store given to `new Memory({ storage })`; undefined when it uses the Mastra instance's. */
  readonly ownStorage?: MastraStorage;

  /** Before an agent call: resolve the thread and load what the model should see. */
  beginTurn(request: MemoryTurnRequest): Promise<MemoryTurn>;

  createThread(args: { resourceId: string; threadId?: string; title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread>;
  getThreadById(args: { threadId: string }): Promise<StorageThread | null>;
  getThreadsByResourceIdPaginated(args: ThreadPageRequest): Promise<ThreadPage>;
  /** Every thread of a resource (all pages). */
  getThreadsByResourceId(args: Omit<ThreadPageRequest, "page" | "perPage">): Promise<StorageThread[]>;
  /** Throws NotFoundError for an unknown thread. */
  updateThread(args: { id: string; title?: string; metadata?: Record<string, unknown>; resourceId?: string }): Promise<StorageThread>;
  deleteThread(threadId: string): Promise<void>;

  /** The thread's messages (the last `last`, or Mastra's `selectBy.last`, when given), oldest first, as stored and as UI messages. */
  query(args: { threadId: string; resourceId?: string; last?: number; selectBy?: { last?: number | false } }): Promise<{ messages: StorageMessage[]; uiMessages: UIMessageSummary[] }>;
  getMessagesPage(args: { threadId: string; page: number; perPage: number }): Promise<MessagePage>;
  saveMessages(args: { messages: StorageMessage[] }): Promise<StorageMessage[]>;
  deleteMessages(messageIds: string[]): Promise<void>;

  getWorkingMemory(args: { threadId: string; resourceId?: string }): Promise<string | null>;
  getWorkingMemoryTemplate(): { format: "markdown"; content: string } | null;
  updateWorkingMemory(args: { threadId: string; resourceId?: string; workingMemory: string }): Promise<void>;
  /** The effective options, JSON-safe (for `GET /api/memory/config` and the working-memory route). */
  getMergedThreadConfig(): MemoryConfigSummary;
}

export interface MemoryTurnRequest {
  threadId: string;
  /** Needed when the thread does not exist yet; checked against the thread's when it does. */
  resourceId?: string;
  /** Title and metadata for a thread created by this call. */
  thread?: { title?: string; metadata?: Record<string, unknown> };
  /** The new messages of this turn (what the caller passed). */
  input: ModelMessage[];
  /** The agent's model, for generated titles. */
  model: unknown;
  lastMessages?: number | false;
  abortSignal?: AbortSignal;
}

export interface MemoryTurn {
  threadId: string;
  resourceId: string;
  /** Earlier messages of the thread to put before the new ones. */
  history: ModelMessage[];
  /** Appended to the agent's instructions (working memory). */
  system?: string;
  /** Tools memory gives the agent for this call (updateWorkingMemory). */
  tools: Record<string, Tool<any, any, any>>;
  /** Save the whole turn (input and every response message) at once; called only when the call succeeded. */
  save(response: ModelMessage[]): Promise<void>;
}

/** A resource's threads, as the store lists them. */
export type ThreadPageRequest = ListThreadsOptions;

/** The store's page of threads under the name the client reads (`threads`, not `items`). */
export interface ThreadPage extends Omit<Page<StorageThread>, "items"> {
  threads: StorageThread[];
}

/** The store's page of messages under the name the client reads (`messages`). */
export interface MessagePage extends Omit<Page<StorageMessage>, "items"> {
  messages: StorageMessage[];
}

/** The AI SDK v4 UI message shape `@mastra/client-js` 0.17 reads (`uiMessages`). */
export interface UIMessageSummary {
  id: string;
  role: "user" | "assistant" | "system";
  content: string;
  createdAt: Date;
  parts: Record<string, unknown>[];
}

export interface MemoryConfigSummary {
  lastMessages: number | false;
  semanticRecall: false;
  workingMemory: { enabled: boolean; scope: "resource" | "thread"; template?: string };
  threads: { generateTitle: boolean };
}

/** Memory options of one agent call: `{ memory: { thread, resource } }`, Mastra's current form. */
export interface AgentMemoryOption {
  thread: string | { id: string; title?: string; metadata?: Record<string, unknown> };
  resource: string;
  options?: { lastMessages?: number | false };
}

export function isMastraMemory(value: unknown): value is MastraMemory {
  return typeof value === "object" && value !== null && typeof (value as MastraMemory).beginTurn === "function" && typeof (value as MastraMemory).__registerMastra === "function";
}
