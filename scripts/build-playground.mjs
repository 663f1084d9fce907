// Package build step: the playground `mastra dev` serves at `/`, bundled into dist/playground/
// (index.html, app.js, app.css). Everything the page needs ships in the package: the machines it
// runs on may be offline, so nothing is fetched from a CDN at run time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { PLAYGROUND_PREFIX } from "../dist/src/server/playground.js";

const root = new URL("..", import.meta.url);
const client = new URL("src/playground/client/", root);
const out = new URL("dist/playground/", root);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [
    { in: new URL("main.tsx", client).pathname, out: "app" },
    { in: new URL("app.css", client).pathname, out: "app" },
  ],
  outdir: out.pathname,
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome120", "firefox120", "safari17"],
  jsx: "automatic",
  jsxImportSource: "preact",
  legalComments: "none",
  logLevel: "warning",
});
// The page's files live under the prefix the servers answer (src/server/playground.ts).
writeFileSync(new URL("index.html", out), readFileSync(new URL("index.html", client), "utf8").replaceAll("{{PREFIX}}", PLAYGROUND_PREFIX));
