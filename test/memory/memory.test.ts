import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Agent, InMemoryStore, Mastra, MastraConfigError, createTool, type MastraStorage } from "../../src/index.js";
import { Memory } from "../../src/memory/index.js";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { localModel } from "../../src/core/models.js";
import { scriptedModel, text, toolCall } from "../helpers/models.js";

/** What the model was shown in call `i`: role and text of every prompt message. */
function promptOf(calls: { prompt: { role: string; content: unknown }[] }[], i: number): string[] {
  return calls[i].prompt.map((m) => `${m.role}: ${typeof m.content === "string" ? m.content : (m.content as { type: string; text?: string; toolName?: string }[]).map((p) => p.text ?? `[${p.type} ${p.toolName ?? ""}]`).join("")}`);
}

/** Every store Memory is proven on: the same tests, each on a fresh store. */
const dbDir = mkdtempSync(join(tmpdir(), "mastra-memory-"));
let dbCount = 0;
const STORES: [string, () => MastraStorage][] = [
  ["InMemoryStore", () => new InMemoryStore()],
  ["LibSQLStore on a file", () => new LibSQLStore({ url: `file:${join(dbDir, `memory-${++dbCount}.db`)}` })],
];
afterAll(() => rmSync(dbDir, { recursive: true, force: true }));
let makeStore: () => MastraStorage = STORES[0][1];

function agentWith(memory: Memory, script: Parameters<typeof scriptedModel>[0], extra: Partial<ConstructorParameters<typeof Agent>[0]> = {}) {
  const scripted = scriptedModel(script);
  const agent = new Agent({ name: "chat", instructions: "Be brief.", model: scripted.model, memory, ...extra });
  const storage = makeStore();
  const mastra = new Mastra({ agents: { chat: agent }, storage });
  return { agent, calls: scripted.calls, storage, mastra };
}

describe("Memory options", () => {
  it("refuses semantic recall with a message saying why, instead of ignoring it", () => {
    const error = (() => {
      try {
        new Memory({ options: { semanticRecall: { topK: 3 } as never } });
      } catch (e) {
        return e as MastraConfigError;
      }
    })();
    expect(error).toBeInstanceOf(MastraConfigError);
    expect(error!.field).toBe("memory.options.semanticRecall");
    expect(error!.message).toMatch(/not supported: semantic recall needs an embedder and a vector store/);
    expect(() => new Memory({ options: { semanticRecall: false } })).not.toThrow();
    expect(() => new Memory({ vector: {} } as never)).toThrow(/memory\.vector/);
  });

  it("names an unknown or mistyped option", () => {
    expect(() => new Memory({ options: { lastMesages: 5 } } as never)).toThrow("Invalid Mastra config: memory.options.lastMesages is not a Memory option");
    expect(() => new Memory({ options: { workingMemory: { enabled: true, scope: "user" } } } as never)).toThrow(/memory\.options\.workingMemory\.scope must be "resource" or "thread"/);
    expect(() => new Memory({ storage: {} } as never)).toThrow(/memory\.storage must be a store/);
  });

  it("an agent refuses something that is not a Memory", () => {
    expect(() => new Agent({ name: "a", instructions: "", model: localModel(), memory: {} as never })).toThrow(/`memory` must be a Memory/);
  });
});

