// build → package → check (limits, secrets) → upload. The only place that sequences a deploy;
// it prints nothing (the CLI does), it reports phases through `onPhase`.
import { mkdir, rm } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { ToolErrorJSON } from "../build/errors.js";
import { sharesState } from "../build/manifest.js";
import { readPackageJson } from "../build/package-json.js";
import type { BuildDriver, BuildRequest } from "./build-driver.js";
import { DeployError } from "./errors.js";
import { checkLimits, sizeFigures, type SizeFigures } from "./limits.js";
import { BUILT_IN_TARGETS, loadTarget } from "./load-target.js";
import { collectArtifacts } from "./artifacts.js";
import { copiedNodeModules, safeName } from "./files.js";
import { requireCli, requireEnv, runCliOrFail, type RunCliOptions } from "./provider-cli.js";
import { assertNoSecrets, readSecretValues } from "./secrets.js";
import type { AppInfo, Artifact, BuildOutput, Limits, NativeInstaller, NodeModulesSummary, Platform, ServerSettings, Target, UploadContext, UploadResult } from "./target.js";
import { optionError, parseTargetOptions, unclaimedOptions } from "./target-options.js";

export type PhaseName = "target" | "build" | "package" | "check" | "upload";

export interface PhaseEvent {
  phase: PhaseName;
  ms: number;
  /** One short fact about the phase ("reused .mastra/output", "3 files"). */
  note: string;
}

export interface DeployOptions {
  /** Project root (`--dir`). */
  root: string;
  /** Built-in name, module path or package name, or a Target object (tests, programmatic use). */
  target: string | Target;
  /** Where the person runs the command: anchors a relative `--target` path and the paths shown to them. Default: `root`. */
  cwd?: string;
  dryRun?: boolean;
  prebuilt?: boolean;
  /** Files the build adds beside the bundle, shipped by node-platform targets (the CLI's `--playground` page). */
  extraFiles?: BuildRequest["extraFiles"];
  /** Where to write the deployment; default `<root>/.mastra/deploy/<target>`. */
  outDir?: string;
  /** Target settings by option name (e.g. `wrangler`, `plan`, `image`), parsed by the target's schemas. */
  options?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  driver: BuildDriver;
  onPhase?: (e: PhaseEvent) => void;
  /** The provider CLI's output while it runs (the CLI prints it). */
  onOutput?: RunCliOptions["onOutput"];
  /** How long a provider CLI may run before it is stopped (default 15 min). */
  uploadTimeoutMs?: number;
}

export interface DeployResult {
  target: string;
  platform: Platform;
  outDir: string;
  buildDir: string;
  artifacts: Artifact[];
  figures: SizeFigures;
  limits: Limits;
  phases: PhaseEvent[];
  dryRun: boolean;
  upload: UploadResult | null;
  /** What to run next: the upload command after a dry run, else null. */
  nextCommand: string | null;
  /** Things that work but will surprise (state not shared between serverless instances). */
  warnings: string[];
  /**
   * The build's node_modules (native externals) when this target ships them (node: inside the
   * zip), sized apart from the bundle; absent when it does not (docker's image installs them,
   * serverless targets bundle everything).
   */
  nodeModules?: NodeModulesSummary;
  /** The build's native packages the output installs where it is built or run (docker's image, at build), when it does. */
  nativeInstall?: NativeInstaller & { packages: string[] };
}

/** The app's name and version from its package.json; the folder name when it has none. */
export function readAppInfo(root: string): AppInfo {
  const pkg = readPackageJson(root);
  return { root, name: pkg?.name || basename(root), version: pkg?.version || "0.0.0" };
}

/** A target loaded, its options parsed and what its upload needs found: nothing built yet. */
interface Prepared {
  target: Target;
  options: Record<string, unknown>;
  /** The provider CLI `requires.cli` named, found at preparation (absent on a dry run). */
  cli?: string;
}

/**
 * Everything that can be checked without building: the options against the target's schemas,
 * and (unless a dry run) its provider CLI and credentials — so a missing token costs no build.
 */
