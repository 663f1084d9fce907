// Shared by the build tests: fixtures copied into temp folders, the CLI run in-process,
// and the built server started with node on 127.0.0.1.
import { EventEmitter } from "node:events";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/run.js";
import type { CliIO } from "../../src/cli/io.js";
import { startProcess, type Started } from "../helpers/process.js";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(REPO, "test", "fixtures");
const made: string[] = [];

/**
 * Copy test/fixtures/<name> to a fresh temp folder. `deps/` becomes `node_modules/`;
 * `link` symlinks packages from this repo's node_modules (the app imports them directly).
 */
export function copyFixture(name: string, options: { link?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `mastra-build-${name}-`));
  made.push(dir);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  if (existsSync(join(dir, "deps"))) renameSync(join(dir, "deps"), join(dir, "node_modules"));
  for (const pkg of options.link ?? []) {
    const target = join(dir, "node_modules", pkg);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(REPO, "node_modules", pkg), target, "dir");
  }
  return dir;
}

export function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "mastra-build-empty-"));
  made.push(dir);
  return dir;
}

export function cleanupTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run `mastra <argv>` in-process, capturing what a person would see. */
export async function cli(argv: string[], cwd: string, extra: Partial<CliIO> = {}): Promise<CliRun> {
  let out = "";
  let err = "";
  const io: CliIO = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    cwd,
    env: { ...process.env },
    signals: new EventEmitter() as unknown as CliIO["signals"],
    childStdio: "pipe",
    ...extra,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** `node --enable-source-maps <outDir>/index.mjs` on a free port of 127.0.0.1; resolves when it listens. */
export async function startBuilt(outDir: string, env: NodeJS.ProcessEnv = {}): Promise<Started & { url: string }> {
  const started = await startProcess(process.execPath, ["--enable-source-maps", join(outDir, "index.mjs")], {
    cwd: outDir,
    env: { PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", ...env },
    ready: /listening on (http:\/\/\S+)/,
  });
  const url = /listening on (http:\/\/\S+)/.exec(started.output())![1]!;
  return Object.assign(started, { url });
}

/** Every file of a folder and its subfolders (node_modules), path → bytes (for byte-for-byte comparisons). */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const f of files.map((e) => relative(dir, join(e.parentPath, e.name))).sort()) out[f] = readFileSync(join(dir, f)).toString("base64");
  return out;
}
