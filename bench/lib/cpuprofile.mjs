// Reads a V8 .cpuprofile and says where the time went: self time per function, mapped through
// the bundle's source map back to the original file and line (ours is one bundled index.mjs, so
// bundle line numbers alone would say nothing), and summed per package/folder.
import { readFileSync, existsSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

const maps = new Map();
function sourceMapFor(url) {
  if (!url.startsWith("file://")) return null;
  if (maps.has(url)) return maps.get(url);
  const file = fileURLToPath(url);
  let map = null;
  if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
  maps.set(url, map);
  return map;
}

/** "node_modules/zod/v4/…" → "zod"; "../../src/server/x.ts" → "src/server"; the rest as is. */
export function bucket(file) {
  if (!file) return "(native / V8)";
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith("node:")) return "node: internals";
  const src = /(?:^|\/)(src\/[^/]+|targets\/[^/]+|examples\/[^/]+)/.exec(file);
  if (src) return src[1];
  return file.split("/").slice(-2).join("/");
}

export function summarize(profileFile, { top = 20 } = {}) {
  const profile = JSON.parse(readFileSync(profileFile, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  // timeDeltas[i] is the time spent in samples[i]'s node.
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const fns = new Map();
  const buckets = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame: f } = byId.get(id);
    let where = f.url ? `${f.url.replace(/^file:\/\//, "")}:${f.lineNumber + 1}` : "";
    let file = f.url ? f.url.replace(/^file:\/\//, "") : "";
    if (f.url.startsWith("node:")) file = f.url;
    const map = sourceMapFor(f.url);
    if (map && f.lineNumber >= 0) {
      const e = map.findEntry(f.lineNumber, f.columnNumber);
      if (e?.originalSource) {
        file = e.originalSource.replace(/^file:\/\//, "");
        where = `${file}:${e.originalLine + 1}`;
      }
    }
    const name = f.functionName || (f.url ? "(anonymous)" : `(${f.functionName || "program"})`);
    const label = ["(idle)", "(program)", "(garbage collector)"].includes(f.functionName) ? f.functionName : `${name} ${where}`.trim();
    fns.set(label, (fns.get(label) ?? 0) + us);
    const b = ["(idle)", "(program)", "(garbage collector)"].includes(f.functionName) ? f.functionName : bucket(file);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
  }
  const pct = (us) => Math.round((us / total) * 1000) / 10;
  const sort = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: Math.round(total / 1000),
    functions: sort(fns).slice(0, top).map(([label, us]) => ({ label, ms: Math.round(us / 1000), pct: pct(us) })),
    buckets: sort(buckets).slice(0, top).map(([label, us]) => ({ label, ms: Math.round(us / 1000), pct: pct(us) })),
  };
}