function prepare(target: Target, raw: Record<string, unknown>, o: { root: string; env: Record<string, string | undefined>; dryRun?: boolean; shared?: boolean; extraFiles?: DeployOptions["extraFiles"] }): Prepared {
  // Only a Node server (serve.ts) serves files beside its bundle; a function or worker would drop them.
  if (o.extraFiles?.length && target.platform !== "node") {
    throw new DeployError(`--playground needs a target that runs a Node server (node, docker); ${target.name} runs on the ${target.platform} platform`, { exitCode: 2 });
  }
  const options = parseTargetOptions(target, raw, { shared: o.shared });
  if (o.dryRun || !target.upload) return { target, options };
  const { cli, env } = target.requires ?? {};
  const found = cli ? requireCli(cli.name, o.root, o.env, cli.install) : undefined;
  if (env) requireEnv(o.env, env.names, env.help);
  return { target, options, cli: found };
}

interface Run {
  phases: PhaseEvent[];
  /** The phase that was running when something failed. */
  current: PhaseName;
}

async function timed<T>(phase: PhaseName, run: Run, onPhase: DeployOptions["onPhase"], fn: () => Promise<[T, string]>): Promise<T> {
  run.current = phase;
  const start = performance.now();
  const [value, note] = await fn();
  const e: PhaseEvent = { phase, ms: Math.round(performance.now() - start), note };
  run.phases.push(e);
  onPhase?.(e);
  return value;
}

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const root = resolve(opts.root);
  const cwd = opts.cwd ?? root;
  const run: Run = { phases: [], current: "target" };
  const prepared = await timed("target", run, opts.onPhase, async () => {
    const t = typeof opts.target === "string" ? await loadTarget(opts.target, { cwd, root }) : opts.target;
    return [prepare(t, opts.options ?? {}, { root, env: opts.env ?? process.env, dryRun: opts.dryRun, extraFiles: opts.extraFiles }), `${t.name} (platform ${t.platform})`];
  });
  return deployPrepared(prepared, opts, run);
}

/** The command `cmd` (relative to the output folder) as the person types it from `cwd`. */
function fromHere(cwd: string, outDir: string, cmd: string): string {
  const dir = relative(cwd, outDir);
  return dir ? `cd ${dir} && ${cmd}` : cmd;
}

async function deployPrepared({ target, options, cli }: Prepared, opts: Omit<DeployOptions, "target">, run: Run): Promise<DeployResult> {
  const root = resolve(opts.root);
  const env = opts.env ?? process.env;
  const app = readAppInfo(root);
  const cwd = opts.cwd ?? root;
  // Paths in phase notes are for a person: relative to where they ran the command.
  const show = (p: string) => relative(cwd, p) || ".";
  const files = (n: number) => `${n} file${n === 1 ? "" : "s"}`;

  const outDir = resolve(opts.outDir ?? join(root, ".mastra", "deploy", target.name));
  const request: BuildRequest = { root, platform: target.platform, entry: target.entry, extraFiles: opts.extraFiles };

  const build: BuildOutput = await timed("build", run, opts.onPhase, async () => {
    if (opts.prebuilt) {
      const b = await opts.driver.prebuilt(request);
      return [b, `reused ${show(b.dir)} (sources unchanged)`];
    }
    const b = await opts.driver.build(request);
    return [b, `${b.platform} bundle in ${show(b.dir)}`];
  });

  let settings: Promise<ServerSettings> | undefined;
  // Its own object, so what copyBuild copied for this target is told apart from a later target's use of the same build.
  const packaged: BuildOutput = { ...build };
  const artifacts = await timed("package", run, opts.onPhase, async () => {
    // A stale file from an earlier run must never be uploaded, so the folder starts empty.
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    await target.package({
      app,
      build: packaged,
      outDir,
      options,
      serverSettings: () => (settings ??= opts.driver.serverSettings(request)),
    });
    // What is in the folder is what gets uploaded, so that is what is listed and checked.
    const a = await collectArtifacts(outDir);
    return [a, `${files(a.length)} in ${show(outDir)}`];
  });

  const limits = typeof target.limits === "function" ? target.limits(options) : (target.limits ?? {});
  const figures = await timed("check", run, opts.onPhase, async () => {
    const f = await sizeFigures(build, artifacts);
    await checkLimits(target.name, limits, f, build);
    await assertNoSecrets([build.dir, outDir], await readSecretValues(root), target.secrets?.replaceAll("{app}", safeName(app.name)));
    return [f, "size limits and secret scan passed"];
  });

  const nextCommand = target.nextCommand ? fromHere(cwd, outDir, target.nextCommand({ app, outDir, options })) : null;
  let upload: UploadResult | null = null;
  if (!opts.dryRun) {
    if (!target.upload) throw new DeployError(`Target ${target.name} has no upload step; use --dry-run and upload ${show(outDir)} yourself`);
    const up = target.upload.bind(target);
    const ctx: UploadContext = {
      app,
      outDir,
      artifacts,
      options,
      env,
      run: (args, o = {}) => {
        if (!cli) throw new DeployError(`target ${target.name} runs a CLI without naming it in \`requires.cli\``);
        const name = target.requires!.cli!.name;
        return runCliOrFail(cli, args, { cwd: outDir, env, label: o.label ?? `${name} ${args[0] ?? ""}`.trim(), onOutput: opts.onOutput, timeoutMs: opts.uploadTimeoutMs });
      },
    };
    upload = await timed("upload", run, opts.onPhase, async () => {
      const u = await up(ctx);
      const message = u.next ? `${u.message}\n  ${fromHere(cwd, outDir, u.next)}` : u.message;
      return [{ ...u, message }, u.command ? u.command.slice(1).join(" ") : "printed the steps"];
    });
  }

  return {
    target: target.name,
    platform: target.platform,
    outDir,
    buildDir: build.dir,
    artifacts,
    figures,
    limits,
    phases: run.phases,
    dryRun: !!opts.dryRun,
    upload,
    nextCommand: opts.dryRun ? nextCommand : null,
    warnings: stateWarnings(target, build),
    ...(build.nodeModules && copiedNodeModules(packaged) ? { nodeModules: build.nodeModules } : {}),
    ...nativeInstall(target, packaged),
  };
}

