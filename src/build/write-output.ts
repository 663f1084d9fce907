/**
 * Atomic output: everything is written into a temporary sibling folder, then swapped in
 * with two renames. A build that fails at any point before the swap leaves the previous
 * output exactly as it was (and runnable); readers never see a half-written folder.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface FileToWrite {
  path: string;
  contents: string | Uint8Array;
}

/** A fresh temporary folder next to `outDir` (same filesystem, so rename is atomic). */
export async function makeStagingDir(outDir: string, label = "tmp"): Promise<string> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  return mkdtemp(join(parent, `.${basename(outDir)}-${label}-`));
}

export async function writeOutputAtomically(outDir: string, files: FileToWrite[]): Promise<void> {
  const staging = await makeStagingDir(outDir);
  try {
    for (const f of files) {
      const target = join(staging, f.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.contents);
    }
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const old = `${staging}-old`;
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) await rename(outDir, old);
  try {
    await rename(staging, outDir);
  } catch (err) {
    // Put the previous build back before reporting.
    if (hadPrevious) await rename(old, outDir);
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  if (hadPrevious) await rm(old, { recursive: true, force: true });
}
