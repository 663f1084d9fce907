import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer } from "../../src/server/index.js";
import { mastra } from "../../examples/quickstart/src/mastra/index.js";

const auth = { Authorization: "Bearer test-token" };
const app = createServer(mastra);

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterAll(() => vi.restoreAllMocks());

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

describe("the docs' quickstart app through app.request()", () => {
  it("serves the docs' custom route, which reads c.get('mastra')", async () => {
    expect(await json(await app.request("/my-custom-route"))).toEqual({ status: 200, body: { message: "Hello, world!" } });
  });

  it("answers /health without auth", async () => {
    expect(await json(await app.request("/health"))).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("refuses /api/* without a Bearer token and lets it through with one", async () => {
    const denied = await app.request("/api/agents");
    expect(denied.status).toBe(401);
    expect(await denied.text()).toBe("Unauthorized");
    expect((await app.request("/api/agents", { headers: { Authorization: "Basic x" } })).status).toBe(401);
    const ok = await json(await app.request("/api/agents", { headers: auth }));
    expect(ok.status).toBe(200);
    expect(ok.body["my-agent"]).toMatchObject({ name: "Weather Agent", provider: "local", modelId: "deterministic-weather" });
    expect(ok.body["my-agent"].tools.weatherTool.inputSchema).toMatchObject({ type: "object", required: ["location"] });
  });

  it("runs the agent's tool loop: the model calls weatherTool, then answers from its result", async () => {
    const res = await json(
      await app.request("/api/agents/my-agent/generate", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "What is the weather in Paris?" }] }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.toolCalls).toEqual([{ toolCallId: "call-1", toolName: "weatherTool", input: { location: "Paris" } }]);
    const output = res.body.toolResults[0].output;
    expect(res.body.text).toBe(`It is ${output.temperature}°C and ${output.conditions} in Paris.`);
    expect(res.body.steps).toHaveLength(2);
  });

  it("passes the request context from the body to the tool", async () => {
    const res = await json(
      await app.request("/api/tools/weatherTool/execute", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ data: { location: "Oslo" }, requestContext: { units: "fahrenheit" } }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ location: "Oslo", units: "fahrenheit" });
  });

  it("runs the two-step workflow with start-async", async () => {
    const res = await json(
      await app.request("/api/workflows/weatherWorkflow/start-async", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ inputData: { city: "Lisbon" } }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("success");
    expect(Object.keys(res.body.steps)).toEqual(["fetch-weather", "plan-activity"]);
    expect(res.body.result.activity).toMatch(/Lisbon/);
  });

  it("the approval workflow branches on the weather, suspends with its question, and finishes when resumed", async () => {
    const post = (path: string, body: unknown) =>
      app.request(path, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
    const started = await json(await post("/api/workflows/activityApproval/start-async", { inputData: { city: "Lisbon" } }));
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "suspended", suspended: [["approve-plan"]], suspendPayload: { question: expect.stringMatching(/Lisbon/) } });
    const branch = Object.keys(started.body.steps).filter((id) => id.endsWith("-plan") && id !== "approve-plan");
    expect(branch).toHaveLength(1);
    const runs = await json(await app.request("/api/workflows/activityApproval/runs?status=suspended", { headers: auth }));
    const runId = runs.body.runs[0].runId;
    const wrong = await json(await post(`/api/workflows/activityApproval/resume-async?runId=${runId}`, { resumeData: { approved: "yes" } }));
    expect(wrong).toMatchObject({ status: 400, body: { issues: [{ path: "approved" }] } });
    const done = await json(await post(`/api/workflows/activityApproval/resume-async?runId=${runId}`, { resumeData: { approved: true, note: "bring a hat" } }));
    expect(done.body).toMatchObject({ status: "success", result: { approved: true, note: "bring a hat", activity: expect.stringMatching(/Lisbon/) } });
  });
});
