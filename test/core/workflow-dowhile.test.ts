import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStep, createWorkflow } from "../../src/index.js";

const increment = createStep({
  id: "increment",
  inputSchema: z.object({ value: z.number() }),
  outputSchema: z.object({ value: z.number() }),
  execute: async ({ inputData }) => ({ value: inputData.value + 1 }),
});

describe(".dowhile(step, condition)", () => {
  it("runs the step, then again on its own output while the condition holds", async () => {
    const counts: number[] = [];
    const wf = createWorkflow({ id: "while", inputSchema: z.object({ value: z.number() }) })
      .dowhile(increment, async ({ inputData, iterationCount }) => (counts.push(iterationCount), inputData.value < 5))
      .commit();
    const result = await (await wf.createRun()).start({ inputData: { value: 0 } });
    expect(result).toMatchObject({ status: "success", result: { value: 5 }, steps: { increment: { status: "success", payload: { value: 4 }, output: { value: 5 } } } });
    expect(counts).toEqual([1, 2, 3, 4, 5]);
  });

  it("runs the step once even when the condition is false from the start", async () => {
    const wf = createWorkflow({ id: "once" }).dowhile(increment, async () => false).commit();
    expect(await (await wf.createRun()).start({ inputData: { value: 10 } })).toMatchObject({ status: "success", result: { value: 11 } });
  });

  it("is described as a loop entry", () => {
    const wf = createWorkflow({ id: "d" }).dowhile(increment, async ({ inputData }) => inputData.value < 3).commit();
    expect(wf.stepGraph).toEqual([
      { type: "loop", loopType: "dowhile", step: { id: "increment" }, serializedCondition: { id: "increment-condition", fn: expect.stringContaining("inputData.value < 3") } },
    ]);
  });

  it("needs a condition function", () => {
    expect(() => createWorkflow({ id: "x" }).dowhile(increment, undefined as never)).toThrow(/dowhile\(\) needs a condition function/);
  });
});
