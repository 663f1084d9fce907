// The public contract for deploy targets ("mastra-deploy/targets").
// Built-in targets import only from this module, so a third-party target can do
// everything a built-in one does.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type Platform = "node" | "worker";

/** One file a target wrote, relative to its output folder (POSIX separators). */
export interface Artifact {
  path: string;
  bytes: number;
  gzipBytes: number;
}

/** The bundle the build produced for the target's platform and entry. */
export interface BuildOutput {
  /** Folder holding `index.mjs`, `index.mjs.map` and `package.json`. */
  dir: string;
  /** File names inside `dir` (sorted). */
  files: string[];
  /** Packages the bundle keeps external (native addons), name → version. */
  externals: Record<string, string>;
  platform: Platform;
}

/** What the target knows about the user's app. */
export interface AppInfo {
  /** Project root (the folder holding package.json and src/mastra). */
  root: string;
  /** `name` from the app's package.json (scope kept), or the folder name. */
  name: string;
  version: string;
}

/** The server settings a target may need (container port, drain time). */
export interface ServerSettings {
  port: number;
  timeout: number;
}

export interface PackageContext {
  app: AppInfo;
  build: BuildOutput;
  /** `.mastra/deploy/<target>/` (or `--out`); emptied before `package()` runs. */
  outDir: string;
  /** Target-specific settings from the CLI (e.g. `--wrangler file.json`), already parsed. */
  options: Record<string, unknown>;
  /** The app's `server` port and timeout; evaluated lazily because it costs a build. */
  serverSettings(): Promise<ServerSettings>;
}

export interface UploadContext {
  app: AppInfo;
  outDir: string;
  artifacts: Artifact[];
  options: Record<string, unknown>;
  /** Environment to read credentials from (process.env unless a test passes its own). */
  env: Record<string, string | undefined>;
}

export interface UploadResult {
  /** The command that ran (argv), or null when the target only prints steps. */
  command: string[] | null;
  /** Deployed URL when the provider printed one. */
  url?: string;
  /** Lines for a person: what happened or what to do next. */
  message: string;
}

export interface Limits {
  /** Maximum gzip size of the main bundle (Workers: 3 MiB free, 10 MiB paid). */
  bundleGzipBytes?: number;
  /** Maximum total unzipped size of everything written (Vercel: 250 MB). */
  unzippedBytes?: number;
  /** Maximum zipped size of everything written (Netlify: 50 MB). */
  zippedBytes?: number;
}

export interface Target {
  name: string;
  platform: Platform;
  /** Runtime wrapper module the build bundles (imports `virtual:mastra-app`). */
  entry: string;
  package(ctx: PackageContext): Promise<Artifact[]>;
  upload?(ctx: UploadContext): Promise<UploadResult>;
  limits?: Limits | ((options: Record<string, unknown>) => Limits);
  /** The command a person runs after a dry run (shown in the summary). */
  nextCommand?(ctx: { app: AppInfo; outDir: string; options: Record<string, unknown> }): string;
}

/** Identity helper that gives a target definition its type (and checks its shape). */
export function defineTarget(t: Target): Target {
  const problem = targetProblem(t);
  if (problem) throw new TypeError(`Invalid target${nameOf(t)}: ${problem}`);
  return t;
}

function nameOf(t: unknown): string {
  const n = (t as { name?: unknown } | null)?.name;
  return typeof n === "string" ? ` "${n}"` : "";
}

/** Returns why `t` is not a Target, or null. Used for targets loaded from paths/packages too. */
export function targetProblem(t: unknown): string | null {
  if (!t || typeof t !== "object") return "the default export is not an object";
  const o = t as Record<string, unknown>;
  if (typeof o.name !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(o.name))
    return "`name` must be a lowercase string of letters, digits and dashes";
  if (o.platform !== "node" && o.platform !== "worker") return '`platform` must be "node" or "worker"';
  if (typeof o.entry !== "string" || o.entry.length === 0) return "`entry` must be a module path";
  if (typeof o.package !== "function") return "`package` must be a function";
  if (o.upload !== undefined && typeof o.upload !== "function") return "`upload` must be a function";
  return null;
}

/**
 * Resolve a module next to the caller, whether it runs from TypeScript source
 * (tests, `--target ./x.ts`) or from compiled `dist/` (the published CLI).
 */
export function siblingModule(fromUrl: string, name: string): string {
  const dir = dirname(fileURLToPath(fromUrl));
  for (const ext of [".ts", ".js", ".mjs"]) {
    const p = join(dir, name + ext);
    if (existsSync(p)) return p;
  }
  throw new Error(`Cannot find module ${name} next to ${dir}`);
}

/** The default runtime wrapper for a platform: the Node listener, or `export default app` for workers. */
export { defaultEntry } from "../build/runtime.js";

export { collectArtifacts, listFiles } from "./artifacts.js";
export { scaffoldDir, fillTemplate, renderScaffold } from "./scaffold.js";
export { zipFolder } from "./zip.js";
export { findCli, requireCli, requireEnv, runCli, runCliOrFail, type CliRun } from "./provider-cli.js";
export { DeployError } from "./errors.js";
export { toToml } from "./toml.js";
export { writeText, writeJson, copyBuild, safeName } from "./files.js";
