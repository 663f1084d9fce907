// ONE storage contract that every store must keep, as test/e2e/conformance.ts is for targets.
// A store's test file only says how to open a fresh, empty store; the checks never know which
// database answers. Each test opens its own store and closes it afterwards.
import { afterEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/core/errors.js";
import type { MastraStorage, StorageMessage, StorageThread, WorkflowRun, WorkflowRunStatus } from "../../src/core/storage/index.js";

export type OpenStore = () => Promise<MastraStorage>;

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

function run(runId: string, createdAt: Date, over: Partial<WorkflowRun> = {}): WorkflowRun {
  const status: WorkflowRunStatus = over.status ?? "created";
  return {
    workflowName: "wf",
    runId,
    status,
    snapshot: { status, steps: {}, input: { n: 1 } },
    createdAt,
    updatedAt: createdAt,
    ...over,
  };
}

function thread(id: string, resourceId: string, createdAt: Date, over: Partial<StorageThread> = {}): StorageThread {
  return { id, resourceId, title: `title ${id}`, metadata: { k: id }, createdAt, updatedAt: createdAt, ...over };
}

function message(id: string, threadId: string, createdAt: Date, over: Partial<StorageMessage> = {}): StorageMessage {
  return { id, threadId, resourceId: "res", role: "user", content: `text ${id}`, type: "v2", createdAt, ...over };
}

/** Ids a URL or a client can hand a store: every one must be plain data. */
export const HOSTILE_IDS: Record<string, string> = {
  quotes: `it's "quoted" \`back\``,
  nul: "a\u0000b",
  percentNul: "%00",
  sql: "'; DROP TABLE mastra_workflow_snapshot; --",
  sqlDouble: `"); DELETE FROM mastra_messages; --`,
  long: "x".repeat(10_000) + "y".repeat(10_000),
  unicode: "ünï\u{1F600}\u2028\\\\",
};

export function storageContract(label: string, open: OpenStore): void {
  describe(`storage contract: ${label}`, () => {
    const opened: MastraStorage[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      await store.init();
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    describe("workflows", () => {
      it("persists a run and reads it back with its snapshot and dates", async () => {
        const s = await fresh();
        const r = run("r1", at(1), { resourceId: "user-1", snapshot: { status: "created", steps: { a: { status: "success", output: { x: [1, "two", null] } } }, input: { deep: { list: [1, 2] } } } });
        await s.workflows.persistRun(r);
        const got = await s.workflows.getRun("wf", "r1");
        expect(got).toEqual(r);
        expect(got!.createdAt).toBeInstanceOf(Date);
        expect(await s.workflows.getRun("wf", "nope")).toBeNull();
        expect(await s.workflows.getRun("other", "r1")).toBeNull();
      });

      it("upserts: a second persist replaces status and snapshot and keeps createdAt", async () => {
        const s = await fresh();
        await s.workflows.persistRun(run("r1", at(1)));
        await s.workflows.persistRun(run("r1", at(50), { status: "success", snapshot: { status: "success", steps: { a: { status: "success", output: 2 } }, result: 2 }, updatedAt: at(60) }));
        const got = await s.workflows.getRun("wf", "r1");
        expect(got).toMatchObject({ status: "success", snapshot: { status: "success", result: 2 } });
        expect(got!.createdAt).toEqual(at(1));
        expect(got!.updatedAt).toEqual(at(60));
        expect((await s.workflows.listRuns()).total).toBe(1);
      });

      it("lists newest first with total, limit and offset", async () => {
        const s = await fresh();
        for (const [i, id] of ["a", "b", "c", "d", "e"].entries()) await s.workflows.persistRun(run(id, at(i)));
        expect((await s.workflows.listRuns()).runs.map((r) => r.runId)).toEqual(["e", "d", "c", "b", "a"]);
        const page = await s.workflows.listRuns({ limit: 2, offset: 1 });
        expect(page.total).toBe(5);
        expect(page.runs.map((r) => r.runId)).toEqual(["d", "c"]);
        expect((await s.workflows.listRuns({ offset: 4 })).runs.map((r) => r.runId)).toEqual(["a"]);
        expect(await s.workflows.listRuns({ offset: 10 })).toEqual({ runs: [], total: 5 });
        expect((await s.workflows.listRuns({ limit: 0 })).runs).toEqual([]);
      });

      it("breaks createdAt ties by runId, descending", async () => {
        const s = await fresh();
        for (const id of ["m", "z", "a"]) await s.workflows.persistRun(run(id, at(1)));
        expect((await s.workflows.listRuns()).runs.map((r) => r.runId)).toEqual(["z", "m", "a"]);
      });

      it("filters by workflow, status, resourceId and an inclusive date range", async () => {
        const s = await fresh();
        await s.workflows.persistRun(run("a", at(1), { status: "success", resourceId: "u1" }));
        await s.workflows.persistRun(run("b", at(2), { status: "failed", resourceId: "u2" }));
        await s.workflows.persistRun(run("c", at(3), { status: "success", resourceId: "u1" }));
        await s.workflows.persistRun(run("d", at(4), { workflowName: "other", status: "success" }));
        const ids = async (f: Parameters<MastraStorage["workflows"]["listRuns"]>[0]) => (await s.workflows.listRuns(f)).runs.map((r) => `${r.workflowName}/${r.runId}`);
        expect(await ids({ workflowName: "wf" })).toEqual(["wf/c", "wf/b", "wf/a"]);
        expect(await ids({ status: "success" })).toEqual(["other/d", "wf/c", "wf/a"]);
        expect(await ids({ workflowName: "wf", status: "success" })).toEqual(["wf/c", "wf/a"]);
        expect(await ids({ resourceId: "u1" })).toEqual(["wf/c", "wf/a"]);
        expect(await ids({ fromDate: at(2), toDate: at(3) })).toEqual(["wf/c", "wf/b"]);
        expect(await ids({ fromDate: at(4) })).toEqual(["other/d"]);
        expect(await ids({ toDate: at(1) })).toEqual(["wf/a"]);
        const page = await s.workflows.listRuns({ status: "success", limit: 1 });
        expect(page.total).toBe(3);
        expect(page.runs).toHaveLength(1);
      });

      it("keeps runs of the same id in different workflows apart, and deletes one", async () => {
        const s = await fresh();
        await s.workflows.persistRun(run("same", at(1)));
        await s.workflows.persistRun(run("same", at(2), { workflowName: "other" }));
        await s.workflows.deleteRun("wf", "same");
        expect(await s.workflows.getRun("wf", "same")).toBeNull();
        expect(await s.workflows.getRun("other", "same")).not.toBeNull();
        await s.workflows.deleteRun("wf", "never-existed");
      });

      it("compare-and-set: writes only over the version it expects, or over nothing when it expects none", async () => {
        const s = await fresh();
        const created = run("cas", at(1));
        expect(await s.workflows.persistRunIf(created, null)).toBe(true);
        expect(await s.workflows.persistRunIf(run("cas", at(1), { status: "failed" }), null)).toBe(false);
        const running = run("cas", at(1), { status: "running", snapshot: { status: "running", steps: {} }, updatedAt: at(5) });
        const expected = { status: created.status, updatedAt: created.updatedAt };
        // A stale updatedAt or a different status loses; nothing is written.
        expect(await s.workflows.persistRunIf(running, { status: "created", updatedAt: at(2) })).toBe(false);
        expect(await s.workflows.persistRunIf(running, { status: "suspended", updatedAt: at(1) })).toBe(false);
        expect(await s.workflows.getRun("wf", "cas")).toEqual(created);
        // Of two writers holding the same version, exactly one wins.
        const rival = run("cas", at(1), { status: "canceled", snapshot: { status: "canceled", steps: {} }, updatedAt: at(6) });
        const outcomes = await Promise.all([s.workflows.persistRunIf(running, expected), s.workflows.persistRunIf(rival, expected)]);
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const winner = outcomes[0] ? running : rival;
        expect(await s.workflows.getRun("wf", "cas")).toEqual(winner);
        expect(await s.workflows.persistRunIf(run("cas", at(1), { status: "success", updatedAt: at(7) }), { status: winner.status, updatedAt: winner.updatedAt })).toBe(true);
        expect(await s.workflows.persistRunIf(run("other-key", at(1)), { status: "created", updatedAt: at(1) })).toBe(false);
        expect(await s.workflows.getRun("wf", "other-key")).toBeNull();
        for (const id of Object.values(HOSTILE_IDS)) {
          expect(await s.workflows.persistRunIf(run(id, at(1)), null)).toBe(true);
          expect(await s.workflows.persistRunIf(run(id, at(1), { status: "running", updatedAt: at(2) }), { status: "created", updatedAt: at(1) })).toBe(true);
          expect(await s.workflows.getRun("wf", id)).toMatchObject({ runId: id, status: "running" });
        }
      });

      it("hands out copies, never references", async () => {
        const s = await fresh();
        const r = run("r1", at(1));
        await s.workflows.persistRun(r);
        (r.snapshot.steps as any).injected = { status: "success" };
        r.createdAt.setUTCFullYear(1999);
        const got = await s.workflows.getRun("wf", "r1");
        expect(got!.snapshot.steps).toEqual({});
        expect(got!.createdAt).toEqual(at(1));
        (got!.snapshot as any).status = "failed";
        (await s.workflows.listRuns()).runs[0]!.snapshot.steps.x = { status: "failed" };
        expect(await s.workflows.getRun("wf", "r1")).toMatchObject({ snapshot: { status: "created", steps: {} } });
      });

      it("treats hostile run ids as data, and the tables survive them", async () => {
        const s = await fresh();
        await s.workflows.persistRun(run("keeper", at(0)));
        for (const [i, id] of Object.values(HOSTILE_IDS).entries()) {
          expect(await s.workflows.getRun("wf", id)).toBeNull();
          await s.workflows.persistRun(run(id, at(i + 1), { resourceId: id }));
          expect((await s.workflows.getRun("wf", id))?.runId).toBe(id);
          expect((await s.workflows.listRuns({ resourceId: id })).runs.map((r) => r.runId)).toEqual([id]);
        }
        const all = await s.workflows.listRuns();
        expect(all.total).toBe(Object.keys(HOSTILE_IDS).length + 1);
        expect(new Set(all.runs.map((r) => r.runId))).toEqual(new Set(["keeper", ...Object.values(HOSTILE_IDS)]));
        for (const id of Object.values(HOSTILE_IDS)) await s.workflows.deleteRun("wf", id);
        expect((await s.workflows.listRuns()).runs.map((r) => r.runId)).toEqual(["keeper"]);
      });

      it("keeps strings with NUL, quotes and astral characters inside snapshots", async () => {
        const s = await fresh();
        const odd = { text: "nul\u0000 quote' double\" emoji \u{1F600} sep\u2028", n: 1.5, big: 2 ** 53 - 1, neg: -0.25, nested: [{ a: null }, true] };
        await s.workflows.persistRun(run("r", at(1), { snapshot: { status: "success", steps: {}, result: odd } }));
        expect((await s.workflows.getRun("wf", "r"))!.snapshot.result).toEqual(odd);
      });

      it("refuses negative paging", async () => {
        const s = await fresh();
        await expect(s.workflows.listRuns({ limit: -1 })).rejects.toThrow(/limit/);
        await expect(s.workflows.listRuns({ offset: -1 })).rejects.toThrow(/offset/);
      });
    });

    describe("threads", () => {
      it("saves, reads, replaces and lists threads of a resource", async () => {
        const s = await fresh();
        const t = thread("t1", "res", at(1));
        expect(await s.memory.saveThread(t)).toEqual(t);
        expect(await s.memory.getThread("t1")).toEqual(t);
        expect(await s.memory.getThread("nope")).toBeNull();
        const noExtras: StorageThread = { id: "t2", resourceId: "res", createdAt: at(2), updatedAt: at(2) };
        await s.memory.saveThread(noExtras);
        expect(await s.memory.getThread("t2")).toEqual(noExtras);
        await s.memory.saveThread({ ...t, title: "renamed", updatedAt: at(5) });
        expect(await s.memory.getThread("t1")).toMatchObject({ title: "renamed", updatedAt: at(5) });
      });

      it("updates title and metadata (replaced, not merged) and moves updatedAt; unknown threads are NotFoundError", async () => {
        const s = await fresh();
        await s.memory.saveThread(thread("t1", "res", at(1), { metadata: { a: 1, b: 2 } }));
        const updated = await s.memory.updateThread("t1", { title: "new", metadata: { c: 3 } });
        expect(updated).toMatchObject({ id: "t1", title: "new", metadata: { c: 3 }, createdAt: at(1) });
        expect(updated.updatedAt.getTime()).toBeGreaterThan(at(1).getTime());
        expect(await s.memory.getThread("t1")).toEqual(updated);
        expect(await s.memory.updateThread("t1", { title: "only title" })).toMatchObject({ title: "only title", metadata: { c: 3 } });
        await expect(s.memory.updateThread("missing", { title: "x" })).rejects.toBeInstanceOf(NotFoundError);
      });

      it("pages threads newest first by default, by createdAt or updatedAt either way", async () => {
        const s = await fresh();
        for (const i of [1, 2, 3, 4, 5]) await s.memory.saveThread(thread(`t${i}`, "res", at(i), { updatedAt: at(10 - i) }));
        await s.memory.saveThread(thread("elsewhere", "other", at(9)));
        const first = await s.memory.listThreads({ resourceId: "res", perPage: 2 });
        expect(first).toMatchObject({ total: 5, page: 0, perPage: 2, hasMore: true });
        expect(first.items.map((t) => t.id)).toEqual(["t5", "t4"]);
        const last = await s.memory.listThreads({ resourceId: "res", perPage: 2, page: 2 });
        expect(last).toMatchObject({ total: 5, page: 2, hasMore: false });
        expect(last.items.map((t) => t.id)).toEqual(["t1"]);
        expect((await s.memory.listThreads({ resourceId: "res", sortDirection: "ASC" })).items.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4", "t5"]);
        expect((await s.memory.listThreads({ resourceId: "res", orderBy: "updatedAt" })).items.map((t) => t.id)).toEqual(["t1", "t2", "t3", "t4", "t5"]);
        expect((await s.memory.listThreads({ resourceId: "none" }))).toMatchObject({ items: [], total: 0, hasMore: false });
        await expect(s.memory.listThreads({ resourceId: "res", perPage: 0 })).rejects.toThrow(/perPage/);
      });

      it("deleting a thread deletes its messages and nothing else", async () => {
        const s = await fresh();
        await s.memory.saveThread(thread("t1", "res", at(1)));
        await s.memory.saveThread(thread("t2", "res", at(2)));
        await s.memory.saveMessages([message("m1", "t1", at(3)), message("m2", "t2", at(4))]);
        await s.memory.deleteThread("t1");
        expect(await s.memory.getThread("t1")).toBeNull();
        expect(await s.memory.listMessages({ threadId: "t1" })).toEqual([]);
        expect((await s.memory.listMessages({ threadId: "t2" })).map((m) => m.id)).toEqual(["m2"]);
        await s.memory.deleteThread("never-existed");
      });
    });

    describe("messages", () => {
      it("saves many, lists the newest N oldest first, and pages oldest first", async () => {
        const s = await fresh();
        await s.memory.saveThread(thread("t", "res", at(0)));
        const saved = await s.memory.saveMessages([1, 2, 3, 4, 5].map((i) => message(`m${i}`, "t", at(i), { role: i % 2 ? "user" : "assistant" })));
        expect(saved.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
        expect((await s.memory.listMessages({ threadId: "t" })).map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
        expect((await s.memory.listMessages({ threadId: "t", last: 2 })).map((m) => m.id)).toEqual(["m4", "m5"]);
        expect(await s.memory.listMessages({ threadId: "t", last: 0 })).toEqual([]);
        expect((await s.memory.listMessages({ threadId: "t", last: 50 })).map((m) => m.id)).toHaveLength(5);
        const page = await s.memory.listMessagesPage({ threadId: "t", page: 1, perPage: 2 });
        expect(page).toMatchObject({ total: 5, page: 1, perPage: 2, hasMore: true });
        expect(page.items.map((m) => m.id)).toEqual(["m3", "m4"]);
        expect((await s.memory.listMessagesPage({ threadId: "t", page: 2, perPage: 2 })).hasMore).toBe(false);
        expect(await s.memory.listMessages({ threadId: "other" })).toEqual([]);
      });

      it("keeps every field, including structured content, and an absent resourceId/type", async () => {
        const s = await fresh();
        const parts = [{ type: "text", text: "hi" }, { type: "tool-call", toolCallId: "c1", toolName: "weather", input: { city: "Paris" } }];
        const full = message("m1", "t", at(1), { role: "assistant", content: parts });
        const bare: StorageMessage = { id: "m2", threadId: "t", role: "tool", content: [{ type: "tool-result", output: null }], createdAt: at(2) };
        await s.memory.saveMessages([full, bare]);
        expect(await s.memory.listMessages({ threadId: "t" })).toEqual([full, bare]);
      });

      it("keeps the order saved for messages of the same millisecond", async () => {
        const s = await fresh();
        await s.memory.saveMessages(["z", "a", "m"].map((id) => message(id, "t", at(1))));
        await s.memory.saveMessages([message("b", "t", at(1))]);
        expect((await s.memory.listMessages({ threadId: "t" })).map((m) => m.id)).toEqual(["z", "a", "m", "b"]);
      });

      it("replaces a message by id in place and moves its thread's updatedAt forward", async () => {
        const s = await fresh();
        await s.memory.saveThread(thread("t", "res", at(0)));
        await s.memory.saveMessages([message("m1", "t", at(1)), message("m2", "t", at(2))]);
        await s.memory.saveMessages([message("m1", "t", at(1), { content: "edited" })]);
        const list = await s.memory.listMessages({ threadId: "t" });
        expect(list.map((m) => [m.id, m.content])).toEqual([["m1", "edited"], ["m2", "text m2"]]);
        expect((await s.memory.getThread("t"))!.updatedAt.getTime()).toBeGreaterThan(at(0).getTime());
      });

      it("deletes messages by id", async () => {
        const s = await fresh();
        await s.memory.saveMessages([message("m1", "t", at(1)), message("m2", "t", at(2)), message("m3", "t", at(3))]);
        await s.memory.deleteMessages(["m1", "m3", "unknown"]);
        await s.memory.deleteMessages([]);
        expect((await s.memory.listMessages({ threadId: "t" })).map((m) => m.id)).toEqual(["m2"]);
      });

      it("hands out copies, never references", async () => {
        const s = await fresh();
        const m = message("m1", "t", at(1), { content: [{ type: "text", text: "kept" }] });
        await s.memory.saveMessages([m]);
        (m.content as any)[0].text = "changed";
        const [got] = await s.memory.listMessages({ threadId: "t" });
        expect(got!.content).toEqual([{ type: "text", text: "kept" }]);
        (got!.content as any)[0].text = "changed again";
        expect((await s.memory.listMessages({ threadId: "t" }))[0]!.content).toEqual([{ type: "text", text: "kept" }]);
        const t = thread("t", "res", at(1), { metadata: { a: 1 } });
        await s.memory.saveThread(t);
        t.metadata!.a = 2;
        expect((await s.memory.getThread("t"))!.metadata).toEqual({ a: 1 });
      });

      it("treats hostile thread, message and resource ids as data", async () => {
        const s = await fresh();
        await s.memory.saveThread(thread("keeper", "res", at(0)));
        for (const [i, id] of Object.values(HOSTILE_IDS).entries()) {
          expect(await s.memory.getThread(id)).toBeNull();
          await s.memory.saveThread(thread(id, id, at(i + 1)));
          await s.memory.saveMessages([message(id, id, at(i + 1), { resourceId: id })]);
          await s.memory.saveResource({ id, workingMemory: id, createdAt: at(i), updatedAt: at(i) });
          expect((await s.memory.getThread(id))?.id).toBe(id);
          expect((await s.memory.listThreads({ resourceId: id })).items.map((t) => t.id)).toEqual([id]);
          expect((await s.memory.listMessages({ threadId: id })).map((m) => m.id)).toEqual([id]);
          expect((await s.memory.getResource(id))?.workingMemory).toBe(id);
          await s.memory.deleteThread(id);
          expect(await s.memory.listMessages({ threadId: id })).toEqual([]);
        }
        expect((await s.memory.listThreads({ resourceId: "res" })).items.map((t) => t.id)).toEqual(["keeper"]);
      });
    });

    describe("resources", () => {
      it("saves working memory per resource; an upsert keeps createdAt", async () => {
        const s = await fresh();
        expect(await s.memory.getResource("u1")).toBeNull();
        const r = { id: "u1", workingMemory: "# Notes\n- likes tea", metadata: { plan: "pro" }, createdAt: at(1), updatedAt: at(1) };
        expect(await s.memory.saveResource(r)).toEqual(r);
        expect(await s.memory.getResource("u1")).toEqual(r);
        const saved = await s.memory.saveResource({ id: "u1", workingMemory: "# Notes\n- likes coffee", createdAt: at(9), updatedAt: at(9) });
        expect(saved).toEqual({ id: "u1", workingMemory: "# Notes\n- likes coffee", createdAt: at(1), updatedAt: at(9) });
        expect(await s.memory.getResource("u1")).toEqual(saved);
      });
    });

    it("init() is idempotent and names the store", async () => {
      const s = await fresh();
      await s.workflows.persistRun(run("r1", at(1)));
      await s.init();
      expect(s.name).toMatch(/^[a-z0-9-]+$/);
      expect((await s.workflows.getRun("wf", "r1"))?.runId).toBe("r1");
    });
  });
}
