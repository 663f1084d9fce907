/**
 * The one resolver in front of node-resolve. It decides, for every import:
 *  - `virtual:mastra-app`          → the user's src/mastra/index.(ts|js)
 *  - `@mastra/core[/…]`, `mastra-deploy[/…]` → the runtime package (always bundled)
 *  - Node builtins                 → external, normalised to `node:x`
 *  - native addons → external on the node platform, recorded for the output package.json;
 *    a BuildError naming the package where nothing is installed beside the bundle
 *  - anything unresolvable from user code → a BuildError naming the package, the importer
 *    and the install command (Rollup would only warn and leave a broken import behind)
 */
import { readFileSync } from "node:fs";
import { sep } from "node:path";
import type { PartialResolvedId, Plugin } from "rollup";
import { codeFrame, locate } from "../code-frame.js";
import { BuildError } from "../errors.js";
import { displayPath, type BuildContext } from "../context.js";
import { WORKER_BUILD_PACKAGES, findPackageRoot, isBareSpecifier, isNativePackage, packageNameOf } from "../native.js";
import { exportConditions, keepsExternals, nodeBuiltin, runsOnNode } from "../platforms.js";
import { MASTRA_CORE_ALIASES, RUNTIME_PACKAGE, runtimeSubpathFor } from "../runtime.js";

export const VIRTUAL_APP = "virtual:mastra-app";

/** The app's own files (not dependencies, not the runtime — though the app may live inside a runtime checkout, as examples/ do). */
function isUserCode(ctx: BuildContext, file: string): boolean {
  if (file.startsWith("\0") || file.includes(`${sep}node_modules${sep}`)) return false;
  return file.startsWith(ctx.root + sep) || !file.startsWith(ctx.runtime.root + sep);
}

/** Where `specifier` appears in `importer`, for a code frame (first quoted occurrence). */
function importLocation(importer: string, specifier: string): { line: number; column: number; frame: string } | undefined {
  let source: string;
  try {
    source = readFileSync(importer, "utf8");
  } catch {
    return undefined;
  }
  for (const q of ['"', "'", "`"]) {
    const at = source.indexOf(`${q}${specifier}${q}`);
    if (at >= 0) {
      const { line, column } = locate(source, at);
      return { line, column, frame: codeFrame(source, line, column) };
    }
  }
  return undefined;
}

function unresolved(ctx: BuildContext, specifier: string, importer: string): BuildError {
  const file = displayPath(ctx, importer);
  const loc = importLocation(importer, specifier);
  const where = loc ? `${file}:${loc.line}:${loc.column}` : file;
  const message = isBareSpecifier(specifier)
    ? `Cannot resolve "${specifier}" imported from ${where} — install it: npm install ${packageNameOf(specifier)}`
    : `Cannot resolve "${specifier}" imported from ${where} — no such file`;
  return new BuildError("UNRESOLVED_IMPORT", message, { file, line: loc?.line, column: loc?.column, frame: loc?.frame });
}

export function mastraResolve(ctx: BuildContext): Plugin {
  return {
    name: "mastra-resolve",
    async resolveId(source, importer, options): Promise<PartialResolvedId | string | null> {
      if (source === VIRTUAL_APP) return ctx.appEntry;

      const subpath = runtimeSubpathFor(source);
      if (subpath !== undefined) {
        const file = subpath === "unsupported" ? undefined : ctx.runtime.resolveSubpath(subpath, exportConditions(ctx.platform));
        if (!file) {
          const known = Object.keys(MASTRA_CORE_ALIASES).concat(ctx.runtime.subpaths.filter((s) => !s.endsWith(".json")).map((s) => (s === "." ? RUNTIME_PACKAGE : `${RUNTIME_PACKAGE}/${s.slice(2)}`)));
          throw new BuildError(
            "UNRESOLVED_IMPORT",
            `"${source}"${importer ? ` (imported from ${displayPath(ctx, importer)})` : ""} is not provided by ${RUNTIME_PACKAGE}; available: ${known.join(", ")}`,
          );
        }
        return file;
      }

      const builtin = nodeBuiltin(source);
      if (builtin) {
        if (importer) {
          const set = ctx.nodeImports.get(builtin) ?? new Set<string>();
          set.add(displayPath(ctx, importer));
          ctx.nodeImports.set(builtin, set);
        }
        return { id: builtin, external: true };
      }
      // Runtime-provided modules on Workers (cloudflare:workers, cloudflare:sockets, …).
      if (ctx.platform === "worker" && source.startsWith("cloudflare:")) return { id: source, external: true };
      if (source.startsWith("\0") || !importer) return null;

      // A function without node_modules cannot load libSQL's native client; its fetch-only web
      // client (remote libsql:// and https:// URLs) is what the worker build takes too.
      if (ctx.platform === "node-inlined" && source === "@libsql/client") source = "@libsql/client/web";
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) {
        // A CommonJS `require` of an optional package in node_modules is left to Rollup's
        // commonjs plugin (it is usually inside a try/catch); user code gets a hard error.
        if (isUserCode(ctx, importer)) throw unresolved(ctx, source, importer);
        return null;
      }
      if (resolved.external || !isBareSpecifier(source)) return resolved;

      const name = packageNameOf(source);
      if (!runsOnNode(ctx.platform) && WORKER_BUILD_PACKAGES.has(name)) return resolved;
      if (ctx.platform === "node-inlined" && source === "@libsql/client/web") return resolved;
      // commonjs wraps CJS modules as "\0/abs/file.js?commonjs-es-import": the file is inside.
      const pkg = findPackageRoot(resolved.id.replace(/^\0/, "").replace(/\?.*$/, ""), name);
      if (pkg && isNativePackage(pkg)) {
        if (ctx.platform === "worker") {
          throw new BuildError(
            "UNSUPPORTED_ON_PLATFORM",
            `"${name}" (imported from ${displayPath(ctx, importer)}) is a native Node addon and cannot run on Workers; use a pure-JS or fetch-based alternative`,
          );
        }
        if (!keepsExternals(ctx.platform)) {
          throw new BuildError(
            "UNSUPPORTED_ON_PLATFORM",
            `"${name}" (imported from ${displayPath(ctx, importer)}) is a native Node addon: the ${ctx.platform} build ships no node_modules (Vercel and Netlify functions), so it cannot be inlined; use a pure-JS alternative, or deploy with --target node or docker`,
          );
        }
        ctx.externals.set(name, { name, version: pkg.version, reason: "native addon" });
        if (!ctx.externalRoots.has(name)) ctx.externalRoots.set(name, pkg.root);
        return { id: source, external: true };
      }
      return resolved;
    },
  };
}
