/**
 * Load the built app once, in a child Node process, to catch what only running it can
 * show: a `mastra` export that is not a Mastra instance, or a config the runtime refuses
 * (Mastra validates `server` at construction and `createServer` validates what it wires).
 *
 * The check is a second bundle of the same graph (reusing Rollup's cache, so nothing is
 * parsed twice) whose entry imports the app without listening on a port. It runs from a
 * folder next to the output, at the same depth, so its source map resolves to the user's
 * .ts files and externals resolve from the app's node_modules.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import type { OutputChunk, Plugin, RollupCache } from "rollup";
import { rollup } from "rollup";
import { codeFrame } from "./code-frame.js";
import { displayPath, type BuildContext } from "./context.js";
import { BuildError, oneLine } from "./errors.js";
import { VIRTUAL_APP } from "./plugins/mastra-resolve.js";
import { createInputOptions, createOutputOptions } from "./rollup-options.js";
import { makeStagingDir } from "./write-output.js";

const CHECK_ID = "\0mastra-check";
const MARK = "@@mastra-build-check ";
/** Loading an app should take well under a second; this only guards against an app that never finishes. */
const CHECK_TIMEOUT_MS = 30_000;

const CHECK_SOURCE = `
import { Mastra } from "mastra-deploy";
import { createServer } from "mastra-deploy/server";
const report = (r) => process.stdout.write("\\n${MARK}" + JSON.stringify(r) + "\\n", () => process.exit(0));
const fail = (phase, e) => report({ ok: false, phase, name: e && e.name, message: String(e && e.message || e), stack: String(e && e.stack || "") });
let app;
try { app = await import(${JSON.stringify(VIRTUAL_APP)}); } catch (e) { fail("load", e); }
if (app) {
  const m = app.mastra;
  if (!(m instanceof Mastra)) {
    const got = m === null ? "null" : typeof m !== "object" ? typeof m
      : typeof m.then === "function" ? "a Promise" : "an object of class " + ((m.constructor && m.constructor.name) || "Object");
    report({ ok: false, phase: "instance", got });
  } else {
    try { createServer(m); report({ ok: true }); } catch (e) { fail("server", e); }
  }
}
`;

function checkEntry(): Plugin {
  return {
    name: "mastra-check-entry",
    resolveId: (id) => (id === CHECK_ID ? id : null),
    load: (id) => (id === CHECK_ID ? CHECK_SOURCE : null),
  };
}

interface CheckReport {
  ok: boolean;
  phase?: "load" | "instance" | "server";
  name?: string;
  message?: string;
  stack?: string;
  got?: string;
}

/** First stack frame inside the app's own files → location + frame. */
function appLocation(ctx: BuildContext, stack: string): { file: string; line: number; column: number; frame?: string } | undefined {
  const re = /(?:file:\/\/)?(\/[^\s():]+):(\d+):(\d+)/g;
  for (const m of stack.matchAll(re)) {
    const abs = m[1]!;
    if (!abs.startsWith(ctx.root + sep) || abs.includes(`${sep}node_modules${sep}`) || abs.includes(`${sep}.mastra${sep}`)) continue;
    const line = Number(m[2]);
    const column = Number(m[3]);
    let frame: string | undefined;
    try {
      frame = codeFrame(readFileSync(abs, "utf8"), line, column);
    } catch {
      frame = undefined;
    }
    return { file: displayPath(ctx, abs), line, column, frame };
  }
  return undefined;
}

function run(file: string, cwd: string): Promise<{ stdout: string; stderr: string; code: number | null; timedOut: boolean }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ["--enable-source-maps", file], {
      cwd,
      env: { ...process.env, NODE_ENV: "production", MASTRA_BUILD_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, CHECK_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ stdout, stderr, code, timedOut });
    });
  });
}

export interface CheckOptions {
  outDir: string;
  cache: RollupCache | undefined;
}

/** Throws a BuildError when the app cannot be served; returns warnings for what it could not check. */
export async function checkApp(ctx: BuildContext, opts: CheckOptions): Promise<string[]> {
  const input = createInputOptions(ctx, { entry: CHECK_ID, outDir: opts.outDir, onLog: () => {} });
  input.plugins = [checkEntry(), ...(input.plugins as Plugin[])];
  input.cache = opts.cache;
  const bundle = await rollup(input);
  let chunk: OutputChunk;
  try {
    const { output } = await bundle.generate(createOutputOptions(ctx, { outDir: opts.outDir }));
    chunk = output[0];
  } finally {
    await bundle.close();
  }
  const dir = await makeStagingDir(opts.outDir, "check");
  try {
    const file = join(dir, "check.mjs");
    await writeFile(file, `${chunk.code}\n//# sourceMappingURL=check.mjs.map\n`);
    await writeFile(`${file}.map`, chunk.map ? chunk.map.toString() : "");
    const result = await run(file, ctx.root);
    if (result.timedOut) return [`Skipped the app check: loading ${displayPath(ctx, ctx.appEntry)} did not finish within ${CHECK_TIMEOUT_MS / 1000}s`];
    const line = result.stdout.split("\n").find((l) => l.startsWith(MARK));
    if (!line) {
      const why = oneLine(result.stderr).slice(0, 300) || `exit code ${result.code}`;
      return [`Skipped the app check: it did not report (${why})`];
    }
    const report = JSON.parse(line.slice(MARK.length)) as CheckReport;
    if (report.ok) return [];
    const app = displayPath(ctx, ctx.appEntry);
    if (report.phase === "instance") {
      throw new BuildError("NOT_A_MASTRA_INSTANCE", `"mastra" exported from ${app} is ${report.got}, not a Mastra instance — export new Mastra({ ... })`, { file: app });
    }
    const loc = appLocation(ctx, report.stack ?? "");
    const where = loc ? ` (${loc.file}:${loc.line}:${loc.column})` : "";
    const message = oneLine(report.message ?? "unknown error");
    const isConfig = report.name === "MastraConfigError" || /^Invalid Mastra config/i.test(message) || report.phase === "server";
    if (isConfig) {
      throw new BuildError("INVALID_CONFIG", `${message}${where}`, { file: loc?.file ?? app, line: loc?.line, column: loc?.column, frame: loc?.frame });
    }
    // Anything else (a missing env var, a database down) is the deployment's business, not
    // the build's: CI builds without production secrets. Say it, but do not fail.
    return [`Loading ${app} in Node threw: ${message}${where} — the build is written, but check this before deploying`];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
