#!/usr/bin/env node
// Installs each peer into bench/.peers/<name>/ (git-ignored) with its own package.json, and copies
// the peer's version of the quickstart next to it. Idempotent: npm runs only when the peer's
// package.json changed or node_modules is missing, so `npm run bench` on a fresh clone just works
// and a second run costs nothing. Usage: node bench/peers/install.mjs [name ...]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { applyEdits } from "../lib/edits.mjs";
import { PEERS as PEERS_DIR, PEER_APPS } from "../lib/paths.mjs";
import { PEERS } from "./list.mjs";

export function peerDir(name) {
  return join(PEERS_DIR, name);
}

/** Install one peer; returns { name, dir, ok, error? }. Never throws, so one broken peer does not stop the bench. */
export function installPeer(name, { log = console.error } = {}) {
  const peer = PEERS[name];
  if (!peer) throw new Error(`unknown peer "${name}" (known: ${Object.keys(PEERS).join(", ")})`);
  const dir = peerDir(name);
  mkdirSync(dir, { recursive: true });

  const pkg = JSON.stringify({ name: `bench-peer-${name}`, private: true, type: "module", dependencies: peer.dependencies }, null, 2) + "\n";
  const pkgFile = join(dir, "package.json");
  const stamp = join(dir, "node_modules", ".bench-installed");
  const upToDate = existsSync(stamp) && readFileSync(stamp, "utf8") === pkg && existsSync(pkgFile) && readFileSync(pkgFile, "utf8") === pkg;

  // The app sources are refreshed every time (cheap), so an edit under bench/peers/apps is always built.
  rmSync(join(dir, "src"), { recursive: true, force: true });
  // Only what an app is made of: a layer's own package.json, node_modules or build would clobber the peer's.
  for (const layer of peer.app) {
    const from = isAbsolute(layer) ? layer : join(PEER_APPS, layer);
    for (const part of ["src", "tsconfig.json", "README.md"]) if (existsSync(join(from, part))) cpSync(join(from, part), join(dir, part), { recursive: true });
  }
  applyEdits(dir, peer.edits, `peer ${name}`);

  if (upToDate) return { name, dir, ok: true, installed: false };
  writeFileSync(pkgFile, pkg);
  log(`peers: installing ${name} (${peer.about}) into ${dir} …`);
  const started = Date.now();
  const npm = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts=false"], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, MASTRA_TELEMETRY_DISABLED: "1" },
  });
  if (npm.status !== 0) return { name, dir, ok: false, error: `npm install exited with ${npm.status}` };
  writeFileSync(stamp, pkg);
  log(`peers: ${name} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { name, dir, ok: true, installed: true };
}

export function installedVersion(name, pkgName) {
  try {
    return JSON.parse(readFileSync(join(peerDir(name), "node_modules", pkgName, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  let failed = false;
  for (const name of names.length ? names : Object.keys(PEERS)) {
    const r = installPeer(name);
    if (!r.ok) {
      failed = true;
      console.error(`peers: ${name} failed: ${r.error}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
