// `mastra dev` end to end: the real CLI on a temp copy of a fixture app, edited while it runs.
// No timing assertions: reloads are awaited by polling for the new response.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverPids, cleanupDevTemp, copyDevFixture, freePort, getJson, portIsFree, processExists, startDev, until, type DevSession } from "./helpers.js";

afterAll(cleanupDevTemp);

const GREETING = (text: string) => `export function greeting(): string {\n  return "${text}";\n}\n`;

describe("mastra dev", () => {
  let app: string;
  let dev: DevSession;
  const edit = (file: string, text: string) => writeFileSync(join(app, file), text);
  const hello = async () => (await getJson<{ message: string }>(`${dev.url}/hello`)).message;
  const reloads = () => dev.output().match(/reloaded in \d+ ms/g)?.length ?? 0;

  beforeAll(async () => {
    app = copyDevFixture("dev-app", ["zod"]);
    dev = await startDev(app, { env: { SHARED: "from-shell", FROM_SHELL: "shell" } });
  });

  afterAll(async () => {
    await dev?.stop();
  });

  it("serves the app on the given port", async () => {
    expect(await hello()).toBe("hello v1");
    expect((await fetch(`${dev.url}/health`)).status).toBe(200);
  });

  it("loads .env, .env.local, .env.development (later wins, the shell wins over all) with NODE_ENV=development", async () => {
    expect(await getJson(`${dev.url}/env`)).toEqual({
      fromEnv: "env-1",
      overridden: "from-local",
      fromDevelopment: "development",
      shared: "from-shell",
      fromExtra: null,
      nodeEnv: "development",
    });
    expect(dev.output()).toMatch(/env: .*\.env, .*\.env\.local, .*\.env\.development \(4 variables\)/);
  });

  it("never writes .env values into the bundle", () => {
    const bundle = readFileSync(join(app, ".mastra", "dev", "index.mjs"), "utf8");
    expect(bundle).not.toContain("env-1");
    expect(bundle).not.toContain("from-local");
  });

  it("rebuilds and swaps in the new server when a handler's module changes, printing one line with the time", async () => {
    const before = reloads();
    edit("src/mastra/greeting.ts", GREETING("hello v2"));
    await until(async () => (await hello()) === "hello v2", "the new greeting");
    await until(async () => reloads() > before, "the reload line");
    expect(dev.output()).toMatch(/\d\d:\d\d:\d\d reloaded in \d+ ms \(build \d+ ms, start \d+ ms\): src\/mastra\/greeting\.ts/);
  });

  it("keeps workflow runs across a reload in .mastra/data/mastra.db (the app configures no storage)", async () => {
    const started = await fetch(`${dev.url}/api/workflows/countWorkflow/start-async?runId=before-reload`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputData: { n: 4 } }),
    });
    expect(await started.json()).toMatchObject({ status: "success", result: { n: 8 } });
    const pid = (await getJson<{ pid: number }>(`${dev.url}/hello`)).pid;
    edit("src/mastra/greeting.ts", GREETING("hello v2b"));
    await until(async () => (await hello()) === "hello v2b", "the reload");
    // Another server process now answers, and the run is still there.
    expect((await getJson<{ pid: number }>(`${dev.url}/hello`)).pid).not.toBe(pid);
    expect(await getJson(`${dev.url}/api/workflows/countWorkflow/runs/before-reload`)).toMatchObject({ runId: "before-reload", status: "success" });
    expect(existsSync(join(app, ".mastra", "data", "mastra.db"))).toBe(true);
    // Back to what the next test expects of the last good server.
    edit("src/mastra/greeting.ts", GREETING("hello v2"));
    await until(async () => (await hello()) === "hello v2", "the reload back");
  });

  it("keeps the last good server on a syntax error and prints the error with file:line and a code frame", async () => {
    const mark = dev.output().length;
    edit("src/mastra/greeting.ts", `export function greeting(): string {\n  return "hello v3" +;\n}\n`);
    await until(async () => /build failed/.test(dev.output().slice(mark)), "the build error");
    const printed = dev.output().slice(mark);
    expect(printed).toMatch(/src\/mastra\/greeting\.ts:2:\d+/);
    expect(printed).toMatch(/> 2 \|\s+return "hello v3" \+;/);
    expect(printed).toMatch(/last good server keeps running/);
    expect(await hello()).toBe("hello v2");
  });

  it("recovers on the next good save", async () => {
    edit("src/mastra/greeting.ts", GREETING("hello v3"));
    await until(async () => (await hello()) === "hello v3", "the fixed greeting");
  });

  it("keeps the last good server when the new one fails to start (invalid config), naming the file:line", async () => {
    const source = readFileSync(join(app, "src/mastra/index.ts"), "utf8");
    const mark = dev.output().length;
    edit("src/mastra/index.ts", source.replace("apiRoutes: [", 'port: "not a port" as unknown as number,\n    apiRoutes: ['));
    await until(async () => /the server failed to start/.test(dev.output().slice(mark)), "the start error");
    const printed = dev.output().slice(mark);
    expect(printed).toMatch(/server\.port/);
    expect(printed).toMatch(/at src\/mastra\/index\.ts:\d+:\d+/);
    expect(await hello()).toBe("hello v3");
    edit("src/mastra/index.ts", source);
    const pid = (await getJson<{ pid: number }>(`${dev.url}/hello`)).pid;
    edit("src/mastra/greeting.ts", GREETING("hello v4"));
    await until(async () => (await hello()) === "hello v4", "recovery after the start error");
    expect((await getJson<{ pid: number }>(`${dev.url}/hello`)).pid).not.toBe(pid);
  });

  it("restarts with the new value when .env changes", async () => {
    edit(".env", readFileSync(join(app, ".env"), "utf8").replace("FROM_ENV=env-1", "FROM_ENV=env-2"));
    await until(async () => (await getJson(`${dev.url}/env`)).fromEnv === "env-2", "the new .env value");
    expect(dev.output()).toMatch(/reloaded in \d+ ms .*: \.env/);
  });

  it("answers errors with the stack mapped to the .ts source", async () => {
    const res = await fetch(`${dev.url}/boom`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; stack?: string };
    expect(body.error).toBe("boom from the handler");
    expect(body.stack).toMatch(/src\/mastra\/index\.ts:\d+:\d+/);
  });

  it("passes x-mastra-dev-playground through to middleware", async () => {
    const res = await fetch(`${dev.url}/hello`, { headers: { "x-mastra-dev-playground": "true" } });
    expect(res.headers.get("x-saw-dev-playground")).toBe("true");
    expect((await fetch(`${dev.url}/hello`)).headers.get("x-saw-dev-playground")).toBe("false");
  });

  it("serves every request fired during reloads (none refused), slow ones finishing on the old server", async () => {
    let stop = false;
    const seen = new Set<string>();
    const failures: string[] = [];
    let count = 0;
    const loop = async () => {
      while (!stop) {
        try {
          const res = await fetch(`${dev.url}/hello`);
          const body = (await res.json()) as { message: string };
          if (res.status !== 200) failures.push(`status ${res.status}`);
          seen.add(body.message);
          count++;
        } catch (err) {
          failures.push(String((err as Error).cause ?? err));
        }
      }
    };
    // Started on the old server, answered after the swap: it must still complete.
    const slow = getJson<{ message: string }>(`${dev.url}/slow?ms=1500`);
    const loops = Array.from({ length: 6 }, loop);
    edit("src/mastra/greeting.ts", GREETING("hello v5"));
    await until(async () => seen.has("hello v5"), "v5 during the load");
    edit("src/mastra/greeting.ts", GREETING("hello v6"));
    await until(async () => seen.has("hello v6"), "v6 during the load");
    stop = true;
    await Promise.all(loops);
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(10);
    expect((await slow).message).toBe("hello v4");
  });

  it("reports a server that exits on its own, answers 503 meanwhile, and starts again on the next save", async () => {
    const mark = dev.output().length;
    await fetch(`${dev.url}/crash`, { method: "POST" });
    await until(async () => /the server exited \(code 3\)/.test(dev.output().slice(mark)), "the exit report");
    const res = await fetch(`${dev.url}/hello`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/save a file to start it again/);
    edit("src/mastra/greeting.ts", GREETING("hello v7"));
    await until(async () => (await hello()) === "hello v7", "the restarted server");
  });

  it("stops on SIGTERM: exit 0, port free, no server process left", async () => {
    const servers = serverPids(dev.child.pid!);
    expect(servers.length).toBeGreaterThan(0);
    expect(await dev.stop()).toBe(0);
    expect(await portIsFree(dev.port)).toBe(true);
    for (const pid of servers) expect(processExists(pid)).toBe(false);
  });
});

