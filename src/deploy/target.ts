// The public contract for deploy targets ("mastra-deploy/targets").
// Built-in targets import only from this module, so a third-party target can do
// everything a built-in one does.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import type { CliRun } from "./provider-cli.js";
import { PLATFORMS, type Platform } from "../build/platforms.js";
import type { ServerSettings } from "../core/server-settings.js";
import type { StorageSummary } from "../build/manifest.js";
import type { NodeModulesSummary } from "../build/external-packages.js";

export type { Platform };

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
  /** The app's store as the build's app check found it (absent when the check could not load the app). */
  storage?: StorageSummary;
  /** The externals' packages in `dir/node_modules` (node platform with externals): copy them with `copyBuild`'s `withNodeModules`. */
  nodeModules?: NodeModulesSummary;
  /** Files asked for beside the bundle (the playground page with `--playground`), relative to `dir`: `copyBuild` ships them. */
  extraFiles?: string[];
}

/** What the target knows about the user's app. */
export interface AppInfo {
  /** Project root (the folder holding package.json and src/mastra). */
  root: string;
  /** `name` from the app's package.json (scope kept), or the folder name. */
  name: string;
  version: string;
}

/** The server settings a target may need (container port, drain time), as build.json records them. */
export type { ServerSettings, StorageSummary, NodeModulesSummary };
export { sharesState } from "../build/manifest.js";

/**
 * One setting a target accepts. The CLI turns it into `--<kebab-name>` (and lists it in
 * `mastra deploy --help`); the value, from that flag, `--option name=value` or the programmatic
 * API, is parsed by `schema` before anything is built, and the target sees the parsed output.
 */
export interface TargetOption<S extends z.ZodType = z.ZodType> {
  /** Validates (and may coerce or default) the value; a failure is a command-line error naming the flag. */
  schema: S;
  /** One line for `--help`: what the setting does. */
  help: string;
  /**
   * How the command line gives it: `"string"` (the text, default), `"boolean"` (a switch),
   * or `"json-file"` (a path whose JSON content is the value).
   */
  arg?: "string" | "boolean" | "json-file";
  /** Placeholder shown in `--help` (`<file>`, `<free|paid>`); default `<value>`. */
  value?: string;
}

export type TargetOptions = Record<string, TargetOption>;

/** What the target's code sees in `ctx.options`: each option's parsed value (undefined when not given and not defaulted). */
export type OptionValues<O extends TargetOptions> = { [K in keyof O]: z.output<O[K]["schema"]> };

/** What an upload needs, checked before anything is built (never on --dry-run). */
export interface TargetRequirements {
  /** The provider CLI: found in the app's node_modules/.bin or on PATH, else a one-line error with `install`. */
  cli?: { name: string; install: string };
  /** Credential variables that must be set, and how to get them. */
  env?: { names: string[]; help: string };
}

/** Who installs a build's native packages, when, with what command (see `Target.installsNatives`). */
export interface NativeInstaller {
  by: string;
  when: string;
  command: string;
  /** The command instead when the build wrote a package-lock.json (`npm ci --omit=dev`: the locked tree). */
  lockedCommand?: string;
}

export interface PackageContext<V = Record<string, unknown>> {
  app: AppInfo;
  build: BuildOutput;
  /** `.mastra/deploy/<target>/` (or `--out`); emptied before `package()` runs. */
  outDir: string;
  /** The target's settings, parsed by its `options` schemas (or as given, for a target that declares none). */
  options: V;
  /** The app's `server` settings, read from the build's build.json. */
  serverSettings(): Promise<ServerSettings>;
}

export interface UploadContext<V = Record<string, unknown>> {
  app: AppInfo;
  outDir: string;
  artifacts: Artifact[];
  options: V;
  /** Environment to read credentials from (process.env unless a test passes its own). */
  env: Record<string, string | undefined>;
  /**
   * Run the CLI named in `requires.cli` with `args`, in `outDir`: its output is streamed to the
   * person as it runs, it is stopped after the upload timeout, and a non-zero exit is a
   * DeployError carrying its last lines.
   */
  run(args: string[], opts?: { label?: string }): Promise<CliRun>;
}

export interface UploadResult {
  /** The command that ran (argv), or null when the target only prints steps. */
  command: string[] | null;
  /** Deployed URL when the provider printed one. */
  url?: string;
  /** Lines for a person: what happened or what to do next. */
  message: string;
  /** A command for the person to run next, relative to the output folder (the orchestrator adds the `cd`). */
  next?: string;
}

export interface Limits {
  /** Maximum gzip size of the main bundle (Workers: 3 MiB free, 10 MiB paid). */
  bundleGzipBytes?: number;
  /** Maximum total unzipped size of everything written (Vercel: 250 MB). */
  unzippedBytes?: number;
  /** Maximum zipped size of everything written (Netlify: 50 MB). */
  zippedBytes?: number;
}

