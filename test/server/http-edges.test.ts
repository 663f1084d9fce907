// HTTP edges on a real Node server over 127.0.0.1: answers given before the request body is
// read (413 over the limit, 401 from auth, 404 for an unknown route) close the connection
// honestly, what Node's HTTP parser refuses is JSON too, and a request context that is not a JSON object is a 400 naming the field.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent, Mastra, createStep, createTool, createWorkflow, registerApiRoute } from "../../src/index.js";
import { serve, type RunningServer } from "../../src/server/serve.js";
import { scriptedModel, text } from "../helpers/models.js";

const LIMIT = 256 * 1024;
/** Far more than the socket buffers hold, so the server answers while the client is still sending. */
const BIG = 4 * 1024 * 1024;

interface RawResult {
  /** Everything the server sent, as latin1 text. */
  text: string;
  /** "end" when the server closed cleanly (FIN); otherwise the socket error's code. */
  ending: string;
}

/** Write `requests` on one raw socket (each a head and a body), read until the server closes. */
function rawExchange(port: number, requests: { head: string; body?: Buffer }[], timeoutMs = 15_000): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    const finish = (ending: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, ending });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("end", () => finish("end"));
    socket.on("error", (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    for (const r of requests) {
      socket.write(r.head);
      if (r.body) socket.write(r.body);
    }
  });
}

const head = (method: string, path: string, length: number, extra = "") =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: ${length}\r\n${extra}\r\n`;

/** Status lines and Connection headers of every response in a raw exchange, in order. */
function responses(text: string): { status: number; connection: string | undefined }[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3})[^\r]*\r\n((?:[^\r]+\r\n)*)\r\n/g)].map((m) => ({
    status: Number(m[1]),
    connection: /^connection: *(.+)$/im.exec(m[2]!)?.[1]?.trim().toLowerCase(),
  }));
}

describe("early answers before the body is read (Node)", () => {
  let running: RunningServer;
  let port: number;
  beforeAll(async () => {
    const auth = { path: "/private/*", handler: async (c: any, next: any) => (c.req.header("authorization") ? next() : c.json({ error: "Unauthorized" }, 401)) };
    const mastra = new Mastra({
      logger: false,
      server: {
        bodySizeLimit: LIMIT,
        middleware: [auth],
        apiRoutes: [
          registerApiRoute("/echo", { method: "POST", handler: async (c) => c.json(await c.req.json()) }),
          registerApiRoute("/private/upload", { method: "POST", handler: async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }) }),
        ],
      },
    });
    running = await serve(mastra, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    port = running.port;
  });
  afterAll(() => running.close());

  it("a 413 says Connection: close, and the socket then ends cleanly", async () => {
    const { text, ending } = await rawExchange(port, [{ head: head("POST", "/echo", BIG), body: Buffer.alloc(BIG, 120) }]);
    expect(responses(text)).toEqual([{ status: 413, connection: "close" }]);
    expect(text).toMatch(/larger than the limit of 262144 bytes/);
    expect(ending).toBe("end");
  });

  it("a request written behind the oversized one on the same socket is never half-answered", async () => {
    // The client ignores the close and sends the next request anyway: it gets the 413 and a clean
    // end, never a reset, so it knows to retry the second one on a new connection.
    const { text, ending } = await rawExchange(port, [
      { head: head("POST", "/echo", BIG), body: Buffer.alloc(BIG, 120) },
      { head: "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" },
    ]);
    expect(responses(text)[0]).toEqual({ status: 413, connection: "close" });
    expect(ending).toBe("end");
  });

  it("the siblings: 401 from an auth middleware and 404 for an unknown route on a large POST do the same", async () => {
    const size = LIMIT - 1; // under the limit, so auth and routing answer, not the body limit
    for (const [path, status] of [["/private/upload", 401], ["/nowhere", 404]] as const) {
      // Bodies under the limit fit the socket buffers, so send the head and hold the body back:
      // the answer comes before the body is read, as it does for a large body on a real network.
      const result = await new Promise<RawResult>((resolve) => {
        const socket = connect(port, "127.0.0.1");
        let text = "";
        socket.on("data", (d) => {
          text += d.toString("latin1");
          // Now the client sends the body it had started, as a slow uploader would.
          if (/\r\n\r\n/.test(text)) socket.write(Buffer.alloc(size, 120));
        });
        socket.on("end", () => resolve({ text, ending: "end" }));
        socket.on("error", (e: NodeJS.ErrnoException) => resolve({ text, ending: e.code ?? "error" }));
        socket.write(head("POST", path, size));
      });
      expect(responses(result.text), path).toEqual([{ status, connection: "close" }]);
      expect(result.ending, path).toBe("end");
    }
  });

  it("a POST whose body was read keeps the connection alive for the next request", async () => {
    const body = Buffer.from(JSON.stringify({ a: 1 }));
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (d) => (text += d.toString("latin1")));
    const json = (p: string, b: Buffer) => `POST ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${b.length}\r\n\r\n`;
    socket.write(json("/echo", body) + body.toString());
    socket.write(json("/echo", body) + body.toString());
    await expect.poll(() => responses(text).length, { timeout: 5_000 }).toBe(2);
    expect(responses(text)).toEqual([{ status: 200, connection: "keep-alive" }, { status: 200, connection: "keep-alive" }]);
    socket.destroy();
  });

  it("a keep-alive fetch client alternating early-answered and valid requests never loses a valid one", async () => {
    // Early answers of each kind: over the limit (413), refused by auth (401), no such route (404).
    const early = [
      { path: "/echo", type: "application/json", body: JSON.stringify({ pad: "x".repeat(2 * LIMIT) }), status: 413 },
      { path: "/private/upload", type: "application/octet-stream", body: "x".repeat(LIMIT - 1), status: 401 },
      { path: "/nowhere", type: "application/octet-stream", body: "x".repeat(LIMIT - 1), status: 404 },
    ];
    const rounds = 300;
    const failedValid: string[] = [];
    const wrongEarly: string[] = [];
    const deadline = Date.now() + 90_000; // bounded: stop early rather than hang
    let round = 0;
    for (; round < rounds && Date.now() < deadline; round++) {
      const e = early[round % early.length]!;
      try {
        const res = await fetch(`${running.url}${e.path}`, { method: "POST", headers: { "content-type": e.type }, body: e.body });
        await res.arrayBuffer();
        if (res.status !== e.status) wrongEarly.push(`round ${round} ${e.path}: ${res.status}`);
      } catch (error) {
        wrongEarly.push(`round ${round} ${e.path}: ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`);
      }
      try {
        const res = await fetch(`${running.url}/echo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ round }) });
        const got = await res.json();
        if (res.status !== 200 || got.round !== round) failedValid.push(`round ${round}: ${res.status} ${JSON.stringify(got)}`);
      } catch (error) {
        failedValid.push(`round ${round}: ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`);
      }
    }
    expect(round).toBeGreaterThanOrEqual(200);
    expect(failedValid).toEqual([]);
    // Each early answer reached the client too, with its own status.
    expect(wrongEarly).toEqual([]);
  }, 120_000);

  it("what Node's parser refuses (a 20 kB URL, bytes that are not HTTP) is answered as `{ error }` JSON too, then closed", async () => {
    const long = await rawExchange(port, [{ head: `GET /api/workflows/w/runs/${"x".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n` }]);
    expect(long.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(long.text).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(long.text.slice(long.text.indexOf("\r\n\r\n") + 4))).toEqual({ error: expect.stringMatching(/too large/) });
    expect(long.ending).toBe("end");
    const garbage = await rawExchange(port, [{ head: "NOT HTTP AT ALL\r\n\r\n" }]);
    expect(garbage.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.text.slice(garbage.text.indexOf("\r\n\r\n") + 4))).toEqual({ error: "Malformed HTTP request" });
  });
});

