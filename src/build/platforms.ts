/**
 * What differs between the bundle platforms. Everything else in the pipeline is shared.
 *
 *  - node:         runs on Node; builtins and native addons stay external (the output's
 *                  package.json lists the addons, `npm install` fetches them for the machine)
 *  - node-inlined: runs on Node, but ships no node_modules (Vercel and Netlify functions):
 *                  every package is inlined, so Node-only drivers such as `pg` work there;
 *                  a native addon cannot be inlined and is a build error naming it
 *  - worker:       runs in workerd; everything inlined, builtins left for nodejs_compat
 */
import { builtinModules } from "node:module";
import { join } from "node:path";

export type Platform = "node" | "node-inlined" | "worker";
export const PLATFORMS: readonly Platform[] = ["node", "node-inlined", "worker"];

/** Node's APIs and module resolution (everything but workerd). */
export function runsOnNode(platform: Platform): boolean {
  return platform !== "worker";
}

/** The output may leave packages for `npm install` on the server (only the node platform ships a package.json to install). */
export function keepsExternals(platform: Platform): boolean {
  return platform === "node";
}

/**
 * Where a platform's build lives. Node keeps the docs' `.mastra/output` (so
 * `node .mastra/output/index.mjs` always runs a Node server); the worker bundle has its own
 * folder, so building for Cloudflare never replaces it and each build is reused by every
 * target of its platform.
 */
export function defaultOutDir(root: string, platform: Platform): string {
  return join(root, ".mastra", platform === "node" ? "output" : `output-${platform}`);
}

/** package.json "exports" conditions, most specific first (node-resolve also adds import/default). */
export function exportConditions(platform: Platform): string[] {
  return runsOnNode(platform)
    ? ["node", "import", "module", "default"]
    : ["workerd", "worker", "browser", "import", "module", "default"];
}

/** esbuild transform target: deployed Node is 22+; workerd runs current V8. */
export function esTarget(platform: Platform): string {
  return runsOnNode(platform) ? "node22" : "es2022";
}

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));

/** "fs", "node:fs", "fs/promises", "node:test" → the `node:`-prefixed name; else undefined. */
export function nodeBuiltin(specifier: string): string | undefined {
  if (specifier.startsWith("node:")) return specifier;
  if (BUILTINS.has(specifier)) return `node:${specifier}`;
  return undefined;
}

/**
 * Node modules workerd implements natively under `nodejs_compat` on every compatibility date
 * it supports (the same list as @cloudflare/unenv-preset's default native modules). Newer
 * dates add more (http, fs, os, …); importing one of those is a warning, not an error, because
 * it depends on the date the target pins.
 */
export const WORKERD_NODE_MODULES: ReadonlySet<string> = new Set([
  "assert", "assert/strict", "async_hooks", "buffer", "constants", "crypto", "diagnostics_channel",
  "dns", "dns/promises", "events", "net", "path", "path/posix", "path/win32", "querystring", "module",
  "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
  "timers/promises", "tls", "url", "util", "util/types", "zlib", "process",
]);

export function isWorkerdNodeModule(nodeSpecifier: string): boolean {
  return WORKERD_NODE_MODULES.has(nodeSpecifier.replace(/^node:/, ""));
}
