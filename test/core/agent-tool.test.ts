import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent, RequestContext, ValidationError, createTool } from "../../src/index.js";
import { scriptedModel, text, toolCall } from "../helpers/models.js";

describe("createTool", () => {
  const add = createTool({
    id: "add",
    description: "Add two numbers",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    outputSchema: z.object({ sum: z.number() }),
    execute: async ({ a, b }, { requestContext }) => ({ sum: a + b + Number(requestContext.get("bonus") ?? 0) }),
  });

  it("validates input before execute, listing every failing field", async () => {
    const error = await add.execute({ a: "1" }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(["a", "b"]);
    expect(error.status).toBe(400);
  });

  it("passes the request context", async () => {
    expect(await add.execute({ a: 1, b: 2 }, { requestContext: new RequestContext({ bonus: 10 }) })).toEqual({ sum: 13 });
  });

  it("treats an output that breaks its schema as a server error, not a 400", async () => {
    const bad = createTool({ id: "bad", description: "", outputSchema: z.object({ n: z.number() }), execute: async () => ({ n: "x" }) as never });
    const error = await bad.execute({}).catch((e) => e);
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/Invalid output of tool "bad": n:/);
  });

  it("does not run when the signal is already aborted", async () => {
    let ran = false;
    const t = createTool({ id: "t", description: "", execute: async () => (ran = true) });
    const controller = new AbortController();
    controller.abort();
    await expect(t.execute({}, { abortSignal: controller.signal })).rejects.toThrow();
    expect(ran).toBe(false);
  });
});

describe("Agent", () => {
  it("runs the SDK tool loop: tool call, tool result, final text; the tool sees the request context", async () => {
    const seen: unknown[] = [];
    const lookup = createTool({
      id: "lookup",
      description: "Look up",
      inputSchema: z.object({ q: z.string() }),
      execute: async ({ q }, { requestContext }) => {
        seen.push(requestContext.get("user"));
        return { answer: q.toUpperCase() };
      },
    });
    const { model, calls } = scriptedModel([toolCall("lookup", { q: "abc" }), text("done")]);
    const agent = new Agent({ name: "Helper", instructions: "Be brief.", model, tools: { lookup } });
    const result = await agent.generate("find abc", { requestContext: new RequestContext({ user: "ada" }) });
    expect(result.text).toBe("done");
    expect(result.toolResults).toEqual([{ toolCallId: "call-1", toolName: "lookup", input: { q: "abc" }, output: { answer: "ABC" } }]);
    expect(seen).toEqual(["ada"]);
    expect(calls[0].prompt[0]).toEqual({ role: "system", content: "Be brief." });
    expect(calls).toHaveLength(2);
  });

  it("stops the loop at maxSteps", async () => {
    const noop = createTool({ id: "noop", description: "", execute: async () => ({}) });
    const { model, calls } = scriptedModel([toolCall("noop", {})]);
    const agent = new Agent({ name: "Loop", instructions: "", model, tools: { noop } });
    const result = await agent.generate("go", { maxSteps: 3 });
    expect(calls).toHaveLength(3);
    expect(result.steps).toHaveLength(3);
  });

  it("hands the abort signal to the model call", async () => {
    const { model, aborted } = scriptedModel(["waitForAbort"]);
    const agent = new Agent({ name: "Slow", instructions: "", model });
    const controller = new AbortController();
    const pending = agent.generate("hi", { abortSignal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 10);
    await expect(pending).rejects.toThrow();
    expect(aborted).toHaveLength(1);
  });

  it("streams text deltas", async () => {
    const agent = new Agent({ name: "S", instructions: "", model: scriptedModel([text("streamed")]).model });
    const parts: string[] = [];
    for await (const part of (await agent.stream(["hello"])).textStream) parts.push(part);
    expect(parts.join("")).toBe("streamed");
  });
});
