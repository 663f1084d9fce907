import { describe, expect, it } from "vitest";
import { createStep, createWorkflow } from "../../src/index.js";

const first = createStep({ id: "first", execute: async () => ({ v: 1 }) });
const second = createStep({ id: "second", execute: async ({ inputData }) => ({ got: inputData }) });

describe(".sleep(ms | fn)", () => {
  it("waits and passes the data on unchanged, recorded as a step", async () => {
    const wf = createWorkflow({ id: "nap" }).then(first).sleep(5).then(second).commit();
    const result = await (await wf.createRun()).start({ inputData: {} });
    expect(result).toMatchObject({ status: "success", result: { got: { v: 1 } }, steps: { sleep_1: { status: "success", output: { v: 1 } } } });
  });

  it("takes the duration from a function of the step context", async () => {
    const asked: unknown[] = [];
    const wf = createWorkflow({ id: "nap-fn" }).then(first).sleep(async ({ inputData }) => (asked.push(inputData), 1)).then(second).commit();
    expect(await (await wf.createRun()).start({ inputData: {} })).toMatchObject({ status: "success" });
    expect(asked).toEqual([{ v: 1 }]);
  });

  it("a 10-minute sleep is cut short by cancel at once: the run ends canceled, watchers see it, nothing runs after", async () => {
    const ran: string[] = [];
    const after = createStep({ id: "second", execute: async () => (ran.push("second"), { after: true }) });
    const wf = createWorkflow({ id: "long-nap" }).then(first).sleep(600_000).then(after).commit();
    const run = await wf.createRun();
    const events: string[] = [];
    run.watch((event) => events.push(event.payload.workflowState.status));
    const finished = run.start({ inputData: {} });
    await expect.poll(() => (wf.activeRuns.get(run.runId)?.snapshot.steps.sleep_1?.status)).toBe("running");
    await run.cancel();
    const result = await finished;
    expect(result).toMatchObject({ status: "canceled", steps: { first: { status: "success" } } });
    expect(result.steps).not.toHaveProperty("second");
    expect(ran).toEqual([]);
    expect(events.at(-1)).toBe("canceled");
    expect(wf.activeRuns.get(run.runId)).toBeUndefined();
    expect((await wf.getWorkflowRunById(run.runId))?.status).toBe("canceled");
  }, 30_000);

  it("is described as a sleep entry", () => {
    expect(createWorkflow({ id: "d" }).sleep(250).commit().stepGraph).toEqual([{ type: "sleep", id: "sleep_0", duration: 250 }]);
    expect(() => createWorkflow({ id: "d" }).sleep(-1)).toThrow(/duration in milliseconds/);
  });
});