describe("requestContext / runtimeContext must be JSON objects", () => {
  let running: RunningServer;
  const tool = createTool({ id: "t", description: "", execute: async () => "ok" });
  const step = createStep({ id: "s", execute: async () => 1 });
  const routes: [string, Record<string, unknown>][] = [
    ["/api/agents/a/generate", { messages: "hi" }],
    ["/api/agents/a/stream", { messages: "hi" }],
    ["/api/tools/t/execute", { data: {} }],
    ["/api/workflows/w/start-async", { inputData: {} }],
    ["/api/workflows/w/start?runId=r1", { inputData: {} }],
  ];
  beforeAll(async () => {
    const mastra = new Mastra({
      logger: false,
      agents: { a: new Agent({ name: "a", instructions: "", model: scriptedModel([text("x"), text("y"), text("z")]).model }) },
      tools: { t: tool },
      workflows: { w: createWorkflow({ id: "w", inputSchema: z.object({}) }).then(step).commit() },
    });
    running = await serve(mastra, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
  });
  afterAll(() => running.close());

  const postJson = (path: string, body: unknown) =>
    fetch(`${running.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it.each([
    ["requestContext", [1, 2], "an array"],
    ["requestContext", "str", "a string"],
    ["runtimeContext", 5, "a number"],
    ["requestContext", null, "null"],
  ])("%s = %j is a 400 naming the field on every route that takes it", async (field, value, kind) => {
    for (const [path, body] of routes) {
      const res = await postJson(path, { ...body, [field]: value });
      expect(res.status, path).toBe(400);
      const json = await res.json();
      expect(json.issues, path).toEqual([{ path: field, message: `must be a JSON object (got ${kind})` }]);
      expect(json.error, path).toMatch(new RegExp(`^Invalid request body: ${field}: must be a JSON object`));
    }
  });

  it("lists the context issue with the body's other failing fields", async () => {
    const res = await postJson("/api/agents/a/generate", { messages: [], requestContext: "x" });
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: string }) => i.path)).toEqual(["messages", "requestContext"]);
  });

  it("an object (or none) is accepted", async () => {
    expect((await postJson("/api/tools/t/execute", { data: {}, requestContext: { a: 1 } })).status).toBe(200);
    expect((await postJson("/api/tools/t/execute", { data: {}, runtimeContext: {} })).status).toBe(200);
    expect((await postJson("/api/tools/t/execute", { data: {} })).status).toBe(200);
  });
});
