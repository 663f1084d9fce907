// The HTTP checks every target's packaged output must pass in its own runtime: one list per app
// (this file's conformance app; the weather template's in template-checks.ts). A runner only
// supplies `send(path, init)`; the checks never know which runtime answers.
import { resolve } from "node:path";
import { expect } from "vitest";
import type { DeployResult } from "../../src/deploy/index.js";

export type Send = (path: string, init?: RequestInit) => Promise<Response>;

export interface Capabilities {
  /** Module state survives between requests (one process/isolate). False under @netlify/dev,
   *  which loads the function afresh per invocation, as a cold serverless instance would. */
  sharedState: boolean;
  /** The runtime cancels the response when the client goes away (real Node HTTP does; Miniflare's
   *  dispatchFetch and @vercel/node's dev server do not pass the disconnect on). */
  disconnectReachesApp: boolean;
}

export interface Check {
  name: string;
  run(send: Send, caps: Capabilities): Promise<void>;
}

/** An app the targets must serve: its source folder and the checks its output must pass. */
export interface ConformanceApp {
  name: string;
  dir: string;
  checks: Check[];
  /** What the deploy itself must have said (its warnings), checked on the result. */
  checkDeploy?: { name: string; run(result: DeployResult): void };
}

const AUTH = { Authorization: "Bearer test-token" };
const ORIGIN = "https://example.com";

export async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`Expected JSON, got ${res.status}: ${text.slice(0, 200)}`);
  }
}

/** The `data:` payloads of a server-sent event stream, in order. */
function sseData(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) => event.split(/\r?\n/).filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n"))
    .filter(Boolean);
}

