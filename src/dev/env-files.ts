/**
 * The environment a development server runs with: `.env`, `.env.local`, `.env.development`
 * and an optional `--env <file>` (later files win), under the shell's own environment (which
 * wins over every file), with NODE_ENV=development.
 *
 * The files are read here, in the dev process, and handed to the server process as its
 * environment. Nothing is written anywhere: `.env` is a development convenience and must
 * never end up in a build (deployments read their env at run time).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";

export const DEV_ENV_FILES = [".env", ".env.local", ".env.development"] as const;

export interface DevEnv {
  /** The full environment for the server process. */
  env: Record<string, string>;
  /** Absolute paths of the env files that were considered (present or not), in precedence order. */
  files: string[];
  /** The files that exist and were read. */
  loaded: string[];
  /** Keys that came from a file (for the "loaded N variables" line; values are never printed). */
  fileKeys: string[];
}

export class EnvFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = "EnvFileError";
  }
}

/** The env files of a project, in precedence order (lowest first). */
export function envFilePaths(root: string, extraFile?: string): string[] {
  const files: string[] = DEV_ENV_FILES.map((f) => resolve(root, f));
  if (extraFile) files.push(resolve(extraFile));
  return files;
}

export function loadDevEnv(root: string, shellEnv: Record<string, string | undefined>, extraFile?: string): DevEnv {
  const files = envFilePaths(root, extraFile);
  const fromFiles: Record<string, string> = {};
  const loaded: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) {
      // An explicit --env file that is missing is a mistake; the conventional files are optional.
      if (extraFile && file === files[files.length - 1]) throw new EnvFileError(file, `--env file not found: ${file}`);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new EnvFileError(file, `Cannot read ${file}: ${(err as Error).message}`);
    }
    Object.assign(fromFiles, parseEnv(text));
    loaded.push(file);
  }
  const env: Record<string, string> = { ...fromFiles };
  for (const [k, v] of Object.entries(shellEnv)) if (v !== undefined) env[k] = v;
  // `mastra dev` is development by definition: createServer adds stacks to 500s on this.
  env.NODE_ENV = "development";
  return { env, files, loaded, fileKeys: Object.keys(fromFiles) };
}

/** Same variables and values (order does not matter). */
export function sameEnv(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
