import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ZipArchive } from "archiver";
import { listFiles } from "./artifacts.js";

// A fixed date for every entry: zips of the same files are then byte-identical.
const FIXED_DATE = new Date("2000-01-01T00:00:00Z");

/**
 * Zip every file under `srcDir` into `zipPath`, entries sorted, timestamps and modes fixed,
 * optionally under a top-level folder `prefix/` (so `unzip` creates one folder).
 */
export async function zipFolder(srcDir: string, zipPath: string, prefix = ""): Promise<void> {
  const files = await listFiles(srcDir);
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const out = createWriteStream(zipPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on("close", () => resolve());
    out.on("error", reject);
    archive.on("error", reject);
  });
  archive.pipe(out);
  for (const f of files) {
    // Buffers (not streams) keep entry order exactly as appended.
    const data = await readFile(join(srcDir, f));
    archive.append(data, { name: prefix ? `${prefix}/${f}` : f, date: FIXED_DATE, mode: 0o644 });
  }
  await archive.finalize();
  await done;
}
