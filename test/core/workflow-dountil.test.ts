import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStep, createWorkflow } from "../../src/index.js";

const double = createStep({ id: "double", execute: async ({ inputData }) => ({ value: (inputData as { value: number }).value * 2 }) });
const report = createStep({ id: "report", execute: async ({ inputData, getStepResult }) => ({ final: (inputData as { value: number }).value, seen: getStepResult(double) }) });

describe(".dountil(step, condition)", () => {
  it("runs the step until the condition holds, then the next step gets the last output", async () => {
    const wf = createWorkflow({ id: "until", inputSchema: z.object({ value: z.number() }) })
      .dountil(double, async ({ inputData }) => inputData.value >= 100)
      .then(report)
      .commit();
    const result = await (await wf.createRun()).start({ inputData: { value: 3 } });
    expect(result).toMatchObject({ status: "success", result: { final: 192, seen: { value: 192 } } });
  });

  it("stops when the run is canceled between iterations", async () => {
    let iterations = 0;
    const spin = createStep({ id: "spin", execute: async () => (iterations++, { value: 0 }) });
    const wf = createWorkflow({ id: "forever" }).dountil(spin, async () => false).commit();
    const run = await wf.createRun();
    const finished = run.start({ inputData: {} });
    await new Promise((r) => setTimeout(r, 20));
    await run.cancel();
    expect(await finished).toMatchObject({ status: "canceled" });
    expect(iterations).toBeGreaterThan(0);
  });

  it("is described as a loop entry of type dountil", () => {
    const wf = createWorkflow({ id: "d" }).dountil(double, async () => true).commit();
    expect(wf.stepGraph[0]).toMatchObject({ type: "loop", loopType: "dountil", step: { id: "double" } });
  });
});
