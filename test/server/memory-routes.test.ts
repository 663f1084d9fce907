import { MastraClient } from "@mastra/client-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Agent, InMemoryStore, Mastra } from "../../src/index.js";
import { serve, type RunningServer } from "../../src/server/serve.js";
import { Memory } from "../../src/memory/index.js";
import { localModel } from "../../src/core/models.js";
import { recallModel, scriptedModel, text, toolCall } from "../helpers/models.js";
import { createTool } from "../../src/index.js";

// A real server on 127.0.0.1, driven with fetch and with @mastra/client-js 0.17 (what apps' front ends use).
const storage = new InMemoryStore();
const slow = scriptedModel([toolCall("noop", {}), "waitForAbort"]);
const noop = createTool({ id: "noop", description: "", execute: async () => ({ ok: true }) });
const mastra = new Mastra({
  storage,
  agents: {
    chat: new Agent({ name: "chat", instructions: "Be brief.", model: recallModel(), memory: new Memory({ options: { workingMemory: { enabled: true } } }) }),
    slow: new Agent({ name: "slow", instructions: "", model: slow.model, tools: { noop }, memory: new Memory() }),
    plain: new Agent({ name: "plain", instructions: "", model: localModel() }),
  },
});
let running: RunningServer;
let base: string;
let client: MastraClient;

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  running = await serve(mastra, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
  base = running.url;
  client = new MastraClient({ baseUrl: base, retries: 0 });
});
afterAll(() => running.close());

