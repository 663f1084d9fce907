import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Mastra, RequestContext, createStep, createWorkflow } from "../../src/index.js";

const double = createStep({
  id: "double",
  inputSchema: z.object({ n: z.number() }),
  outputSchema: z.object({ n: z.number() }),
  execute: async ({ inputData }) => ({ n: inputData.n * 2 }),
});
const plusOne = createStep({ id: "plus-one", inputSchema: z.object({ n: z.number() }), outputSchema: z.number(), execute: async ({ inputData }) => inputData.n + 1 });
const square = createStep({ id: "square", inputSchema: z.object({ n: z.number() }), outputSchema: z.number(), execute: async ({ inputData }) => inputData.n ** 2 });
const sum = createStep({
  id: "sum",
  inputSchema: z.object({ "plus-one": z.number(), square: z.number() }),
  outputSchema: z.object({ total: z.number() }),
  execute: async ({ inputData, getStepResult }) => ({ total: inputData["plus-one"] + inputData.square + (getStepResult("double") as { n: number }).n * 0 }),
});

describe("workflows", () => {
  const workflow = createWorkflow({ id: "math", inputSchema: z.object({ n: z.number() }), outputSchema: z.object({ total: z.number() }) })
    .then(double)
    .parallel([plusOne, square])
    .then(sum)
    .commit();

  it("runs then → parallel → then and reports every step", async () => {
    const run = await workflow.createRun();
    const result = await run.start({ inputData: { n: 3 } });
    expect(result).toEqual({
      status: "success",
      input: { n: 3 },
      steps: {
        double: { status: "success", payload: { n: 3 }, output: { n: 6 }, startedAt: expect.any(Number), endedAt: expect.any(Number) },
        "plus-one": { status: "success", payload: { n: 6 }, output: 7, startedAt: expect.any(Number), endedAt: expect.any(Number) },
        square: { status: "success", payload: { n: 6 }, output: 36, startedAt: expect.any(Number), endedAt: expect.any(Number) },
        sum: { status: "success", payload: { "plus-one": 7, square: 36 }, output: { total: 43 }, startedAt: expect.any(Number), endedAt: expect.any(Number) },
      },
      result: { total: 43 },
    });
  });

  it("fails with the step's error and keeps earlier outputs", async () => {
    const boom = createStep({ id: "boom", execute: async () => { throw new Error("kaput"); } });
    const wf = createWorkflow({ id: "f" }).then(double).then(boom).commit();
    const result = await (await wf.createRun()).start({ inputData: { n: 1 } });
    expect(result).toMatchObject({ status: "failed", error: "kaput", steps: { double: { status: "success" }, boom: { status: "failed", error: "kaput" } } });
  });

  it("fails on invalid input without running a step", async () => {
    const result = await (await workflow.createRun()).start({ inputData: { n: "x" } });
    expect(result.status).toBe("failed");
    expect(result.steps).toEqual({});
    expect(result.status === "failed" && result.error).toMatch(/Invalid input for workflow "math": n:/);
  });

  it("gives steps the request context and abort signal", async () => {
    const seen: unknown[] = [];
    const probe = createStep({ id: "probe", execute: async ({ requestContext, abortSignal }) => { seen.push(requestContext.get("k"), abortSignal.aborted); return 1; } });
    const wf = createWorkflow({ id: "p" }).then(probe).commit();
    await (await wf.createRun()).start({ requestContext: new RequestContext({ k: "v" }) });
    expect(seen).toEqual(["v", false]);
  });

  it("stops at the next step once aborted", async () => {
    const controller = new AbortController();
    const first = createStep({ id: "first", execute: async () => { controller.abort(new Error("timed out")); return 1; } });
    let secondRan = false;
    const second = createStep({ id: "second", execute: async () => { secondRan = true; return 2; } });
    const wf = createWorkflow({ id: "a" }).then(first).then(second).commit();
    const result = await (await wf.createRun()).start({ abortSignal: controller.signal });
    expect(secondRan).toBe(false);
    expect(result).toMatchObject({ status: "failed", error: "timed out", steps: { second: { status: "failed" } } });
  });

  it("records runs in the Mastra instance's storage: created, then finished with the snapshot", async () => {
    const wf = createWorkflow({ id: "s" }).then(double).commit();
    const mastra = new Mastra({ workflows: { s: wf } });
    const storage = mastra.getStorage().workflows;
    const run = await wf.createRun({ runId: "r1", resourceId: "user-1" });
    expect(await storage.getRun("s", "r1")).toMatchObject({ status: "created", resourceId: "user-1", snapshot: { status: "created", steps: {} } });
    await run.start({ inputData: { n: 2 } });
    expect(await storage.getRun("s", "r1")).toMatchObject({
      status: "success",
      resourceId: "user-1",
      snapshot: { status: "success", input: { n: 2 }, result: { n: 4 }, steps: { double: { status: "success", output: { n: 4 } } } },
    });
    await new Promise((r) => setTimeout(r, 2)); // newest first is by createdAt, kept to the millisecond
    await (await wf.createRun({ runId: "r2" })).start({ inputData: { n: 1 } });
    expect((await storage.listRuns({ workflowName: "s" })).runs.map((r) => r.runId)).toEqual(["r2", "r1"]);
  });

  it("gives steps mastra, getInitData, getStepResult by step or id, and runtimeContext as requestContext", async () => {
    const seen: Record<string, unknown> = {};
    const probe = createStep({
      id: "probe",
      execute: async (ctx) => {
        Object.assign(seen, {
          mastra: ctx.mastra,
          init: ctx.getInitData(),
          byStep: ctx.getStepResult(double),
          byId: ctx.getStepResult("double"),
          missing: ctx.getStepResult("nope"),
          same: ctx.runtimeContext === ctx.requestContext,
          runId: ctx.runId,
          workflowId: ctx.workflowId,
        });
        return 0;
      },
    });
    const wf = createWorkflow({ id: "ctx" }).then(double).then(probe).commit();
    const mastra = new Mastra({ workflows: { ctx: wf } });
    const run = await wf.createRun({ runId: "ctx-1" });
    await run.start({ inputData: { n: 5 }, runtimeContext: new RequestContext({ k: 1 }) });
    expect(seen).toEqual({ mastra, init: { n: 5 }, byStep: { n: 10 }, byId: { n: 10 }, missing: undefined, same: true, runId: "ctx-1", workflowId: "ctx" });
  });

  it("refuses to start a run twice (409)", async () => {
    const wf = createWorkflow({ id: "twice" }).then(double).commit();
    const run = await wf.createRun();
    await run.start({ inputData: { n: 1 } });
    await expect(run.start({ inputData: { n: 1 } })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already started \(status: success\)/) });
  });

  it("describes its graph in Mastra's serialized step-flow shape", () => {
    expect(workflow.stepGraph).toEqual([
      { type: "step", step: { id: "double" } },
      { type: "parallel", steps: [{ type: "step", step: { id: "plus-one" } }, { type: "step", step: { id: "square" } }] },
      { type: "step", step: { id: "sum" } },
    ]);
  });

  it("refuses to build a workflow wrongly", () => {
    expect(() => createWorkflow({ id: "x" }).commit()).toThrow(/at least one step/);
    expect(() => createWorkflow({ id: "x" }).then(double).commit().then(double)).toThrow(/then\(\) after commit\(\)/);
    expect(() => createWorkflow({ id: "x" }).then({} as never)).toThrow(/createStep/);
  });
});
