import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Find `scaffolds/<name>/` by walking up from the caller: the relative depth differs
 * between TypeScript source (targets/x/index.ts) and compiled output (dist/targets/x/index.js).
 */
export function scaffoldDir(fromUrl: string, name: string): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, "scaffolds", name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No scaffolds/${name}/ found above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

/**
 * Replace `{{key}}` placeholders. A placeholder without a value is an error rather than an
 * empty string, so a typo in a template cannot silently ship a broken config.
 */
export function fillTemplate(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g, (_, key: string) => {
    if (!(key in vars)) throw new Error(`Template placeholder {{${key}}} has no value`);
    return String(vars[key]);
  });
}

export async function renderScaffold(dir: string, file: string, vars: Record<string, string | number> = {}): Promise<string> {
  return fillTemplate(await readFile(join(dir, file), "utf8"), vars);
}
