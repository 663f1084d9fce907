// test/playground/browser.ts (the browser tests' helper: Debian chromium + `mastra dev` on a copy of
// examples/quickstart) for plain Node scripts: compiled with esbuild next to its source, so its
// packages resolve from the repo and its REPO (two folders up) holds, then imported.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const REPO = fileURLToPath(new URL("..", import.meta.url));

/** The helper's exports (openPlayground, launchChromium, …). */
export async function loadBrowserHelper() {
  const out = join(REPO, "test/playground/.browser-helper.compiled.mjs");
  await build({ entryPoints: [join(REPO, "test/playground/browser.ts")], outfile: out, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "warning" });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}
