import { MastraClient } from "@mastra/client-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Mastra } from "../../src/index.js";
import { serve, type RunningServer } from "../../src/server/serve.js";
import { approvalWorkflow } from "../helpers/approval-workflow.js";

/** @mastra/client-js 0.17 (the newest on Node 20), as an app would use it, against a real server on 127.0.0.1. */
describe("@mastra/client-js workflows", () => {
  let running: RunningServer;
  let client: MastraClient;
  beforeAll(async () => {
    running = await serve(new Mastra({ workflows: { approval: approvalWorkflow().workflow } }), { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    client = new MastraClient({ baseUrl: running.url, retries: 0 });
  });
  afterAll(() => running.close());

  it("createRunAsync → startAsync (suspends) → resumeAsync (succeeds), watched throughout", async () => {
    const workflow = client.getWorkflow("approval");
    const details = await workflow.details();
    expect(details.stepGraph.map((e: any) => e.step.id)).toEqual(["prepare", "approve", "finish"]);

    const run = await workflow.createRunAsync();
    const events: any[] = [];
    const watching = run.watch((e) => events.push(e));
    const suspended = await run.startAsync({ inputData: { amount: 900 } });
    expect(suspended).toMatchObject({ status: "suspended", suspended: [["approve"]], steps: { approve: { status: "suspended", suspendPayload: { reason: "amount 900 needs approval" } } } });
    await watching;
    expect(events.at(-1)).toMatchObject({ type: "watch", runId: run.runId, payload: { workflowState: { status: "suspended" } } });

    const resumed = await run.resumeAsync({ step: "approve", resumeData: { approved: true } });
    expect(resumed).toMatchObject({ status: "success", result: { done: true, approved: true, amount: 900 } });

    expect(await workflow.runById(run.runId)).toMatchObject({ runId: run.runId, workflowName: "approval", status: "success" });
    expect((await workflow.runs({ limit: 10 })).runs.map((r: any) => r.runId)).toContain(run.runId);
    expect(await workflow.runExecutionResult(run.runId)).toMatchObject({ status: "success", result: { done: true } });
  });

  it("surfaces our 4xx JSON errors through the client", async () => {
    const workflow = client.getWorkflow("approval");
    const run = await workflow.createRunAsync({ runId: "client-bad" });
    await expect(run.resumeAsync({ step: "approve", resumeData: { approved: true } })).rejects.toThrow(/status: 409 .*not suspended/);
    await run.startAsync({ inputData: { amount: 1 } });
    await expect(run.resumeAsync({ step: "approve", resumeData: { approved: "yes" } })).rejects.toThrow(/status: 400 .*"issues":\[\{"path":"approved"/);
    expect(await workflow.cancelRun("client-bad")).toEqual({ message: "Workflow run cancelled" });
    expect((await workflow.runById("client-bad")).status).toBe("canceled");
  });
});
