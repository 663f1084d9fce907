/**
 * Native addon detection. A package that loads a compiled `.node` binary cannot be inlined
 * into a JS bundle: on the node platform it stays external and is listed in the output
 * package.json so `npm install` on the server fetches the binary for that machine.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { readPackageJson, type PackageJson } from "./package-json.js";

/** Well-known packages that load native code (some only fetch binaries at install time). */
export const KNOWN_NATIVE_PACKAGES: ReadonlySet<string> = new Set([
  "sharp", "better-sqlite3", "sqlite3", "bcrypt", "canvas", "argon2", "bufferutil", "utf-8-validate",
  "cpu-features", "ssh2", "re2", "fsevents", "kerberos", "snappy", "leveldown", "node-pty",
  "onnxruntime-node", "@tensorflow/tfjs-node", "@libsql/client", "libsql", "duckdb", "@duckdb/node-api",
  "usb", "serialport", "@serialport/bindings-cpp", "zeromq", "lightningcss", "@swc/core", "esbuild",
  "@node-rs/argon2", "@node-rs/bcrypt", "isolated-vm", "@lancedb/lancedb", "hnswlib-node", "faiss-node",
  "pg-native", "oracledb", "ibm_db", "msnodesqlv8",
]);

/**
 * Native on Node, but their `workerd`/`browser` export is a pure-JS build that the worker
 * platform bundles as is: libSQL's client there is its fetch-only web client (remote URLs).
 */
export const WORKER_BUILD_PACKAGES: ReadonlySet<string> = new Set(["@libsql/client"]);

/** Loader packages whose presence in dependencies means "this package has a binary". */
const NATIVE_LOADERS = ["bindings", "node-gyp-build", "prebuild-install", "@mapbox/node-pre-gyp", "node-pre-gyp", "nan", "node-addon-api", "napi-rs"];

export interface PackageInfo {
  name: string;
  version: string;
  root: string;
}

const manifestCache = new Map<string, PackageJson>();
function readManifest(root: string): PackageJson {
  let m = manifestCache.get(root);
  if (!m) {
    m = readPackageJson(root) ?? {};
    manifestCache.set(root, m);
  }
  return m;
}

/** "@scope/pkg/sub/path" → "@scope/pkg"; "pkg/sub" → "pkg". */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

export function isBareSpecifier(id: string): boolean {
  return !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0") && !/^[a-zA-Z]:[\\/]/.test(id) && !id.includes(":");
}

/** Walk up from a resolved file to the package.json whose name is `name`. */
export function findPackageRoot(file: string, name: string): PackageInfo | undefined {
  let dir = dirname(file);
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      const m = readManifest(dir);
      if (m.name === name) return { name, version: m.version ?? "0.0.0", root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A `.node` file anywhere in the package (not in its nested node_modules), bounded depth. */
function hasNodeBinary(dir: string, depth: number): boolean {
  if (depth < 0) return false;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (e.isFile() && e.name.endsWith(".node")) return true;
  }
  for (const e of entries) {
    if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".") && hasNodeBinary(join(dir, e.name), depth - 1)) return true;
  }
  return false;
}

const nativeCache = new Map<string, boolean>();

export function isNativePackage(pkg: PackageInfo): boolean {
  const cached = nativeCache.get(pkg.root);
  if (cached !== undefined) return cached;
  const m = readManifest(pkg.root);
  const deps = Object.keys(m.dependencies ?? {});
  const native =
    KNOWN_NATIVE_PACKAGES.has(pkg.name) ||
    m.gypfile === true ||
    m.binary !== undefined ||
    existsSync(join(pkg.root, "binding.gyp")) ||
    deps.some((d) => NATIVE_LOADERS.includes(d)) ||
    hasNodeBinary(pkg.root, 4);
  nativeCache.set(pkg.root, native);
  return native;
}
