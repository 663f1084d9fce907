/**
 * `.mastra/output/build.json`: what was built, for which platform, from which sources.
 *
 * `mastra deploy --prebuilt` recomputes `sourceHash` and compares it (and the platform)
 * to decide whether the output still matches the sources. The hash covers the app's
 * src/ tree and the files that change what gets bundled (package.json, lockfiles,
 * tsconfig) — never `.env*` (secrets change at deploy time, not build time), never
 * node_modules (the lockfile stands for it). No timestamps: same input, same bytes.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ServerSettings } from "../core/server-settings.js";
import type { NodeModulesSummary } from "./external-packages.js";
import type { Platform } from "./platforms.js";

export const MANIFEST_FILE = "build.json";

export interface OutputFile {
  /** Path relative to the output folder, forward slashes. */
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildManifest {
  manifestVersion: 1;
  builder: string;
  platform: Platform;
  minify: boolean;
  /** The app entry, relative to the project root. */
  app: string;
  /** The runtime wrapper, portable ("mastra-deploy/targets/node/entry.ts" or project-relative). */
  entry: string;
  runtimeVersion: string;
  sourceHash: string;
  /** Dependencies left external (native addons), name → installed version. */
  dependencies: Record<string, string>;
  /** The JS bundle and its companions; node_modules is summed apart in `nodeModules`, never mixed in. */
  files: OutputFile[];
  /** The externals' packages copied into node_modules (node platform with externals). */
  nodeModules?: NodeModulesSummary;
  /** Files the build was asked to add beside the bundle (the playground page with `--playground`), sorted; also in `files`. */
  extraFiles?: string[];
  /**
   * The app's server settings as the app check read them from the loaded app: the one source
   * deploy reads them from. Absent when the check did not run or could not load the app.
   */
  server?: ServerSettings;
  /** Where the app keeps workflow runs and memory, as the app check found it; absent like `server`. */
  storage?: StorageSummary;
}

/**
 * The app's store as deploy needs to know it: serverless targets warn when `shared` is false
 * (each instance would keep its own runs), node/docker swap in their SQLite file when
 * `configured` is false.
 */
export interface StorageSummary {
  /** The store's `name`: "memory", "libsql", "pg", "d1", or a third-party store's. */
  name: string;
  /** Every instance of the app sees the same data (a database server, D1). */
  shared: boolean;
  /** The app passed `storage` to `new Mastra`; false when it runs on the default. */
  configured: boolean;
  /**
   * Agents whose `new Memory({ storage })` has a store of its own (the template's memory on
   * `file:../mastra.db`): their threads live there, not in the app's store.
   */
  memory?: { agent: string; name: string; shared: boolean }[];
}

/** Every instance of the app sees the same runs and the same agent memory. */
export function sharesState(storage: StorageSummary): boolean {
  return storage.shared && (storage.memory ?? []).every((m) => m.shared);
}

const ROOT_INPUTS = ["package.json", "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "tsconfig.json"];
const SKIP_DIRS = new Set(["node_modules", ".mastra", ".git"]);

function listFiles(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (SKIP_DIRS.has(e.name) || e.name.startsWith(".env")) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) listFiles(full, out);
    else if (e.isFile()) out.push(full);
  }
}

/** sha256 over the sorted (path, content) pairs of the app's build inputs. */
export function computeSourceHash(root: string): string {
  const files: string[] = [];
  listFiles(join(root, "src"), files);
  for (const f of ROOT_INPUTS) if (existsSync(join(root, f))) files.push(join(root, f));
  const rels = files.map((f) => ({ file: f, rel: relative(root, f).split(sep).join("/") })).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const hash = createHash("sha256");
  for (const { file, rel } of rels) {
    hash.update(rel).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function readBuildManifest(outDir: string): BuildManifest | undefined {
  const file = join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as BuildManifest;
    return m.manifestVersion === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

export type Freshness = { fresh: true; manifest: BuildManifest } | { fresh: false; reason: string; manifest?: BuildManifest };

/** Is the build in `outDir` still the build of `root`'s current sources for `platform`? */
export function checkBuildFreshness(root: string, outDir: string, platform: Platform): Freshness {
  const manifest = readBuildManifest(outDir);
  if (!manifest) return { fresh: false, reason: `no build found in ${outDir} (run mastra build${platform === "node" ? "" : ` --platform ${platform}`} first)` };
  if (manifest.platform !== platform) {
    return { fresh: false, reason: `the build in ${outDir} is for platform "${manifest.platform}", this needs "${platform}" (run mastra build --platform ${platform})`, manifest };
  }
  if (manifest.sourceHash !== computeSourceHash(root)) {
    // The command that makes this build again: a worker build is not what plain `mastra build` writes.
    return { fresh: false, reason: `the sources changed since the build in ${outDir} (run mastra build${platform === "node" ? " again" : ` --platform ${platform}`})`, manifest };
  }
  return { fresh: true, manifest };
}