/** The natives a target installs instead of shipping (a target that copied node_modules installs none). */
function nativeInstall(target: Target, packaged: BuildOutput): Pick<DeployResult, "nativeInstall"> {
  const packages = Object.keys(packaged.externals);
  if (!target.installsNatives || !packages.length || copiedNodeModules(packaged)) return {};
  const { lockedCommand, ...installer } = target.installsNatives;
  const command = lockedCommand && packaged.files.includes("package-lock.json") ? lockedCommand : installer.command;
  return { nativeInstall: { ...installer, command, packages } };
}

/** Which stores keep state across instances, named where a serverless deploy would lose it. */
const SHARED_STORES = "PostgresStore (@mastra/pg, DATABASE_URL), LibSQLStore on a libsql:// or https:// URL (@mastra/libsql), or D1Store on cloudflare (@mastra/cloudflare-d1)";

export function stateWarnings(target: Target, build: BuildOutput): string[] {
  const storage = build.storage;
  if (!target.manyInstances || !storage || sharesState(storage)) return [];
  // An agent's Memory with a local store of its own keeps its threads per instance, whatever the app's store is.
  const ownMemory = (storage.memory ?? []).filter((m) => !m.shared).map((m) => `${m.agent}'s Memory keeps its threads in its own ${m.name} store`);
  if (storage.shared) {
    return [`${target.name}: agent memory won't be shared between instances — ${ownMemory.join("; ")}, in one instance (memory or a local file); give that Memory a shared store, or none to use the app's`];
  }
  const where = storage.configured ? `the app's ${storage.name} store keeps them in one instance (memory or a local file)` : "the app configures no storage, so they stay in each instance's memory";
  const also = ownMemory.length ? `, and ${ownMemory.join(", ")}` : "";
  return [`${target.name}: workflow runs and agent memory won't be shared between instances — ${where}${also}; use ${SHARED_STORES}`];
}

/** What happened to one target of several: its result, or where and why it failed. */
export type TargetOutcome =
  | ({ ok: true } & DeployResult)
  | { ok: false; target: string; phase: PhaseName; phases: PhaseEvent[]; error: ToolErrorJSON; exitCode: number };

function failure(target: string, run: Run, e: unknown): TargetOutcome {
  if (!(e instanceof DeployError)) throw e;
  return { ok: false, target, phase: run.current, phases: run.phases, error: e.toJSON(), exitCode: e.exitCode };
}

