/**
 * Where the runtime (`mastra-deploy` itself: Mastra, createServer, serve) comes from.
 *
 * The app's own installed `mastra-deploy` wins, so an app pins the runtime it tested
 * against; otherwise the CLI's own install is used. Either way the runtime is bundled into
 * the output (never external), so a deployment needs nothing installed.
 *
 * A source checkout of this repo (it has src/*.ts next to package.json; the published
 * package ships only dist/) is bundled from its TypeScript sources, so building from a
 * clone never picks up a stale dist/.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildError } from "./errors.js";
import { exportsBySubpath, pickExportTarget, readPackageJson } from "./package-json.js";
import type { Platform } from "./platforms.js";

export const RUNTIME_PACKAGE = "mastra-deploy";

/** `@mastra/*` imports the Mastra docs use (core subpaths and the stores), and the runtime subpath that provides each. */
export const MASTRA_CORE_ALIASES: Record<string, string> = {
  "@mastra/core": ".",
  "@mastra/core/mastra": ".",
  "@mastra/core/agent": ".",
  "@mastra/core/tools": ".",
  "@mastra/core/workflows": ".",
  "@mastra/core/request-context": ".",
  "@mastra/core/runtime-context": ".",
  "@mastra/core/di": ".",
  "@mastra/core/logger": ".",
  "@mastra/core/server": "./server",
  "@mastra/core/storage": "./storage",
  "@mastra/memory": "./memory",
  "@mastra/libsql": "./stores/libsql",
  "@mastra/pg": "./stores/pg",
  "@mastra/cloudflare-d1": "./stores/cloudflare-d1",
  "@mastra/loggers": "./loggers",
};

export interface RuntimePackage {
  /** Absolute folder of the `mastra-deploy` package used for the runtime. */
  root: string;
  version: string;
  /** "app": the app's own dependency; "cli": the install this build code runs from. */
  origin: "app" | "cli";
  /** True for a source checkout: subpaths map to src/**.ts instead of dist/**.js. */
  fromSource: boolean;
  /**
   * The file behind a subpath export ("." | "./server" | "./node" | …), or undefined.
   * `conditions` are the platform's export conditions (a worker build picks `./loggers`'s worker file).
   */
  resolveSubpath(subpath: string, conditions?: readonly string[]): string | undefined;
  /** Subpaths the package exports, for error messages. */
  subpaths: string[];
}

/** The folder of the `mastra-deploy` install this code is running from (dist or src alike). */
export function ownPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (readPackageJson(dir)?.name === RUNTIME_PACKAGE) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new BuildError("RUNTIME_NOT_FOUND", `Cannot find the ${RUNTIME_PACKAGE} package around ${fileURLToPath(import.meta.url)}`);
    }
    dir = parent;
  }
}

function isSourceCheckout(root: string): boolean {
  return existsSync(join(root, "src", "index.ts")) && existsSync(join(root, "tsconfig.build.json"));
}

export function loadRuntimePackage(root: string, origin: "app" | "cli"): RuntimePackage {
  const pkg = readPackageJson(root) ?? {};
  const fromSource = isSourceCheckout(root);
  const exportsMap = pkg.exports === undefined ? { ".": "./index.js" } : exportsBySubpath(pkg.exports);
  const resolveSubpath = (subpath: string, conditions?: readonly string[]): string | undefined => {
    const target = pickExportTarget(exportsMap[subpath], conditions && new Set(conditions));
    if (!target) return undefined;
    const file = resolve(root, target);
    if (fromSource) {
      // dist/src/server/index.js  →  src/server/index.ts  (tsconfig.build.json has rootDir ".")
      const rel = target.replace(/^\.\//, "");
      if (rel.startsWith("dist/")) {
        const src = resolve(root, rel.slice("dist/".length).replace(/\.js$/, ".ts"));
        if (existsSync(src)) return src;
      }
    }
    return file;
  };
  return {
    root,
    version: pkg.version ?? "0.0.0",
    origin,
    fromSource,
    resolveSubpath,
    subpaths: Object.keys(exportsMap),
  };
}

/** The app's own `mastra-deploy` if it has one installed, else the CLI's own install. */
export function findRuntime(appRoot: string): RuntimePackage {
  try {
    const req = createRequire(join(appRoot, "package.json"));
    const pkgJson = req.resolve(`${RUNTIME_PACKAGE}/package.json`);
    return loadRuntimePackage(dirname(pkgJson), "app");
  } catch {
    return loadRuntimePackage(ownPackageRoot(), "cli");
  }
}

/**
 * A runtime module of this install named by its path without extension ("targets/vercel/entry"):
 * the TypeScript source in a source checkout (so a clone never bundles a stale dist/), else the
 * compiled file. Each target names its own entry this way; the build knows none of them.
 */
export function runtimeModule(path: string): string {
  const root = ownPackageRoot();
  const candidates = isSourceCheckout(root) ? [join(root, `${path}.ts`), join(root, "dist", `${path}.js`)] : [join(root, "dist", `${path}.js`), join(root, `${path}.ts`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new BuildError("RUNTIME_NOT_FOUND", `No ${path} in ${root} (looked for ${candidates.join(" and ")})`);
  return found;
}

/**
 * The entry `mastra build` and the build API use when none is given: the Node listener that
 * `node .mastra/output/index.mjs` and `mastra start` run. The other platforms' entries belong to
 * the targets that use them (`target.entry`), so a build for them names its entry.
 */
export function defaultEntry(platform: Platform): string {
  if (platform !== "node") {
    throw new BuildError("RUNTIME_NOT_FOUND", `A ${platform} build needs the runtime entry of the target it is for (a target's \`entry\`); only the node platform has a default`);
  }
  return runtimeModule("targets/node/entry");
}

/**
 * Map an import specifier to a runtime subpath, or undefined when it is not a runtime import.
 * "@mastra/core/agent" → ".", "mastra-deploy/server" → "./server".
 */
export function runtimeSubpathFor(specifier: string): string | undefined {
  if (specifier in MASTRA_CORE_ALIASES) return MASTRA_CORE_ALIASES[specifier];
  if (specifier === RUNTIME_PACKAGE) return ".";
  if (specifier.startsWith(`${RUNTIME_PACKAGE}/`)) return `./${specifier.slice(RUNTIME_PACKAGE.length + 1)}`;
  if (specifier.startsWith("@mastra/core/")) return `unsupported`;
  return undefined;
}