export interface Target<O extends TargetOptions = TargetOptions> {
  name: string;
  platform: Platform;
  /** Runtime wrapper module the build bundles (imports `virtual:mastra-app`). */
  entry: string;
  /** The settings this target accepts (flags in `mastra deploy`); a target without it gets `--option k=v` as given. */
  options?: O;
  /**
   * Requests may land on many short-lived instances (serverless): state kept in one instance's
   * memory or local file is not seen by the next, so deploy warns unless the app's store is shared.
   */
  manyInstances?: boolean;
  /** What `upload` needs (provider CLI, credentials): checked before the build. */
  requires?: TargetRequirements;
  /**
   * Where the output installs the build's native packages instead of shipping them (docker:
   * `{ by: "the image", when: "at build", command: "npm install --omit=dev" }`); deploy says so
   * under its table, with the packages, when the build has any.
   */
  installsNatives?: NativeInstaller;
  /**
   * How a secret is set where this target's app runs, `{name}` standing for the variable and
   * `{app}` for the app's safeName ("set it with `npx wrangler secret put {name}`"): the secret
   * scan's refusal says it after "read it from process.env at run time instead".
   */
  secrets?: string;
  /** Write the deployment into `ctx.outDir`; the orchestrator lists what was written. */
  package(ctx: PackageContext<OptionValues<O>>): Promise<void | Artifact[]>;
  upload?(ctx: UploadContext<OptionValues<O>>): Promise<UploadResult>;
  limits?: Limits | ((options: OptionValues<O>) => Limits);
  /** The command a person runs after a dry run, relative to the output folder (the orchestrator adds the `cd`). */
  nextCommand?(ctx: { app: AppInfo; outDir: string; options: OptionValues<O> }): string;
}

/** Identity helper that gives a target definition its type (and checks its shape). */
export function defineTarget<O extends TargetOptions = TargetOptions>(t: Target<O>): Target {
  const problem = targetProblem(t);
  if (problem) throw new TypeError(`Invalid target${nameOf(t)}: ${problem}`);
  return t as unknown as Target;
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
  if (!PLATFORMS.includes(o.platform as Platform)) return `\`platform\` must be ${PLATFORMS.map((p) => `"${p}"`).join(", ")}`;
  if (typeof o.entry !== "string" || o.entry.length === 0) return "`entry` must be a module path";
  if (typeof o.package !== "function") return "`package` must be a function";
  if (o.upload !== undefined && typeof o.upload !== "function") return "`upload` must be a function";
  if (o.options !== undefined) {
    if (!o.options || typeof o.options !== "object") return "`options` must be an object of { schema, help }";
    for (const [key, opt] of Object.entries(o.options as Record<string, unknown>)) {
      const p = optionProblem(key, opt);
      if (p) return `option \`${key}\`: ${p}`;
    }
  }
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

/**
 * Runtime entries: `defaultEntry("node")` is the Node listener; `runtimeModule("targets/<name>/entry")`
 * is a built-in target's own wrapper (cloudflare's `export default app`, vercel's and netlify's functions).
 */
export { defaultEntry, runtimeModule } from "../build/runtime.js";

/** Flags of `mastra deploy` itself: a target option may not take one of these names. */
export const RESERVED_OPTION_NAMES = ["target", "dir", "dry-run", "prebuilt", "out", "json", "option", "help", "upload-timeout"] as const;

function optionProblem(key: string, opt: unknown): string | null {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) return "names are camelCase letters and digits (the flag is their kebab-case)";
  if ((RESERVED_OPTION_NAMES as readonly string[]).includes(kebab(key))) return `--${kebab(key)} is a flag of mastra deploy itself; pick another name`;
  const o = opt as Partial<TargetOption> | null;
  if (!o || typeof o !== "object") return "must be { schema, help }";
  if (!o.schema || typeof (o.schema as { safeParse?: unknown }).safeParse !== "function") return "`schema` must be a zod schema";
  if (typeof o.help !== "string" || !o.help) return "`help` must say what it does";
  if (o.arg !== undefined && !["string", "boolean", "json-file"].includes(o.arg)) return '`arg` must be "string", "boolean" or "json-file"';
  return null;
}

/** `maxGzipBytes` → `max-gzip-bytes`: the command-line spelling of an option name. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export { z } from "zod";
export { collectArtifacts, listFiles } from "./artifacts.js";
export { scaffoldDir, fillTemplate, renderScaffold } from "./scaffold.js";
export { zipFolder } from "./zip.js";
export { findCli, requireCli, requireEnv, runCli, runCliOrFail, type CliRun } from "./provider-cli.js";
export { DeployError, type DeployErrorCode } from "./errors.js";
export { toToml } from "./toml.js";
export { writeText, writeJson, copyBuild, safeName } from "./files.js";
