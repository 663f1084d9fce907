/**
 * `--typecheck`: @rollup/plugin-typescript (TypeScript 6.0.x) for the app's own files.
 *
 * The plugin reports each diagnostic as a Rollup warning; we collect them (all of them,
 * not just the first, which is what its `noEmitOnError` would give) and fail the build
 * after Rollup has seen the whole program. Only diagnostics in the app's files count:
 * the runtime and node_modules are not the user's to fix.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Plugin } from "rollup";
import type { BuildContext } from "./context.js";
import typescriptModule from "@rollup/plugin-typescript";
import { interopDefault } from "./plugins/official.js";
import { MASTRA_CORE_ALIASES, RUNTIME_PACKAGE } from "./runtime.js";

// Same NodeNext default-import mismatch as the other official plugins (see plugins/official.ts).
const typescript = interopDefault(typescriptModule as unknown as typeof typescriptModule.default);

/** TypeScript `paths` so `@mastra/core` and `mastra-deploy/*` type-resolve to the same runtime the bundle uses. */
function runtimePaths(ctx: BuildContext): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  const add = (specifier: string, subpath: string) => {
    const file = ctx.runtime.resolveSubpath(subpath);
    // An installed runtime resolves to dist/**.js; `paths` to a .js file makes TypeScript treat it
    // as untyped (TS7016), so point at its declarations beside it.
    const types = file?.replace(/\.js$/, ".d.ts");
    if (file) paths[specifier] = [types && types !== file && existsSync(types) ? types : file];
  };
  for (const [alias, subpath] of Object.entries(MASTRA_CORE_ALIASES)) add(alias, subpath);
  for (const subpath of ctx.runtime.subpaths) {
    add(subpath === "." ? RUNTIME_PACKAGE : `${RUNTIME_PACKAGE}/${subpath.slice(2)}`, subpath);
  }
  return paths;
}

function hasNodeTypes(root: string): boolean {
  try {
    createRequire(join(root, "package.json")).resolve("@types/node/package.json");
    return true;
  } catch {
    return false;
  }
}

/**
 * The plugin takes its root files from a tsconfig (or, without one, from the process's cwd,
 * which is not the app when the build is driven programmatically). So we always hand it a
 * generated tsconfig in .mastra/ that extends the app's own (if any) and includes src/.
 */
export function typecheckPlugin(ctx: BuildContext): { plugin: Plugin; cleanup: () => void } {
  const userTsconfig = join(ctx.root, "tsconfig.json");
  const hasTsconfig = existsSync(userTsconfig);
  const dir = join(ctx.root, ".mastra");
  const generated = join(dir, `tsconfig.typecheck-${process.pid}.json`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    generated,
    JSON.stringify({ ...(hasTsconfig ? { extends: "../tsconfig.json" } : {}), include: ["../src/**/*"], exclude: ["../**/node_modules", "../.mastra"] }, null, 2),
  );
  const plugin = typescript({
    tsconfig: generated,
    filterRoot: ctx.root,
    include: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    exclude: ["**/node_modules/**", "**/.mastra/**"],
    compilerOptions: {
      // Bundler semantics, whatever the app's tsconfig says for its own editor/tsc setup.
      module: "esnext",
      moduleResolution: "bundler",
      target: "es2022",
      noEmit: false,
      declaration: false,
      declarationMap: false,
      composite: false,
      sourceMap: true,
      inlineSources: false,
      outDir: undefined,
      skipLibCheck: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: false,
      paths: runtimePaths(ctx),
      ...(hasTsconfig ? {} : { strict: true, esModuleInterop: true, types: hasNodeTypes(ctx.root) ? ["node"] : [] }),
    },
  }) as Plugin;
  return { plugin, cleanup: () => rmSync(generated, { force: true }) };
}
