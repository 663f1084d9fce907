/**
 * Where the Node runtimes (node and docker outputs, `mastra start`, `mastra dev`) keep workflow
 * runs and memory threads of an app that configured no `storage`: an embedded SQLite file,
 * opened through libSQL by the entry that imports this (the server room never picks a store).
 *
 * The default path is relative to the working directory, as any relative `file:` URL given to
 * LibSQLStore is: `node .mastra/output/index.mjs`, `mastra start` and `mastra dev` run from the
 * project root, and the zip's `npm start` (and its systemd unit, which sets the variable to its
 * state directory) from the unpacked app folder. Never inside `.mastra/output`: each build
 * replaces that folder whole.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The variable that moves the file (or names another libSQL URL): `file:/data/mastra.db` in the Docker image. */
export const STORAGE_URL_ENV = "MASTRA_STORAGE_URL";

/** Relative to the working directory; `.mastra/` is already what a project ignores. */
export const DEFAULT_STORAGE_URL = "file:.mastra/data/mastra.db";

/** The file's folder cannot be made (a read-only or unmounted path): the operator's to fix, one line. */
export class StorageFileError extends Error {
  override name = "StorageFileError";
}

export interface StorageFile {
  /** The libSQL URL to open. */
  url: string;
  /** The database file, absolute; undefined for `:memory:` or a remote URL. */
  path?: string;
}

/** The file's path for a `file:` URL (`file:rel`, `file:/abs`, `file:///abs`), else undefined. */
function filePath(url: string, cwd: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const bare = url.replace(/[?#].*$/, "");
  return bare.startsWith("file://") ? fileURLToPath(bare) : resolve(cwd, bare.slice("file:".length));
}

/**
 * The default store's URL: `MASTRA_STORAGE_URL` when set, else `.mastra/data/mastra.db` under the
 * working directory, with the file's folder created (SQLite creates the file, not its folders).
 */
export function defaultStorageFile(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): StorageFile {
  const given = env[STORAGE_URL_ENV]?.trim();
  const url = given ? given : DEFAULT_STORAGE_URL;
  const path = filePath(url, cwd);
  if (path) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (err) {
      throw new StorageFileError(
        `cannot create ${dirname(path)} for the default store's database (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): set ${STORAGE_URL_ENV} to a writable file:/path, or give the app a storage`,
      );
    }
  }
  return path ? { url: `file:${path}`, path } : { url };
}
