import type { ModelMessage } from "ai";
import { HttpError, NotFoundError } from "../core/errors.js";
import type { Mastra } from "../core/mastra.js";
import type {
  MastraMemory,
  MemoryConfigSummary,
  MemoryTurn,
  MemoryTurnRequest,
  MessagePage,
  ThreadPage,
  ThreadPageRequest,
  UIMessageSummary,
} from "../core/memory.js";
import type { MastraStorage, MemoryStorage, StorageMessage, StorageThread } from "../core/storage/types.js";
import { resolveMemoryConfig, type MemoryConfig, type ResolvedMemoryOptions } from "./config.js";
import { firstUserText, toModelMessages, toStorageMessage, toUIMessages } from "./messages.js";
import { generateTitle } from "./title.js";
import { WORKING_MEMORY_TOOL, workingMemoryInstructions, workingMemoryTool } from "./working-memory.js";

/** A title a thread gets until one is given or generated; Mastra's wording. */
const PLACEHOLDER_TITLE = "New Thread";
const THREAD_PAGE = 100;

/**
 * Conversation memory for agents (`@mastra/memory`): threads of messages per resource (a user),
 * the last N messages put before each new prompt, and working memory the model keeps up to date.
 * Works on any store of the storage contract; without one of its own it uses the Mastra instance's.
 */
export class Memory implements MastraMemory {
  readonly ownStorage?: MastraStorage;
  private readonly options: ResolvedMemoryOptions;
  private mastra?: Mastra;

  constructor(config: MemoryConfig = {}) {
    const resolved = resolveMemoryConfig(config);
    this.ownStorage = resolved.storage;
    this.options = resolved.options;
  }

  __registerMastra(mastra: Mastra): void {
    this.mastra ??= mastra;
  }

  /** The memory domain of this memory's store (its own, else the Mastra instance's). */
  get storage(): MemoryStorage {
    const storage = this.ownStorage ?? this.mastra?.getStorage();
    if (!storage) throw new Error("Memory has no storage: give it one (new Memory({ storage })) or register its agent in new Mastra({ agents })");
    return storage.memory;
  }

  getMergedThreadConfig(): MemoryConfigSummary {
    const { lastMessages, workingMemory, generateTitle } = this.options;
    return {
      lastMessages,
      semanticRecall: false,
      workingMemory: { enabled: workingMemory.enabled, scope: workingMemory.scope, ...(workingMemory.enabled ? { template: workingMemory.template } : {}) },
      threads: { generateTitle: generateTitle !== false },
    };
  }

  async beginTurn(request: MemoryTurnRequest): Promise<MemoryTurn> {
    const storage = this.storage;
    const thread = await this.threadForTurn(request);
    const resourceId = thread.resourceId;
    const lastMessages = request.lastMessages ?? this.options.lastMessages;
    // One message is enough to know whether this is the thread's first turn (for its title).
    const previous = await storage.listMessages({ threadId: thread.id, last: lastMessages === false ? 1 : Math.max(lastMessages, 1) });
    const history = lastMessages === false || lastMessages === 0 ? [] : toModelMessages(previous.slice(-lastMessages));
    const lastCreatedAt = previous.length ? previous[previous.length - 1].createdAt.getTime() : 0;
    const titleOptions = this.options.generateTitle;
    const needsTitle = titleOptions !== false && previous.length === 0 && !request.thread?.title && isPlaceholder(thread.title);

    let system: string | undefined;
    const tools: MemoryTurn["tools"] = {};
    const { workingMemory } = this.options;
    if (workingMemory.enabled) {
      system = workingMemoryInstructions(await this.getWorkingMemory({ threadId: thread.id, resourceId }), workingMemory.template);
      tools[WORKING_MEMORY_TOOL] = workingMemoryTool((memory) => this.updateWorkingMemory({ threadId: thread.id, resourceId, workingMemory: memory }));
    }

    return {
      threadId: thread.id,
      resourceId,
      history,
      system,
      tools,
      save: async (response: ModelMessage[]) => {
        const turn = [...request.input, ...response];
        // Strictly increasing times keep the turn in order, after everything already in the thread.
        const base = Math.max(Date.now(), lastCreatedAt + 1);
        const ids = { threadId: thread.id, resourceId };
        await storage.saveMessages(turn.map((m, i) => toStorageMessage(m, { ...ids, id: crypto.randomUUID() }, new Date(base + i))));
        if (needsTitle) {
          const title = await generateTitle(firstUserText(request.input), request.model, titleOptions, request.abortSignal);
          const current = await storage.getThread(thread.id);
          if (current) await storage.updateThread(thread.id, { title, metadata: current.metadata });
        }
      },
    };
  }

  /** The thread named by the call, created on first use; its resource must match the caller's. */
  private async threadForTurn(request: MemoryTurnRequest): Promise<StorageThread> {
    const existing = await this.storage.getThread(request.threadId);
    if (existing) {
      if (request.resourceId !== undefined && existing.resourceId !== request.resourceId) {
        throw new HttpError(400, `Thread "${request.threadId}" belongs to another resource than "${request.resourceId}"`);
      }
      return existing;
    }
    if (request.resourceId === undefined) {
      throw new HttpError(400, `Thread "${request.threadId}" does not exist yet: give memory.resource (or resourceId) so it can be created`);
    }
    return this.createThread({ threadId: request.threadId, resourceId: request.resourceId, ...request.thread });
  }

