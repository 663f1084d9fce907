import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Mastra, ValidationError, createStep, createWorkflow, type WatchEvent } from "../../src/index.js";

/**
 * Each "instance" builds its own workflow objects from the same code, as two servers would; they
 * share only the store. A resume on the second proves the run is rebuilt from the snapshot alone.
 */
function approvalApp(storage?: Mastra["getStorage"] extends () => infer S ? S : never) {
  const calls = { prepare: 0, approve: 0 };
  const prepare = createStep({ id: "prepare", inputSchema: z.object({ amount: z.number() }), execute: async ({ inputData }) => (calls.prepare++, { amount: inputData.amount }) });
  const approve = createStep({
    id: "approve",
    inputSchema: z.object({ amount: z.number() }),
    suspendSchema: z.object({ reason: z.string() }),
    resumeSchema: z.object({ approved: z.boolean(), by: z.string().optional() }),
    execute: async ({ inputData, resumeData, suspend }) => {
      calls.approve++;
      if (!resumeData) return suspend({ reason: `amount ${inputData.amount} needs approval` });
      return { approved: resumeData.approved, by: resumeData.by ?? "?", amount: inputData.amount };
    },
  });
  const finish = createStep({ id: "finish", execute: async ({ inputData, getStepResult, getInitData }) => ({ ...(inputData as object), prepared: getStepResult(prepare), init: getInitData() }) });
  const workflow = createWorkflow({ id: "approval", inputSchema: z.object({ amount: z.number() }) }).then(prepare).then(approve).then(finish).commit();
  const mastra = new Mastra({ workflows: { approval: workflow }, ...(storage ? { storage } : {}) });
  return { mastra, workflow, calls };
}

