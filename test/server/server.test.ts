import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Agent, Mastra, createStep, createTool, createWorkflow, registerApiRoute, type MastraConfig } from "../../src/index.js";
import { createServer } from "../../src/server/index.js";
import { scriptedModel, text, toolCall } from "../helpers/models.js";

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const appOf = (config: MastraConfig) => createServer(new Mastra(config));

afterEach(() => vi.restoreAllMocks());

describe("middleware", () => {
  it("keeps order, scopes objects without path to /api/*, bare functions to every route", async () => {
    const order: string[] = [];
    const app = appOf({
      server: {
        middleware: [
          async (c, next) => { order.push(`all:${c.req.path}`); await next(); },
          { handler: async (c, next) => { order.push(`api:${c.req.path}`); await next(); } },
          { handler: async (c, next) => { order.push(`custom:${c.req.path}`); await next(); }, path: "/custom/*" },
        ],
        apiRoutes: [registerApiRoute("/custom/x", { method: "GET", handler: async (c) => c.text("x") })],
      },
    });
    await app.request("/health");
    await app.request("/api/agents");
    await app.request("/custom/x");
    expect(order).toEqual(["all:/health", "all:/api/agents", "api:/api/agents", "all:/custom/x", "custom:/custom/x"]);
  });

  it("lets a middleware stop with a Response, and values it sets reach the handler", async () => {
    const app = appOf({
      server: {
        middleware: [
          async (c, next) => {
            if (c.req.query("stop")) return new Response("stopped", { status: 418 });
            c.set("user", { id: "u1" });
            await next();
            c.header("x-after", "yes");
          },
        ],
        apiRoutes: [registerApiRoute("/me", { method: "GET", handler: async (c) => c.json(c.get("user")) })],
      },
    });
    const stopped = await app.request("/me?stop=1");
    expect([stopped.status, await stopped.text()]).toEqual([418, "stopped"]);
    const res = await app.request("/me");
    expect(await res.json()).toEqual({ id: "u1" });
    expect(res.headers.get("x-after")).toBe("yes");
  });

  it("runs per-route middleware only on its route, after the server-wide middleware", async () => {
    const order: string[] = [];
    const app = appOf({
      server: {
        middleware: [async (_c, next) => { order.push("global"); await next(); }],
        apiRoutes: [
          registerApiRoute("/a", { method: "GET", middleware: [async (_c, next) => { order.push("route-a"); await next(); }], handler: async (c) => c.text("a") }),
          registerApiRoute("/b", { method: "GET", handler: async (c) => c.text("b") }),
        ],
      },
    });
    await app.request("/a");
    await app.request("/b");
    expect(order).toEqual(["global", "route-a", "global"]);
  });

  it("supports every method and ALL on custom routes", async () => {
    const app = appOf({
      server: {
        apiRoutes: [
          registerApiRoute("/items/:id", { method: "PUT", handler: async (c) => c.json({ put: c.req.param("id"), body: await c.req.json() }) }),
          registerApiRoute("/any", { method: "ALL", handler: async (c) => c.text(c.req.method) }),
        ],
      },
    });
    expect(await (await app.request("/items/7", { ...post({ a: 1 }), method: "PUT" })).json()).toEqual({ put: "7", body: { a: 1 } });
    for (const method of ["GET", "POST", "DELETE", "PATCH"]) expect(await (await app.request("/any", { method })).text()).toBe(method);
    expect((await app.request("/items/7")).status).toBe(404);
  });
});

