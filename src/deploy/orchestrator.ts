// build → package → check (limits, secrets) → upload. The only place that sequences a deploy;
// it prints nothing (the CLI does), it reports phases through `onPhase`.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { BuildDriver, BuildRequest } from "./build-driver.js";
import { DeployError } from "./errors.js";
import { checkLimits, sizeFigures, type SizeFigures } from "./limits.js";
import { BUILT_IN_TARGETS, loadTarget } from "./load-target.js";
import { assertNoSecrets, readSecretValues } from "./secrets.js";
import type { AppInfo, Artifact, Limits, ServerSettings, Target, UploadResult } from "./target.js";

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
  /** Anchors a relative `--target` path; defaults to process.cwd(). */
  cwd?: string;
  dryRun?: boolean;
  prebuilt?: boolean;
  /** Where to write the deployment; default `<root>/.mastra/deploy/<target>`. */
  outDir?: string;
  /** Target settings (e.g. `wrangler`, `plan`, `image`). */
  options?: Record<string, unknown>;
  env?: Record<string, string | undefined>;
  driver: BuildDriver;
  onPhase?: (e: PhaseEvent) => void;
}

export interface DeployResult {
  target: string;
  platform: "node" | "worker";
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
}

/** The app's name and version from its package.json; the folder name when it has none. */
export function readAppInfo(root: string): AppInfo {
  const file = join(root, "package.json");
  if (!existsSync(file)) return { root, name: basename(root), version: "0.0.0" };
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
  return { root, name: pkg.name || basename(root), version: pkg.version || "0.0.0" };
}

async function timed<T>(phase: PhaseName, phases: PhaseEvent[], onPhase: DeployOptions["onPhase"], fn: () => Promise<[T, string]>): Promise<T> {
  const start = performance.now();
  const [value, note] = await fn();
  const e: PhaseEvent = { phase, ms: Math.round(performance.now() - start), note };
  phases.push(e);
  onPhase?.(e);
  return value;
}

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const root = resolve(opts.root);
  const env = opts.env ?? process.env;
  const options = opts.options ?? {};
  const phases: PhaseEvent[] = [];
  const app = readAppInfo(root);
  const cwd = opts.cwd ?? process.cwd();
  // Paths in phase notes are for a person: relative to where they ran the command.
  const show = (p: string) => relative(cwd, p) || ".";
  const files = (n: number) => `${n} file${n === 1 ? "" : "s"}`;

  const target = await timed("target", phases, opts.onPhase, async () => {
    const t = typeof opts.target === "string" ? await loadTarget(opts.target, { cwd, root }) : opts.target;
    return [t, `${t.name} (platform ${t.platform})`];
  });

  const outDir = resolve(opts.outDir ?? join(root, ".mastra", "deploy", target.name));
  const request: BuildRequest = { root, platform: target.platform, entry: target.entry };

  const build = await timed("build", phases, opts.onPhase, async () => {
    if (opts.prebuilt) {
      const b = await opts.driver.prebuilt(request);
      return [b, `reused ${show(b.dir)} (sources unchanged)`];
    }
    const b = await opts.driver.build(request);
    return [b, `${b.platform} bundle in ${show(b.dir)}`];
  });

  let settings: Promise<ServerSettings> | undefined;
  const artifacts = await timed("package", phases, opts.onPhase, async () => {
    // A stale file from an earlier run must never be uploaded, so the folder starts empty.
    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const a = await target.package({
      app,
      build,
      outDir,
      options,
      serverSettings: () => (settings ??= opts.driver.serverSettings(request)),
    });
    const sorted = [...a].sort((x, y) => x.path.localeCompare(y.path));
    return [sorted, `${files(sorted.length)} in ${show(outDir)}`];
  });

  const limits = typeof target.limits === "function" ? target.limits(options) : (target.limits ?? {});
  const figures = await timed("check", phases, opts.onPhase, async () => {
    const f = await sizeFigures(build, artifacts);
    await checkLimits(target.name, limits, f, build);
    await assertNoSecrets([build.dir, outDir], await readSecretValues(root));
    return [f, "size limits and secret scan passed"];
  });

  const nextCommand = target.nextCommand ? target.nextCommand({ app, outDir, options }) : null;
  let upload: UploadResult | null = null;
  if (!opts.dryRun) {
    if (!target.upload) throw new DeployError(`Target ${target.name} has no upload step; use --dry-run and upload ${outDir} yourself`);
    const up = target.upload.bind(target);
    upload = await timed("upload", phases, opts.onPhase, async () => {
      const u = await up({ app, outDir, artifacts, options, env });
      return [u, u.command ? u.command.slice(1).join(" ") : "printed the steps"];
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
    phases,
    dryRun: !!opts.dryRun,
    upload,
    nextCommand: opts.dryRun ? nextCommand : null,
  };
}

/**
 * `--target a,b,c` (or `all`): one build per platform and runtime entry, reused by every later
 * target that needs the same bundle, the way CI wants it. Stops at the first failure.
 */
export async function deployEach(
  specs: string[],
  opts: Omit<DeployOptions, "target">,
  hooks: { onTarget?: (name: string, index: number) => void; onResult?: (result: DeployResult) => void } = {},
): Promise<DeployResult[]> {
  const cwd = opts.cwd ?? process.cwd();
  const root = resolve(opts.root);
  const built = new Set<string>();
  const results: DeployResult[] = [];
  for (const spec of expandTargets(specs)) {
    const target = await loadTarget(spec, { cwd, root });
    const key = `${target.platform}\0${target.entry}`;
    hooks.onTarget?.(target.name, results.length);
    const result = await deploy({ ...opts, target, prebuilt: opts.prebuilt || built.has(key) });
    built.add(key);
    results.push(result);
    hooks.onResult?.(result);
  }
  return results;
}

/** "all" is every built-in target; a comma list is split; duplicates are dropped. */
export function expandTargets(specs: string[]): string[] {
  const names = specs.flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  return [...new Set(names.flatMap((n) => (n === "all" ? [...BUILT_IN_TARGETS] : [n])))];
}