  async createThread(args: { resourceId: string; threadId?: string; title?: string; metadata?: Record<string, unknown> }): Promise<StorageThread> {
    const now = new Date();
    return this.storage.saveThread({
      id: args.threadId ?? crypto.randomUUID(),
      resourceId: args.resourceId,
      title: args.title || `${PLACEHOLDER_TITLE} ${now.toISOString()}`,
      metadata: args.metadata,
      createdAt: now,
      updatedAt: now,
    });
  }

  getThreadById({ threadId }: { threadId: string }): Promise<StorageThread | null> {
    return this.storage.getThread(threadId);
  }

  async getThreadsByResourceIdPaginated(args: ThreadPageRequest): Promise<ThreadPage> {
    const page = await this.storage.listThreads({ orderBy: "createdAt", sortDirection: "DESC", ...args });
    return { threads: page.items, total: page.total, page: page.page, perPage: page.perPage, hasMore: page.hasMore };
  }

  async getThreadsByResourceId(args: Omit<ThreadPageRequest, "page" | "perPage">): Promise<StorageThread[]> {
    const threads: StorageThread[] = [];
    for (let page = 0; ; page++) {
      const result = await this.getThreadsByResourceIdPaginated({ ...args, page, perPage: THREAD_PAGE });
      threads.push(...result.threads);
      if (!result.hasMore || result.threads.length === 0) return threads;
    }
  }

  async updateThread(args: { id: string; title?: string; metadata?: Record<string, unknown>; resourceId?: string }): Promise<StorageThread> {
    const thread = await this.storage.getThread(args.id);
    if (!thread) throw new NotFoundError(`Thread "${args.id}" not found`);
    if (args.resourceId !== undefined && args.resourceId !== thread.resourceId) {
      // The contract's update keeps the resource; moving a thread is a re-save.
      return this.storage.saveThread({ ...thread, resourceId: args.resourceId, title: args.title ?? thread.title, metadata: args.metadata ?? thread.metadata, updatedAt: new Date() });
    }
    return this.storage.updateThread(args.id, { title: args.title ?? thread.title, metadata: args.metadata ?? thread.metadata });
  }

  deleteThread(threadId: string): Promise<void> {
    return this.storage.deleteThread(threadId);
  }

  async query({ threadId, last, selectBy }: { threadId: string; resourceId?: string; last?: number; selectBy?: { last?: number | false } }): Promise<{ messages: StorageMessage[]; uiMessages: UIMessageSummary[] }> {
    const messages = await this.storage.listMessages({ threadId, last: last ?? (selectBy?.last === false ? undefined : selectBy?.last) });
    return { messages, uiMessages: toUIMessages(messages) };
  }

  async getMessagesPage({ threadId, page, perPage }: { threadId: string; page: number; perPage: number }): Promise<MessagePage> {
    const result = await this.storage.listMessagesPage({ threadId, page, perPage });
    return { messages: result.items, total: result.total, page: result.page, perPage: result.perPage, hasMore: result.hasMore };
  }

  /** Saves messages as given (Mastra v1 or v2 content), creating any thread they name that does not exist yet. */
  async saveMessages({ messages }: { messages: StorageMessage[] }): Promise<StorageMessage[]> {
    const threads = new Map(messages.map((m) => [m.threadId, m.resourceId]));
    for (const [threadId, resourceId] of threads) {
      if (!(await this.storage.getThread(threadId))) {
        if (!resourceId) throw new HttpError(400, `Thread "${threadId}" does not exist: give its messages a resourceId so it can be created`);
        await this.createThread({ threadId, resourceId });
      }
    }
    return this.storage.saveMessages(messages);
  }

  deleteMessages(messageIds: string[]): Promise<void> {
    return this.storage.deleteMessages(messageIds);
  }

  getWorkingMemoryTemplate(): { format: "markdown"; content: string } | null {
    return this.options.workingMemory.enabled ? { format: "markdown", content: this.options.workingMemory.template } : null;
  }

  async getWorkingMemory({ threadId, resourceId }: { threadId: string; resourceId?: string }): Promise<string | null> {
    if (!this.options.workingMemory.enabled) return null;
    const storage = this.storage;
    if (this.options.workingMemory.scope === "thread") {
      const value = (await storage.getThread(threadId))?.metadata?.workingMemory;
      return typeof value === "string" ? value : null;
    }
    const resource = resourceId ?? (await storage.getThread(threadId))?.resourceId;
    if (!resource) return null;
    return (await storage.getResource(resource))?.workingMemory ?? null;
  }

  async updateWorkingMemory({ threadId, resourceId, workingMemory }: { threadId: string; resourceId?: string; workingMemory: string }): Promise<void> {
    if (!this.options.workingMemory.enabled) {
      throw new HttpError(400, "Working memory is not enabled for this memory (new Memory({ options: { workingMemory: { enabled: true } } }))");
    }
    const storage = this.storage;
    const thread = await storage.getThread(threadId);
    if (this.options.workingMemory.scope === "thread") {
      if (!thread) throw new NotFoundError(`Thread "${threadId}" not found`);
      await storage.updateThread(threadId, { title: thread.title, metadata: { ...thread.metadata, workingMemory } });
      return;
    }
    const resource = resourceId ?? thread?.resourceId;
    if (!resource) throw new NotFoundError(`Thread "${threadId}" not found, and no resourceId was given`);
    const existing = await storage.getResource(resource);
    const now = new Date();
    await storage.saveResource({ id: resource, workingMemory, metadata: existing?.metadata, createdAt: existing?.createdAt ?? now, updatedAt: now });
  }
}

function isPlaceholder(title: string | undefined): boolean {
  return !title || title.startsWith(`${PLACEHOLDER_TITLE} `);
}
