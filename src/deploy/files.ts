// Small file helpers every target needs; exported through "mastra-deploy/targets".
import { cp, copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { NODE_MODULES } from "../build/external-packages.js";
import type { BuildOutput } from "./target.js";

/** Write `content` to `dir/rel`, creating folders; text always ends with one newline. */
export async function writeText(dir: string, rel: string, content: string): Promise<void> {
  const file = join(dir, rel);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, content.endsWith("\n") ? content : `${content}\n`);
}

export async function writeJson(dir: string, rel: string, value: unknown): Promise<void> {
  await writeText(dir, rel, JSON.stringify(value, null, 2));
}

/**
 * Copy the bundle (`index.mjs`, its `.map`, and `package.json` with the build's
 * `package-lock.json` unless `withPackageJson` is false) into `dir/rel`, and with `withNodeModules` the build's node_modules (the native
 * externals and what they load, for a folder that runs without `npm install`), and the files the
 * build was asked to add (`extraFiles`: the playground page with `--playground`). Only these:
 * anything else in the build folder stays behind.
 */
export async function copyBuild(build: BuildOutput, dir: string, rel = ".", opts: { withPackageJson?: boolean; withNodeModules?: boolean } = {}): Promise<string[]> {
  const dest = join(dir, rel);
  await mkdir(dest, { recursive: true });
  const wanted = ["index.mjs", "index.mjs.map", ...(opts.withPackageJson === false ? [] : ["package.json", "package-lock.json"]), ...(build.extraFiles ?? [])];
  const copied: string[] = [];
  for (const f of wanted) {
    if (!build.files.includes(f)) continue;
    await mkdir(dirname(join(dest, f)), { recursive: true });
    await copyFile(join(build.dir, f), join(dest, f));
    copied.push(f);
  }
  if (!copied.includes("index.mjs")) throw new Error(`The build in ${build.dir} has no index.mjs`);
  if (opts.withNodeModules && build.nodeModules) {
    await cp(join(build.dir, NODE_MODULES), join(dest, NODE_MODULES), { recursive: true });
    copied.push(NODE_MODULES);
    shippedNodeModules.add(build);
  }
  return copied;
}

// Builds whose node_modules a target copied: the orchestrator hands each package() its own
// BuildOutput object, so this says what that target shipped (in a folder or inside a zip).
const shippedNodeModules = new WeakSet<BuildOutput>();

/** Whether `copyBuild` copied `build`'s node_modules (with `withNodeModules`). */
export function copiedNodeModules(build: BuildOutput): boolean {
  return shippedNodeModules.has(build);
}

/**
 * A name every provider accepts (Workers, Docker images, systemd units, folders):
 * lowercase letters, digits and dashes, no scope, at most 63 characters.
 */
export function safeName(name: string): string {
  const s = name
    .replace(/^@[^/]+\//, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return s || "mastra-app";
}
