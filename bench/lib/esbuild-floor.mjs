// The floor for build time and size: a plain esbuild bundle of the same app and the same server
// entry our build generates (import the user's `mastra`, wrap it with createServer/serve), with
// `@mastra/core` aliased to this repo's runtime sources exactly as our build does from a checkout.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";

/**
 * Every `@mastra/*` and `mastra-deploy/*` import, resolved to the file our build bundles for it on
 * `platform`: read from the build's own table (MASTRA_CORE_ALIASES) and the package's exports, as
 * compiled into dist/ by `npm run build`, so the floor never lags behind what the build resolves.
 */
export async function runtimeAliases(platform = "node") {
  const { MASTRA_CORE_ALIASES, loadRuntimePackage } = await import(join(ROOT, "dist", "src", "build", "runtime.js"));
  const { exportConditions } = await import(join(ROOT, "dist", "src", "build", "platforms.js"));
  const runtime = loadRuntimePackage(ROOT, "cli");
  const conditions = exportConditions(platform);
  const specifiers = { ...MASTRA_CORE_ALIASES, ...Object.fromEntries(runtime.subpaths.map((sub) => [sub === "." ? "mastra-deploy" : `mastra-deploy/${sub.slice(2)}`, sub])) };
  const aliases = {};
  for (const [specifier, subpath] of Object.entries(specifiers)) {
    const file = runtime.resolveSubpath(subpath, conditions);
    if (file) aliases[specifier] = file;
  }
  return aliases;
}

const ENTRIES = {
  // Same shape as targets/node/entry.ts and targets/cloudflare/entry.ts.
  node: (app) => `import { mastra } from ${JSON.stringify(app)};\nimport { serve } from "mastra-deploy/node";\nawait serve(mastra);\n`,
  worker: (app) => `import { mastra } from ${JSON.stringify(app)};\nimport { createServer } from "mastra-deploy/server";\nexport default createServer(mastra);\n`,
};

/**
 * Bundle `<appDir>/src/mastra/index.ts` for a platform into `outFile`.
 * Returns esbuild's metafile so callers can report sizes.
 */
export async function esbuildFloor({ appDir, outFile, platform = "node", minify = false, sourcemap = false }) {
  const entryDir = join(appDir, ".bench-entry");
  mkdirSync(entryDir, { recursive: true });
  const entry = join(entryDir, `${platform}.mjs`);
  // Relative specifier: an absolute one would be read as a package name by esbuild.
  writeFileSync(entry, ENTRIES[platform]("../src/mastra/index.ts"));
  const result = await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: platform === "node" ? "node" : "neutral",
    // workerd's nodejs_compat provides node: builtins; everything else is inlined, as our worker build does.
    external: platform === "node" ? [] : ["node:*"],
    mainFields: platform === "node" ? ["module", "main"] : ["browser", "module", "main"],
    conditions: platform === "node" ? ["node", "import"] : ["workerd", "worker", "browser", "import"],
    alias: await runtimeAliases(platform),
    minify,
    sourcemap,
    metafile: true,
    logLevel: "error",
    legalComments: "none",
    // Bundled CJS deps in ESM sometimes call require() on builtins; give them one (node only).
    banner: platform === "node" ? { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' } : undefined,
  });
  return result.metafile;
}
