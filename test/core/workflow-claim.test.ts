// Instances sharing a store race for the same run: both read it suspended, both try to resume.
// The engine claims a run with the store's compare-and-set, so exactly one continues it and the
// other answers 409; a run canceled on another instance stops at its next step instead of
// writing over the cancel. Reads are held here until both instances have read, so the race is
// certain, not left to timing (test/stores/instances.test.ts runs it over HTTP on real databases).
import { describe, expect, it } from "vitest";
import { HttpError, InMemoryStore, Mastra, createStep, createWorkflow } from "../../src/index.js";
import type { MastraStorage } from "../../src/core/storage/types.js";
import { approvalWorkflow } from "../helpers/approval-workflow.js";

/** `base` with its workflows' `getRun` replaced: how a test holds an instance's reads back. */
function withGetRun(base: MastraStorage, getRun: MastraStorage["workflows"]["getRun"]): MastraStorage {
  return {
    name: base.name,
    memory: base.memory,
    init: () => base.init(),
    close: () => base.close(),
    workflows: {
      persistRun: (run) => base.workflows.persistRun(run),
      persistRunIf: (run, expected) => base.workflows.persistRunIf(run, expected),
      getRun,
      listRuns: (f) => base.workflows.listRuns(f),
      deleteRun: (w, r) => base.workflows.deleteRun(w, r),
    },
  };
}

/** One store; reading a suspended run answers only once `readers` calls are waiting, so every reader sees the same version. */
function barrierStore(readers: number): MastraStorage {
  const base = new InMemoryStore();
  const waiting: (() => void)[] = [];
  return withGetRun(base, async (w, r) => {
    const run = await base.workflows.getRun(w, r);
    if (run?.status === "suspended") {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === readers) for (const go of waiting.splice(0)) go();
      });
    }
    return run;
  });
}

