/**
 * The Rollup configuration for one platform. Exported on its own so `mastra dev` can feed
 * the same options to `rollup.watch` and get exactly what `mastra build` produces.
 */
import type { InputOptions, OutputOptions, Plugin, RollupLog } from "rollup";
import esbuild, { minify as esbuildMinify } from "rollup-plugin-esbuild";
import type { BuildContext } from "./context.js";
import { mastraResolve } from "./plugins/mastra-resolve.js";
import { commonjs, json, nodeResolve } from "./plugins/official.js";
import { esTarget, exportConditions, nodeBuiltin, runsOnNode } from "./platforms.js";
import { sourcemapPathTransform } from "./source-paths.js";

export interface RollupOptionsInput {
  /** The runtime wrapper module (imports `virtual:mastra-app`). */
  entry: string;
  /** Final output folder: source map paths are computed against it. */
  outDir: string;
  minify?: boolean;
  typecheck?: boolean;
  /** Receives every log Rollup would print; type diagnostics are routed here too. */
  onLog?: (log: RollupLog) => void;
}

const TS_FILES = /\.(?:[cm]?ts|tsx)$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Rollup warnings that are noise for an app author (they come from well-known dependencies); `mastra build` and `mastra dev` keep them quiet. */
export const QUIET_WARNINGS: ReadonlySet<string> = new Set(["CIRCULAR_DEPENDENCY", "THIS_IS_UNDEFINED", "MODULE_LEVEL_DIRECTIVE", "SOURCEMAP_ERROR", "EMPTY_BUNDLE", "MIXED_EXPORTS", "INVALID_ANNOTATION"]);

export async function createInputOptions(ctx: BuildContext, opts: RollupOptionsInput): Promise<InputOptions> {
  const plugins: Plugin[] = [
    mastraResolve(ctx),
    nodeResolve({
      exportConditions: exportConditions(ctx.platform),
      browser: ctx.platform === "worker",
      preferBuiltins: runsOnNode(ctx.platform),
      extensions: [".mjs", ".js", ".json", ".ts", ".tsx", ".mts", ".cts"],
    }),
    json({ preferConst: true }),
  ];
  if (opts.typecheck) {
    // Loaded only when asked for: importing TypeScript costs over a second.
    const { typecheckPlugin } = await import("./typecheck.js");
    const tc = typecheckPlugin(ctx);
    plugins.push(tc.plugin, { name: "mastra-typecheck-cleanup", closeBundle: tc.cleanup, buildEnd: tc.cleanup } as Plugin);
  }
  // esbuild strips types from TypeScript only (node_modules ship JS); in --typecheck mode it
  // still handles .ts outside the app (a source checkout of the runtime).
  plugins.push(
    esbuild({
      include: TS_FILES,
      exclude: opts.typecheck ? [/node_modules/, new RegExp(`^${escapeRegExp(ctx.root)}/`)] : /node_modules/,
      target: esTarget(ctx.platform),
      sourceMap: true,
      jsx: "automatic",
      // No keepNames: this step only strips types and renames nothing, so there is no name to
      // keep; it would only add __name helpers to every class and function.
      keepNames: false,
    }),
    commonjs({
      // Only CommonJS in node_modules needs converting; the app and runtime are ESM.
      include: /node_modules/,
      // `require` inside try/catch is how packages probe optional deps: leave it alone.
      ignoreTryCatch: true,
      // `require("events")` is Node's module.exports, i.e. the builtin's default export (the
      // EventEmitter class), never its namespace: pino's sonic-boom extends it.
      requireReturnsDefault: (id: string) => (nodeBuiltin(id) ? true : "auto"),
      esmExternals: true,
    }),
  );
  if (opts.minify) plugins.push(esbuildMinify({ target: esTarget(ctx.platform), sourceMap: true }));

  return {
    input: opts.entry,
    plugins,
    // Keep side-effect modules (polyfills, `import "./setup"`), shake unused exports.
    treeshake: { preset: "recommended" },
    onLog(level, log, handler) {
      if (level === "warn" && opts.onLog) {
        opts.onLog(log);
        return;
      }
      if (level === "debug" || level === "info") return;
      handler(level, log);
    },
  };
}

export function createOutputOptions(ctx: BuildContext, opts: Pick<RollupOptionsInput, "outDir">): OutputOptions {
  return {
    file: `${opts.outDir}/index.mjs`,
    format: "es",
    sourcemap: true,
    // Stack traces only need file:line mappings, not the sources themselves: without them the
    // map is ~60% smaller and the app's source code is not shipped inside every deployment.
    sourcemapExcludeSources: true,
    sourcemapPathTransform: sourcemapPathTransform(ctx, opts.outDir),
    // One file per platform: targets copy index.mjs + its map and nothing else.
    inlineDynamicImports: true,
    generatedCode: "es2015",
  };
}
