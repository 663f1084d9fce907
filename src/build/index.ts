/**
 * The build pipeline's public API: `build()` turns a project's src/mastra into
 * `.mastra/output/` (index.mjs, its source map, package.json, build.json) for one platform.
 * `mastra build`, `mastra deploy` and `mastra dev` all go through here.
 */
import { resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { rollup, type RollupBuild, type RollupLog } from "rollup";
import { findAppEntry } from "./app-entry.js";
import { CHECK_FILE, checkApp } from "./check-app.js";
import { createContext, displayPath, portableEntry, type BuildContext, type ExternalDependency } from "./context.js";
import { BuildError } from "./errors.js";
import { computeSourceHash, MANIFEST_FILE, type BuildManifest, type OutputFile } from "./manifest.js";
import { normalizeBuildError, typeErrors } from "./normalize-error.js";
import { defaultOutDir, isWorkerdNodeModule, keepsExternals, type Platform } from "./platforms.js";
import { createInputOptions, createOutputOptions, QUIET_WARNINGS } from "./rollup-options.js";
import { defaultEntry, findRuntime } from "./runtime.js";
import { createStaging } from "./write-output.js";
import { appIdentity, outputPackageJson } from "./output-package.js";
import { outputLockfile } from "./output-lockfile.js";
import { copyExternalPackages, planExternalPackages, type NodeModulesSummary } from "./external-packages.js";

export { BuildError, isBuildError, ToolError, type BuildErrorCode, type ToolErrorFields, type ToolErrorJSON } from "./errors.js";
export { releaseEsbuild } from "./esbuild-service.js";
export { checkBuildFreshness, computeSourceHash, readBuildManifest, MANIFEST_FILE, type BuildManifest, type Freshness, type OutputFile } from "./manifest.js";
export { defaultEntry, findRuntime, type RuntimePackage } from "./runtime.js";
export { findAppEntry, APP_ENTRY_CANDIDATES } from "./app-entry.js";
export { createInputOptions, createOutputOptions, QUIET_WARNINGS } from "./rollup-options.js";
export { createContext, portableEntry, type BuildContext, type ExternalDependency } from "./context.js";
export { defaultOutDir, PLATFORMS, type Platform } from "./platforms.js";
export { NODE_MODULES, type NodeModulesSummary } from "./external-packages.js";

export interface BuildOptions {
  /** Project root (holds src/mastra/index.ts). */
  root: string;
  platform?: Platform;
  /** Runtime wrapper module importing `virtual:mastra-app`; default: this package's node or worker entry. */
  entry?: string;
  /** Default `<root>/.mastra/output` (node) or `<root>/.mastra/output-<platform>`. */
  outDir?: string;
  /** Default: on where the bundle is the whole deployment (worker, node-inlined: size limits and cold start count bytes), off for node. */
  minify?: boolean;
  /** Type-check the app with TypeScript (@rollup/plugin-typescript) and fail on type errors. */
  typecheck?: boolean;
  /** Load the built app in a child process to validate the Mastra instance and its config (default true). */
  check?: boolean;
  /** More files for the output, written as they are (the playground's, with `mastra build --playground`). */
  extraFiles?: { path: string; contents: string | Uint8Array }[];
}

export interface BuildResult {
  root: string;
  outDir: string;
  platform: Platform;
  /** Files written, relative to outDir. */
  files: OutputFile[];
  durationMs: number;
  /** Where the time went, in ms: bundle (Rollup graph + tree-shaking), generate (code + map), check, write. */
  timings: { bundle: number; generate: number; check: number; write: number };
  /** Packages left external (native addons on the node platform). */
  externals: ExternalDependency[];
  /** The externals and what they load, copied into `<outDir>/node_modules` (node platform, when there are externals). */
  nodeModules?: NodeModulesSummary;
  warnings: string[];
  manifest: BuildManifest;
}

function isAppFile(ctx: BuildContext, file: string | undefined): boolean {
  if (!file) return true;
  return file.startsWith(ctx.root + sep) && !file.includes(`${sep}node_modules${sep}`);
}

function describeWarning(ctx: BuildContext, log: RollupLog): string {
  if (log.code === "UNRESOLVED_IMPORT" && log.exporter && log.id) {
    return `"${log.exporter}" imported by ${displayPath(ctx, log.id)} is not installed; it is left as an import and will fail at run time if reached`;
  }
  return log.id ? `${displayPath(ctx, log.id)}: ${log.message}` : log.message;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const root = resolve(options.root);
  const platform: Platform = options.platform ?? "node";
  const minify = options.minify ?? platform !== "node";
  const outDir = resolve(options.outDir ?? defaultOutDir(root, platform));
  const appEntry = findAppEntry(root);
  const runtime = findRuntime(root);
  const entry = options.entry ? resolve(options.entry) : defaultEntry(platform);
  const ctx = createContext({ root, platform, appEntry, runtime });

  const timings = { bundle: 0, generate: 0, check: 0, write: 0 };
  let mark = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - mark);
    mark = now;
    return ms;
  };
  const typeDiagnostics: RollupLog[] = [];
  const onLog = (log: RollupLog) => {
    if (log.plugin === "typescript" && String(log.pluginCode ?? "").startsWith("TS")) {
      // Only the app's own type errors fail its build; the runtime's and dependencies' are not the user's to fix.
      if (isAppFile(ctx, log.loc?.file)) typeDiagnostics.push(log);
      return;
    }
    if (!QUIET_WARNINGS.has(log.code ?? "")) ctx.warnings.push(describeWarning(ctx, log));
  };

  let bundle: RollupBuild | undefined;
  let code: string;
  let map: string;
  try {
    bundle = await rollup(await createInputOptions(ctx, { entry, outDir, minify, typecheck: options.typecheck, onLog }));
    timings.bundle = lap();
    if (typeDiagnostics.length) throw typeErrors(ctx, typeDiagnostics);
    const { output } = await bundle.generate(createOutputOptions(ctx, { outDir }));
    timings.generate = lap();
    const chunk = output[0];
    code = chunk.code.replace(/\n?\/\/# sourceMappingURL=.*\n?$/, "");
    map = chunk.map ? chunk.map.toString() : "";
  } catch (err) {
    throw normalizeBuildError(err, ctx);
  } finally {
    await bundle?.close();
  }

  if (platform === "worker") {
    for (const [spec, importers] of ctx.nodeImports) {
      if (!isWorkerdNodeModule(spec)) {
        ctx.warnings.push(`${spec} (imported by ${[...importers].sort().join(", ")}) is not in every nodejs_compat version; it needs a recent compatibility_date`);
      }
    }
  }

  const externals = [...ctx.externals.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: Array<{ path: string; contents: string | Uint8Array }> = [
    { path: "index.mjs", contents: `${code}\n//# sourceMappingURL=index.mjs.map\n` },
    { path: "index.mjs.map", contents: map },
    { path: "package.json", contents: outputPackageJson(ctx, externals) },
    ...(options.extraFiles ?? []),
  ];
  // The externals at the app's locked versions, so the Docker image's `npm ci` installs the same tree every time.
  if (keepsExternals(platform) && externals.length) {
    const lock = outputLockfile(root, appIdentity(root), externals, ctx.externalRoots);
    if (lock && "text" in lock) files.splice(3, 0, { path: "package-lock.json", contents: lock.text });
    else if (lock) ctx.warnings.push(`no package-lock.json in the output (the image installs with npm install, versions not pinned): ${lock.skipped}`);
  }

  const staging = await createStaging(outDir);
  let manifest: BuildManifest;
  let outputFiles: OutputFile[];
  let nodeModules: NodeModulesSummary | undefined;
  try {
    for (const f of files) await staging.write(f.path, f.contents);
    // Before the check: it loads the app from the staging folder, so it proves the copy is complete.
    if (keepsExternals(platform) && ctx.externalRoots.size) {
      nodeModules = await copyExternalPackages(planExternalPackages([...ctx.externalRoots.values()]), staging.dir);
    }
    // The check runs in a child process; size the files meanwhile.
    const check = options.check === false ? Promise.resolve({ warnings: [] as string[], server: undefined, storage: undefined }) : checkApp(ctx, staging.dir, (p, text) => staging.write(p, text));
    outputFiles = files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.contents), gzipBytes: gzipSync(f.contents).byteLength }));
    manifest = {
      manifestVersion: 1,
      builder: `mastra-deploy@${runtime.version}`,
      platform,
      minify,
      app: displayPath(ctx, appEntry),
      entry: portableEntry(ctx, entry),
      runtimeVersion: runtime.version,
      sourceHash: computeSourceHash(root),
      dependencies: Object.fromEntries(externals.map((e) => [e.name, e.version])),
      files: outputFiles,
    };
    if (nodeModules) manifest.nodeModules = nodeModules;
    if (options.extraFiles?.length) manifest.extraFiles = options.extraFiles.map((f) => f.path).sort();
    const written = lap();
    const checked = await check;
    ctx.warnings.push(...checked.warnings);
    // build.json is where deploy reads the settings from (targets that need the port or timeout).
    if (checked.server) manifest.server = checked.server;
    if (checked.storage) manifest.storage = checked.storage;
    timings.check = lap();
    await staging.remove(CHECK_FILE);
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    outputFiles.push({ path: MANIFEST_FILE, bytes: Buffer.byteLength(manifestText), gzipBytes: gzipSync(manifestText).byteLength });
    await staging.write(MANIFEST_FILE, manifestText);
    await staging.commit();
    timings.write = written + lap();
  } catch (err) {
    await staging.discard();
    if (err instanceof BuildError) throw err;
    throw new BuildError("BUILD_FAILED", `Could not write ${outDir}: ${(err as Error).message}`);
  }

  return {
    root,
    outDir,
    platform,
    files: outputFiles,
    durationMs: Math.round(performance.now() - started),
    timings,
    externals,
    ...(nodeModules ? { nodeModules } : {}),
    warnings: ctx.warnings,
    manifest,
  };
}