describe("mastra dev: ports and signals", () => {
  it("uses the next free port when the wanted one is taken, and says so", async () => {
    const app = copyDevFixture("dev-app", ["zod"]);
    const wanted = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(wanted, "0.0.0.0", r));
    try {
      const dev = await startDev(app, { port: wanted });
      try {
        expect(dev.output()).toContain(`Port ${wanted} is in use; using ${dev.port} instead`);
        expect(dev.port).toBeGreaterThan(wanted);
        expect((await getJson<{ message: string }>(`${dev.url}/hello`)).message).toBe("hello v1");
      } finally {
        const servers = serverPids(dev.child.pid!);
        // Ctrl-C in a terminal is SIGINT.
        dev.child.kill("SIGINT");
        expect(await dev.exited).toBe(0);
        for (const pid of servers) expect(processExists(pid)).toBe(false);
        expect(await portIsFree(dev.port)).toBe(true);
      }
    } finally {
      blocker.close();
    }
  });

  it("takes the port from PORT when --port is not given, and loads --env <file> after the others", async () => {
    const app = copyDevFixture("dev-app", ["zod"]);
    writeFileSync(join(app, "extra.env"), "FROM_EXTRA=extra\nOVERRIDDEN=from-extra\n");
    const port = await freePort();
    const { startProcess } = await import("../helpers/process.js");
    const { REPO } = await import("./helpers.js");
    const dev = await startProcess(process.execPath, [join(REPO, "bin", "mastra.js"), "dev", "--env", "extra.env"], {
      cwd: app,
      env: { PORT: String(port) },
      ready: /listening on http/,
      timeoutMs: 60_000,
    });
    try {
      expect(dev.output()).toContain(`listening on http://localhost:${port}`);
      expect((await getJson<{ message: string }>(`http://127.0.0.1:${port}/hello`)).message).toBe("hello v1");
      expect(await getJson(`http://127.0.0.1:${port}/env`)).toMatchObject({ fromExtra: "extra", overridden: "from-extra", fromEnv: "env-1" });
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });

  it("waits for a fix when the very first build fails, then starts", async () => {
    const app = copyDevFixture("dev-app", ["zod"]);
    writeFileSync(join(app, "src/mastra/greeting.ts"), `export function greeting(): string {\n  return "first" +;\n}\n`);
    const { startProcess } = await import("../helpers/process.js");
    const { REPO } = await import("./helpers.js");
    const port = await freePort();
    const dev = await startProcess(process.execPath, [join(REPO, "bin", "mastra.js"), "dev", "--port", String(port)], {
      cwd: app,
      ready: /Waiting for a fix/,
      timeoutMs: 60_000,
    });
    try {
      expect(dev.output()).toMatch(/src\/mastra\/greeting\.ts:2:\d+/);
      // Rollup's watcher starts watching the failed build's files right after reporting the
      // error; a person never saves within that moment, this test would.
      await new Promise((r) => setTimeout(r, 500));
      const saved = performance.now();
      writeFileSync(join(app, "src/mastra/greeting.ts"), GREETING("first fixed"));
      await until(async () => /listening on http/.test(dev.output()), "the first good build");
      const sinceSave = performance.now() - saved;
      expect((await getJson<{ message: string }>(`http://127.0.0.1:${port}/hello`)).message).toBe("first fixed");
      // "ready in" counts from the fix, not the time spent waiting for it: never more than has passed since the save.
      const [, value, unit] = /ready in ([\d.]+) (ms|s)\)/.exec(dev.output())!;
      expect(Number(value) * (unit === "s" ? 1000 : 1)).toBeLessThanOrEqual(sinceSave);
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  });

  it("rejects an unknown flag with the usage (exit 2)", async () => {
    const { spawnSync } = await import("node:child_process");
    const { REPO } = await import("./helpers.js");
    const r = spawnSync(process.execPath, [join(REPO, "bin", "mastra.js"), "dev", "--bogus"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--bogus'/);
    expect(r.stderr).toMatch(/Usage: mastra dev/);
  });
});
