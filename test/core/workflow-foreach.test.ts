import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStep, createWorkflow } from "../../src/index.js";

const toList = createStep({ id: "to-list", execute: async ({ inputData }) => Array.from({ length: (inputData as { n: number }).n }, (_, i) => ({ i })) });

describe(".foreach(step, { concurrency })", () => {
  it("runs the step per item and gives the outputs in item order", async () => {
    const square = createStep({ id: "square", inputSchema: z.object({ i: z.number() }), execute: async ({ inputData }) => inputData.i ** 2 });
    const wf = createWorkflow({ id: "each" }).then(toList).foreach(square).commit();
    const result = await (await wf.createRun()).start({ inputData: { n: 4 } });
    expect(result).toMatchObject({ status: "success", result: [0, 1, 4, 9], steps: { square: { status: "success", output: [0, 1, 4, 9] } } });
  });

  it("keeps at most `concurrency` items in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = createStep({
      id: "slow",
      execute: async ({ inputData }) => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return (inputData as { i: number }).i;
      },
    });
    const wf = createWorkflow({ id: "conc" }).then(toList).foreach(slow, { concurrency: 3 }).commit();
    expect(await (await wf.createRun()).start({ inputData: { n: 10 } })).toMatchObject({ status: "success", result: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(peak).toBe(3);
    peak = 0;
    const serial = createWorkflow({ id: "serial" }).then(toList).foreach(slow).commit();
    await (await serial.createRun()).start({ inputData: { n: 4 } });
    expect(peak).toBe(1);
  });

  it("fails with the item's error, and names a non-array input", async () => {
    const picky = createStep({ id: "picky", execute: async ({ inputData }) => { if ((inputData as { i: number }).i === 2) throw new Error("item 2 is bad"); return 1; } });
    const wf = createWorkflow({ id: "bad-item" }).then(toList).foreach(picky).commit();
    expect(await (await wf.createRun()).start({ inputData: { n: 3 } })).toMatchObject({ status: "failed", error: "item 2 is bad", steps: { picky: { status: "failed" } } });
    const notArray = createWorkflow({ id: "not-array" }).foreach(picky).commit();
    expect(await (await notArray.createRun()).start({ inputData: { i: 1 } })).toMatchObject({ status: "failed", error: 'foreach step "picky" needs an array as input, got object' });
  });

  it("is described with its concurrency, and refuses a bad one", () => {
    const step = createStep({ id: "s", execute: async () => 1 });
    expect(createWorkflow({ id: "d" }).foreach(step, { concurrency: 2 }).commit().stepGraph).toEqual([{ type: "foreach", step: { id: "s" }, opts: { concurrency: 2 } }]);
    expect(() => createWorkflow({ id: "d" }).foreach(step, { concurrency: 0 })).toThrow(/concurrency must be a positive integer/);
  });
});
