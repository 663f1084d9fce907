import { describe, expect, it } from "vitest";
import { InMemoryStore, Mastra, MastraConfigError, createStep, createWorkflow } from "../../src/index.js";
import { InMemoryStore as FromStorageEntry, isMastraStorage } from "../../src/core/storage/index.js";

describe("new Mastra({ storage })", () => {
  const step = createStep({ id: "one", execute: async ({ inputData }) => ({ got: inputData }) });

  it("hands the store to every workflow and returns it from getStorage()", async () => {
    const storage = new InMemoryStore();
    const wf = createWorkflow({ id: "wf" }).then(step).commit();
    const mastra = new Mastra({ storage, workflows: { wf } });
    expect(mastra.getStorage()).toBe(storage);
    await (await wf.createRun({ runId: "r1" })).start({ inputData: 7 });
    expect(await storage.workflows.getRun("wf", "r1")).toMatchObject({ workflowName: "wf", status: "success", snapshot: { input: 7, result: { got: 7 } } });
  });

  it("keeps runs in memory when no store is given", () => {
    expect(new Mastra({}).getStorage()).toBeInstanceOf(InMemoryStore);
    expect(FromStorageEntry).toBe(InMemoryStore);
  });

  it("setDefaultStorage gives an app without storage the runtime's store and it still counts as the default; an app's own store is kept", () => {
    const bare = new Mastra({});
    const file = new InMemoryStore();
    bare.setDefaultStorage(file);
    expect(bare.getStorage()).toBe(file);
    expect(bare.usesDefaultStorage()).toBe(true);
    const own = new InMemoryStore();
    const configured = new Mastra({ storage: own });
    configured.setDefaultStorage(new InMemoryStore());
    expect(configured.getStorage()).toBe(own);
    expect(configured.usesDefaultStorage()).toBe(false);
    expect(() => bare.setDefaultStorage("file:x.db" as never)).toThrow(/storage must be a store/);
  });

  it("refuses something that is not a store, naming the field", () => {
    expect(() => new Mastra({ storage: { saveRun() {} } as never })).toThrow(MastraConfigError);
    expect(() => new Mastra({ storage: "file:./x.db" as never })).toThrow(/storage must be a store/);
    expect(isMastraStorage(new InMemoryStore())).toBe(true);
  });
});
