// Loggers and the server's request log, on a real Node server over 127.0.0.1:
// `new Mastra({ logger })`, one line per request with an id sent back as x-request-id,
// errors with stacks, `logger: false` silent; PinoLogger (pino JSON lines) and its worker twin.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConsoleLogger, LogLevel, Mastra, MastraConfigError, createLogger, registerApiRoute, type IMastraLogger } from "../../src/index.js";
import { PinoLogger } from "../../src/loggers/index.js";
import { PinoLogger as WorkerPinoLogger } from "../../src/loggers/worker.js";
import { serve, type RunningServer } from "../../src/server/serve.js";

afterEach(() => vi.restoreAllMocks());

/** A PinoLogger writing into an array, one parsed JSON object per line. */
function capturedPino(level: LogLevel = "info") {
  const lines: Record<string, any>[] = [];
  const logger = new PinoLogger({ name: "Test", level, destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  return { logger, lines };
}

function appWith(logger: IMastraLogger | false | undefined) {
  return new Mastra({
    ...(logger === undefined ? {} : { logger }),
    server: {
      apiRoutes: [
        registerApiRoute("/hi", { method: "GET", handler: async (c) => c.json({ id: c.get("requestId") ?? null }) }),
        registerApiRoute("/boom", { method: "GET", handler: async () => { throw new Error("database exploded"); } }),
        registerApiRoute("/raw", { method: "GET", handler: async () => new Response("raw", { status: 202 }) }),
      ],
    },
  });
}

describe("the server's request log through PinoLogger", () => {
  let running: RunningServer;
  const { logger, lines } = capturedPino("info");
  beforeAll(async () => {
    running = await serve(appWith(logger), { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
  });
  afterAll(() => running.close());
  const requestLines = () => lines.filter((l) => l.level === 30 && /^[A-Z]+ \//.test(l.msg));

  it("writes one JSON line per request: method, path (no query), status, ms and the id it sends back", async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/hi?token=secret`);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ id });
    await expect.poll(() => requestLines().length).toBe(1);
    const [line] = requestLines();
    expect(line).toMatchObject({ level: 30, name: "Test", method: "GET", path: "/hi", status: 200, requestId: id });
    expect(line!.msg).toMatch(/^GET \/hi 200 [\d.]+ms$/);
    expect(typeof line!.durationMs).toBe("number");
    expect(JSON.stringify(line)).not.toContain("secret");
  });

  it("honours a sane incoming x-request-id and replaces one that is not", async () => {
    const kept = await fetch(`${running.url}/hi`, { headers: { "x-request-id": "edge-42.a:b" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-42.a:b");
    for (const bad of ["has spaces in it", "x".repeat(200), "<script>"]) {
      const res = await fetch(`${running.url}/hi`, { headers: { "x-request-id": bad } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("puts the id on every answer: 404, a raw Response, a CORS preflight", async () => {
    lines.length = 0;
    const notFound = await fetch(`${running.url}/nope`);
    const raw = await fetch(`${running.url}/raw`);
    const preflight = await fetch(`${running.url}/api/agents`, { method: "OPTIONS", headers: { Origin: "https://a.test", "Access-Control-Request-Method": "GET" } });
    for (const res of [notFound, raw, preflight]) expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => requestLines().map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual(["GET /nope 404", "GET /raw 202", "OPTIONS /api/agents 204"]);
  });

  it("logs a 500 at error level with the stack and the request id; the client gets JSON without it", async () => {
    lines.length = 0;
    const res = await fetch(`${running.url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "database exploded" });
    const id = res.headers.get("x-request-id");
    await expect.poll(() => lines.find((l) => l.level === 50)).toBeTruthy();
    const error = lines.find((l) => l.level === 50)!;
    expect(error).toMatchObject({ msg: "GET /boom failed: database exploded", requestId: id, error: { type: "Error", message: "database exploded" } });
    expect(error.error.stack).toMatch(/logging\.test\.ts/);
    expect(requestLines().map((l) => l.status)).toEqual([500]);
  });
});

describe("levels and logger: false", () => {
  it("at warn: no request lines, but the id is still sent and errors are still written", async () => {
    const { logger, lines } = capturedPino("warn");
    const running = await serve(appWith(logger), { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    try {
      const res = await fetch(`${running.url}/hi`);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      await fetch(`${running.url}/boom`);
      await expect.poll(() => lines.length).toBe(1);
      expect(lines[0]).toMatchObject({ level: 50, msg: "GET /boom failed: database exploded" });
    } finally {
      await running.close();
    }
  });

  it("logger: false writes nothing (not even a 500) and adds no header", async () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const running = await serve(appWith(false), { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    try {
      const res = await fetch(`${running.url}/hi`);
      expect(res.headers.get("x-request-id")).toBeNull();
      expect((await fetch(`${running.url}/boom`)).status).toBe(500);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      await running.close();
    }
  });

  it("without a logger: the console at warn (info under mastra dev), so errors still reach stderr", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const mastra = appWith(undefined);
    expect(mastra.getLogger()).toBeInstanceOf(ConsoleLogger);
    expect((mastra.getLogger() as ConsoleLogger).getLevel()).toBe("warn");
    const running = await serve(mastra, { port: 0, host: "127.0.0.1", handleSignals: false, log: () => {} });
    try {
      await fetch(`${running.url}/hi`);
      await fetch(`${running.url}/boom`);
      expect(info).not.toHaveBeenCalled();
      expect(error).toHaveBeenCalledTimes(1);
      expect(String(error.mock.calls[0]![0])).toMatch(/^GET \/boom failed: database exploded \{"requestId":"[0-9a-f-]{36}"\}\nError: database exploded\n\s+at /);
    } finally {
      await running.close();
    }
    vi.stubEnv("NODE_ENV", "development");
    try {
      expect((new Mastra().getLogger() as ConsoleLogger).getLevel()).toBe("info");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("ConsoleLogger, createLogger, LogLevel", () => {
  it("filters by level and writes one line: the message, its fields as JSON, then any error's stack", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const logger = new ConsoleLogger({ name: "c", level: LogLevel.INFO });
    logger.debug("hidden");
    logger.info("shown", { a: 1, skip: undefined });
    logger.warn("with error", { error: new Error("bad") });
    expect(debug).not.toHaveBeenCalled();
    expect(info.mock.calls).toEqual([['shown {"a":1}']]);
    expect(String(warn.mock.calls[0]![0])).toMatch(/^with error\nError: bad\n\s+at /);
  });

  it("createLogger is a ConsoleLogger; LogLevel holds Mastra's names", () => {
    const logger = createLogger({ name: "x", level: "error" });
    expect(logger).toBeInstanceOf(ConsoleLogger);
    expect(logger.isLevelEnabled("warn")).toBe(false);
    expect(logger.isLevelEnabled("error")).toBe(true);
    expect(LogLevel).toEqual({ DEBUG: "debug", INFO: "info", WARN: "warn", ERROR: "error", NONE: "silent" });
  });

  it("a bad level or a logger that is not one fails at startup naming the field", () => {
    expect(() => new PinoLogger({ level: "verbose" as LogLevel })).toThrow(new MastraConfigError("logger.level", 'must be one of debug, info, warn, error, silent (got "verbose")'));
    expect(() => new Mastra({ logger: "yes" as never })).toThrow(MastraConfigError);
    expect(() => new Mastra({ logger: "yes" as never })).toThrow(/^Invalid Mastra config: logger must be false or a logger/);
    expect(() => new Mastra({ logger: true as never })).toThrow(/logger must be false or a logger/);
  });

  it("mastra.getLogger() is the configured logger", () => {
    const logger = new ConsoleLogger();
    expect(new Mastra({ logger }).getLogger()).toBe(logger);
  });
});

describe("PinoLogger", () => {
  it("writes pino JSON lines: level, time, name, msg and the fields; errors serialized with their stack", () => {
    const { logger, lines } = capturedPino("debug");
    logger.debug("d");
    logger.info("hello", { user: "u1" });
    logger.error("failed", { error: new Error("nope") });
    logger.warn("bare error", new Error("alone"));
    expect(lines.map((l) => [l.level, l.msg, l.name])).toEqual([[20, "d", "Test"], [30, "hello", "Test"], [50, "failed", "Test"], [40, "bare error", "Test"]]);
    expect(lines[1]).toMatchObject({ user: "u1" });
    expect(typeof lines[1]!.time).toBe("number");
    expect(lines[2]!.error).toMatchObject({ type: "Error", message: "nope", stack: expect.stringMatching(/logging\.test\.ts/) });
    expect(lines[3]!.err).toMatchObject({ message: "alone" });
  });

  it("filters below its level, and child() adds bindings to every line", () => {
    const { logger, lines } = capturedPino("warn");
    logger.info("dropped");
    logger.child({ component: "billing" }).warn("kept");
    expect(lines).toEqual([expect.objectContaining({ msg: "kept", component: "billing", level: 40 })]);
  });

  it("the worker build's PinoLogger writes the same JSON lines through the console", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const logger = new WorkerPinoLogger({ name: "W", level: "info" }).child({ component: "edge" });
    logger.debug("dropped");
    logger.info("GET / 200 1ms", { requestId: "r1", status: 200 });
    logger.error("failed", { error: new Error("nope") });
    const line = JSON.parse(String(info.mock.calls[0]![0]));
    expect(line).toMatchObject({ level: 30, name: "W", component: "edge", msg: "GET / 200 1ms", requestId: "r1", status: 200 });
    expect(typeof line.time).toBe("number");
    expect(JSON.parse(String(error.mock.calls[0]![0])).error).toMatchObject({ type: "Error", message: "nope", stack: expect.stringContaining("Error: nope") });
    expect(info).toHaveBeenCalledTimes(1);
  });
});

describe("the server writes through the app's logger only", () => {
  it("no console.error or console.warn anywhere in src/server", () => {
    const dir = fileURLToPath(new URL("../../src/server", import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => /console\.(error|warn)\(/.test(readFileSync(join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
