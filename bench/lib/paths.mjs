// Every folder the benchmarks read or write, in one place, so parts agree on them.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = resolve(BENCH, "..");
/** Git-ignored: peer installs and scratch copies of the apps (inside the repo so node resolution reaches our node_modules). */
export const PEERS = join(BENCH, ".peers");
export const WORK = join(PEERS, "work");
export const RESULTS = join(BENCH, "results");
export const QUICKSTART = join(ROOT, "examples", "quickstart");
/** Mastra's project template as we ship it (issue 10): memory, libSQL, a Pino logger. */
export const TEMPLATE = join(ROOT, "examples", "weather-template");
export const CLI = join(ROOT, "bin", "mastra.js");
export const CLI_MAIN = join(ROOT, "dist", "src", "cli", "main.js");
export const PEER_APPS = join(BENCH, "peers", "apps");
