/**
 * Turn whatever Rollup, esbuild or a plugin threw into a one-line BuildError with a
 * project-relative location and a code frame.
 */
import { readFileSync } from "node:fs";
import type { RollupLog } from "rollup";
import { codeFrame } from "./code-frame.js";
import { displayPath, type BuildContext } from "./context.js";
import { BuildError, oneLine, type BuildErrorCode } from "./errors.js";

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number; lineText?: string } | null;
}

interface ToolError {
  message?: string;
  code?: string;
  pluginCode?: string | number;
  plugin?: string;
  id?: string;
  binding?: string;
  exporter?: string;
  loc?: { file?: string; line: number; column: number };
  frame?: string;
  errors?: EsbuildMessage[];
}

function frameFor(file: string | undefined, line: number, column: number): string | undefined {
  if (!file) return undefined;
  try {
    return codeFrame(readFileSync(file, "utf8"), line, column);
  } catch {
    return undefined;
  }
}

/** Rollup prefixes plugin errors with "[plugin name] file (line:col): "; we print our own location. */
function stripToolPrefix(message: string): string {
  return message
    .replace(/^\[plugin [^\]]+\]\s*/, "")
    .replace(/^.*?@rollup\/plugin-typescript TS\d+:\s*/, "")
    // An absolute path, or any path followed by "(line:col)" (Rollup's MISSING_EXPORT says "src/x.ts (4:16): ").
    .replace(/^((\/|[A-Za-z]:\\)\S+(\s\(\d+:\d+\))?|\S+\s\(\d+:\d+\)):\s*/, "")
    .replace(/^Transform failed with \d+ errors?:\s*/, "");
}

export function normalizeBuildError(err: unknown, ctx: BuildContext): BuildError {
  const e = (err ?? {}) as ToolError;

  if (err instanceof BuildError) {
    // Rollup re-labels errors thrown in plugin hooks as PLUGIN_ERROR; the original is in pluginCode.
    const code = (typeof e.pluginCode === "string" ? e.pluginCode : err.code) as BuildErrorCode;
    return new BuildError(code, err.message, err.fields());
  }

  // `virtual:mastra-app` resolves straight to the app entry, so a missing `mastra` is a missing export of it.
  if (e.code === "MISSING_EXPORT" && e.binding === "mastra" && e.exporter === ctx.appEntry) {
    const file = displayPath(ctx, ctx.appEntry);
    return new BuildError("MISSING_MASTRA_EXPORT", `${file} does not export "mastra" — add: export const mastra = new Mastra({ ... })`, { file });
  }

  // esbuild transform errors (TypeScript/JS syntax): the first message has the location.
  const first = e.errors?.[0];
  if (first?.location) {
    const file = displayPath(ctx, first.location.file.startsWith("/") ? first.location.file : (e.id ?? first.location.file));
    const abs = e.id ?? first.location.file;
    const line = first.location.line;
    const column = first.location.column + 1;
    return new BuildError("SYNTAX_ERROR", `Syntax error in ${file}:${line}:${column}: ${first.text}`, {
      file, line, column, frame: frameFor(abs, line, column),
    });
  }

  // Rollup names both files relative to the process's folder; we name them from the project root, as everywhere.
  const message =
    e.code === "MISSING_EXPORT" && e.binding && e.exporter && e.id
      ? `"${e.binding}" is not exported by "${displayPath(ctx, e.exporter)}", imported by "${displayPath(ctx, e.id)}".`
      : stripToolPrefix(oneLine(e.message ?? String(err)));
  if (e.loc && (e.loc.file ?? e.id)) {
    const abs = e.loc.file ?? e.id!;
    const file = displayPath(ctx, abs);
    const code: BuildErrorCode = e.code === "PARSE_ERROR" ? "SYNTAX_ERROR" : "BUILD_FAILED";
    const prefix = code === "SYNTAX_ERROR" ? "Syntax error in " : "";
    return new BuildError(code, `${prefix}${file}:${e.loc.line}:${e.loc.column + 1}: ${message}`, {
      file, line: e.loc.line, column: e.loc.column + 1, frame: frameFor(abs, e.loc.line, e.loc.column + 1) ?? e.frame,
    });
  }
  return new BuildError("BUILD_FAILED", message || "Build failed");
}

/** All TypeScript diagnostics as one BuildError: the first in the message, every one in detail when there are several. */
export function typeErrors(ctx: BuildContext, logs: RollupLog[]): BuildError {
  const lines = logs.map((log) => {
    const where = log.loc?.file ? `${displayPath(ctx, log.loc.file)}:${log.loc.line}:${log.loc.column}` : "tsconfig";
    return `${where}: ${log.pluginCode}: ${stripToolPrefix(oneLine(log.message))}`;
  });
  const first = logs[0]!;
  const loc = first.loc;
  return new BuildError("TYPE_ERROR", `${logs.length} type error${logs.length === 1 ? "" : "s"}: ${lines[0]}`, {
    file: loc?.file ? displayPath(ctx, loc.file) : undefined,
    line: loc?.line,
    column: loc?.column,
    frame: loc?.file ? frameFor(loc.file, loc.line, loc.column) : undefined,
    detail: lines.length > 1 ? lines : [],
  });
}
