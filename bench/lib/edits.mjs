// Text edits on a copied app: each [from, to] must still match, so an app that changed under the
// bench fails loudly instead of silently measuring something else. Used for the peers' variants
// (bench/peers/list.mjs `edits`) and for our own variants of the quickstart.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** edits: { "src/mastra/index.ts": [[from, to], …], … }, applied in order under `dir`. */
export function applyEdits(dir, edits, label) {
  for (const [file, pairs] of Object.entries(edits ?? {})) {
    let text = readFileSync(join(dir, file), "utf8");
    for (const [from, to] of pairs) {
      if (!text.includes(from)) throw new Error(`bench ${label}: ${file} no longer contains ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    writeFileSync(join(dir, file), text);
  }
}
