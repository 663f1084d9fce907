// Where a secret could hide in a deploy's output: any file's bytes, the files inside its zips,
// and a .env file copied along. Used by the targets' e2e secret scan and the stores' one.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { listFiles } from "../../src/deploy/target.js";

const execFileP = promisify(execFile);

/**
 * Every place under `dir` holding one of `needles` (name → value), as "file: NAME" lines (zip
 * contents as "file (unzipped): NAME"), and the files scanned. An empty zip is a hit too: it
 * would pass the scan without having been read.
 */
export async function secretHits(dir: string, needles: Record<string, string>): Promise<{ files: string[]; hits: string[] }> {
  const files = await listFiles(dir);
  const hits: string[] = [];
  const scan = (label: string, bytes: Buffer) => {
    for (const [name, value] of Object.entries(needles)) if (bytes.includes(Buffer.from(value))) hits.push(`${label}: ${name}`);
  };
  for (const f of files) {
    if (f.split("/").some((p) => p.startsWith(".env") || p.startsWith(".dev.vars"))) hits.push(`${f}: a .env or .dev.vars file`);
    scan(f, await readFile(join(dir, f)));
    if (f.endsWith(".zip")) {
      const { stdout } = await execFileP("unzip", ["-p", join(dir, f)], { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 });
      if (stdout.length === 0) hits.push(`${f}: an empty zip`);
      scan(`${f} (unzipped)`, stdout);
    }
  }
  return { files, hits };
}
