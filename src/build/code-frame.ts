import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { locateConfigValue, type ConfigPath } from "./config-location.js";

/**
 * A small code frame (like Babel's) so every located error looks the same whether it
 * came from esbuild, Rollup or our own checks. No colours: output goes to logs and CI too.
 */
export function codeFrame(source: string, line: number, column: number, contextLines = 2): string {
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - contextLines);
  const last = Math.min(lines.length, line + contextLines);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? ">" : " ";
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
    if (n === line) {
      // column is 1-based here; tabs are kept so the caret lines up under them.
      const prefix = (lines[n - 1] ?? "").slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
      out.push(`  ${" ".repeat(width)} | ${prefix}^`);
    }
  }
  return out.join("\n");
}

/** 1-based line/column of a character offset. */
export function locate(source: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The first frame of a (source-mapped) stack that lies in the app's own files — not in
 * node_modules or a .mastra build — with a code frame when the file can be read. With the
 * `path` of a MastraConfigError, the location moves from the validating call (`new Mastra({`)
 * to the property that holds the bad value.
 */
export function firstAppFrame(root: string, stack: string, configPath?: ConfigPath): { file: string; line: number; column: number; frame?: string } | undefined {
  for (const m of stack.matchAll(/(?:file:\/\/)?(\/[^\s():]+):(\d+):(\d+)/g)) {
    const file = m[1]!;
    if (!file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`) || file.includes(`${sep}.mastra${sep}`)) continue;
    const call = { line: Number(m[2]), column: Number(m[3]) };
    const { line, column } = (configPath?.length ? locateConfigValue(file, call, configPath) : undefined) ?? call;
    let frame: string | undefined;
    try {
      frame = codeFrame(readFileSync(file, "utf8"), line, column);
    } catch {
      frame = undefined;
    }
    return { file, line, column, frame };
  }
  return undefined;
}
