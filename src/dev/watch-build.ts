/**
 * The development build: the app bundled for Node by the same Rollup options as `mastra build`,
 * driven by `rollup.watch` (Rollup's incremental cache: only changed modules are loaded and
 * transformed again), with installed ES-module packages left to Node (see externals.ts) and
 * the dev entry instead of the production one.
 *
 * Output goes to `.mastra/dev/`, never `.mastra/output/`: a dev bundle is not a deployable
 * build, and `mastra deploy --prebuilt` must not mistake it for one.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { performance } from "node:perf_hooks";
import { watch, type Plugin, type RollupLog, type RollupWatcher } from "rollup";
import { createContext, createInputOptions, createOutputOptions, findAppEntry, findRuntime, QUIET_WARNINGS, type BuildError } from "../build/index.js";
import { displayPath, type BuildContext } from "../build/context.js";
import { normalizeBuildError } from "../build/normalize-error.js";
import { ownPackageRoot } from "../build/runtime.js";
import { commonjsProbeGuard, devExternals } from "./externals.js";

export interface DevBundle {
  /** Absolute path of the written bundle. */
  file: string;
  /** Absolute paths of the packages it leaves to Node (preloaded by the next server process). */
  externals: string[];
  /** Rollup's time for this build (graph + generate + write). */
  durationMs: number;
  /** False when the new bundle is byte-identical to the previous one (nothing to restart). */
  changed: boolean;
}

export interface WatchBuildEvents {
  /** A file the bundle depends on changed (project-relative); a rebuild follows. */
  onChange(file: string): void;
  onBuilt(bundle: DevBundle): void;
  onError(error: BuildError): void;
  onWarning(message: string): void;
}

export interface WatchBuild {
  ctx: BuildContext;
  outDir: string;
  close(): Promise<void>;
}

/** src/dev/entry.ts in a source checkout, dist/src/dev/entry.js in an install. */
export function devEntry(): string {
  const root = ownPackageRoot();
  const candidates = [join(root, "src", "dev", "entry.ts"), join(root, "dist", "src", "dev", "entry.js")];
  return candidates.find((c) => existsSync(c)) ?? candidates[1]!;
}

/** Write next to the target and rename: a server process starting meanwhile never reads half a file. */
async function writeAtomic(file: string, contents: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
}

/** Starts the first build right away; later builds follow changes. Throws BuildError when there is no app entry. */
export async function watchBuild(root: string, events: WatchBuildEvents): Promise<WatchBuild> {
  const appEntry = findAppEntry(root);
  const ctx = createContext({ root, platform: "node", appEntry, runtime: findRuntime(root) });
  const outDir = join(root, ".mastra", "dev");
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, "index.mjs");

  const onLog = (log: RollupLog) => {
    if (!QUIET_WARNINGS.has(log.code ?? "")) events.onWarning(log.id ? `${displayPath(ctx, log.id)}: ${log.message}` : log.message);
  };
  const input = await createInputOptions(ctx, { entry: devEntry(), outDir, onLog });
  input.plugins = [devExternals(), ...((input.plugins ?? []) as Plugin[]), commonjsProbeGuard()];
  const output = createOutputOptions(ctx, { outDir });

  let previous: { code: string; map: string } | undefined;
  try {
    previous = { code: await readFile(file, "utf8"), map: await readFile(`${file}.map`, "utf8") };
  } catch {
    previous = undefined;
  }
  // A bundle left by an earlier session is not this session's first build: always start the server.
  let first = true;

  const watcher: RollupWatcher = watch({
    ...input,
    output,
    watch: { skipWrite: true, clearScreen: false, exclude: [join(root, ".mastra", "**"), join(root, "node_modules", ".cache", "**")] },
  });
  let started = performance.now();
  watcher.on("change", (id) => events.onChange(displayPath(ctx, id)));
  watcher.on("event", (event) => {
    if (event.code === "BUNDLE_START") started = performance.now();
    if (event.code === "ERROR") {
      events.onError(normalizeBuildError(event.error, ctx));
      void event.result?.close();
    }
    if (event.code !== "BUNDLE_END") return;
    const result = event.result;
    // Returned: Rollup's watcher awaits its event handlers, so the next build waits for this one's output.
    return (async () => {
      try {
        const { output: chunks } = await result.generate(output);
        const chunk = chunks[0];
        const code = chunk.code;
        const map = chunk.map ? chunk.map.toString() : "";
        const changed = first || !previous || previous.code !== code || previous.map !== map;
        first = false;
        if (changed) {
          await writeAtomic(`${file}.map`, map);
          await writeAtomic(file, code);
          previous = { code, map };
        }
        events.onBuilt({ file, externals: chunk.imports.filter((i) => isAbsolute(i)), durationMs: Math.round(performance.now() - started), changed });
      } catch (err) {
        events.onError(normalizeBuildError(err, ctx));
      } finally {
        await result.close();
      }
    })();
  });

  return { ctx, outDir, close: () => watcher.close() };
}
