// Shared by the `mastra dev` tests: the fixture app copied into a temp folder, the real CLI
// (bin/mastra.js → dist) started on it, and small HTTP/process helpers.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startProcess, type Started } from "../helpers/process.js";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(REPO, "bin", "mastra.js");
const made: string[] = [];

/**
 * Copy test/dev/fixtures/<name> to a temp folder. The fixture keeps its env files as
 * `dotenv*` (git ignores `.env*`); they become `.env*` in the copy. `link` symlinks packages
 * from this repo's node_modules into the copy's node_modules.
 */
export function copyDevFixture(name: string, link: string[] = []): string {
  return copyApp(join(REPO, "test", "dev", "fixtures", name), name, link);
}

/** Copy an app folder (a fixture, examples/quickstart) to a temp folder removed by `cleanupDevTemp`; see copyDevFixture. */
export function copyApp(source: string, name: string, link: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), `mastra-dev-${name}-`));
  made.push(dir);
  cpSync(source, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.mastra)$/.test(src) });
  for (const f of readdirSync(dir)) if (f.startsWith("dotenv")) renameSync(join(dir, f), join(dir, f.replace(/^dotenv/, ".env")));
  for (const pkg of link) {
    mkdirSync(dirname(join(dir, "node_modules", pkg)), { recursive: true }); // scoped names: node_modules/@scope/
    symlinkSync(join(REPO, "node_modules", pkg), join(dir, "node_modules", pkg), "dir");
  }
  return dir;
}

export function cleanupDevTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface DevSession extends Started {
  url: string;
  port: number;
}

/** `mastra dev --dir <app> --port <free port>`; resolves once it listens. */
export async function startDev(app: string, options: { port?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<DevSession> {
  const port = options.port ?? (await freePort());
  const started = await startProcess(process.execPath, [CLI, "dev", "--dir", app, "--port", String(port), ...(options.args ?? [])], {
    cwd: app,
    env: { ...options.env },
    ready: /Mastra dev server listening on (http:\/\/\S+)/,
    timeoutMs: 60_000,
  });
  const m = /Mastra dev server listening on http:\/\/[^:]+:(\d+)/.exec(started.output())!;
  const actual = Number(m[1]);
  return Object.assign(started, { port: actual, url: `http://127.0.0.1:${actual}` });
}

/** Poll `check` until it returns true (it may throw meanwhile); fails with the last error after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function getJson<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

/** The server processes `mastra dev` runs (its direct children running server-host.js). */
export function serverPids(pid: number): number[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid), "-f", "server-host"], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when nothing accepts connections on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

export { freePort };
