// State that outlives an instance and is shared between instances, over real HTTP on 127.0.0.1:
// the stores app built once for node, started as separate processes on one PostgreSQL and on one
// libSQL file. A run started on one server is read, listed and resumed on another; a memory
// thread written on one is read on the other; two resumes of one suspended run on two servers
// have exactly one winner; a run asleep on one and canceled through the other ends canceled on
// the first without writing over the cancel; a server killed with SIGKILL mid-run leaves the run
// readable after a restart; hostile ids in URLs are 4xx JSON and leave the tables intact.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build/index.js";
import { cleanupTemp, copyFixture, emptyDir, startBuilt } from "../build/helpers.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";
import type { Started } from "../helpers/process.js";

type Server = Started & { url: string };

let result: BuildResult;
let pg: PostgresServer;
const servers: Server[] = [];

beforeAll(async () => {
  // The output imports @libsql/client at run time, as a deployed app's `npm install` provides it.
  const app = copyFixture("stores-app", { link: ["@libsql/client", "libsql"] });
  [result, pg] = await Promise.all([build({ root: app, platform: "node" }), startPostgres()]);
}, 240_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await pg?.stop();
  cleanupTemp();
});

async function start(env: NodeJS.ProcessEnv): Promise<Server> {
  const server = await startBuilt(result.outDir, env);
  servers.push(server);
  return server;
}

async function call(server: Server, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, json };
}

const stores: [string, () => NodeJS.ProcessEnv][] = [
  ["one PostgreSQL", () => ({ STORE: "pg", DATABASE_URL: pg.url, PG_SCHEMA: `s${Math.random().toString(36).slice(2, 8)}` })],
  ["one libSQL file", () => ({ LIBSQL_URL: `file:${join(emptyDir(), "mastra.db")}` })],
];

