/**
 * Atomic output: everything is written into a staging folder next to the output (same
 * filesystem), checked there, then swapped in with two renames. A build that fails at any
 * point before the swap leaves the previous output exactly as it was, and runnable.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface Staging {
  /** The staging folder: a sibling of the output, at the same depth (relative paths hold). */
  dir: string;
  write(path: string, contents: string | Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
  /** Swap the staging folder in place of the output. */
  commit(): Promise<void>;
  /** Throw the staging folder away (the previous output stays). */
  discard(): Promise<void>;
}

export async function createStaging(outDir: string): Promise<Staging> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `.${basename(outDir)}-staging-`));
  // mkdtemp makes 0700; the output is copied into images and served by other users.
  await chmod(dir, 0o755);
  return {
    dir,
    async write(path, contents) {
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, contents);
    },
    async remove(path) {
      await rm(join(dir, path), { force: true });
    },
    async commit() {
      const old = `${dir}-previous`;
      const hadPrevious = existsSync(outDir);
      if (hadPrevious) await rename(outDir, old);
      try {
        await rename(dir, outDir);
      } catch (err) {
        // Put the previous build back before reporting.
        if (hadPrevious) await rename(old, outDir);
        throw err;
      }
      if (hadPrevious) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
