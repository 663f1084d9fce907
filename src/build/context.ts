/**
 * State shared by the plugins of one build: what the build is for, and what it learned
 * while resolving (externals to list, Node builtins the worker bundle imports, warnings).
 */
import { relative, sep } from "node:path";
import type { Platform } from "./platforms.js";
import type { RuntimePackage } from "./runtime.js";

export interface ExternalDependency {
  name: string;
  version: string;
  /** Why it stayed external ("native addon"). */
  reason: string;
}

export interface BuildContext {
  root: string;
  platform: Platform;
  /** The user's src/mastra/index.(ts|js): what `virtual:mastra-app` resolves to. */
  appEntry: string;
  runtime: RuntimePackage;
  externals: Map<string, ExternalDependency>;
  /** Installed folder of each external, whose package closure the node output copies (never printed: absolute). */
  externalRoots: Map<string, string>;
  /** `node:` specifier → project-relative importers (used to check worker compatibility). */
  nodeImports: Map<string, Set<string>>;
  warnings: string[];
}

export function createContext(init: Omit<BuildContext, "externals" | "externalRoots" | "nodeImports" | "warnings">): BuildContext {
  return { ...init, externals: new Map(), externalRoots: new Map(), nodeImports: new Map(), warnings: [] };
}

/** Project-relative path with forward slashes, for messages (never absolute: they end up in logs). */
export function displayPath(ctx: Pick<BuildContext, "root" | "runtime">, file: string): string {
  const clean = file.replace(/^\0/, "").replace(/\?.*$/, "");
  const nm = clean.lastIndexOf(`${sep}node_modules${sep}`);
  if (nm >= 0 && !clean.startsWith(ctx.root + sep)) return clean.slice(nm + 1).split(sep).join("/");
  if (clean.startsWith(ctx.runtime.root + sep) && !clean.startsWith(ctx.root + sep)) {
    return `mastra-deploy/${relative(ctx.runtime.root, clean).split(sep).join("/")}`;
  }
  const rel = relative(ctx.root, clean);
  return (rel.startsWith("..") ? clean : rel).split(sep).join("/");
}

/**
 * How build.json names a runtime entry, so `--prebuilt` can compare it with a target's entry
 * on another machine: "mastra-deploy/<path>" inside the runtime install, else as displayed.
 */
export function portableEntry(ctx: Pick<BuildContext, "root" | "runtime">, entry: string): string {
  if (entry.startsWith(ctx.runtime.root + sep) && !entry.startsWith(ctx.root + sep)) {
    return `mastra-deploy/${relative(ctx.runtime.root, entry).split(sep).join("/")}`;
  }
  return displayPath(ctx, entry);
}