describe.each(stores)("two node servers on %s", (_label, storeEnv) => {
  let a: Server;
  let b: Server;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = storeEnv();
    [a, b] = await Promise.all([start(env), start(env)]);
  }, 60_000);

  it("a run started on the first is read, listed and resumed on the second, with the right result", async () => {
    const started = await call(a, "/api/workflows/approvalWorkflow/start-async?runId=shared-1", { inputData: { amount: 42 } });
    expect(started).toMatchObject({ status: 200, json: { status: "suspended", suspended: [["approve"]], suspendPayload: { reason: "needs a human" } } });

    const read = await call(b, "/api/workflows/approvalWorkflow/runs/shared-1");
    expect(read).toMatchObject({ status: 200, json: { runId: "shared-1", status: "suspended", snapshot: { steps: { prepare: { status: "success", output: { amount: 42 } } } } } });
    const listed = await call(b, "/api/workflows/approvalWorkflow/runs?status=suspended");
    expect(listed.json.runs.map((r: { runId: string }) => r.runId)).toContain("shared-1");

    const resumed = await call(b, "/api/workflows/approvalWorkflow/resume-async?runId=shared-1", { step: "approve", resumeData: { approved: true } });
    expect(resumed).toMatchObject({ status: 200, json: { status: "success", result: { done: true, amount: 42, approved: true } } });
    // The first sees the end the second wrote.
    expect(await call(a, "/api/workflows/approvalWorkflow/runs/shared-1")).toMatchObject({ json: { status: "success", result: { status: "success", result: { done: true, approved: true } } } });
    // And a resume of the finished run is refused on either.
    expect(await call(a, "/api/workflows/approvalWorkflow/resume-async?runId=shared-1", { resumeData: { approved: false } })).toMatchObject({ status: 409, json: { error: expect.stringMatching(/not suspended/) } });
  });

  it("a memory thread written through agent generate on the first is listed and read on the second", async () => {
    const said = await call(a, "/api/agents/chat/generate", { messages: "Remember the tulips.", memory: { thread: "garden", resource: "ada" } });
    expect(said).toMatchObject({ status: 200, json: { text: expect.stringContaining("Remember the tulips.") } });

    const threads = await call(b, "/api/memory/threads?resourceid=ada&agentId=chat");
    expect(threads.status).toBe(200);
    expect(threads.json.map((t: { id: string }) => t.id)).toEqual(["garden"]);
    const messages = await call(b, "/api/memory/threads/garden/messages?agentId=chat");
    expect(messages.json.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant"]);
    expect(messages.json.messages[0].content).toBe("Remember the tulips.");
    expect(JSON.stringify(messages.json.messages[1].content)).toContain(said.json.text);
  });

  it("the same suspended run resumed on both at once: exactly one finishes it, the other answers 409 JSON", async () => {
    const ids = ["race-1", "race-2", "race-3", "race-4"];
    for (const id of ids) expect((await call(a, `/api/workflows/approvalWorkflow/start-async?runId=${id}`, { inputData: { amount: 1 } })).json.status).toBe("suspended");
    for (const id of ids) {
      const both = await Promise.all([a, b].map((s, i) => call(s, `/api/workflows/approvalWorkflow/resume-async?runId=${id}`, { resumeData: { approved: i === 0 } })));
      const statuses = both.map((r) => r.status).sort();
      expect(statuses, `${id}: ${JSON.stringify(both.map((r) => r.json.error))}`).toEqual([200, 409]);
      const winner = both.find((r) => r.status === 200)!;
      const loser = both.find((r) => r.status === 409)!;
      expect(loser.json.error).toMatch(/resumed by another request|not suspended/);
      const stored = await call(a, `/api/workflows/approvalWorkflow/runs/${id}`);
      expect(stored.json).toMatchObject({ status: "success", snapshot: { result: winner.json.result } });
    }
  });

  it("the same created run started on both at once: one runs it, the other answers 409 JSON", async () => {
    for (const id of ["start-race-1", "start-race-2", "start-race-3"]) {
      expect((await call(a, `/api/workflows/countWorkflow/create-run?runId=${id}`, {})).status).toBe(200);
      const both = await Promise.all([a, b].map((s, i) => call(s, `/api/workflows/countWorkflow/start-async?runId=${id}`, { inputData: { n: i + 1 } })));
      expect(both.map((r) => r.status).sort(), `${id}: ${JSON.stringify(both.map((r) => r.json.error))}`).toEqual([200, 409]);
      expect(both.find((r) => r.status === 409)!.json.error).toMatch(/started by another request|already started/);
      const winner = both.find((r) => r.status === 200)!;
      expect((await call(b, `/api/workflows/countWorkflow/runs/${id}`)).json).toMatchObject({ status: "success", snapshot: { result: winner.json.result } });
    }
  });

  it("a run asleep for 10 minutes on the first, canceled through the second, ends canceled on the first and stays as the second wrote it", async () => {
    expect((await call(a, "/api/workflows/slowWorkflow/create-run?runId=nap-1", {})).status).toBe(200);
    expect(await call(a, "/api/workflows/slowWorkflow/start?runId=nap-1", { inputData: { waitMs: 600_000 } })).toMatchObject({ status: 200 });
    await expect
      .poll(async () => (await call(b, "/api/workflows/slowWorkflow/runs/nap-1")).json.snapshot.steps.first?.status, { timeout: 20_000 })
      .toBe("success");
    // Watched on the first, where it sleeps: the stream ends only when that instance ends the run.
    const watching = await fetch(`${a.url}/api/workflows/slowWorkflow/watch?runId=nap-1`);
    expect(watching.status).toBe(200);

    expect(await call(b, "/api/workflows/slowWorkflow/runs/nap-1/cancel", {})).toMatchObject({ status: 200 });
    const canceled = (await call(b, "/api/workflows/slowWorkflow/runs/nap-1")).json;
    expect(canceled).toMatchObject({ status: "canceled" });

    // The first sees the cancel by re-reading the store (the test's 60 s bound only proves "not the 10 minutes").
    const events = (await watching.text()).split("\x1E").filter(Boolean).map((r) => JSON.parse(r));
    expect(events.at(-1).payload.workflowState.status).toBe("canceled");
    expect(events.every((e) => !("last" in e.payload.workflowState.steps))).toBe(true);
    // Nothing the first saved afterwards wrote over the cancel.
    expect((await call(a, "/api/workflows/slowWorkflow/runs/nap-1")).json).toEqual(canceled);
    expect(canceled.snapshot.steps).not.toHaveProperty("last");
  }, 60_000);

  it("hostile ids in URLs answer 4xx JSON and the tables stay intact", async () => {
    const hostile = ["it's", '"quoted"', "%00", "a%00b", encodeURIComponent("'; DROP TABLE mastra_workflow_runs; --"), encodeURIComponent('"); DELETE FROM mastra_messages; --'), "x".repeat(20_000)];
    for (const id of hostile) {
      const label = id.slice(0, 40);
      for (const [path, body] of [
        [`/api/workflows/countWorkflow/runs/${id}`, undefined],
        [`/api/workflows/approvalWorkflow/resume-async?runId=${id}`, { resumeData: { approved: true } }],
        [`/api/workflows/countWorkflow/runs/${id}/cancel`, {}],
        [`/api/memory/threads/${id}?agentId=chat`, undefined],
        [`/api/memory/threads/${id}/messages?agentId=chat`, undefined],
      ] as const) {
        const res = await fetch(`${b.url}${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        expect(res.status, `${path.slice(0, 60)} ${label}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path.slice(0, 60)} ${label}`).toBeLessThan(500);
        expect(String(res.headers.get("content-type")), `${path.slice(0, 60)} ${label} ${res.status}`).toMatch(/json/);
        expect(typeof (await res.json()).error).toBe("string");
      }
    }
    // The same strings as ids of real rows are plain data.
    const sqlId = "q'\"; DROP TABLE mastra_workflow_runs; --";
    expect((await call(a, `/api/workflows/countWorkflow/start-async?runId=${encodeURIComponent(sqlId)}`, { inputData: { n: 4 } })).json).toMatchObject({ status: "success", result: { n: 8 } });
    expect(await call(b, `/api/workflows/countWorkflow/runs/${encodeURIComponent(sqlId)}`)).toMatchObject({ status: 200, json: { runId: sqlId, status: "success" } });
    const approvals = await call(b, "/api/workflows/approvalWorkflow/runs");
    expect(approvals.json.runs.map((r: { runId: string }) => r.runId)).toEqual(expect.arrayContaining(["shared-1", "race-1", "race-4"]));
    expect((await call(b, "/api/memory/threads?resourceid=ada&agentId=chat")).json.map((t: { id: string }) => t.id)).toEqual(["garden"]);
  });
});

describe.each(stores)("a node server on %s killed with SIGKILL mid-run", (_label, storeEnv) => {
  it("after a restart the run is readable with the steps it finished, still `running`, other runs intact; cancel ends it", async () => {
    const env = storeEnv();
    const first = await start(env);
    expect((await call(first, "/api/workflows/countWorkflow/start-async?runId=kept", { inputData: { n: 1 } })).json.status).toBe("success");
    expect((await call(first, "/api/workflows/approvalWorkflow/start-async?runId=waiting", { inputData: { amount: 3 } })).json.status).toBe("suspended");
    await call(first, "/api/workflows/slowWorkflow/create-run?runId=cut", {});
    expect(await call(first, "/api/workflows/slowWorkflow/start?runId=cut", { inputData: { waitMs: 600_000 } })).toMatchObject({ status: 200 });
    await expect
      .poll(async () => (await call(first, "/api/workflows/slowWorkflow/runs/cut")).json.snapshot.steps.first?.status, { timeout: 20_000 })
      .toBe("success");

    first.child.kill("SIGKILL");
    expect(await first.exited).toBe(null);
    expect(first.child.signalCode).toBe("SIGKILL");

    const second = await start(env);
    const cut = await call(second, "/api/workflows/slowWorkflow/runs/cut");
    expect(cut.status).toBe(200);
    expect(cut.json).toMatchObject({ status: "running", snapshot: { status: "running", input: { waitMs: 600_000 }, steps: { first: { status: "success", output: { waitMs: 600_000, first: true } } } } });
    expect(cut.json.snapshot.steps).not.toHaveProperty("last");
    expect(await call(second, "/api/workflows/countWorkflow/runs/kept")).toMatchObject({ json: { status: "success", snapshot: { result: { n: 2 } } } });
    // The suspended run survived too, and still resumes.
    expect((await call(second, "/api/workflows/approvalWorkflow/resume-async?runId=waiting", { resumeData: { approved: true } })).json).toMatchObject({ status: "success", result: { done: true, amount: 3, approved: true } });

    // Nobody runs an orphan again; canceling it on any instance closes it.
    expect(await call(second, "/api/workflows/slowWorkflow/runs/cut/cancel", {})).toMatchObject({ status: 200 });
    expect((await call(second, "/api/workflows/slowWorkflow/runs/cut")).json).toMatchObject({ status: "canceled", snapshot: { steps: { first: { status: "success" } } } });
  }, 90_000);
});