describe.each(STORES)("Agent with memory on %s", (_name, factory) => {
  beforeAll(() => {
    makeStore = factory;
  });

  it("creates the thread on first use and puts the earlier turn before the next prompt", async () => {
    const memory = new Memory();
    const { agent, calls, storage } = agentWith(memory, [text("Hi Ada."), text("You are Ada.")]);
    await agent.generate("My name is Ada.", { memory: { thread: "t1", resource: "user-1" } });
    const thread = await storage.memory.getThread("t1");
    expect(thread).toMatchObject({ id: "t1", resourceId: "user-1" });

    const second = await agent.generate("What is my name?", { memory: { thread: "t1", resource: "user-1" } });
    expect(second.text).toBe("You are Ada.");
    expect(promptOf(calls, 1)).toEqual(["system: Be brief.", "user: My name is Ada.", "assistant: Hi Ada.", "user: What is my name?"]);
    const stored = await storage.memory.listMessages({ threadId: "t1" });
    expect(stored.map((m) => [m.role, m.resourceId])).toEqual([
      ["user", "user-1"],
      ["assistant", "user-1"],
      ["user", "user-1"],
      ["assistant", "user-1"],
    ]);
    // Mastra's own read API, as app code calls it.
    const last = await memory.query({ threadId: "t1", selectBy: { last: 1 } });
    expect(last.uiMessages.map((m) => `${m.role}: ${m.content}`)).toEqual(["assistant: You are Ada."]);
  });

  it("takes the older { threadId, resourceId } form, and stays stateless without a thread", async () => {
    const { agent, calls } = agentWith(new Memory(), [text("one"), text("two"), text("three")]);
    await agent.generate("first", { threadId: "t", resourceId: "r" });
    await agent.generate("second", { threadId: "t", resourceId: "r" });
    await agent.generate("alone");
    expect(promptOf(calls, 1)).toEqual(["system: Be brief.", "user: first", "assistant: one", "user: second"]);
    expect(promptOf(calls, 2)).toEqual(["system: Be brief.", "user: alone"]);
  });

  it("saves tool calls with their results and sends only the last N messages, never a result without its call", async () => {
    const lookup = createTool({ id: "lookup", description: "", inputSchema: z.object({ q: z.string() }), execute: async ({ q }) => ({ found: q }) });
    const memory = new Memory({ options: { lastMessages: 3 } });
    const { agent, calls, storage } = agentWith(memory, [toolCall("lookup", { q: "x" }), text("found x"), text("ok")], { tools: { lookup } });
    await agent.generate("find x", { memory: { thread: "t", resource: "r" } });
    const stored = await storage.memory.listMessages({ threadId: "t" });
    expect(stored.map((m) => `${m.role}:${m.type}`)).toEqual(["user:text", "assistant:tool-call", "tool:tool-result", "assistant:text"]);

    await agent.generate("thanks", { memory: { thread: "t", resource: "r" } });
    // The last 3 are assistant(call), tool(result), assistant(text): call and result travel together.
    expect(promptOf(calls, 2)).toEqual(["system: Be brief.", "assistant: [tool-call lookup]", "tool: [tool-result lookup]", "assistant: found x", "user: thanks"]);

    const memory1 = new Memory({ options: { lastMessages: 2 } });
    const second = agentWith(memory1, [toolCall("lookup", { q: "y" }), text("found y"), text("ok")], { tools: { lookup } });
    await second.agent.generate("find y", { memory: { thread: "t", resource: "r" } });
    await second.agent.generate("thanks", { memory: { thread: "t", resource: "r" } });
    // The window (tool result, text) starts after the call, so the orphaned result is left out.
    expect(promptOf(second.calls, 2)).toEqual(["system: Be brief.", "assistant: found y", "user: thanks"]);
  });

  it("saves a stream's turn when it finishes, and nothing of a stream that is aborted", async () => {
    const noop = createTool({ id: "noop", description: "", execute: async () => ({ done: true }) });
    const { agent, storage, calls } = agentWith(new Memory(), [text("streamed reply"), toolCall("noop", {}), "waitForAbort"], { tools: { noop } });
    const result = await agent.stream("hello", { memory: { thread: "s", resource: "r" } });
    let streamed = "";
    for await (const chunk of result.textStream) streamed += chunk;
    expect(streamed).toBe("streamed reply");
    expect((await storage.memory.listMessages({ threadId: "s" })).map((m) => m.role)).toEqual(["user", "assistant"]);

    // A tool call runs, then the model hangs until the caller gives up: no half turn is kept.
    const controller = new AbortController();
    const aborted = await agent.stream("use the tool", { memory: { thread: "s", resource: "r" }, abortSignal: controller.signal });
    const parts: string[] = [];
    const reading = (async () => {
      for await (const part of aborted.fullStream) parts.push(part.type);
    })();
    // The caller gives up while the model's second call (after the tool ran) is under way.
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    controller.abort();
    await reading;
    // The SDK reports the finished steps after the abort; let that run before looking.
    await aborted.steps.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(parts).toContain("tool-result");
    expect((await storage.memory.listMessages({ threadId: "s" })).map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("keeps working memory per resource in the system prompt and updates it through its tool", async () => {
    const memory = new Memory({ options: { workingMemory: { enabled: true, template: "# Profile\n- Name:\n" } } });
    const { agent, calls, storage } = agentWith(memory, [
      toolCall("updateWorkingMemory", { memory: "# Profile\n- Name: Ada\n" }),
      text("Noted."),
      text("Hello again, Ada."),
    ]);
    await agent.generate("I am Ada.", { memory: { thread: "a", resource: "user-1" } });
    expect(calls[0].prompt[0].content).toContain("# Profile\n- Name:");
    expect(calls[0].tools?.map((t) => t.name)).toContain("updateWorkingMemory");
    expect((await storage.memory.getResource("user-1"))?.workingMemory).toBe("# Profile\n- Name: Ada\n");

    // Another thread of the same resource sees it.
    await agent.generate("Who am I?", { memory: { thread: "b", resource: "user-1" } });
    expect(calls[2].prompt[0].content).toContain("- Name: Ada");
    expect(await memory.getWorkingMemory({ threadId: "b" })).toBe("# Profile\n- Name: Ada\n");
  });

  it("keeps thread-scoped working memory on the thread only", async () => {
    const memory = new Memory({ options: { workingMemory: { enabled: true, scope: "thread" } } });
    const { agent, calls, storage } = agentWith(memory, [toolCall("updateWorkingMemory", { memory: "likes tea" }), text("ok"), text("ok")]);
    await agent.generate("I like tea", { memory: { thread: "a", resource: "u" } });
    expect((await storage.memory.getThread("a"))?.metadata?.workingMemory).toBe("likes tea");
    await agent.generate("hi", { memory: { thread: "b", resource: "u" } });
    expect(calls[2].prompt[0].content).not.toContain("likes tea");
    expect(calls[2].prompt[0].content).toContain("# User Information");
  });

  it("titles a new thread from its first message with the agent's model when generateTitle is on", async () => {
    const titled = agentWith(new Memory({ options: { threads: { generateTitle: true } } }), [text("Hello there"), text("Greeting from Ada")]);
    await titled.agent.generate("Hi, I am Ada", { memory: { thread: "t", resource: "r" } });
    expect((await titled.storage.memory.getThread("t"))?.title).toBe("Greeting from Ada");
    expect(titled.calls[1].prompt.at(-1)).toMatchObject({ role: "user" });

    // Deterministic with the local model; a title given with the thread is kept.
    const local = new Agent({ name: "l", instructions: "", model: localModel(), memory: new Memory({ options: { threads: { generateTitle: true } } }) });
    const mastra = new Mastra({ agents: { l: local } });
    await local.generate("plan a trip", { memory: { thread: "x", resource: "r" } });
    await local.generate("plan a trip", { memory: { thread: { id: "y", title: "Mine" }, resource: "r" } });
    const storage = mastra.getStorage() as MastraStorage;
    expect((await storage.memory.getThread("x"))?.title).toBe("(local model) You said: plan a trip");
    expect((await storage.memory.getThread("y"))?.title).toBe("Mine");

    const untitled = agentWith(new Memory(), [text("hi")]);
    await untitled.agent.generate("hello", { memory: { thread: "t", resource: "r" } });
    expect((await untitled.storage.memory.getThread("t"))?.title).toMatch(/^New Thread \d{4}-/);
  });

  it("uses its own store when given one, else the Mastra instance's", async () => {
    const own = makeStore();
    const { agent, storage } = agentWith(new Memory({ storage: own }), [text("hi")]);
    await agent.generate("hello", { memory: { thread: "t", resource: "r" } });
    expect(await own.memory.getThread("t")).not.toBeNull();
    expect(await storage.memory.getThread("t")).toBeNull();

    const loose = new Agent({ name: "x", instructions: "", model: localModel(), memory: new Memory() });
    await expect(loose.generate("hi", { memory: { thread: "t", resource: "r" } })).rejects.toThrow(/Memory has no storage/);
  });

  it("refuses a thread of another resource, and a new thread without a resource", async () => {
    const { agent } = agentWith(new Memory(), [text("hi")]);
    await agent.generate("hello", { memory: { thread: "t", resource: "alice" } });
    await expect(agent.generate("hello", { memory: { thread: "t", resource: "bob" } })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/another resource/) });
    await expect(agent.generate("hello", { threadId: "new" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/give memory.resource/) });
    // An existing thread needs no resource.
    await expect(agent.generate("again", { threadId: "t" })).resolves.toMatchObject({ text: "hi" });
  });

  it("a failed call saves nothing", async () => {
    const { agent, storage } = agentWith(new Memory(), [text("hi")]);
    const bad = vi.spyOn(agent.model as { doGenerate: () => unknown }, "doGenerate").mockRejectedValueOnce(new Error("model down"));
    await expect(agent.generate("hello", { memory: { thread: "t", resource: "r" } })).rejects.toThrow("model down");
    expect(await storage.memory.listMessages({ threadId: "t" })).toEqual([]);
    bad.mockRestore();
  });
});
