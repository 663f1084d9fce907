/**
 * Human output: sizes, the file table, errors. Only the CLI prints; the pipeline returns data.
 */
import { relative } from "node:path";
import type { ToolErrorJSON } from "../build/errors.js";
import type { NodeModulesSummary } from "../build/external-packages.js";
import { formatBytes } from "../deploy/limits.js";
import type { NativeInstaller } from "../deploy/target.js";

// One unit system for sizes, build and deploy alike: KiB/MiB, the unit of the Workers limit.
export { formatBytes } from "../deploy/limits.js";

/**
 * The native packages beside the bundle, sized apart from it: a 13 MiB output is mostly one
 * binary, not JS. `zip`: they ship inside that zip, whose row already counts them (compressed).
 */
export function nodeModulesLine(m: NodeModulesSummary, zip?: string): string {
  const what = `${formatBytes(m.bytes)}${zip ? " unzipped" : ""} in ${m.files} files, ${m.packages.length} packages (the native externals and what they load, built for ${m.builtFor})`;
  return zip ? `inside ${zip}: node_modules/, ${what}` : `plus node_modules/: ${what}`;
}

/** "the image installs 2 native packages at build (npm install --omit=dev): a, b": what a target installs instead of shipping. */
export function nativeInstallLine(n: NativeInstaller & { packages: string[] }): string {
  return `${n.by} installs ${n.packages.length} native package${n.packages.length === 1 ? "" : "s"} ${n.when} (${n.command}): ${n.packages.join(", ")}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function displayFrom(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") && rel.split("/").filter((p) => p === "..").length > 2 ? path : rel;
}

/** The CLI's one table: by default a left-aligned first column and right-aligned figures. */
export function table(head: string[], rows: string[][], align: Array<"left" | "right"> = head.map((_, i) => (i === 0 ? "left" : "right"))): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const cell = (c: string, i: number) => (align[i] === "right" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!));
  const line = (r: string[]) => `  ${r.map(cell).join("  ")}`.trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}

/** Every tool error (build, deploy, dev) printed one way: the line, the code frame, the detail lines indented. */
export function formatToolError(err: Pick<ToolErrorJSON, "message" | "frame" | "detail">, prefix = ""): string {
  let s = `error: ${prefix}${err.message}\n`;
  if (err.frame) s += `\n${err.frame}\n\n`;
  return s + err.detail.map((d) => `  ${d}\n`).join("");
}