describe("suspend and resume", () => {
  it("suspends with the step's payload, saves the run, and resumes on another instance from the store", async () => {
    const a = approvalApp();
    const run = await a.workflow.createRun({ runId: "r-1" });
    const suspended = await run.start({ inputData: { amount: 500 } });
    expect(suspended).toMatchObject({
      status: "suspended",
      suspended: [["approve"]],
      suspendPayload: { reason: "amount 500 needs approval" },
      steps: { prepare: { status: "success" }, approve: { status: "suspended", payload: { amount: 500 }, suspendPayload: { reason: "amount 500 needs approval" } } },
    });
    expect(suspended.steps).not.toHaveProperty("finish");
    expect(await a.mastra.getStorage().workflows.getRun("approval", "r-1")).toMatchObject({ status: "suspended", snapshot: { status: "suspended", suspended: [["approve"]] } });

    const b = approvalApp(a.mastra.getStorage());
    const resumed = await b.workflow.openRun("r-1").resume({ step: "approve", resumeData: { approved: true, by: "ana" } });
    expect(resumed).toMatchObject({
      status: "success",
      result: { approved: true, by: "ana", amount: 500, prepared: { amount: 500 }, init: { amount: 500 } },
      steps: { approve: { status: "success", resumeData: { approved: true, by: "ana" }, suspendPayload: { reason: "amount 500 needs approval" } } },
    });
    expect(b.calls).toEqual({ prepare: 0, approve: 1 });
    expect((await a.workflow.getWorkflowRunById("r-1"))?.status).toBe("success");
  });

  it("takes the step as a step object, or none when one step is suspended", async () => {
    const { workflow } = approvalApp();
    for (const step of [workflow.steps.approve, undefined]) {
      const run = await workflow.createRun();
      await run.start({ inputData: { amount: 1 } });
      expect(await run.resume({ step: step as never, resumeData: { approved: false } })).toMatchObject({ status: "success", result: { approved: false } });
    }
  });

  it("answers bad resumes with 400 (wrong resumeData, unknown step), 404 (unknown run) and 409 (not suspended); the run stays suspended", async () => {
    const { workflow } = approvalApp();
    const run = await workflow.createRun({ runId: "bad" });
    await run.start({ inputData: { amount: 1 } });
    const wrong = await run.resume({ step: "approve", resumeData: { approved: "yes" } }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong).toMatchObject({ status: 400, issues: [{ path: "approved" }] });
    await expect(run.resume({ step: "nope", resumeData: { approved: true } })).rejects.toMatchObject({ status: 400, message: 'Step "nope" is not suspended in run "bad" (suspended: approve)' });
    expect((await workflow.getWorkflowRunById("bad"))?.status).toBe("suspended");
    await expect(workflow.openRun("ghost").resume({ resumeData: {} })).rejects.toMatchObject({ status: 404 });
    await run.resume({ resumeData: { approved: true } });
    await expect(run.resume({ resumeData: { approved: true } })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/is success, not suspended/) });
  });

  it("fails the step when the suspend payload breaks suspendSchema", async () => {
    const step = createStep({ id: "s", suspendSchema: z.object({ reason: z.string() }), execute: async ({ suspend }) => suspend({ reason: 1 } as never) });
    const wf = createWorkflow({ id: "bad-suspend" }).then(step).commit();
    expect(await (await wf.createRun()).start({ inputData: {} })).toMatchObject({ status: "failed", error: expect.stringMatching(/suspend payload of step "s"/) });
  });

  it("in parallel: the run stays suspended until every suspended step is resumed; finished steps do not run again", async () => {
    let plainRuns = 0;
    const ask = (id: string) => createStep({ id, execute: async ({ resumeData, suspend }) => (resumeData ? `${id}: ${resumeData}` : suspend({ ask: id })) });
    const plain = createStep({ id: "plain", execute: async () => (plainRuns++, "plain") });
    const wf = createWorkflow({ id: "par" }).parallel([ask("left"), plain, ask("right")]).commit();
    const run = await wf.createRun();
    expect(await run.start({ inputData: {} })).toMatchObject({ status: "suspended", suspended: [["left"], ["right"]] });
    await expect(run.resume({ resumeData: "x" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/2 suspended steps \(left, right\)/) });
    expect(await run.resume({ step: "right", resumeData: "r" })).toMatchObject({ status: "suspended", suspended: [["left"]], steps: { right: { status: "success" } } });
    expect(await run.resume({ step: "left", resumeData: "l" })).toMatchObject({ status: "success", result: { left: "left: l", plain: "plain", right: "right: r" } });
    expect(plainRuns).toBe(1);
  });

  it("inside a loop: each iteration can suspend, and the loop goes on after each resume", async () => {
    const review = createStep({
      id: "review",
      execute: async ({ inputData, resumeData, suspend }) => {
        const draft = inputData as { version: number };
        if (!resumeData) return suspend({ version: draft.version });
        return { version: draft.version + 1, ok: (resumeData as { ok: boolean }).ok };
      },
    });
    const wf = createWorkflow({ id: "loop-suspend" }).dountil(review, async ({ inputData }) => inputData.ok).commit();
    const run = await wf.createRun();
    expect(await run.start({ inputData: { version: 1 } })).toMatchObject({ status: "suspended", suspendPayload: { version: 1 } });
    expect(await run.resume({ resumeData: { ok: false } })).toMatchObject({ status: "suspended", suspendPayload: { version: 2 } });
    expect(await run.resume({ resumeData: { ok: true } })).toMatchObject({ status: "success", result: { version: 3, ok: true } });
  });

  it("inside foreach: suspended items are resumed, finished items keep their output", async () => {
    const calls: number[] = [];
    const item = createStep({
      id: "item",
      execute: async ({ inputData, resumeData, suspend }) => {
        const n = inputData as number;
        calls.push(n);
        if (n % 2 === 1 && resumeData === undefined) return suspend({ n });
        return n * 10 + ((resumeData as number) ?? 0);
      },
    });
    const wf = createWorkflow({ id: "each-suspend" }).foreach(item, { concurrency: 2 }).commit();
    const run = await wf.createRun();
    expect(await run.start({ inputData: [0, 1, 2, 3] })).toMatchObject({ status: "suspended", suspended: [["item"]], steps: { item: { status: "suspended" } } });
    expect(await run.resume({ resumeData: 5 })).toMatchObject({ status: "success", result: [0, 15, 20, 35] });
    expect(calls.sort()).toEqual([0, 1, 1, 2, 3, 3]);
  });

  it("inside a nested workflow: the path names both, and a resume by step id finds it", async () => {
    const inner = createWorkflow({ id: "inner" }).then(approvalApp().workflow.steps.approve as never).commit();
    const outer = createWorkflow({ id: "outer" }).then(inner).commit();
    const run = await outer.createRun();
    expect(await run.start({ inputData: { amount: 9 } })).toMatchObject({ status: "suspended", suspended: [["inner", "approve"]], steps: { inner: { status: "suspended" } } });
    await expect(run.resume({ step: ["inner", "approve"], resumeData: { approved: 1 } })).rejects.toMatchObject({ status: 400 });
    expect(await run.resume({ step: "approve", resumeData: { approved: true } })).toMatchObject({ status: "success", result: { approved: true, amount: 9 } });
  });

  it("cancel: a suspended run becomes canceled and cannot be resumed; a finished one answers 409", async () => {
    const { workflow } = approvalApp();
    const run = await workflow.createRun();
    await run.start({ inputData: { amount: 1 } });
    await run.cancel();
    expect((await workflow.getWorkflowRunById(run.runId))?.status).toBe("canceled");
    await expect(run.resume({ resumeData: { approved: true } })).rejects.toMatchObject({ status: 409 });
    await expect(run.cancel()).rejects.toMatchObject({ status: 409 });
    await expect(workflow.openRun("ghost").cancel()).rejects.toMatchObject({ status: 404 });
  });

  it("cancel of a running run aborts its step", async () => {
    const wait = createStep({ id: "wait", execute: ({ abortSignal }) => new Promise((_, reject) => abortSignal.addEventListener("abort", () => reject(abortSignal.reason))) });
    const wf = createWorkflow({ id: "hang" }).then(wait).commit();
    const run = await wf.createRun();
    const events: WatchEvent[] = [];
    run.watch((e) => events.push(e));
    const finished = run.start({ inputData: {} });
    await new Promise((r) => setTimeout(r, 10));
    await run.cancel();
    expect(await finished).toMatchObject({ status: "canceled", steps: { wait: { status: "failed", error: expect.stringMatching(/canceled/) } } });
    expect(events.map((e) => [e.payload.currentStep?.id, e.payload.workflowState.status])).toEqual([
      [undefined, "running"],
      ["wait", "running"],
      ["wait", "running"],
      [undefined, "canceled"],
    ]);
  });
});
