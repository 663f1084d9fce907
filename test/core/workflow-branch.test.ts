import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createStep, createWorkflow } from "../../src/index.js";

const classify = createStep({ id: "classify", inputSchema: z.object({ n: z.number() }), execute: async ({ inputData }) => ({ n: inputData.n }) });
const small = createStep({ id: "small", execute: async ({ inputData }) => `small ${(inputData as { n: number }).n}` });
const even = createStep({ id: "even", execute: async ({ inputData }) => `even ${(inputData as { n: number }).n}` });
const large = createStep({ id: "large", execute: async () => "large" });
const after = createStep({ id: "after", execute: async ({ inputData }) => ({ got: inputData }) });

function build(seen: unknown[] = []) {
  return createWorkflow({ id: "branchy", inputSchema: z.object({ n: z.number() }) })
    .then(classify)
    .branch([
      [async ({ inputData, getInitData, getStepResult }) => (seen.push([inputData, getInitData(), getStepResult(classify)]), inputData.n < 10), small],
      [async ({ inputData }) => inputData.n % 2 === 0, even],
      [async ({ inputData }) => inputData.n >= 10, large],
    ])
    .then(after)
    .commit();
}

describe(".branch([[condition, step], …])", () => {
  it("runs every step whose condition holds; the next step gets { [stepId]: output } of those", async () => {
    const seen: unknown[] = [];
    const result = await (await build(seen).createRun()).start({ inputData: { n: 4 } });
    expect(result).toMatchObject({ status: "success", result: { got: { small: "small 4", even: "even 4" } } });
    expect(Object.keys(result.steps)).toEqual(["classify", "small", "even", "after"]);
    expect(seen).toEqual([[{ n: 4 }, { n: 4 }, { n: 4 }]]);
  });

  it("skips the others: with n = 11 only `large` runs", async () => {
    const result = await (await build().createRun()).start({ inputData: { n: 11 } });
    expect(result).toMatchObject({ status: "success", result: { got: { large: "large" } } });
    expect(result.steps).not.toHaveProperty("small");
  });

  it("with no condition holding, the next step receives {}", async () => {
    const wf = createWorkflow({ id: "none" }).branch([[async () => false, small]]).then(after).commit();
    expect(await (await wf.createRun()).start({ inputData: 1 })).toMatchObject({ status: "success", result: { got: {} } });
  });

  it("a condition that throws fails the run with its message", async () => {
    const wf = createWorkflow({ id: "throws" }).branch([[async () => { throw new Error("bad condition"); }, small]]).commit();
    expect(await (await wf.createRun()).start({ inputData: 1 })).toMatchObject({ status: "failed", error: "bad condition" });
  });

  it("is described as a conditional entry with its conditions", () => {
    const [, entry] = build().stepGraph;
    expect(entry).toMatchObject({ type: "conditional", steps: [{ type: "step", step: { id: "small" } }, { step: { id: "even" } }, { step: { id: "large" } }] });
    expect(entry.type === "conditional" && entry.serializedConditions.map((c) => c.id)).toEqual(["small-condition", "even-condition", "large-condition"]);
    expect(entry.type === "conditional" && entry.serializedConditions[0].fn).toMatch(/inputData\.n < 10/);
  });

  it("refuses a malformed branch list", () => {
    expect(() => createWorkflow({ id: "x" }).branch([] as never)).toThrow(/non-empty array of \[condition, step\] pairs/);
    expect(() => createWorkflow({ id: "x" }).branch([[small, small]] as never)).toThrow(/\[condition, step\]/);
  });
});
