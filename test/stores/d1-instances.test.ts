// Two Workers on one D1 database: the stores app built for the worker platform (what the cloudflare
// target uploads) runs in two Miniflare instances — two workerd processes — whose D1 binding
// persists to one folder (`d1Persist`), as two Cloudflare isolates share one D1 database. A run
// started on the first is read, listed and resumed on the second; a memory thread written on one
// is read on the other. Two resumes of one run at the same moment are raced on two Workers in one
// Miniflare bound to one D1 database: two workerd processes writing one SQLite file at once is a
// test artefact (workerd's D1 does not wait for another process's lock), while on Cloudflare every
// isolate's queries go to the database's one primary, as they do here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { runtimeModule } from "../../src/build/runtime.js";
import { cleanupTemp, copyFixture, emptyDir } from "../build/helpers.js";

let a: Miniflare;
let b: Miniflare;
let code: string;
beforeAll(async () => {
  const app = copyFixture("stores-app");
  const result = await build({ root: app, platform: "worker", entry: runtimeModule("targets/cloudflare/entry") });
  code = readFileSync(join(result.outDir, "index.mjs"), "utf8");
  const persist = emptyDir();
  const worker = () =>
    new Miniflare({
      modules: [{ type: "ESModule", path: "index.mjs", contents: code }],
      compatibilityDate: "2025-10-01",
      compatibilityFlags: ["nodejs_compat"],
      bindings: { STORE: "d1" },
      d1Databases: ["DB"],
      d1Persist: persist,
      cf: false,
    });
  // One after the other: the first creates the persisted database the second then opens.
  a = worker();
  await a.ready;
  b = worker();
  await b.ready;
}, 240_000);
afterAll(async () => {
  await Promise.all([a?.dispose(), b?.dispose()]);
  cleanupTemp();
});

async function call(mf: Miniflare, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await mf.dispatchFetch(`http://localhost${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    throw new Error(`${path} answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
  }
}

describe("two Miniflare instances on one D1 persistence folder", () => {
  it("a run started on the first is read, listed and resumed on the second", async () => {
    expect((await call(a, "/api/workflows/approvalWorkflow/start-async?runId=d1-shared", { inputData: { amount: 9 } })).json).toMatchObject({ status: "suspended", suspended: [["approve"]] });
    expect(await call(b, "/api/workflows/approvalWorkflow/runs/d1-shared")).toMatchObject({ status: 200, json: { status: "suspended", snapshot: { steps: { prepare: { status: "success" } } } } });
    expect((await call(b, "/api/workflows/approvalWorkflow/runs")).json.runs.map((r: { runId: string }) => r.runId)).toContain("d1-shared");
    expect(await call(b, "/api/workflows/approvalWorkflow/resume-async?runId=d1-shared", { resumeData: { approved: true } })).toMatchObject({ status: 200, json: { status: "success", result: { done: true, amount: 9, approved: true } } });
    expect((await call(a, "/api/workflows/approvalWorkflow/runs/d1-shared")).json).toMatchObject({ status: "success" });
  });

  it("a memory thread written through agent generate on one is read on the other", async () => {
    expect((await call(b, "/api/agents/chat/generate", { messages: "Hello from the second isolate", memory: { thread: "d1-thread", resource: "grace" } })).status).toBe(200);
    expect((await call(a, "/api/memory/threads?resourceid=grace&agentId=chat")).json.map((t: { id: string }) => t.id)).toEqual(["d1-thread"]);
    const messages = await call(a, "/api/memory/threads/d1-thread/messages?agentId=chat");
    expect(messages.json.messages.map((m: { role: string; content: unknown }) => m.role)).toEqual(["user", "assistant"]);
    expect(messages.json.messages[0].content).toBe("Hello from the second isolate");
  });

  it("the same suspended run resumed on two Workers of one D1 at once: one finishes it, the other answers 409", async () => {
    const isolate = (name: string) => ({
      name,
      modules: [{ type: "ESModule" as const, path: "index.mjs", contents: code }],
      compatibilityDate: "2025-10-01",
      compatibilityFlags: ["nodejs_compat"],
      bindings: { STORE: "d1" },
      d1Databases: { DB: "shared-db" },
    });
    const mf = new Miniflare({ workers: [isolate("first"), isolate("second")], cf: false } as ConstructorParameters<typeof Miniflare>[0]);
    try {
      const [first, second] = await Promise.all([mf.getWorker("first"), mf.getWorker("second")]);
      const post = async (worker: typeof first, path: string, body: unknown) => {
        const res = await worker.fetch(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        return { status: res.status, json: (await res.json()) as any };
      };
      for (const id of ["d1-race-1", "d1-race-2", "d1-race-3"]) {
        expect((await post(first, `/api/workflows/approvalWorkflow/start-async?runId=${id}`, { inputData: { amount: 2 } })).json.status).toBe("suspended");
        const both = await Promise.all([first, second].map((w) => post(w, `/api/workflows/approvalWorkflow/resume-async?runId=${id}`, { resumeData: { approved: true } })));
        expect(both.map((r) => r.status).sort(), JSON.stringify(both.map((r) => r.json.error))).toEqual([200, 409]);
        expect(both.find((r) => r.status === 409)!.json.error).toMatch(/resumed by another request|not suspended/);
      }
    } finally {
      await mf.dispose();
    }
  });
});
