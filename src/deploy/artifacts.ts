import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import type { Artifact } from "./target.js";

/**
 * Every file under `dir`, as sorted POSIX paths relative to it. Sorted so that zips,
 * tables and snapshots do not depend on the file system's directory order.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join("/"));
    }
  }
  await walk(dir);
  return out.sort();
}

/** Size and gzip size (level 9, what upload size limits are usually measured against) of each file. */
export async function collectArtifacts(dir: string): Promise<Artifact[]> {
  const files = await listFiles(dir);
  const artifacts: Artifact[] = [];
  for (const path of files) {
    const buf = await readFile(join(dir, path));
    artifacts.push({ path, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length });
  }
  return artifacts;
}
