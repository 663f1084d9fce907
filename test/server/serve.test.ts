import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Agent, Mastra } from "../../src/index.js";
import { scriptedModel } from "../helpers/models.js";
import { resolveListenAddress, serve, type RunningServer } from "../../src/server/serve.js";
import { mastra } from "../../examples/quickstart/src/mastra/index.js";
import { freePort, startProcess } from "../helpers/process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("resolveListenAddress: PORT env, then server.port, then 4111; host from server.host, then HOST, then 0.0.0.0", () => {
  const withPort = new Mastra({ server: { port: 3000 } });
  it.each([
    [withPort, {}, { port: 3000, host: "0.0.0.0" }],
    [withPort, { PORT: "8080" }, { port: 8080, host: "0.0.0.0" }],
    [new Mastra(), {}, { port: 4111, host: "0.0.0.0" }],
    [new Mastra(), { HOST: "127.0.0.1" }, { port: 4111, host: "127.0.0.1" }],
    [new Mastra({ server: { host: "::1" } }), { HOST: "127.0.0.1" }, { port: 4111, host: "::1" }],
  ])("%#", (m, env, expected) => {
    expect(resolveListenAddress(m, {}, env)).toEqual(expected);
  });
  it("rejects a bad PORT with a clear message", () => {
    expect(() => resolveListenAddress(withPort, {}, { PORT: "http" })).toThrow('PORT must be an integer between 0 and 65535 (got "http")');
  });
});

describe("the quickstart on a real serve() over 127.0.0.1", () => {
  let running: RunningServer;
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    running = await serve(mastra, { port: 0, host: "127.0.0.1", handleSignals: false, log: (l) => lines.push(l) });
    base = running.url;
  });
  afterAll(async () => {
    await running.close();
    vi.restoreAllMocks();
  });

  it("logs the URL it really listens on", () => {
    expect(lines[0]).toBe(`Mastra server listening on http://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);
  });

  it("answers the custom route, auth 401 then 200, and CORS preflight", async () => {
    expect(await (await fetch(`${base}/my-custom-route`)).json()).toEqual({ message: "Hello, world!" });
    expect((await fetch(`${base}/api/agents`)).status).toBe(401);
    expect((await fetch(`${base}/api/agents`, { headers: { Authorization: "Bearer t" } })).status).toBe(200);
    const pre = await fetch(`${base}/api/agents`, { method: "OPTIONS", headers: { Origin: "https://example.com", "Access-Control-Request-Method": "GET" } });
    expect([pre.status, pre.headers.get("access-control-allow-origin")]).toEqual([204, "https://example.com"]);
    const refused = await fetch(`${base}/api/agents`, { method: "OPTIONS", headers: { Origin: "https://other.example", "Access-Control-Request-Method": "GET" } });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("passes the special headers to handlers", async () => {
    const res = await fetch(`${base}/whoami`, { headers: { "x-mastra-client-type": "js", "x-mastra-cloud": "true" } });
    expect(await res.json()).toEqual({ clientType: "js", fromMastraCloud: true, devPlayground: false });
  });

  it("runs the agent and a workflow over HTTP", async () => {
    const headers = { Authorization: "Bearer t", "content-type": "application/json" };
    const gen = await (await fetch(`${base}/api/agents/my-agent/generate`, { method: "POST", headers, body: JSON.stringify({ messages: "What is the weather in Rome?" }) })).json();
    expect(gen.text).toMatch(/in Rome\.$/);
    const wf = await (await fetch(`${base}/api/workflows/weatherWorkflow/start-async`, { method: "POST", headers, body: JSON.stringify({ inputData: { city: "Rome" } }) })).json();
    expect(wf.status).toBe("success");
    const bad = await fetch(`${base}/api/workflows/weatherWorkflow/start-async`, { method: "POST", headers, body: "{" });
    expect(bad.status).toBe(400);
  });

  it("says which port is taken", async () => {
    await expect(serve(mastra, { port: running.port, host: "127.0.0.1", handleSignals: false, log: () => {} })).rejects.toThrow(`Port ${running.port} is already in use`);
  });
});

describe("streaming over a real socket", () => {
  it("a client that disconnects mid-stream aborts the agent's model call", async () => {
    const { model, aborted } = scriptedModel(["waitForAbort"]);
    const m = new Mastra({ agents: { slow: new Agent({ name: "slow", instructions: "", model }) } });
    const running = await serve(m, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    try {
      const controller = new AbortController();
      const res = await fetch(`${running.url}/api/agents/slow/stream`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messages: "hi" }),
        signal: controller.signal,
      });
      expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
      controller.abort();
      await vi.waitFor(() => expect(aborted).toHaveLength(1));
      expect((aborted[0] as DOMException).name).toBe("AbortError");
    } finally {
      await running.close();
    }
  });
});

describe("graceful shutdown in a real process", () => {
  // A child Node process on the compiled package (npm test builds it first), so SIGTERM is real.
  const script = `
    import { Mastra, registerApiRoute } from "${root}dist/src/index.js";
    import { serve } from "${root}dist/src/server/serve.js";
    const mastra = new Mastra({ server: { apiRoutes: [registerApiRoute("/slow", { method: "GET", handler: async (c) => {
      console.log("slow request started");
      await new Promise((r) => setTimeout(r, 600));
      return c.json({ finished: true });
    } })] } });
    await serve(mastra, { host: "127.0.0.1" });
  `;

  it("on SIGTERM stops accepting, finishes the in-flight request, exits 0", async () => {
    const port = await freePort();
    const proc = await startProcess(process.execPath, ["--input-type=module", "-e", script], { env: { PORT: String(port) }, ready: /listening on http:\/\/127\.0\.0\.1:\d+/ });
    expect(proc.output()).toContain(`http://127.0.0.1:${port}`);
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await vi.waitFor(() => expect(proc.output()).toContain("slow request started"));
    proc.child.kill("SIGTERM");
    await vi.waitFor(() => expect(proc.output()).toContain("SIGTERM received"));
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    expect(await proc.exited).toBe(0);
  });
});
