/**
 * One server process of `mastra dev`: spawned early (see server-host.ts), told which bundle
 * to load, and stopped with a drain. The dev process runs at most three at a time: the one
 * serving, the one replacing it, and a warm spare for the next reload.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import type { LoadBundle, LoadFailed, ServerMessage, ServerReady } from "./protocol.js";
import { DEFAULT_DRAIN_TIMEOUT_MS } from "../server/drain-time.js";

const HOST_SCRIPT = fileURLToPath(new URL("./server-host.js", import.meta.url));

export class ServerLoadError extends Error {
  constructor(readonly failure: Pick<LoadFailed, "name" | "message" | "stack">, readonly exitCode: number | null) {
    super(failure.message);
    this.name = "ServerLoadError";
  }
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  /** Absolute paths of packages to import ahead of the bundle. */
  preload: string[];
  stdio: "inherit" | "pipe";
  onOutput?: (stream: "stdout" | "stderr", text: string) => void;
}

export class ServerProcess {
  readonly child: ChildProcess;
  readonly env: Record<string, string>;
  ready?: ServerReady;
  private readonly exitPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exited = false;

  constructor(options: SpawnOptions) {
    this.env = options.env;
    const stdio: StdioOptions = options.stdio === "inherit" ? ["ignore", "inherit", "inherit", "ipc"] : ["ignore", "pipe", "pipe", "ipc"];
    this.child = spawn(process.execPath, ["--enable-source-maps", HOST_SCRIPT, ...options.preload], {
      cwd: options.cwd,
      env: options.env,
      stdio,
      // Its own process group: a terminal's Ctrl-C reaches only the dev process, which then
      // stops every server once and in order (see `mastra start` for the same reasoning).
      detached: true,
    });
    if (options.stdio === "pipe") {
      this.child.stdout?.on("data", (d: Buffer) => options.onOutput?.("stdout", d.toString()));
      this.child.stderr?.on("data", (d: Buffer) => options.onOutput?.("stderr", d.toString()));
    }
    this.exitPromise = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
      this.child.once("error", () => {
        this.exited = true;
        resolve({ code: null, signal: null });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Resolves with the exit code/signal once the process is gone. */
  whenExited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exitPromise;
  }

  /**
   * Import the bundle; resolves once the server listens and answers /health.
   * `host`: the Host header of the /health check, so an app that logs requests shows the
   * public address rather than the internal port.
   */
  async load(file: string, options: { host?: string; timeoutMs?: number } = {}): Promise<ServerReady> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      let failure: LoadFailed | undefined;
      const timer = setTimeout(() => {
        cleanup();
        reject(new ServerLoadError({ name: "Error", message: `the server did not start within ${timeoutMs / 1000} s`, stack: "" }, null));
      }, timeoutMs);
      const onMessage = (m: ServerMessage) => {
        if (m?.type === "listening") {
          cleanup();
          resolve(m);
        } else if (m?.type === "failed") {
          failure = m;
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new ServerLoadError(failure ?? { name: "Error", message: `the server process exited with code ${code} while starting`, stack: "" }, code));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      if (this.exited) return onExit(this.child.exitCode);
      const msg: LoadBundle = { type: "load", file };
      this.child.send(msg);
    });
    await waitForHealth(ready.port, timeoutMs, options.host);
    this.ready = ready;
    return ready;
  }

  /** SIGTERM (the server drains in-flight requests), SIGKILL if it is still there after `graceMs` (its drain time). */
  async stop(graceMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.exited) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill("SIGKILL");
    }, graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** Immediate stop, for a spare that has nothing in flight. */
  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

/** GET /health until it answers 200 (it normally does on the first try: the server already listens). */
async function waitForHealth(port: number, timeoutMs: number, host?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/health", method: "GET", agent: false, headers: host ? { host } : {} }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(0));
      req.end();
    });
    if (status === 200) return;
    if (Date.now() > deadline) throw new ServerLoadError({ name: "Error", message: `the server did not answer /health (last status ${status})`, stack: "" }, null);
    await new Promise((r) => setTimeout(r, 20));
  }
}
