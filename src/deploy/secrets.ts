// Secrets never enter an artifact: values from the app's .env* files are collected and every
// written file is scanned for them before anything is uploaded.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { listFiles } from "./artifacts.js";
import { DeployError } from "./errors.js";

// Short values ("true", "3000", "dev") would match innocent bytes; real credentials are longer.
const MIN_SECRET_LENGTH = 8;

/** Parse a .env file with Node's own parser, the one `mastra dev` loads the same files with. */
export function parseEnvFile(text: string): Record<string, string> {
  return parseEnv(text) as Record<string, string>;
}

/** The names of the app's `.env*` files (never copied into an artifact). */
export async function envFiles(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  // .env.example holds placeholders meant to be committed, not values.
  return names.filter((n) => (n === ".env" || n.startsWith(".env.")) && n !== ".env.example").sort();
}

/** Secret values from the app's .env files: name → value, only values long enough to matter. */
export async function readSecretValues(root: string): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  for (const f of await envFiles(root)) {
    const vars = parseEnvFile(await readFile(join(root, f), "utf8"));
    for (const [k, v] of Object.entries(vars)) if (v.length >= MIN_SECRET_LENGTH) secrets.set(k, v);
  }
  return secrets;
}

/** Files under `dir` containing any secret value, with the variable name (never the value). */
export async function findSecrets(dir: string, secrets: Map<string, string>): Promise<{ file: string; variable: string }[]> {
  const hits: { file: string; variable: string }[] = [];
  if (secrets.size === 0) return hits;
  for (const f of await listFiles(dir)) {
    if (f.split("/").some((part) => part === ".env" || part.startsWith(".env."))) {
      hits.push({ file: f, variable: "(a .env file)" });
      continue;
    }
    const buf = await readFile(join(dir, f));
    for (const [name, value] of secrets) {
      if (buf.includes(value)) hits.push({ file: f, variable: name });
    }
  }
  return hits;
}

export async function assertNoSecrets(dirs: string[], secrets: Map<string, string>): Promise<void> {
  for (const dir of dirs) {
    const hits = await findSecrets(dir, secrets);
    if (hits.length > 0) {
      const first = hits[0];
      throw new DeployError(
        `Refusing to deploy: the value of ${first.variable} from .env is in ${join(dir, first.file)}; read it from process.env at run time instead`,
        { code: "SECRET_IN_OUTPUT", detail: hits.slice(1).map((h) => `also ${h.variable} in ${h.file}`) },
      );
    }
  }
}
