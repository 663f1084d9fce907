/**
 * The user's app: src/mastra/index.ts, else src/mastra/index.js (the docs' layout).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { BuildError } from "./errors.js";

export const APP_ENTRY_CANDIDATES = ["src/mastra/index.ts", "src/mastra/index.js"] as const;

export function findAppEntry(root: string): string {
  const candidates = APP_ENTRY_CANDIDATES.map((c) => join(root, c));
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new BuildError("ENTRY_NOT_FOUND", `No Mastra entry: looked for ${candidates[0]} and ${candidates[1]}`);
  }
  return found;
}
