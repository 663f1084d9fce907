// Which modules take the space in a bundle, from its source map: every generated segment is
// charged to its original source, so the figures match the bytes actually shipped.
import { readFile } from "node:fs/promises";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Decode one base64-VLQ segment ("AAgBC") into its numbers. */
function decodeSegment(seg: string): number[] {
  const nums: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of seg) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) throw new Error(`Invalid source map character ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      nums.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return nums;
}

export interface ModuleSize {
  /** npm package name for code under node_modules, else the source path. */
  module: string;
  bytes: number;
}

/** Group a source path: ".../node_modules/@scope/pkg/x.js" → "@scope/pkg". */
export function moduleOf(source: string): string {
  const i = source.lastIndexOf("node_modules/");
  if (i === -1) return source.replace(/^(\.\.\/)+/, "");
  const rest = source.slice(i + "node_modules/".length).split("/");
  return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
}

/** Bytes of `code` per module, biggest first; bytes no source claims are "(generated)". */
export function moduleSizes(code: string, map: { sources: string[]; mappings: string }): ModuleSize[] {
  const totals = new Map<string, number>();
  const add = (m: string, n: number) => totals.set(m, (totals.get(m) ?? 0) + n);
  const lines = code.split("\n");
  const mapLines = map.mappings.split(";");
  let source = 0;
  for (let l = 0; l < lines.length; l++) {
    const len = lines[l].length;
    const segs = (mapLines[l] ?? "").split(",").filter(Boolean);
    let col = 0;
    let prevCol = 0;
    let prevSource: number | null = null;
    for (const s of segs) {
      const nums = decodeSegment(s);
      col += nums[0];
      add(prevSource === null ? "(generated)" : moduleOf(map.sources[prevSource] ?? "?"), Math.max(0, col - prevCol));
      if (nums.length >= 4) {
        source += nums[1];
        prevSource = source;
      } else prevSource = null;
      prevCol = col;
    }
    add(prevSource === null ? "(generated)" : moduleOf(map.sources[prevSource] ?? "?"), Math.max(0, len - prevCol));
  }
  return [...totals].map(([module, bytes]) => ({ module, bytes })).filter((m) => m.bytes > 0).sort((a, b) => b.bytes - a.bytes || a.module.localeCompare(b.module));
}

/** Module sizes of a bundle file next to its `.map`; empty when there is no map. */
export async function bundleModuleSizes(bundleFile: string): Promise<ModuleSize[]> {
  try {
    const [code, map] = await Promise.all([readFile(bundleFile, "utf8"), readFile(`${bundleFile}.map`, "utf8")]);
    return moduleSizes(code, JSON.parse(map) as { sources: string[]; mappings: string });
  } catch {
    return [];
  }
}
