import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Mastra, createStep, createWorkflow } from "../../src/index.js";
import { createServer } from "../../src/server/index.js";
import { serve, type RunningServer } from "../../src/server/serve.js";
import { approvalWorkflow } from "../helpers/approval-workflow.js";

const post = (body?: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Two apps with their own Mastra and workflow objects on one store: two instances behind a load balancer. */
function twoInstances() {
  const first = approvalWorkflow();
  const a = new Mastra({ workflows: { approval: first.workflow } });
  const second = approvalWorkflow();
  const b = new Mastra({ workflows: { approval: second.workflow }, storage: a.getStorage() });
  return { a: createServer(a), b: createServer(b), calls: [first.calls, second.calls] };
}

async function json(res: Response | Promise<Response>, status = 200) {
  const r = await res;
  const body = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  return body;
}

describe("suspend and resume over HTTP", () => {
  it("start-async answers the suspended run; resume-async on another instance finishes it", async () => {
    const { a, b, calls } = twoInstances();
    const { runId } = await json(a.request("/api/workflows/approval/create-run", { method: "POST" }));
    const suspended = await json(a.request(`/api/workflows/approval/start-async?runId=${runId}`, post({ inputData: { amount: 70 } })));
    expect(suspended).toMatchObject({ status: "suspended", suspended: [["approve"]], suspendPayload: { reason: "amount 70 needs approval" } });
    expect(await json(b.request(`/api/workflows/approval/runs/${runId}`))).toMatchObject({ status: "suspended", snapshot: { steps: { approve: { status: "suspended" } } } });

    const done = await json(b.request(`/api/workflows/approval/resume-async?runId=${runId}`, post({ step: "approve", resumeData: { approved: true } })));
    expect(done).toMatchObject({ status: "success", result: { done: true, approved: true, amount: 70 } });
    expect(calls).toEqual([{ prepare: 1, approve: 1 }, { prepare: 0, approve: 1 }]);
    expect(await json(a.request(`/api/workflows/approval/runs/${runId}/execution-result`))).toMatchObject({ status: "success", result: { done: true }, payload: { amount: 70 } });
  });

  it("resume (background) answers at once; the run finishes in the store", async () => {
    const { a, b } = twoInstances();
    const { runId } = await json(a.request("/api/workflows/approval/create-run?runId=bg", { method: "POST" }));
    await json(a.request(`/api/workflows/approval/start-async?runId=${runId}`, post({ inputData: { amount: 1 } })));
    expect(await json(b.request(`/api/workflows/approval/resume?runId=${runId}`, post({ step: ["approve"], resumeData: { approved: false } })))).toEqual({ message: "Workflow run resumed", runId });
    await expect.poll(async () => (await json(a.request(`/api/workflows/approval/runs/${runId}`))).status).toBe("success");
  });

  it("bad input answers 4xx JSON: 400 missing runId / wrong resumeData (with issues) / unknown step, 404 unknown run or workflow, 409 not suspended", async () => {
    const { a } = twoInstances();
    const { runId } = await json(a.request("/api/workflows/approval/create-run", { method: "POST" }));
    const resume = (query: string, body: unknown) => a.request(`/api/workflows/approval/resume-async${query}`, post(body));

    expect((await json(resume("", { resumeData: {} }), 400)).error).toMatch(/Missing query parameter runId/);
    expect((await json(resume("?runId=ghost", { resumeData: {} }), 404)).error).toBe('Run "ghost" of workflow "approval" not found');
    expect((await json(a.request("/api/workflows/nope/resume-async?runId=x", post({})), 404)).error).toBe('Workflow "nope" not found');
    expect((await json(resume(`?runId=${runId}`, { resumeData: {} }), 409)).error).toMatch(/is created, not suspended/);

    await json(a.request(`/api/workflows/approval/start-async?runId=${runId}`, post({ inputData: { amount: 5 } })));
    const wrong = await json(resume(`?runId=${runId}`, { step: "approve", resumeData: { approved: "yes" } }), 400);
    expect(wrong).toMatchObject({ error: expect.stringMatching(/^Invalid resumeData for step "approve": approved:/), issues: [{ path: "approved" }] });
    expect((await json(resume(`?runId=${runId}`, { step: "nope", resumeData: { approved: true } }), 400)).error).toBe(`Step "nope" is not suspended in run "${runId}" (suspended: approve)`);
    expect((await json(resume(`?runId=${runId}`, { step: 3, resumeData: {} }), 400)).issues[0].path).toBe("step");
    expect((await json(resume(`?runId=${runId}`, "[1,", ), 400))).toBeDefined();
    expect((await json(a.request(`/api/workflows/approval/runs/${runId}`))).status).toBe("suspended");

    await json(resume(`?runId=${runId}`, { resumeData: { approved: true } }));
    expect((await json(resume(`?runId=${runId}`, { resumeData: { approved: true } }), 409)).error).toMatch(/is success, not suspended/);
    expect((await json(a.request(`/api/workflows/approval/start-async?runId=${runId}`, post({ inputData: { amount: 5 } })), 409)).error).toMatch(/already started/);
  });

  it("cancel: a suspended run is canceled (then resume is 409); a finished one is 409; an unknown one 404", async () => {
    const { a, b } = twoInstances();
    const { runId } = await json(a.request("/api/workflows/approval/create-run", { method: "POST" }));
    await json(a.request(`/api/workflows/approval/start-async?runId=${runId}`, post({ inputData: { amount: 5 } })));
    expect(await json(b.request(`/api/workflows/approval/runs/${runId}/cancel`, { method: "POST" }))).toEqual({ message: "Workflow run cancelled" });
    expect((await json(a.request(`/api/workflows/approval/runs/${runId}`))).status).toBe("canceled");
    await json(a.request(`/api/workflows/approval/resume-async?runId=${runId}`, post({ resumeData: { approved: true } })), 409);
    await json(a.request(`/api/workflows/approval/runs/${runId}/cancel`, { method: "POST" }), 409);
    await json(a.request(`/api/workflows/approval/runs/ghost/cancel`, { method: "POST" }), 404);
  });

  it("lists runs with status and resourceId filters", async () => {
    const { a } = twoInstances();
    await json(a.request("/api/workflows/approval/create-run?runId=u1&resourceId=user-1", { method: "POST" }));
    await json(a.request("/api/workflows/approval/start-async?runId=u1", post({ inputData: { amount: 1 } })));
    await json(a.request("/api/workflows/approval/create-run?runId=u2", { method: "POST" }));
    expect((await json(a.request("/api/workflows/approval/runs?status=suspended"))).runs.map((r: { runId: string }) => r.runId)).toEqual(["u1"]);
    expect(await json(a.request("/api/workflows/approval/runs?resourceId=user-1"))).toMatchObject({ total: 1, runs: [{ runId: "u1", resourceId: "user-1" }] });
    expect((await json(a.request("/api/workflows/approval/runs?status=bogus"), 400)).issues[0].path).toBe("status");
  });

  it("describes steps with their resume and suspend schemas", async () => {
    const { a } = twoInstances();
    const described = await json(a.request("/api/workflows/approval"));
    expect(described.steps.approve).toMatchObject({ id: "approve", isWorkflow: false, resumeSchema: { type: "object", required: ["approved"] }, suspendSchema: { type: "object" } });
    expect(described.stepGraph.map((e: { step: { id: string } }) => e.step.id)).toEqual(["prepare", "approve", "finish"]);
  });

  it("allSteps keys a nested workflow's steps by their path, the keys of the run's step records", async () => {
    const inner = approvalWorkflow().workflow;
    const outer = createWorkflow({ id: "outer", inputSchema: z.object({ amount: z.number() }) }).then(inner).commit();
    const app = createServer(new Mastra({ workflows: { outer } }));
    const described = await json(app.request("/api/workflows/outer"));
    expect(Object.keys(described.steps)).toEqual(["approval"]);
    expect(Object.keys(described.allSteps)).toEqual(["approval", "approval.prepare", "approval.approve", "approval.finish"]);
    expect(described.allSteps["approval.approve"]).toMatchObject({ id: "approve", resumeSchema: { required: ["approved"] } });
    const run = await json(app.request("/api/workflows/outer/start-async", post({ inputData: { amount: 3 } })));
    expect(run).toMatchObject({ status: "suspended", suspended: [["approval", "approve"]], steps: { "approval.approve": { status: "suspended", suspendPayload: { reason: "amount 3 needs approval" } } } });
  });
});

describe("GET /api/workflows/:id/watch on a real server", () => {
  let running: RunningServer;
  let release: () => void = () => {};
  let onGate: () => void = () => {};
  const gate = createStep({ id: "gate", execute: async () => (onGate(), await new Promise<void>((r) => (release = r)), { through: true }) });
  const last = createStep({ id: "last", outputSchema: z.object({ ok: z.boolean() }), execute: async () => ({ ok: true }) });
  const watched = createWorkflow({ id: "watched" }).then(gate).then(last).commit();
  const other = approvalWorkflow();

  beforeAll(async () => {
    running = await serve(new Mastra({ workflows: { watched, approval: other.workflow } }), { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
  });
  afterAll(() => running.close());

  async function readRecords(res: Response): Promise<any[]> {
    const text = await res.text();
    return text.split("\x1E").filter(Boolean).map((r) => JSON.parse(r));
  }

  it("streams the state, each step's start and end, and ends with the run", async () => {
    const base = `${running.url}/api/workflows/watched`;
    const { runId } = await (await fetch(`${base}/create-run`, { method: "POST" })).json();
    const watch = fetch(`${base}/watch?runId=${runId}`);
    const res = await watch;
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const records = readRecords(res);
    await fetch(`${base}/start?runId=${runId}`, post({ inputData: {} }));
    await expect.poll(async () => (await (await fetch(`${base}/runs/${runId}`)).json()).status).toBe("running");
    release();
    const events = await records;
    expect(events.every((e) => e.type === "watch" && e.runId === runId)).toBe(true);
    expect(events.map((e) => [e.payload.currentStep?.id ?? null, e.payload.currentStep?.status ?? null, e.payload.workflowState.status])).toEqual([
      [null, null, "created"],
      [null, null, "running"],
      ["gate", "running", "running"],
      ["gate", "success", "running"],
      ["last", "running", "running"],
      ["last", "success", "running"],
      [null, null, "success"],
    ]);
    expect(events.at(-1).payload.workflowState.result).toEqual({ ok: true });
  });

  it("joined mid-step (started first, watched after), it begins with the running step, which is not saved yet", async () => {
    const base = `${running.url}/api/workflows/watched`;
    const runId = "joined-late";
    const gateEntered = new Promise<void>((resolve) => (onGate = resolve));
    expect(await (await fetch(`${base}/start?runId=${runId}`, post({ inputData: {} }))).json()).toEqual({ message: "Workflow run started", runId });
    await gateEntered;
    expect((await (await fetch(`${base}/runs/${runId}`)).json()).snapshot.steps).toEqual({});
    const res = await fetch(`${base}/watch?runId=${runId}`);
    const records = readRecords(res);
    release();
    const events = await records;
    expect(events[0].payload.workflowState).toMatchObject({ status: "running", steps: { gate: { status: "running" } } });
    expect(events.at(-1).payload.workflowState).toMatchObject({ status: "success", steps: { gate: { status: "success" }, last: { status: "success" } } });
  });

  it("answers a finished or suspended run with its state and ends; 404 for an unknown run, 400 without runId", async () => {
    const base = `${running.url}/api/workflows/approval`;
    const { runId } = await (await fetch(`${base}/create-run`, { method: "POST" })).json();
    await fetch(`${base}/start-async?runId=${runId}`, post({ inputData: { amount: 2 } }));
    const events = await readRecords(await fetch(`${base}/watch?runId=${runId}`));
    expect(events).toHaveLength(1);
    expect(events[0].payload.workflowState).toMatchObject({ status: "suspended", suspended: [["approve"]] });
    expect((await fetch(`${base}/watch?runId=ghost`)).status).toBe(404);
    expect((await fetch(`${base}/watch`)).status).toBe(400);
  });
});