/** Several problems found before building, reported together: the first as the message. */
function together(errors: DeployError[]): DeployError {
  if (errors.length === 1) return errors[0]!;
  return new DeployError(errors[0]!.message, { code: errors[0]!.code, exitCode: Math.max(...errors.map((e) => e.exitCode)), detail: errors.slice(1).map((e) => e.message) });
}

/**
 * `--target a,b,c` (or `all`). Every target is loaded and its options checked before anything
 * is built (a wrong name or setting is a DeployError with exit code 2, nothing written); a
 * target whose CLI or token is missing fails without a build. The others are each tried: one
 * build per platform and runtime entry, reused by every later target that needs the same bundle.
 */
export async function deployEach(
  specs: (string | Target)[],
  opts: Omit<DeployOptions, "target">,
  hooks: { onTarget?: (name: string, index: number) => void; onResult?: (outcome: TargetOutcome) => void } = {},
): Promise<TargetOutcome[]> {
  const root = resolve(opts.root);
  const cwd = opts.cwd ?? root;
  const env = opts.env ?? process.env;
  const raw = opts.options ?? {};

  const targets: Target[] = [];
  const wrong: DeployError[] = [];
  const list = specs.flatMap((s): (string | Target)[] => (typeof s === "string" ? expandTargets([s]) : [s]));
  const loadMs: number[] = [];
  for (const spec of list) {
    const start = performance.now();
    try {
      targets.push(typeof spec === "string" ? await loadTarget(spec, { cwd, root }) : spec);
      loadMs.push(performance.now() - start);
    } catch (e) {
      if (!(e instanceof DeployError)) throw e;
      wrong.push(e);
    }
  }
  if (wrong.length) throw together(wrong);
  const unclaimed = unclaimedOptions(targets, raw);
  if (unclaimed.length) {
    throw optionError(`no target here takes the option "${unclaimed[0]}" (${targets.map((t) => t.name).join(", ")}); see mastra deploy --target ${targets.map((t) => t.name).join(",")} --help`);
  }
  const shared = targets.length > 1;
  const ready: (Prepared | DeployError)[] = [];
  for (const [i, t] of targets.entries()) {
    const start = performance.now();
    try {
      ready.push(prepare(t, raw, { root, env, dryRun: opts.dryRun, shared, extraFiles: opts.extraFiles }));
      loadMs[i]! += performance.now() - start;
    } catch (e) {
      if (!(e instanceof DeployError)) throw e;
      // A bad setting is the command line's fault: stop before any build. A missing CLI or
      // token only stops that target.
      if (e.exitCode === 2) wrong.push(e);
      ready.push(e);
    }
  }
  if (wrong.length) throw together(wrong);

  const built = new Set<string>();
  const failedBuilds = new Map<string, string>();
  const outcomes: TargetOutcome[] = [];
  for (const [i, p] of ready.entries()) {
    const name = targets[i]!.name;
    hooks.onTarget?.(name, i);
    const run: Run = { phases: [], current: "target" };
    let outcome: TargetOutcome;
    if (!(p instanceof DeployError)) {
      // Loading and checking happened up front for every target; each still reports its own.
      const e: PhaseEvent = { phase: "target", ms: Math.round(loadMs[i]!), note: `${name} (platform ${p.target.platform})` };
      run.phases.push(e);
      opts.onPhase?.(e);
    }
    if (p instanceof DeployError) {
      outcome = failure(name, run, p);
    } else {
      const key = `${p.target.platform}\0${p.target.entry}`;
      const earlier = failedBuilds.get(key);
      try {
        if (earlier) throw new DeployError(`not built: the same bundle failed to build for ${earlier}`);
        outcome = { ok: true, ...(await deployPrepared(p, { ...opts, prebuilt: opts.prebuilt || built.has(key) }, run)) };
      } catch (e) {
        if (run.current === "build" && !earlier) failedBuilds.set(key, name);
        outcome = failure(name, run, e);
      }
      if (run.phases.some((ph) => ph.phase === "build")) built.add(key);
    }
    outcomes.push(outcome);
    hooks.onResult?.(outcome);
  }
  return outcomes;
}

/** "all" is every built-in target; a comma list is split; duplicates are dropped. */
export function expandTargets(specs: string[]): string[] {
  const names = specs.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  return [...new Set(names.flatMap((n) => (n === "all" ? [...BUILT_IN_TARGETS] : [n])))];
}
