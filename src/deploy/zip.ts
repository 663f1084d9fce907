import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ZipArchive } from "archiver";
import yauzl from "yauzl";
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

/**
 * Each file entry of the zip at `zipPath`, one at a time (`onEntry` returns before the next is
 * inflated, so a zip with a large node_modules is never held whole). yauzl reads any zip a
 * third-party target may write (zip64, data descriptors), checks each entry's CRC and refuses
 * malformed names; archiver only writes zips and Node has no zip reader of its own.
 */
export function forEachZipEntry(zipPath: string, onEntry: (name: string, bytes: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            onEntry(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
