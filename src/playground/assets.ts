/**
 * The built playground: dist/playground/ of this package (written by scripts/build-playground.mjs
 * at package build). `mastra dev` serves it; `mastra build --playground` copies it into the output.
 */
import { join } from "node:path";
import { ownPackageRoot } from "../build/runtime.js";
import { PLAYGROUND_OUTPUT_DIR, readPlaygroundAssets, type PlaygroundAsset } from "../server/playground.js";

/** Where the package build put the page. */
export function playgroundDir(): string {
  return join(ownPackageRoot(), "dist", "playground");
}

export function loadPlaygroundAssets(dir = playgroundDir()): Map<string, PlaygroundAsset> {
  return readPlaygroundAssets(dir);
}

/** The page's files as build output files (`playground/<name>`), for `mastra build --playground`. */
export function playgroundOutputFiles(dir = playgroundDir()): { path: string; contents: Uint8Array }[] {
  const assets = readPlaygroundAssets(dir);
  if (!assets.size) throw new Error(`The playground is not built (${dir} is missing): run \`npm run build\` in the mastra-deploy package`);
  return [...assets].map(([name, asset]) => ({ path: `${PLAYGROUND_OUTPUT_DIR}/${name}`, contents: asset.body }));
}
