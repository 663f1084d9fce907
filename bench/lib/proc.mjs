// Starting, probing and stopping the servers under test. Every server's stdout goes to /dev/null
// (the quickstart console.logs every request; so do the floors), stderr is kept for error reports.
import { spawn, spawnSync } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";

const DEV_NULL = openSync("/dev/null", "w");

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One GET on a fresh connection; resolves with the status, or 0 when nothing listens yet. */
export function probe(port, path = "/health", headers = {}) {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
    req.end();
  });
}

/**
 * Spawn a server and measure process start → first 200 on `path`. Polls every ~2 ms: a refused
 * connection on loopback costs microseconds, so polling adds no measurable delay to the server.
 */
export async function startServer({ command = process.execPath, args, cwd, env = {}, path = "/health", timeoutMs = 60_000 }) {
  const port = await freePort();
  let stderr = "";
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, MASTRA_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env, PORT: String(port) },
    stdio: ["ignore", DEV_NULL, "pipe"],
  });
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  let exited = null;
  const exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve((exited = { code, signal }))));
  for (;;) {
    if (exited) throw new Error(`${[command, ...args].join(" ")} exited (${exited.code ?? exited.signal}) before answering ${path}: ${stderr.trim().slice(-800)}`);
    if (performance.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${[command, ...args].join(" ")} did not answer ${path} within ${timeoutMs} ms: ${stderr.trim().slice(-800)}`);
    }
    const status = await probe(port, path);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const coldStartMs = performance.now() - started;
  return {
    child,
    port,
    coldStartMs,
    stderr: () => stderr,
    async stop() {
      if (!exited) child.kill("SIGKILL");
      await exit;
    },
  };
}

/** Resident memory of a live process from /proc: current (VmRSS) and peak (VmHWM), in bytes. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** Run a command to completion, timing it; output kept for errors. */
export function run(command, args, { cwd, env = {}, timeoutMs = 15 * 60_000 } = {}) {
  const started = performance.now();
  const r = spawnSync(command, args, {
    cwd,
    env: { ...process.env, MASTRA_TELEMETRY_DISABLED: "1", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs,
  });
  const ms = performance.now() - started;
  return { ok: r.status === 0, status: r.status, ms, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

export function failure(r, what) {
  return `${what} failed (exit ${r.status ?? r.error?.code}): ${(r.stderr || r.stdout).trim().split("\n").slice(-6).join(" | ").slice(0, 600)}`;
}
