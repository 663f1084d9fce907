// The floor for bench/build: a plain `esbuild --bundle` of the same entry mastra build
// bundles (the node runtime entry + the app), resolving `virtual:mastra-app` and the
// `@mastra/core` / `mastra-deploy/*` imports to the same files. Run as its own process
// so it pays the same cold start as the `mastra` CLI.
//   node bench/build/esbuild-floor.mjs <app root> <outfile> [--minify]
import { build } from "esbuild";
import { resolve, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runtimeAliases } from "../lib/esbuild-floor.mjs";

const [rootArg, outfile, flag] = process.argv.slice(2);
const root = resolve(rootArg);
const repo = fileURLToPath(new URL("../..", import.meta.url));
const runtime = await runtimeAliases("node");

await build({
  entryPoints: [join(repo, "targets/node/entry.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  minify: flag === "--minify",
  outfile,
  logLevel: "error",
  plugins: [
    {
      name: "mastra-aliases",
      setup(b) {
        b.onResolve({ filter: /^virtual:mastra-app$/ }, () => ({ path: join(root, "src/mastra/index.ts") }));
        b.onResolve({ filter: /^(@mastra\/[^/]+|mastra-deploy)(\/.*)?$/ }, (args) => (runtime[args.path] ? { path: runtime[args.path] } : undefined));
      },
    },
  ],
});