describe("claiming a run on a shared store", () => {
  it("two instances resuming the same suspended run: one finishes it, the other gets 409", async () => {
    const a = approvalWorkflow();
    const b = approvalWorkflow();
    const storage = new InMemoryStore();
    new Mastra({ workflows: { approval: a.workflow }, storage });
    expect(await (await a.workflow.createRun({ runId: "r" })).start({ inputData: { amount: 7 } })).toMatchObject({ status: "suspended" });

    const raced = barrierStore(2);
    await raced.workflows.persistRun((await storage.workflows.getRun("approval", "r"))!);
    new Mastra({ workflows: { approval: a.workflow }, storage: raced });
    new Mastra({ workflows: { approval: b.workflow }, storage: raced });
    a.calls.approve = b.calls.approve = 0;
    const outcomes = await Promise.allSettled([
      a.workflow.openRun("r").resume({ resumeData: { approved: true } }),
      b.workflow.openRun("r").resume({ resumeData: { approved: false } }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(HttpError);
    expect(lost[0]!.reason).toMatchObject({ status: 409, message: expect.stringMatching(/resumed by another request/) });
    // The loser ran nothing: the approve step executed once in all.
    expect(a.calls.approve + b.calls.approve).toBe(1);
    const approved = outcomes[0]!.status === "fulfilled";
    expect(await raced.workflows.getRun("approval", "r")).toMatchObject({ status: "success", snapshot: { result: { done: true, approved } } });
  });

  it("create-run on one instance never sets back a run another instance has started meanwhile", async () => {
    const storage = new InMemoryStore();
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (opened = resolve));
    // The second instance's reads answer late: what it read is stale by the time it acts on it.
    const late = withGetRun(storage, async (w, r) => {
      const run = await storage.workflows.getRun(w, r);
      await gate;
      return run;
    });
    const a = approvalWorkflow();
    const b = approvalWorkflow();
    new Mastra({ workflows: { approval: a.workflow }, storage });
    new Mastra({ workflows: { approval: b.workflow }, storage: late });
    const created = b.workflow.createRun({ runId: "c" });
    expect(await (await a.workflow.createRun({ runId: "c" })).start({ inputData: { amount: 1 } })).toMatchObject({ status: "suspended" });
    opened();
    await created;
    expect(await storage.workflows.getRun("approval", "c")).toMatchObject({ status: "suspended" });
  });

  it("a run canceled on another instance stops at its next step and stays canceled", async () => {
    const storage = new InMemoryStore();
    let release!: () => void;
    const ran: string[] = [];
    const build = () => {
      const wait = createStep({ id: "wait", execute: () => new Promise((resolve) => (release = () => resolve({ ok: true }))) });
      const after = createStep({ id: "after", execute: async () => (ran.push("after"), { after: true }) });
      const workflow = createWorkflow({ id: "long" }).then(wait).then(after).commit();
      new Mastra({ workflows: { long: workflow }, storage });
      return workflow;
    };
    const here = build();
    const elsewhere = build();
    const finished = (await here.createRun({ runId: "l" })).start({ inputData: {} });
    await expect.poll(async () => (await storage.workflows.getRun("long", "l"))?.status).toBe("running");
    // Not executing on `elsewhere`: it marks the stored run canceled.
    await elsewhere.openRun("l").cancel();
    release();
    expect(await finished).toMatchObject({ status: "canceled" });
    expect(ran).toEqual([]);
    expect(await storage.workflows.getRun("long", "l")).toMatchObject({ status: "canceled" });
  });

  // Nothing saves while a run sleeps or a step waits, so only the engine's re-read of the stored
  // status (every CANCEL_POLL_MS) can see these cancels; the 60 s bounds only prove "not the 10 minutes".
  it("a run asleep for 10 minutes, canceled on another instance, ends canceled without writing over the cancel", async () => {
    const storage = new InMemoryStore();
    const ran: string[] = [];
    const build = () => {
      const first = createStep({ id: "first", execute: async () => ({ ok: true }) });
      const after = createStep({ id: "after", execute: async () => (ran.push("after"), { after: true }) });
      const workflow = createWorkflow({ id: "nap" }).then(first).sleep(600_000).then(after).commit();
      new Mastra({ workflows: { nap: workflow }, storage });
      return workflow;
    };
    const here = build();
    const elsewhere = build();
    const run = await here.createRun({ runId: "n" });
    const events: string[] = [];
    run.watch((event) => events.push(event.payload.workflowState.status));
    const finished = run.start({ inputData: {} });
    await expect.poll(async () => (await storage.workflows.getRun("nap", "n"))?.snapshot.steps.first?.status).toBe("success");
    await elsewhere.openRun("n").cancel();
    const canceled = await storage.workflows.getRun("nap", "n");
    expect(canceled).toMatchObject({ status: "canceled" });

    expect(await finished).toMatchObject({ status: "canceled", steps: { first: { status: "success" } } });
    expect(here.activeRuns.get("n")).toBeUndefined();
    expect(events.at(-1)).toBe("canceled");
    expect(ran).toEqual([]);
    // What the other instance wrote is what stays: this one saved nothing after the cancel.
    expect(await storage.workflows.getRun("nap", "n")).toEqual(canceled);
  }, 60_000);

  it("a step waiting on its abortSignal sees a cancel made on another instance", async () => {
    const storage = new InMemoryStore();
    const reasons: unknown[] = [];
    const build = () => {
      const wait = createStep({
        id: "wait",
        execute: ({ abortSignal }) => new Promise((_resolve, reject) => abortSignal.addEventListener("abort", () => (reasons.push(abortSignal.reason), reject(abortSignal.reason)))),
      });
      const workflow = createWorkflow({ id: "hold" }).then(wait).commit();
      new Mastra({ workflows: { hold: workflow }, storage });
      return workflow;
    };
    const here = build();
    const elsewhere = build();
    const finished = (await here.createRun({ runId: "h" })).start({ inputData: {} });
    await expect.poll(async () => (await storage.workflows.getRun("hold", "h"))?.status).toBe("running");
    await elsewhere.openRun("h").cancel();
    expect(await finished).toMatchObject({ status: "canceled" });
    expect(reasons).toHaveLength(1);
    expect(String(reasons[0])).toMatch(/canceled by another request/);
    expect(await storage.workflows.getRun("hold", "h")).toMatchObject({ status: "canceled" });
  }, 60_000);
});
