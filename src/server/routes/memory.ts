import { z } from "zod";
import type { MastraContext } from "../../core/api-route.js";
import { HttpError, NotFoundError } from "../../core/errors.js";
import type { MastraMemory } from "../../core/memory.js";
import type { StorageMessage, StorageThread } from "../../core/storage/types.js";
import { parseWith } from "../../core/validate.js";
import { readJsonBody } from "../body.js";
import type { BuiltinRoute } from "./route.js";

/*
 * The memory API of @mastra/client-js 0.17: the same paths, query names and response shapes as
 * Mastra's own server, so the client (and the playground built on it) reads threads unchanged.
 */

const AGENT_QUERY = { agentId: "Required: the agent whose memory to use" };

const createThreadBody = z.object({
  resourceId: z.string({ error: "is required" }).min(1, "must not be empty"),
  threadId: z.string().min(1).optional(),
  title: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const updateThreadBody = z.object({
  title: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  resourceId: z.string().min(1).optional(),
});

const savedMessage = z
  .object({
    id: z.string().min(1).optional(),
    threadId: z.string({ error: "is required" }).min(1),
    resourceId: z.string({ error: "is required" }).min(1),
    role: z.enum(["user", "assistant", "system", "tool"]),
    content: z.unknown().refine((v) => v !== undefined, "is required"),
    type: z.string().optional(),
    createdAt: z.coerce.date().optional(),
  })
  .passthrough();

const saveMessagesBody = z.object({ messages: z.array(savedMessage, { error: "must be a list of messages" }) });

const messageRef = z.union([z.string().min(1), z.object({ id: z.string().min(1) })]);
const deleteMessagesBody = z.object({
  messageIds: z.union([messageRef, z.array(messageRef)], { error: "must be an id, a list of ids, or objects with an id" }),
});

const workingMemoryBody = z.object({ workingMemory: z.string({ error: "must be a string" }), resourceId: z.string().min(1).optional() });

const threadsQuery = z.object({
  page: z.coerce.number().int().nonnegative().optional(),
  perPage: z.coerce.number().int().positive().max(1000).optional(),
  orderBy: z.enum(["createdAt", "updatedAt"]).optional(),
  sortDirection: z.enum(["ASC", "DESC"]).optional(),
});

const limitQuery = z.object({ limit: z.coerce.number().int().positive().optional() });

const pageQuery = z.object({
  page: z.coerce.number().int().nonnegative().optional(),
  perPage: z.coerce.number().int().positive().max(1000).optional(),
  selectBy: z.string().optional(),
});

function agentIdOf(c: MastraContext): string {
  const agentId = c.req.query("agentId");
  if (!agentId) throw new HttpError(400, "Missing query parameter agentId (the agent whose memory to use)");
  return agentId;
}

/** The agent's memory: 404 for an unknown agent, 400 for an agent without memory. */
function memoryOf(c: MastraContext): MastraMemory {
  const agentId = agentIdOf(c);
  const memory = c.get("mastra").getAgent(agentId).getMemory();
  if (!memory) throw new HttpError(400, `Agent "${agentId}" has no memory: give it one with new Agent({ memory: new Memory() })`);
  return memory;
}

/** The agent's memory and the path's thread: memoryOf's answers, and 404 for an unknown thread. */
async function threadOf(c: MastraContext): Promise<{ memory: MastraMemory; thread: StorageThread }> {
  const memory = memoryOf(c);
  const threadId = c.req.param("threadId")!;
  const thread = await memory.getThreadById({ threadId });
  if (!thread) throw new NotFoundError(`Thread "${threadId}" not found`);
  return { memory, thread };
}

function resourceIdQuery(c: MastraContext): string {
  // The client sends `resourceid`; accept the camel-case spelling too.
  const resourceId = c.req.query("resourceid") ?? c.req.query("resourceId");
  if (!resourceId) throw new HttpError(400, "Missing query parameter resourceid (whose threads to list)");
  return resourceId;
}

export const memoryRoutes: BuiltinRoute[] = [
  {
    method: "GET",
    path: "/api/memory/status",
    tag: "memory",
    summary: "Whether the agent has memory: `{ result: boolean }`",
    query: AGENT_QUERY,
    handler: (c) => {
      const agent = c.get("mastra").getAgent(agentIdOf(c));
      return c.json({ result: agent.getMemory() !== undefined });
    },
  },
  {
    method: "GET",
    path: "/api/memory/config",
    tag: "memory",
    summary: "The agent's memory options: `{ config }`",
    query: AGENT_QUERY,
    handler: (c) => c.json({ config: memoryOf(c).getMergedThreadConfig() }),
  },
  {
    method: "GET",
    path: "/api/memory/threads",
    tag: "memory",
    summary: "A resource's threads, newest first: a list, or `{ threads, total, page, perPage, hasMore }` when `page` or `perPage` is given",
    query: {
      ...AGENT_QUERY,
      resourceid: "Required: whose threads",
      page: "Zero-based page (turns on pagination)",
      perPage: "Threads per page (turns on pagination)",
      orderBy: "createdAt | updatedAt",
      sortDirection: "ASC | DESC",
    },
    handler: async (c) => {
      const memory = memoryOf(c);
      const resourceId = resourceIdQuery(c);
      const { page, perPage, ...order } = await parseWith(threadsQuery, c.req.query(), "query");
      if (page === undefined && perPage === undefined) return c.json(await memory.getThreadsByResourceId({ resourceId, ...order }));
      return c.json(await memory.getThreadsByResourceIdPaginated({ resourceId, page: page ?? 0, perPage: perPage ?? 100, ...order }));
    },
  },
  {
    method: "POST",
    path: "/api/memory/threads",
    tag: "memory",
    summary: "Create a thread",
    query: AGENT_QUERY,
    body: createThreadBody,
    handler: async (c) => {
      const memory = memoryOf(c);
      const body = await readJsonBody(c, createThreadBody);
      if (body.threadId && (await memory.getThreadById({ threadId: body.threadId }))) {
        throw new HttpError(409, `Thread "${body.threadId}" already exists`);
      }
      return c.json(await memory.createThread(body));
    },
  },
  {
    method: "GET",
    path: "/api/memory/threads/:threadId",
    tag: "memory",
    summary: "One thread",
    query: AGENT_QUERY,
    handler: async (c) => c.json((await threadOf(c)).thread),
  },
  {
    method: "PATCH",
    path: "/api/memory/threads/:threadId",
    tag: "memory",
    summary: "Change a thread's title, metadata or resource",
    query: AGENT_QUERY,
    body: updateThreadBody,
    handler: async (c) => {
      const { memory, thread } = await threadOf(c);
      const body = await readJsonBody(c, updateThreadBody);
      return c.json(await memory.updateThread({ id: thread.id, ...body }));
    },
  },
  {
    method: "DELETE",
    path: "/api/memory/threads/:threadId",
    tag: "memory",
    summary: "Delete a thread and its messages",
    query: AGENT_QUERY,
    handler: async (c) => {
      const { memory, thread } = await threadOf(c);
      await memory.deleteThread(thread.id);
      return c.json({ result: "Thread deleted" });
    },
  },
  {
    method: "GET",
    path: "/api/memory/threads/:threadId/messages",
    tag: "memory",
    summary: "A thread's messages, oldest first: `{ messages, uiMessages }`",
    query: { ...AGENT_QUERY, limit: "Only the last N messages" },
    handler: async (c) => {
      const { memory, thread } = await threadOf(c);
      const { limit } = await parseWith(limitQuery, c.req.query(), "query");
      return c.json(await memory.query({ threadId: thread.id, last: limit }));
    },
  },
  {
    method: "GET",
    path: "/api/memory/threads/:threadId/messages/paginated",
    tag: "memory",
    summary: "A page of a thread's messages, oldest first: `{ messages, total, page, perPage, hasMore }`",
    query: {
      agentId: "The agent whose memory to read (the 0.17 client does not send it; the Mastra instance's storage is read then)",
      page: "Zero-based page",
      perPage: "Messages per page (default 40)",
      selectBy: "JSON; `selectBy.pagination.page` / `perPage` as the client sends them",
    },
    handler: async (c) => {
      const query = await parseWith(pageQuery, c.req.query(), "query");
      const pagination = parseSelectBy(query.selectBy);
      const page = query.page ?? pagination.page ?? 0;
      const perPage = query.perPage ?? pagination.perPage ?? 40;
      const threadId = c.req.param("threadId")!;
      if (c.req.query("agentId") !== undefined) {
        const { memory } = await threadOf(c);
        return c.json(await memory.getMessagesPage({ threadId, page, perPage }));
      }
      // As Mastra's server does, without an agent the instance's own store answers.
      const storage = c.get("mastra").getStorage().memory;
      if (!(await storage.getThread(threadId))) throw new NotFoundError(`Thread "${threadId}" not found`);
      const result = await storage.listMessagesPage({ threadId, page, perPage });
      return c.json({ messages: result.items, total: result.total, page: result.page, perPage: result.perPage, hasMore: result.hasMore });
    },
  },
  {
    method: "POST",
    path: "/api/memory/save-messages",
    tag: "memory",
    summary: "Save messages (each with threadId and resourceId); threads are created on first use",
    query: AGENT_QUERY,
    body: saveMessagesBody,
    handler: async (c) => {
      const memory = memoryOf(c);
      const body = await readJsonBody(c, saveMessagesBody);
      const now = Date.now();
      const messages: StorageMessage[] = body.messages.map((m, i) => ({
        id: m.id ?? crypto.randomUUID(),
        threadId: m.threadId,
        resourceId: m.resourceId,
        role: m.role,
        content: m.content,
        type: m.type ?? "text",
        createdAt: m.createdAt ?? new Date(now + i),
      }));
      return c.json(await memory.saveMessages({ messages }));
    },
  },
  {
    method: "POST",
    path: "/api/memory/messages/delete",
    tag: "memory",
    summary: "Delete messages by id: `{ messageIds }` (an id, ids, or objects with an id)",
    query: AGENT_QUERY,
    body: deleteMessagesBody,
    handler: async (c) => {
      const memory = memoryOf(c);
      const { messageIds } = await readJsonBody(c, deleteMessagesBody);
      const ids = (Array.isArray(messageIds) ? messageIds : [messageIds]).map((m) => (typeof m === "string" ? m : m.id));
      await memory.deleteMessages(ids);
      return c.json({ success: true, message: `${ids.length} message${ids.length === 1 ? "" : "s"} deleted successfully` });
    },
  },
  {
    method: "GET",
    path: "/api/memory/threads/:threadId/working-memory",
    tag: "memory",
    summary: "The working memory seen from a thread: `{ workingMemory, source, workingMemoryTemplate, threadExists }`",
    query: { ...AGENT_QUERY, resourceId: "Read the resource's working memory (resource scope)" },
    handler: async (c) => {
      const memory = memoryOf(c);
      const threadId = c.req.param("threadId")!;
      const resourceId = c.req.query("resourceId") || undefined;
      const thread = await memory.getThreadById({ threadId });
      const config = memory.getMergedThreadConfig();
      return c.json({
        workingMemory: await memory.getWorkingMemory({ threadId, resourceId }),
        source: config.workingMemory.scope === "resource" && (resourceId || thread) ? "resource" : "thread",
        workingMemoryTemplate: memory.getWorkingMemoryTemplate(),
        threadExists: thread !== null,
      });
    },
  },
  {
    method: "POST",
    path: "/api/memory/threads/:threadId/working-memory",
    tag: "memory",
    summary: "Replace the working memory: `{ workingMemory, resourceId? }`",
    query: AGENT_QUERY,
    body: workingMemoryBody,
    handler: async (c) => {
      const { memory, thread } = await threadOf(c);
      const body = await readJsonBody(c, workingMemoryBody);
      await memory.updateWorkingMemory({ threadId: thread.id, resourceId: body.resourceId, workingMemory: body.workingMemory });
      return c.json({ success: true });
    },
  },
];

function parseSelectBy(raw: string | undefined): { page?: number; perPage?: number } {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "Query parameter selectBy must be JSON");
  }
  const pagination = (value as { pagination?: { page?: unknown; perPage?: unknown } } | null)?.pagination;
  const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { page: int(pagination?.page), perPage: int(pagination?.perPage) || undefined };
}
