// Secrets never enter an artifact: values from the app's secrets files (.env*, and wrangler's
// .dev.vars*) are collected and every written file is scanned for them, as is and in the
// encodings a value reaches a bundle in, before anything is uploaded.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { listFiles } from "./artifacts.js";
import { DeployError } from "./errors.js";
import { forEachZipEntry } from "./zip.js";

// Short values ("true", "3000", "dev") would match innocent bytes; real credentials are longer.
const MIN_SECRET_LENGTH = 8;

/** `.env`, `.env.production`, wrangler's `.dev.vars` and `.dev.vars.staging`: the files secrets live in locally. */
const SECRETS_FILE = /^(\.env|\.dev\.vars)(\..+)?$/;

/** Parse a .env file with Node's own parser, the one `mastra dev` loads the same files with. */
export function parseEnvFile(text: string): Record<string, string> {
  return parseEnv(text) as Record<string, string>;
}

/** The names of the app's secrets files (`.env*`, `.dev.vars*`; never copied into an artifact). */
export async function envFiles(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  // .env.example (.dev.vars.example) holds placeholders meant to be committed, not values.
  return names.filter((n) => SECRETS_FILE.test(n) && !n.endsWith(".example")).sort();
}

/** One secret value and the file it came from (wrangler's .dev.vars uses the same dotenv syntax). */
export interface SecretValue {
  name: string;
  value: string;
  file: string;
}

/** Secret values from the app's secrets files, only values long enough to matter. */
export async function readSecretValues(root: string): Promise<SecretValue[]> {
  const secrets: SecretValue[] = [];
  for (const file of await envFiles(root)) {
    const vars = parseEnvFile(await readFile(join(root, file), "utf8"));
    for (const [name, value] of Object.entries(vars)) {
      if (value.length < MIN_SECRET_LENGTH || secrets.some((s) => s.name === name && s.value === value)) continue;
      secrets.push({ name, value, file });
    }
  }
  return secrets;
}

export type SecretForm = "as is" | "JSON-escaped" | "URL-encoded" | "base64";

/**
 * The byte sequences `value` takes in a file: as is; inside a JSON or JS string (`"`, `\`,
 * newlines escaped); URL-encoded; base64 (and base64url) at each of the three alignments it can
 * start at inside a longer encoded string, keeping only the characters no neighbouring byte
 * changes. Each is at least as long as the value's minimum, so none matches by chance.
 */
export function secretForms(value: string): { form: SecretForm; bytes: Buffer }[] {
  const raw = Buffer.from(value);
  const forms: { form: SecretForm; bytes: Buffer }[] = [{ form: "as is", bytes: raw }];
  const add = (form: SecretForm, text: string) => {
    if (!forms.some((f) => f.bytes.equals(Buffer.from(text)))) forms.push({ form, bytes: Buffer.from(text) });
  };
  add("JSON-escaped", JSON.stringify(value).slice(1, -1));
  add("URL-encoded", encodeURIComponent(value));
  for (const lead of [0, 1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(lead), raw]).toString("base64");
    // Characters 6 bits each: skip those holding a lead byte's bits, and the last one if the value's end splits it.
    const core = b64.slice(Math.ceil((8 * lead) / 6), Math.floor((8 * (lead + raw.length)) / 6));
    add("base64", core);
    add("base64", core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

export interface SecretHit {
  file: string;
  /** The variable whose value is in `file`; absent when `file` is itself a copied secrets file. */
  variable?: string;
  /** The secrets file the value came from. */
  from?: string;
  form?: SecretForm;
}

/**
 * Files under `dir` containing any secret value in any form, with the variable's name and the
 * form (never the value). A zip's entries are read too, as `<zip>!<entry>`: its bytes are
 * deflated, so a value in a file a target writes only into the zip is not in them as is.
 */
export async function findSecrets(dir: string, secrets: SecretValue[]): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  if (secrets.length === 0) return hits;
  const needles = secrets.map((s) => ({ ...s, forms: secretForms(s.value) }));
  // A copied secrets file is refused by its name, whatever it holds (loose or inside a zip).
  const isSecretsFile = (file: string) => file.split("/").some((part) => SECRETS_FILE.test(part));
  const scan = (file: string, buf: Buffer) => {
    for (const s of needles) {
      const found = s.forms.find((form) => buf.includes(form.bytes));
      if (found) hits.push({ file, variable: s.name, from: s.file, form: found.form });
    }
  };
  for (const f of await listFiles(dir)) {
    if (isSecretsFile(f)) {
      hits.push({ file: f });
      continue;
    }
    scan(f, await readFile(join(dir, f)));
    if (!f.endsWith(".zip")) continue;
    const entries = forEachZipEntry(join(dir, f), (entry, bytes) => {
      const file = `${f}!${entry}`;
      if (isSecretsFile(entry)) hits.push({ file });
      else scan(file, bytes);
    });
    // A zip that cannot be read cannot be shown clean.
    await entries.catch((e: Error) => {
      throw new DeployError(`Refusing to deploy: ${join(dir, f)} could not be read to scan it for secrets (${e.message})`, { code: "SECRET_IN_OUTPUT" });
    });
  }
  return hits;
}

/** "the value of KEY from .dev.vars is in index.mjs (base64)": what was found, never the value. */
function describeHit(h: SecretHit, path: string): string {
  if (!h.variable) return `${path} is a copy of a secrets file`;
  return `the value of ${h.variable} from ${h.from} is in ${path}${h.form === "as is" ? "" : ` (${h.form})`}`;
}

/** What to do instead: read it at run time, and (`howToSet`, a target's `secrets`) how the target sets it. */
function advice(h: SecretHit, howToSet: string | undefined): string {
  const set = howToSet ? `, and ${howToSet.replaceAll("{name}", h.variable ?? "NAME")}` : "";
  return h.variable ? `read it from process.env at run time instead${set}` : `leave it out; the app reads its values from process.env at run time${set}`;
}

/** Refuse when any of `dirs` holds a secret; `howToSet` is the target's `secrets` help. */
export async function assertNoSecrets(dirs: string[], secrets: SecretValue[], howToSet?: string): Promise<void> {
  for (const dir of dirs) {
    const hits = await findSecrets(dir, secrets);
    if (hits.length > 0) {
      const first = hits[0]!;
      throw new DeployError(`Refusing to deploy: ${describeHit(first, join(dir, first.file))}; ${advice(first, howToSet)}`, {
        code: "SECRET_IN_OUTPUT",
        detail: hits.slice(1).map((h) => `also ${describeHit(h, h.file)}`),
      });
    }
  }
}
