import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InMemoryStore, RequestContext, createStep, createWorkflow } from "../../src/index.js";

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
        double: { status: "success", output: { n: 6 } },
        "plus-one": { status: "success", output: 7 },
        square: { status: "success", output: 36 },
        sum: { status: "success", output: { total: 43 } },
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

  it("records runs in its storage: created, then finished with the result", async () => {
    const storage = new InMemoryStore();
    const wf = createWorkflow({ id: "s" }).then(double).commit();
    wf.useStorage(storage);
    const run = await wf.createRun({ runId: "r1" });
    expect((await storage.workflows.getRun("s", "r1"))?.status).toBe("created");
    await run.start({ inputData: { n: 2 } });
    const record = await storage.workflows.getRun("s", "r1");
    expect(record).toMatchObject({ status: "success", snapshot: { status: "success", result: { n: 4 } } });
    await new Promise((r) => setTimeout(r, 2)); // createdAt has millisecond precision
    await (await wf.createRun({ runId: "r2" })).start({ inputData: { n: 1 } });
    expect((await storage.workflows.listRuns({ workflowName: "s" })).runs.map((r) => r.runId)).toEqual(["r2", "r1"]);
    expect(await storage.workflows.listRuns({ workflowName: "s", limit: 1, offset: 1 })).toMatchObject({ total: 2, runs: [{ runId: "r1" }] });
  });

  it("bounds the in-memory store", async () => {
    const storage = new InMemoryStore({ maxRunsPerWorkflow: 2 });
    for (const [i, id] of ["a", "b", "c"].entries()) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      await storage.workflows.persistRun({ workflowName: "w", runId: id, status: "created", snapshot: { status: "created", steps: {} }, createdAt: at, updatedAt: at });
    }
    expect((await storage.workflows.listRuns({ workflowName: "w" })).runs.map((r) => r.runId)).toEqual(["c", "b"]);
  });

  it("refuses to build a workflow wrongly", () => {
    expect(() => createWorkflow({ id: "x" }).commit()).toThrow(/at least one step/);
    expect(() => createWorkflow({ id: "x" }).then(double).commit().then(double)).toThrow(/then\(\) after commit\(\)/);
    expect(() => createWorkflow({ id: "x" }).then({} as never)).toThrow(/createStep/);
  });
});
