/**
 * The node platform's externals (native addons such as @libsql/client), copied with everything
 * they load into the output's `node_modules/`, the way Nitro fills `.output/server/node_modules`:
 * `node .mastra/output/index.mjs` then runs from a copy of the output folder anywhere, and the
 * node zip runs unpacked on a VM of the build machine's OS/CPU with no `npm install`.
 *
 * Why whole packages walked through their package.json, not a file tracer (@vercel/nft): native
 * packages pick their binary at run time by a computed name (`libsql` loads `@libsql/<target>`
 * through @neon-rs/load), which static tracing misses or needs per-package special cases for;
 * whole packages are what `npm install` would have put there, cost no new dependency, and a
 * sorted walk gives the same tree for the same install. The output package.json still lists the
 * externals, so `npm install --omit=dev` on another OS/CPU (the Docker image) fetches its binary.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { readPackageJson, type PackageJson } from "./package-json.js";

export const NODE_MODULES = "node_modules";

/** One package placed in the output: where it comes from, and its folder relative to the output. */
export interface PlacedPackage {
  name: string;
  version: string;
  /** Real path of the installed package. */
  from: string;
  /** "node_modules/@libsql/client", or nested "node_modules/a/node_modules/b" when versions differ. */
  path: string;
}

/** What the output's node_modules holds, for build.json and the size tables. */
export interface NodeModulesSummary {
  /** The OS/CPU (and libc on Linux) the copied binaries were installed for: "linux-x64-glibc". */
  builtFor: string;
  files: number;
  bytes: number;
  packages: Array<{ name: string; version: string; path: string }>;
}

interface Manifest extends PackageJson {
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

function hostLibc(): "glibc" | "musl" | undefined {
  if (process.platform !== "linux") return undefined;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime ? "glibc" : "musl";
}

/** "linux-x64-glibc", "darwin-arm64": what the copied binaries run on. */
export function hostTarget(): string {
  const libc = hostLibc();
  return [process.platform, process.arch, ...(libc ? [libc] : [])].join("-");
}

/** npm's `os`/`cpu` lists: names, or "!name" exclusions. */
function allows(list: string[] | undefined, value: string): boolean {
  if (!list?.length) return true;
  if (list.includes(`!${value}`)) return false;
  return list.some((v) => !v.startsWith("!")) ? list.includes(value) : true;
}

/**
 * Whether an installed optional dependency loads on this host. npm installs every prebuilt
 * binary package whose `os`/`cpu` match, and libSQL's and napi-rs's packages declare no `libc`,
 * so both `-gnu` and `-musl` land on a Linux machine: only the one this libc loads is copied.
 */
function runsHere(m: Manifest, name: string): boolean {
  if (!allows(m.os, process.platform) || !allows(m.cpu, process.arch)) return false;
  const libc = hostLibc();
  if (!libc) return true;
  if (m.libc?.length) return m.libc.includes(libc);
  if (libc === "glibc" && /-musl(eabihf)?$/.test(name)) return false;
  if (libc === "musl" && /-gnu(eabihf)?$/.test(name)) return false;
  return true;
}

/** Node's lookup: `name` in the node_modules of `dir` or of any folder above it. */
function resolvePackageDir(fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, NODE_MODULES, name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Where each package of the externals' dependency closure goes: hoisted to `node_modules/<name>`
 * unless another version took that place, then nested under the package that needs it (what
 * Node's lookup from that package finds first). Breadth-first over sorted names: deterministic.
 */
export function planExternalPackages(roots: string[]): PlacedPackage[] {
  const placed: PlacedPackage[] = [];
  /** Output path → real source folder. */
  const at = new Map<string, string>();
  const queue: Array<{ from: string; parentPath: string | undefined }> = [...new Set(roots.map((r) => realpathSync(r)))].sort().map((from) => ({ from, parentPath: undefined }));
  const seen = new Set<string>();

  const place = (from: string, name: string, parentPath: string | undefined): string | undefined => {
    // Walk up from the dependent's folder in the output, as Node will at run time.
    for (let dir = parentPath; dir; ) {
      const here = posix.join(dir, NODE_MODULES, name);
      const there = at.get(here);
      if (there !== undefined) return there === from ? undefined : posix.join(parentPath!, NODE_MODULES, name);
      const up = dir.lastIndexOf(`/${NODE_MODULES}/`);
      dir = up < 0 ? undefined : dir.slice(0, up);
    }
    const top = posix.join(NODE_MODULES, name);
    const there = at.get(top);
    if (there === undefined) return top;
    return there === from ? undefined : posix.join(parentPath!, NODE_MODULES, name);
  };

  while (queue.length) {
    const { from, parentPath } = queue.shift()!;
    const m = (readPackageJson(from) ?? {}) as Manifest;
    const name = m.name;
    if (!name) continue;
    const path = place(from, name, parentPath);
    if (path === undefined || seen.has(`${from}\0${path}`)) continue;
    seen.add(`${from}\0${path}`);
    at.set(path, from);
    placed.push({ name, version: m.version ?? "0.0.0", from, path });
    const optional = new Set(Object.keys(m.optionalDependencies ?? {}));
    const deps = [...new Set([...Object.keys(m.dependencies ?? {}), ...optional, ...Object.keys(m.peerDependencies ?? {})])].sort();
    for (const dep of deps) {
      // Declarations only (isomorphic-ws lists @types/ws as a dependency): never loaded at run time.
      if (dep.startsWith("@types/")) continue;
      const dir = resolvePackageDir(from, dep);
      // A missing optional or peer dependency is one npm did not install here: nothing to copy.
      if (!dir) continue;
      if (optional.has(dep) && !runsHere((readPackageJson(dir) ?? {}) as Manifest, dep)) continue;
      queue.push({ from: dir, parentPath: path });
    }
  }
  return placed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The files of an installed package, without its own node_modules (the plan places those). */
function packageFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === NODE_MODULES && e.isDirectory()) continue;
    // pnpm and workspaces link folders; the output holds real files.
    const isDir = e.isDirectory() || (e.isSymbolicLink() && statSync(join(dir, p)).isDirectory());
    if (isDir) out.push(...packageFiles(dir, p));
    else if (e.isFile() || e.isSymbolicLink()) out.push(p);
  }
  return out;
}

/** Copy the planned packages under `outDir`; returns what build.json records about them. */
export async function copyExternalPackages(plan: PlacedPackage[], outDir: string): Promise<NodeModulesSummary> {
  let files = 0;
  let bytes = 0;
  for (const pkg of plan) {
    for (const f of packageFiles(pkg.from)) {
      const dest = join(outDir, pkg.path, f);
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(join(pkg.from, f), dest);
      files++;
      bytes += statSync(dest).size;
    }
  }
  return { builtFor: hostTarget(), files, bytes, packages: plan.map(({ name, version, path }) => ({ name, version, path })) };
}
