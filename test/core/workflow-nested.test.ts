import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStep, createWorkflow, type WatchEvent } from "../../src/index.js";

const add = createStep({ id: "add", inputSchema: z.object({ n: z.number() }), execute: async ({ inputData }) => ({ n: inputData.n + 1 }) });
const times = createStep({ id: "times", inputSchema: z.object({ n: z.number() }), execute: async ({ inputData, getInitData }) => ({ n: inputData.n * 10, init: getInitData() }) });

describe("a workflow as a step of another", () => {
  const inner = createWorkflow({ id: "inner", inputSchema: z.object({ n: z.number() }), outputSchema: z.object({ n: z.number(), init: z.unknown() }) }).then(add).then(times).commit();

  it("runs the inner graph on the previous output and passes its result on", async () => {
    const outer = createWorkflow({ id: "outer" }).then(add).then(inner).commit();
    const result = await (await outer.createRun()).start({ inputData: { n: 1 } });
    expect(result).toMatchObject({ status: "success", result: { n: 30, init: { n: 2 } }, steps: { add: { output: { n: 2 } }, inner: { status: "success", output: { n: 30 } } } });
  });

  it("fails the outer run with the inner step's error", async () => {
    const boom = createStep({ id: "boom", execute: async () => { throw new Error("inner kaput"); } });
    const failing = createWorkflow({ id: "failing" }).then(boom).commit();
    const outer = createWorkflow({ id: "outer2" }).then(failing).commit();
    expect(await (await outer.createRun()).start({ inputData: {} })).toMatchObject({ status: "failed", error: "inner kaput", steps: { failing: { status: "failed" } } });
  });

  it("is described with component WORKFLOW and its own step flow; allSteps lists the inner steps", () => {
    const outer = createWorkflow({ id: "outer3" }).parallel([inner, add]).commit();
    expect(outer.stepGraph[0]).toMatchObject({
      type: "parallel",
      steps: [{ type: "step", step: { id: "inner", component: "WORKFLOW", serializedStepFlow: [{ type: "step", step: { id: "add" } }, { type: "step", step: { id: "times" } }] } }, { step: { id: "add" } }],
    });
    expect(Object.keys(outer.steps)).toEqual(["inner", "add"]);
    expect(Object.keys(outer.allSteps)).toEqual(["inner", "add", "times"]);
  });

  it("records the inner steps as `nestedId.stepId` in the run and its watch events, apart from an outer step of the same id", async () => {
    const outer = createWorkflow({ id: "outer4" }).then(add).then(inner).commit();
    const run = await outer.createRun();
    const events: WatchEvent[] = [];
    run.watch((e) => events.push(e));
    const result = await run.start({ inputData: { n: 1 } });
    expect(result.steps).toMatchObject({
      add: { status: "success", output: { n: 2 } },
      "inner.add": { status: "success", payload: { n: 2 }, output: { n: 3 } },
      "inner.times": { status: "success", output: { n: 30 } },
      inner: { status: "success", output: { n: 30 } },
    });
    expect(events.flatMap((e) => (e.payload.currentStep ? [`${e.payload.currentStep.id}:${e.payload.currentStep.status}`] : []))).toEqual([
      "add:running",
      "add:success",
      "inner:running",
      "inner.add:running",
      "inner.add:success",
      "inner.times:running",
      "inner.times:success",
      "inner:success",
    ]);
  });

  it("a nested workflow run per foreach item does not record its inner steps (items are not recorded one by one)", async () => {
    const outer = createWorkflow({ id: "outer5" }).foreach(inner).commit();
    const result = await (await outer.createRun()).start({ inputData: [{ n: 1 }, { n: 2 }] });
    expect(result).toMatchObject({ status: "success", result: [{ n: 20 }, { n: 30 }] });
    expect(Object.keys(result.steps)).toEqual(["inner"]);
  });
});