describe("CORS", () => {
  const auth = { handler: async (c: any, next: any) => (c.req.header("Authorization") ? next() : new Response("Unauthorized", { status: 401 })), path: "/api/*" };
  const app = appOf({ server: { cors: { origin: ["https://example.com"], allowHeaders: ["Content-Type", "Authorization"], credentials: false }, middleware: [auth] } });
  const preflight = (origin: string) =>
    app.request("/api/agents", { method: "OPTIONS", headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,x-mastra-client-type" } });

  it("answers an allowed preflight before the auth middleware", async () => {
    const res = await preflight("https://example.com");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://example.com");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-mastra-client-type");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("gives a disallowed origin no allow-origin header", async () => {
    const res = await preflight("https://evil.example");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("adds CORS headers to actual responses, even a 401 from auth", async () => {
    const res = await app.request("/api/agents", { headers: { Origin: "https://example.com" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://example.com");
  });

  it("sends Vary: Origin with an origin list, after the handler's own Vary, and on responses with immutable headers", async () => {
    const routes = appOf({
      server: {
        cors: { origin: ["https://example.com"] },
        apiRoutes: [
          registerApiRoute("/varies", { method: "GET", handler: async (c) => { c.header("Vary", "Accept-Encoding"); return c.json({ ok: true }); } }),
          // Response.redirect's headers are immutable, as a proxied fetch() response's are.
          registerApiRoute("/moved", { method: "GET", handler: async () => Response.redirect("https://example.com/elsewhere", 302) }),
        ],
      },
    });
    const health = await routes.request("/health", { headers: { Origin: "https://example.com" } });
    expect(health.headers.get("vary")).toBe("Origin");
    expect(await health.json()).toEqual({ status: "ok" });
    const varies = await routes.request("/varies", { headers: { Origin: "https://example.com" } });
    expect(varies.headers.get("vary")).toBe("Accept-Encoding, Origin");
    expect(await varies.json()).toEqual({ ok: true });
    const moved = await routes.request("/moved", { headers: { Origin: "https://example.com" } });
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("https://example.com/elsewhere");
    expect(moved.headers.get("vary")).toBe("Origin");
    expect((await appOf({}).request("/health", { headers: { Origin: "https://a.test" } })).headers.get("vary")).toBeNull();
  });

  it("defaults to any origin with the Mastra client headers allowed", async () => {
    const res = await appOf({}).request("/api/agents", { method: "OPTIONS", headers: { Origin: "https://a.test", "Access-Control-Request-Method": "GET" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    for (const h of ["x-mastra-cloud", "x-mastra-client-type", "x-mastra-dev-playground"]) expect(res.headers.get("access-control-allow-headers")).toContain(h);
  });

  it("echoes the origin when credentials are on with origin *", async () => {
    const res = await appOf({ server: { cors: { origin: "*", credentials: true } } }).request("/health", { headers: { Origin: "https://a.test" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://a.test");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("can be turned off", async () => {
    const res = await appOf({ server: { cors: false } }).request("/health", { headers: { Origin: "https://a.test" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("special Mastra headers and the request context", () => {
  it("reach middleware and handlers unchanged", async () => {
    const seen: unknown[] = [];
    const app = appOf({
      server: {
        middleware: [async (c, next) => { seen.push(c.req.header("x-mastra-cloud"), c.req.header("x-mastra-client-type"), c.req.header("x-mastra-dev-playground")); await next(); }],
        apiRoutes: [registerApiRoute("/h", { method: "GET", handler: async (c) => c.json({ type: c.req.header("x-mastra-client-type") }) })],
      },
    });
    const res = await app.request("/h", { headers: { "x-mastra-cloud": "true", "x-mastra-client-type": "python", "x-mastra-dev-playground": "true" } });
    expect(await res.json()).toEqual({ type: "python" });
    expect(seen).toEqual(["true", "python", "true"]);
  });

  const echoTool = createTool({ id: "ctx", description: "", execute: async (_input, { requestContext }) => requestContext.toJSON() });

  it("seeds requestContext from the body (and runtimeContext, the older name); middleware can overwrite", async () => {
    const app = appOf({
      tools: { ctx: echoTool },
      server: { middleware: [async (c, next) => { if (c.req.header("x-user")) c.get("requestContext").set("user", c.req.header("x-user")); await next(); }] },
    });
    const call = async (body: unknown, headers = {}) => (await app.request("/api/tools/ctx/execute", post(body, headers))).json();
    expect(await call({ data: {}, requestContext: { a: 1 } })).toEqual({ a: 1 });
    expect(await call({ data: {}, runtimeContext: { b: 2 } })).toEqual({ b: 2 });
    expect(await call({ data: {}, requestContext: { user: "client" } }, { "x-user": "server" })).toEqual({ user: "server" });
  });

  it("reaches the agent's tools and the workflow's steps", async () => {
    const stepSaw: unknown[] = [];
    const step = createStep({ id: "s", execute: async ({ requestContext }) => { stepSaw.push(requestContext.get("tenant")); return 1; } });
    const { model } = scriptedModel([toolCall("ctx", {}), text("ok")]);
    const app = appOf({
      agents: { a: new Agent({ name: "a", instructions: "", model, tools: { ctx: echoTool } }) },
      workflows: { w: createWorkflow({ id: "w" }).then(step).commit() },
    });
    const gen = await (await app.request("/api/agents/a/generate", post({ messages: "hi", requestContext: { tenant: "t1" } }))).json();
    expect(gen.toolResults[0].output).toEqual({ tenant: "t1" });
    await app.request("/api/workflows/w/start-async", post({ inputData: {}, requestContext: { tenant: "t2" } }));
    expect(stepSaw).toEqual(["t2"]);
  });
});

describe("timeout", () => {
  it("answers 504 and aborts the custom route's work", async () => {
    let sawAbort: unknown;
    const app = appOf({
      server: {
        timeout: 50,
        apiRoutes: [
          registerApiRoute("/slow", {
            method: "GET",
            handler: async (c) => {
              const signal = c.get("abortSignal");
              await new Promise((resolve) => signal.addEventListener("abort", resolve));
              sawAbort = signal.reason;
              return c.text("too late");
            },
          }),
        ],
      },
    });
    const res = await app.request("/slow");
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ error: "Request timed out after 50 ms" });
    await vi.waitFor(() => expect(sawAbort).toBeInstanceOf(DOMException));
    expect((sawAbort as DOMException).name).toBe("TimeoutError");
  });

  it("aborts the agent's model call", async () => {
    const { model, aborted } = scriptedModel(["waitForAbort"]);
    const app = appOf({ agents: { a: new Agent({ name: "a", instructions: "", model }) }, server: { timeout: 50 } });
    const res = await app.request("/api/agents/a/generate", post({ messages: "hi" }));
    expect(res.status).toBe(504);
    await vi.waitFor(() => expect(aborted).toHaveLength(1));
  });

  it("aborts the tool and the workflow step", async () => {
    const saw: string[] = [];
    const waitForAbort = (signal: AbortSignal | undefined, who: string) =>
      new Promise((resolve) => signal!.addEventListener("abort", () => resolve(saw.push(who))));
    const tool = createTool({ id: "wait", description: "", execute: async (_i, { abortSignal }) => waitForAbort(abortSignal, "tool") });
    const step = createStep({ id: "wait", execute: async ({ abortSignal }) => waitForAbort(abortSignal, "step") });
    const app = appOf({ tools: { wait: tool }, workflows: { w: createWorkflow({ id: "w" }).then(step).commit() }, server: { timeout: 50 } });
    expect((await app.request("/api/tools/wait/execute", post({ data: {} }))).status).toBe(504);
    expect((await app.request("/api/workflows/w/start-async", post({ inputData: {} }))).status).toBe(504);
    await vi.waitFor(() => expect(saw.sort()).toEqual(["step", "tool"]));
  });
});

describe("errors are JSON with the right status", () => {
  const tool = createTool({ id: "add", description: "", inputSchema: z.object({ a: z.number(), b: z.number() }), execute: async ({ a, b }) => a + b });
  const wf = createWorkflow({ id: "w", inputSchema: z.object({ city: z.string() }) }).then(createStep({ id: "s", execute: async () => 1 })).commit();
  const app = appOf({
    tools: { add: tool },
    workflows: { w: wf },
    agents: { a: new Agent({ name: "a", instructions: "", model: scriptedModel([text("x")]).model }) },
    server: {
      bodySizeLimit: 100,
      apiRoutes: [
        registerApiRoute("/boom", { method: "GET", handler: async () => { throw new Error("database exploded"); } }),
        registerApiRoute("/echo", { method: "POST", handler: async (c) => c.json(await c.req.json()) }),
      ],
    },
  });

  it("400 for malformed JSON, in built-in and custom routes", async () => {
    const res = await app.request("/api/tools/add/execute", post("{not json"));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^Malformed JSON in request body/);
    const custom = await app.request("/echo", post("{oops"));
    expect(custom.status).toBe(400);
    expect((await custom.json()).error).toMatch(/^Malformed JSON/);
  });

  it("400 listing the failing fields", async () => {
    const res = await app.request("/api/tools/add/execute", post({ data: { a: "1" } }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatch(/^Invalid input for tool "add": a: .*; b: /);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(["a", "b"]);
    const wfRes = await app.request("/api/workflows/w/start-async", post({ inputData: { city: 1 } }));
    expect(wfRes.status).toBe(400);
    expect((await wfRes.json()).issues).toEqual([expect.objectContaining({ path: "city" })]);
    const agentRes = await app.request("/api/agents/a/generate", post({ messages: [] }));
    expect(agentRes.status).toBe(400);
    expect((await agentRes.json()).issues[0].path).toBe("messages");
  });

  it("404 for unknown agent, workflow, run, tool and route", async () => {
    const cases: [string, RequestInit | undefined, RegExp][] = [
      ["/api/agents/nope", undefined, /Agent "nope" not found/],
      ["/api/agents/nope/generate", post({ messages: "hi" }), /Agent "nope" not found/],
      ["/api/workflows/nope", undefined, /Workflow "nope" not found/],
      ["/api/workflows/w/runs/nope", undefined, /Run "nope" of workflow "w" not found/],
      ["/api/tools/nope", undefined, /Tool "nope" not found/],
      ["/nowhere", undefined, /Not found: GET \/nowhere/],
    ];
    for (const [path, init, message] of cases) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error).toMatch(message);
    }
  });

  it("413 over bodySizeLimit", async () => {
    const res = await app.request("/echo", post({ pad: "x".repeat(200) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than the limit of 100 bytes/);
  });

  it("500 with the message and no stack, unless in development", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "database exploded" });
    const dev = createServer(new Mastra({ server: { apiRoutes: [registerApiRoute("/boom", { method: "GET", handler: async () => { throw new Error("x"); } })] } }), { dev: true });
    expect((await (await dev.request("/boom")).json()).stack).toMatch(/server\.test\.ts/);
  });
});

describe("built-in routes", () => {
  const tool = createTool({ id: "upper", description: "Upper-case", inputSchema: z.object({ s: z.string() }), outputSchema: z.string(), execute: async ({ s }) => s.toUpperCase() });
  const step1 = createStep({ id: "one", inputSchema: z.object({ n: z.number() }), outputSchema: z.object({ n: z.number() }), execute: async ({ inputData }) => ({ n: inputData.n + 1 }) });
  const step2 = createStep({ id: "two", execute: async ({ inputData }) => ({ done: (inputData as { n: number }).n }) });
  const wf = createWorkflow({ id: "wf", description: "two steps", inputSchema: z.object({ n: z.number() }) }).then(step1).then(step2).commit();
  const app = appOf({
    agents: { helper: new Agent({ name: "Helper", instructions: "Help.", model: scriptedModel([text("Hello there")]).model, tools: { upper: tool } }) },
    workflows: { wf },
    server: { apiRoutes: [registerApiRoute("/custom/:id", { method: "POST", handler: async (c) => c.json({}), openapi: { summary: "My route" } })] },
  });
  const getJson = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  it("GET /api/agents and /api/agents/:id", async () => {
    const one = { name: "Helper", instructions: "Help.", provider: "test", modelId: "scripted", tools: { upper: { id: "upper", description: "Upper-case", inputSchema: expect.objectContaining({ type: "object" }), outputSchema: expect.objectContaining({ type: "string" }) } } };
    expect(await getJson("/api/agents")).toEqual({ helper: one });
    expect(await getJson("/api/agents/helper")).toEqual(one);
  });

  it("POST /api/agents/:id/generate", async () => {
    expect(await getJson("/api/agents/helper/generate", post({ messages: [{ role: "user", content: "hi" }] }))).toMatchObject({ text: "Hello there", finishReason: "stop", toolCalls: [] });
  });

  it("POST /api/agents/:id/stream answers SSE ending in [DONE]", async () => {
    const res = await app.request("/api/agents/helper/stream", post({ messages: "hi" }));
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (await res.text()).split("\n\n").filter(Boolean).map((e) => e.replace(/^data: /, ""));
    expect(events.at(-1)).toBe("[DONE]");
    const parts = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(parts.filter((p) => p.type === "text-delta").map((p) => p.text).join("")).toBe("Hello there");
    expect(parts.at(-1).type).toBe("finish");
  });

  it("workflows: list, describe, create-run, start-async, start + runs", async () => {
    const described = await getJson("/api/workflows/wf");
    expect(described).toMatchObject({ name: "wf", description: "two steps", stepGraph: [{ type: "step", step: { id: "one" } }, { type: "step", step: { id: "two" } }], steps: { one: { id: "one" }, two: { id: "two" } } });
    expect(Object.keys(await getJson("/api/workflows"))).toEqual(["wf"]);

    const { runId } = await getJson("/api/workflows/wf/create-run", { method: "POST" });
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getJson(`/api/workflows/wf/runs/${runId}`)).toMatchObject({ runId, status: "created" });

    const result = await getJson(`/api/workflows/wf/start-async?runId=${runId}`, post({ inputData: { n: 1 } }));
    expect(result).toMatchObject({ status: "success", input: { n: 1 }, steps: { one: { status: "success", payload: { n: 1 }, output: { n: 2 } }, two: { status: "success", output: { done: 2 } } }, result: { done: 2 } });
    expect(await getJson(`/api/workflows/wf/runs/${runId}`)).toMatchObject({ runId, workflowName: "wf", status: "success", snapshot: { status: "success", result: { done: 2 }, steps: result.steps } });

    const started = await getJson("/api/workflows/wf/start?runId=bg-1", post({ inputData: { n: 5 } }));
    expect(started).toEqual({ message: "Workflow run started", runId: "bg-1" });
    await vi.waitFor(async () => expect(await getJson("/api/workflows/wf/runs/bg-1")).toMatchObject({ status: "success", snapshot: { result: { done: 6 } } }));
    const runs = await getJson("/api/workflows/wf/runs?limit=1");
    expect(runs.total).toBe(2);
    expect(runs.runs.map((r: { runId: string }) => r.runId)).toEqual(["bg-1"]);
    expect((await app.request("/api/workflows/wf/start", post({ inputData: { n: 1 } }))).status).toBe(400);
    expect((await app.request("/api/workflows/wf/runs?limit=abc")).status).toBe(400);
  });

  it("tools: list, describe, execute", async () => {
    expect(Object.keys(await getJson("/api/tools"))).toEqual(["upper"]);
    expect(await getJson("/api/tools/upper")).toMatchObject({ id: "upper", description: "Upper-case" });
    expect(await getJson("/api/tools/upper/execute", post({ data: { s: "abc" } }))).toBe("ABC");
  });

  it("GET /api/openapi.json describes every built-in and custom route", async () => {
    const doc = await getJson("/api/openapi.json");
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`));
    for (const op of [
      "GET /api/agents", "GET /api/agents/{agentId}", "POST /api/agents/{agentId}/generate", "POST /api/agents/{agentId}/stream",
      "GET /api/workflows", "GET /api/workflows/{workflowId}", "POST /api/workflows/{workflowId}/create-run",
      "POST /api/workflows/{workflowId}/start-async", "POST /api/workflows/{workflowId}/start", "GET /api/workflows/{workflowId}/runs",
      "GET /api/workflows/{workflowId}/runs/{runId}", "GET /api/tools", "GET /api/tools/{toolId}", "POST /api/tools/{toolId}/execute",
      "GET /health", "GET /api/openapi.json", "POST /custom/{id}",
    ]) expect(ops).toContain(op);
    expect(doc.paths["/custom/{id}"].post.summary).toBe("My route");
    expect(doc.paths["/custom/{id}"].post.parameters[0]).toMatchObject({ name: "id", in: "path" });
    expect(doc.paths["/api/agents/{agentId}/generate"].post.requestBody.content["application/json"].schema.required).toEqual(["messages"]);
  });
});