describe("memory over HTTP", () => {
  it("two requests on one thread: the second reply sees the first", async () => {
    const first = await fetch(`${base}/api/agents/chat/generate`, json({ messages: "My name is Ada.", memory: { thread: "t-1", resource: "ada" } }));
    expect(first.status).toBe(200);
    expect((await first.json()).text).toBe("You said: My name is Ada.");

    // The 0.17 client sends the older body form (threadId/resourceId); it reaches the same thread.
    const second = await client.getAgent("chat").generate({ messages: "What is my name?", threadId: "t-1", resourceId: "ada" } as never);
    expect((second as { text: string }).text).toBe("You said: What is my name? Earlier you said: My name is Ada.");

    const messages = await client.getMemoryThread("t-1", "chat").getMessages();
    expect(messages.messages.map((m: { role: string; content: unknown }) => [m.role, m.content])).toEqual([
      ["user", "My name is Ada."],
      ["assistant", [{ type: "text", text: "You said: My name is Ada." }]],
      ["user", "What is my name?"],
      ["assistant", [{ type: "text", text: "You said: What is my name? Earlier you said: My name is Ada." }]],
    ]);
    expect(messages.uiMessages.map((m: { role: string; content: string }) => `${m.role}: ${m.content}`)).toEqual([
      "user: My name is Ada.",
      "assistant: You said: My name is Ada.",
      "user: What is my name?",
      "assistant: You said: What is my name? Earlier you said: My name is Ada.",
    ]);
  });

  it("streams too: the second streamed call is given the first turn", async () => {
    const seen = scriptedModel([text("Hello Ada."), text("Your name is Ada.")]);
    const m = new Mastra({ agents: { a: new Agent({ name: "a", instructions: "", model: seen.model, memory: new Memory() }) } });
    const server = await serve(m, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    try {
      for (const messages of ["My name is Ada.", "What is my name?"]) {
        const res = await fetch(`${server.url}/api/agents/a/stream`, json({ messages, memory: { thread: "t", resource: "r" } }));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain("[DONE]");
      }
      const prompt = seen.calls[1].prompt.map((p) => p.role);
      expect(prompt).toEqual(["user", "assistant", "user"]);
      expect(JSON.stringify(seen.calls[1].prompt[1])).toContain("Hello Ada.");
    } finally {
      await server.close();
    }
  });

  it("reads and manages threads through @mastra/client-js 0.17", async () => {
    const threads = await client.getMemoryThreads({ resourceId: "ada", agentId: "chat" });
    expect(threads.map((t) => t.id)).toEqual(["t-1"]);
    expect(await client.getMemoryStatus("chat")).toEqual({ result: true });
    expect(await client.getMemoryStatus("plain")).toEqual({ result: false });

    const created = await client.createMemoryThread({ resourceId: "ada", agentId: "chat", threadId: "t-2", title: "Second", metadata: { k: 1 } });
    expect(created).toMatchObject({ id: "t-2", title: "Second", resourceId: "ada", metadata: { k: 1 } });
    const thread = client.getMemoryThread("t-2", "chat");
    expect(await thread.get()).toMatchObject({ id: "t-2", title: "Second" });
    expect(await thread.update({ title: "Renamed", metadata: { k: 2 }, resourceId: "ada" })).toMatchObject({ title: "Renamed", metadata: { k: 2 } });

    const saved = await client.saveMessageToMemory({
      agentId: "chat",
      messages: [
        { id: "m1", threadId: "t-2", resourceId: "ada", role: "user", content: "saved by the client", type: "text", createdAt: new Date("2026-01-01T00:00:00Z") },
        { id: "m2", threadId: "t-2", resourceId: "ada", role: "assistant", content: "noted", type: "text", createdAt: new Date("2026-01-01T00:00:01Z") },
      ] as never,
    });
    expect((saved as { id: string }[]).map((m) => m.id)).toEqual(["m1", "m2"]);

    const page = await thread.getMessagesPaginated({ selectBy: { pagination: { page: 0, perPage: 1 } } } as never);
    expect(page).toMatchObject({ total: 2, page: 0, perPage: 1, hasMore: true });
    expect(page.messages.map((m: { id: string }) => m.id)).toEqual(["m1"]);

    expect(await thread.deleteMessages("m1")).toEqual({ success: true, message: "1 message deleted successfully" });
    expect((await thread.getMessages()).messages.map((m: { id: string }) => m.id)).toEqual(["m2"]);

    const paged = await (await fetch(`${base}/api/memory/threads?agentId=chat&resourceid=ada&page=0&perPage=1&orderBy=createdAt&sortDirection=ASC`)).json();
    expect(paged).toMatchObject({ total: 2, page: 0, perPage: 1, hasMore: true });
    expect(paged.threads.map((t: { id: string }) => t.id)).toEqual(["t-1"]);

    expect(await thread.delete()).toEqual({ result: "Thread deleted" });
    expect((await fetch(`${base}/api/memory/threads/t-2?agentId=chat`)).status).toBe(404);
  });

  it("reads and writes working memory per resource", async () => {
    const before = await client.getWorkingMemory({ agentId: "chat", threadId: "t-1", resourceId: "ada" });
    expect(before).toMatchObject({ workingMemory: null, source: "resource", threadExists: true, workingMemoryTemplate: { format: "markdown" } });
    expect(await client.updateWorkingMemory({ agentId: "chat", threadId: "t-1", workingMemory: "# Ada\n", resourceId: "ada" })).toEqual({ success: true });
    expect((await client.getWorkingMemory({ agentId: "chat", threadId: "t-1", resourceId: "ada" })).workingMemory).toBe("# Ada\n");
    expect((await storage.memory.getResource("ada"))?.workingMemory).toBe("# Ada\n");
  });

  it("a client that disconnects mid-stream leaves the thread as it was", async () => {
    const thread = { thread: "s-1", resource: "r" };
    const controller = new AbortController();
    const res = await fetch(`${base}/api/agents/slow/stream`, { ...json({ messages: "use the tool", memory: thread }), signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes('"tool-result"')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await vi.waitFor(() => expect(slow.aborted).toHaveLength(1));
    // The SDK reports the steps finished before the abort a moment later; give that the time to (wrongly) save.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The thread exists (created when the call began) and holds no half turn: no tool call without its result.
    const messages = await (await fetch(`${base}/api/memory/threads/s-1/messages?agentId=slow`)).json();
    expect(messages.messages).toEqual([]);
    expect((await storage.memory.getThread("s-1"))?.resourceId).toBe("r");
  });

  it("is listed in /api/openapi.json", async () => {
    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    for (const path of [
      "/api/memory/status",
      "/api/memory/threads",
      "/api/memory/threads/{threadId}",
      "/api/memory/threads/{threadId}/messages",
      "/api/memory/threads/{threadId}/messages/paginated",
      "/api/memory/save-messages",
      "/api/memory/messages/delete",
      "/api/memory/threads/{threadId}/working-memory",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths["/api/memory/threads/{threadId}"]).sort()).toEqual(["delete", "get", "patch"]);
  });

  it("answers bad input with JSON 4xx", async () => {
    const cases: [string, RequestInit | undefined, number, RegExp][] = [
      ["/api/memory/threads?resourceid=ada", undefined, 400, /Missing query parameter agentId/],
      ["/api/memory/status", undefined, 400, /Missing query parameter agentId/],
      ["/api/memory/threads?agentId=chat", undefined, 400, /Missing query parameter resourceid/],
      ["/api/memory/threads?agentId=plain&resourceid=ada", undefined, 400, /Agent "plain" has no memory/],
      ["/api/memory/threads?agentId=nobody&resourceid=ada", undefined, 404, /Agent "nobody" not found/],
      ["/api/memory/threads/nope?agentId=chat", undefined, 404, /Thread "nope" not found/],
      ["/api/memory/threads/nope/messages?agentId=chat", undefined, 404, /Thread "nope" not found/],
      ["/api/memory/threads/nope/messages/paginated", undefined, 404, /Thread "nope" not found/],
      ["/api/memory/threads/nope/working-memory?agentId=chat", json({ workingMemory: "x" }), 404, /Thread "nope" not found/],
      ["/api/memory/threads/t-1/working-memory?agentId=chat", json({ workingMemory: 5 }), 400, /workingMemory: must be a string/],
      ["/api/memory/threads?agentId=chat", json({ title: "no resource" }), 400, /resourceId: is required/],
      ["/api/memory/threads?agentId=chat", json({ resourceId: "ada", threadId: "t-1" }), 409, /already exists/],
      ["/api/memory/save-messages?agentId=chat", json({ messages: [{ role: "user", content: "x" }] }), 400, /threadId/],
      ["/api/memory/save-messages?agentId=chat", { ...json({}), body: "{" }, 400, /Malformed JSON/],
      ["/api/memory/messages/delete?agentId=chat", json({}), 400, /messageIds/],
      ["/api/memory/threads/t-1/messages?agentId=chat&limit=-1", undefined, 400, /limit/],
      ["/api/agents/chat/generate", json({ messages: "hi", memory: { thread: "t-1", resource: "bob" } }), 400, /another resource/],
      ["/api/agents/chat/stream", json({ messages: "hi", memory: { thread: "t-new" } }), 400, /memory\.resource/],
    ];
    for (const [path, init, status, message] of cases) {
      const res = await fetch(`${base}${path}`, init);
      expect([path, res.status], await res.clone().text()).toEqual([path, status]);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect((await res.json()).error).toMatch(message);
    }
  });
});
