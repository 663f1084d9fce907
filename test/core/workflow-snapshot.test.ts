import { describe, expect, it } from "vitest";
import { Mastra, createStep, createWorkflow } from "../../src/index.js";
import type { MastraStorage, WorkflowRun } from "../../src/core/storage/types.js";

/** The app's store, with every write also noted: what a killed process would leave behind is the last one. */
function notingStore() {
  const base = new Mastra().getStorage();
  const writes: { status: string; steps: Record<string, string> }[] = [];
  const note = (run: WorkflowRun) => writes.push({ status: run.status, steps: Object.fromEntries(Object.entries(run.snapshot.steps).map(([id, s]) => [id, s.status])) });
  const storage: MastraStorage = {
    name: base.name,
    memory: base.memory,
    init: () => base.init(),
    close: () => base.close(),
    workflows: {
      persistRun: (run: WorkflowRun) => {
        note(run);
        return base.workflows.persistRun(run);
      },
      persistRunIf: async (run: WorkflowRun, expected) => {
        const written = await base.workflows.persistRunIf(run, expected);
        if (written) note(run);
        return written;
      },
      getRun: (w, r) => base.workflows.getRun(w, r),
      listRuns: (f) => base.workflows.listRuns(f),
      deleteRun: (w, r) => base.workflows.deleteRun(w, r),
    },
  };
  return { storage, writes };
}

describe("a run's snapshot is written when created, after every step and at the end", () => {
  it("a step that hangs leaves the run readable with the finished steps and status running", async () => {
    let release!: () => void;
    const one = createStep({ id: "one", execute: async () => 1 });
    const two = createStep({ id: "two", execute: async () => 2 });
    const hang = createStep({ id: "hang", execute: () => new Promise<number>((resolve) => (release = () => resolve(3))) });
    const wf = createWorkflow({ id: "hangs" }).then(one).parallel([two, hang]).commit();
    const { storage, writes } = notingStore();
    new Mastra({ workflows: { hangs: wf }, storage });

    const run = await wf.createRun({ runId: "h1" });
    const finished = run.start({ inputData: {} });
    await expect.poll(() => writes.some((w) => w.steps.two === "success")).toBe(true);

    // What a SIGKILL now would leave: the finished steps, and a status that is not success.
    const stored = await storage.workflows.getRun("hangs", "h1");
    expect(stored).toMatchObject({
      status: "running",
      snapshot: { status: "running", input: {}, steps: { one: { status: "success", output: 1 }, two: { status: "success", output: 2 }, hang: { status: "running" } } },
    });

    release();
    expect(await finished).toMatchObject({ status: "success", result: { two: 2, hang: 3 } });
    expect(writes).toEqual([
      { status: "created", steps: {} },
      { status: "running", steps: {} },
      { status: "running", steps: { one: "success" } },
      { status: "running", steps: { one: "success", two: "success", hang: "running" } },
      { status: "running", steps: { one: "success", two: "success", hang: "success" } },
      { status: "success", steps: { one: "success", two: "success", hang: "success" } },
    ]);
  });

  it("a failing step is saved as failed with its error", async () => {
    const boom = createStep({ id: "boom", execute: async () => { throw new Error("kaput"); } });
    const wf = createWorkflow({ id: "fails" }).then(boom).commit();
    const { storage, writes } = notingStore();
    new Mastra({ workflows: { fails: wf }, storage });
    await (await wf.createRun({ runId: "f1" })).start({ inputData: {} });
    expect(writes.map((w) => w.status)).toEqual(["created", "running", "running", "failed"]);
    expect(await storage.workflows.getRun("fails", "f1")).toMatchObject({ status: "failed", snapshot: { error: "kaput", steps: { boom: { status: "failed", error: "kaput" } } } });
  });
});
