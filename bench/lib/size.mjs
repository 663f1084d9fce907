// Sizes as a user pays for them: bytes on disk and gzip (zlib default level, the same for every
// contender so the ratios compare like with like).
import { gzipSync } from "node:zlib";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export function fileSize(file) {
  const buf = readFileSync(file);
  return { bytes: buf.length, gzipBytes: gzipSync(buf).length };
}

/** Sum of raw and gzip over several files (a function is its wrapper plus its bundle). */
export function filesSize(files) {
  return files.map(fileSize).reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzipBytes: a.gzipBytes + b.gzipBytes }), { bytes: 0, gzipBytes: 0 });
}

/** Every file under a folder (apparent size), the way `du --apparent-size` counts. */
export function dirBytes(dir) {
  let total = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        total += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes: total, files };
}

/** Code files only (what a runtime loads), skipping source maps. */
export function codeFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(m?js|cjs)$/.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
