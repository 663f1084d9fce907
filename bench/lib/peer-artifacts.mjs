// Mastra's builds of the quickstart, made once and reused while the peer's sources are unchanged
// (a stamp holds the hash of the app sources and package.json), because one build costs ~40 s.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installedVersion, installPeer, peerDir } from "../peers/install.mjs";
import { failure, run } from "./proc.mjs";
import { PEERS } from "../peers/list.mjs";

function sourceHash(dir) {
  const h = createHash("sha256");
  h.update(readFileSync(join(dir, "package.json")));
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(join(dir, "src"));
  return h.digest("hex");
}

export { installPeer, peerDir };

export function peerVersions(name) {
  return Object.fromEntries(Object.keys(PEERS[name].dependencies).map((p) => [p, installedVersion(name, p)]));
}

/** Run Mastra's `mastra build` in the peer folder (fresh .mastra each time); returns { ok, ms, error }. */
export function mastraBuild(name) {
  const dir = peerDir(name);
  rmSync(join(dir, ".mastra"), { recursive: true, force: true });
  const r = run(join(dir, "node_modules", ".bin", "mastra"), ["build"], { cwd: dir });
  const ok = r.ok && existsSync(join(dir, ".mastra", "output", "index.mjs"));
  if (ok) writeFileSync(join(dir, ".mastra", ".bench-stamp"), stamp(dir));
  return { ok, ms: r.ms, error: ok ? undefined : failure(r, `mastra build (${name})`) };
}

function stamp(dir) {
  return sourceHash(dir);
}

/** Mastra's .mastra/output for a peer: reuse the last build if its sources are unchanged, else build. */
export function mastraOutput(name, { log = console.error } = {}) {
  const inst = installPeer(name, { log });
  if (!inst.ok) return { ok: false, error: inst.error };
  const dir = peerDir(name);
  const out = join(dir, ".mastra", "output");
  const stampFile = join(dir, ".mastra", ".bench-stamp");
  if (existsSync(join(out, "index.mjs")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp(dir)) {
    return { ok: true, dir: out, reused: true };
  }
  log(`bench: building the quickstart with Mastra's mastra build (${name}) …`);
  const b = mastraBuild(name);
  return b.ok ? { ok: true, dir: out, reused: false, ms: b.ms } : { ok: false, error: b.error };
}