export const checks: Check[] = [
  {
    name: "custom route answers and reaches c.get('mastra'); the all-routes middleware ran",
    async run(send) {
      const res = await send("/my-custom-route");
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ message: "Hello, world!", agent: "Echo Agent" });
      expect(res.headers.get("x-logged")).toBe("1");
    },
  },
  {
    name: "auth middleware on /api/*: 401 without a bearer token, 200 with one",
    async run(send) {
      const denied = await send("/api/agents");
      expect(denied.status).toBe(401);
      expect(await denied.text()).toBe("Unauthorized");
      const ok = await send("/api/agents", { headers: AUTH });
      expect(ok.status).toBe(200);
      expect(Object.keys(await json(ok))).toEqual(["my-agent"]);
    },
  },
  {
    name: "route-level middleware runs only on its route and can stop or pass on",
    async run(send) {
      const stopped = await send("/guarded");
      expect(stopped.status).toBe(403);
      const passed = await send("/guarded", { headers: { "x-pass": "yes" } });
      expect(passed.status).toBe(200);
      expect(await json(passed)).toEqual({ note: "set by route middleware" });
      // The custom route without that middleware is unaffected.
      expect((await send("/my-custom-route")).status).toBe(200);
    },
  },
  {
    name: "CORS preflight from an allowed origin is answered before the auth middleware",
    async run(send) {
      const res = await send("/api/agents", {
        method: "OPTIONS",
        headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect((res.headers.get("access-control-allow-methods") ?? "").toUpperCase()).toContain("POST");
      expect((res.headers.get("access-control-allow-headers") ?? "").toLowerCase()).toContain("authorization");
    },
  },
  {
    name: "CORS from an origin not in the list is refused (no allow-origin for it)",
    async run(send) {
      const res = await send("/api/agents", {
        method: "OPTIONS",
        headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
      });
      expect(res.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
      expect(res.headers.get("access-control-allow-origin")).not.toBe("*");
      const simple = await send("/my-custom-route", { headers: { Origin: "https://evil.example" } });
      expect(simple.headers.get("access-control-allow-origin")).not.toBe("https://evil.example");
    },
  },
  {
    name: "the special x-mastra-* headers reach the handler unchanged",
    async run(send) {
      const res = await send("/headers", { headers: { "x-mastra-cloud": "true", "x-mastra-client-type": "js", "x-mastra-dev-playground": "true" } });
      expect(await json(res)).toEqual({ cloud: "true", clientType: "js", playground: "true" });
    },
  },
  {
    name: "agent generate runs the model with its tool",
    async run(send) {
      const res = await send("/api/agents/my-agent/generate", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "shout hello" }] }),
      });
      expect(res.status).toBe(200);
      expect((await json(res)).text).toBe("tool says HELLO");
    },
  },
  {
    name: "agent stream arrives as server-sent events, word by word, ending with [DONE]",
    async run(send) {
      const res = await send("/api/agents/my-agent/stream", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "say hi there" }] }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const events = sseData(await res.text());
      expect(events.at(-1)).toBe("[DONE]");
      const deltas = events.slice(0, -1).map((e) => JSON.parse(e)).filter((p) => p.type === "text-delta");
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.map((p) => p.text).join("")).toBe("echo: say hi there");
    },
  },
  {
    name: "a client that disconnects mid-stream stops the model (its abortSignal fires)",
    async run(send, caps) {
      const before = await json(await send("/stream-state"));
      const res = await send("/api/agents/my-agent/stream", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "stream forever" }] }),
      });
      expect(res.status).toBe(200);
      // Read until the never-ending part is flowing, then go away.
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let seen = "";
      while (!seen.includes(" tick")) {
        const { value, done } = await reader.read();
        expect(done).toBe(false);
        seen += decoder.decode(value, { stream: true });
      }
      await reader.cancel();
      // The server keeps serving after the disconnect.
      expect((await send("/health")).status).toBe(200);
      // The model's count is per isolate/process: it can only be read back where requests share one,
      // and only moves where the runtime passes the disconnect on.
      if (!caps.sharedState || !caps.disconnectReachesApp) return;
      let after = before;
      for (let i = 0; i < 100 && after.aborted === before.aborted; i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = await json(await send("/stream-state"));
      }
      expect(after.started).toBe(before.started + 1);
      expect(after.aborted).toBe(before.aborted + 1);
    },
  },
  {
    name: "workflow start-async runs both steps",
    async run(send) {
      const res = await send("/api/workflows/mathWorkflow/start-async", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: JSON.stringify({ inputData: { n: 21 } }),
      });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.status).toBe("success");
      expect(body.result).toEqual({ text: "result 42" });
    },
  },
  {
    name: "malformed JSON is a 400 JSON error",
    async run(send) {
      const res = await send("/api/agents/my-agent/generate", {
        method: "POST",
        headers: { ...AUTH, "Content-Type": "application/json" },
        body: "{not json",
      });
      expect(res.status).toBe(400);
      expect(typeof (await json(res)).error).toBe("string");
    },
  },
  {
    name: "unknown agent and unknown path are 404 JSON errors",
    async run(send) {
      const agent = await send("/api/agents/nope", { headers: AUTH });
      expect(agent.status).toBe(404);
      expect(typeof (await json(agent)).error).toBe("string");
      const path = await send("/no-such-path");
      expect(path.status).toBe(404);
      expect(typeof (await json(path)).error).toBe("string");
    },
  },
  {
    name: "server.timeout answers 504 and aborts the handler's work",
    async run(send, caps) {
      const before = await json(await send("/slow-state"));
      const res = await send("/slow");
      expect(res.status).toBe(504);
      expect(typeof (await json(res)).error).toBe("string");
      // The handler only returns once its AbortSignal fired; the state is per isolate/process,
      // so it can only be read back where requests share one.
      if (!caps.sharedState) return;
      const after = await json(await send("/slow-state"));
      expect(after.aborted).toBe(before.aborted + 1);
    },
  },
  {
    name: "GET /health is open (no auth) for probes",
    async run(send) {
      const res = await send("/health");
      expect(res.status).toBe(200);
    },
  },
];

/** Written to exercise every server feature on every target (test/e2e/fixture-app). */
export const FIXTURE_APP: ConformanceApp = { name: "conformance app", dir: resolve(import.meta.dirname, "fixture-app"), checks };
