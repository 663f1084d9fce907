// Producing our own artifacts through the real CLI (bin/mastra.js), the way a user would, on a
// scratch copy of examples/quickstart so no one else's .mastra/ folder is touched.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CLI, CLI_MAIN, QUICKSTART, ROOT, WORK } from "./paths.mjs";
import { failure, run } from "./proc.mjs";

/** `npm run build` (tsc → dist/) so bin/mastra.js runs the current sources. */
export function compileOurs({ log = console.error } = {}) {
  log("bench: compiling the package (npm run build) …");
  const r = run("npm", ["run", "build", "--silent"], { cwd: ROOT });
  if (!r.ok) throw new Error(failure(r, "npm run build"));
  if (!existsSync(CLI_MAIN)) throw new Error(`no CLI at ${CLI_MAIN} after npm run build`);
}

export function cliAvailable() {
  return existsSync(CLI_MAIN);
}

/** A fresh copy of an example (the quickstart by default) under bench/.peers/work/<name> (inside the repo, so its imports resolve from our node_modules). */
export function workCopy(name = "quickstart", source = QUICKSTART) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${source}/.mastra`) && !src.includes("node_modules") && !/\.db(-wal|-shm)?$/.test(src) });
  return dir;
}

function parseJson(r, what) {
  if (!r.ok) throw new Error(failure(r, what));
  const json = JSON.parse(r.stdout);
  if (json.ok === false) throw new Error(`${what}: ${json.error?.message ?? JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** `mastra build --dir <appDir> --json [...]`; returns { ms (wall, whole CLI), json }. */
export function ourBuild(appDir, extra = []) {
  const r = run(process.execPath, [CLI, "build", "--dir", appDir, "--json", ...extra]);
  return { ms: r.ms, json: parseJson(r, `mastra build ${extra.join(" ")}`) };
}

/** `mastra deploy --target <t> --dir <appDir> --dry-run --json`. */
export function ourDeploy(appDir, target) {
  const r = run(process.execPath, [CLI, "deploy", "--target", target, "--dir", appDir, "--dry-run", "--json"]);
  return { ms: r.ms, json: parseJson(r, `mastra deploy --target ${target}`) };
}

/**
 * Our node output as a VM gets it: the node target's zip, unzipped. Returns the folder and the
 * command its package.json `start` script runs (we run that command directly, not through npm,
 * so the measured process is the server itself).
 */
export function unzippedNode(appDir) {
  const name = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")).name;
  const zip = join(appDir, ".mastra", "deploy", "node", `${name}.zip`);
  const out = join(WORK, "node-unzipped");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const r = run("unzip", ["-q", "-o", zip, "-d", out]);
  if (!r.ok) throw new Error(failure(r, "unzip"));
  const folder = join(out, name);
  const start = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")).scripts?.start ?? "node index.mjs";
  const args = start.split(/\s+/).slice(1); // "node --enable-source-maps index.mjs" → the node args
  return { folder, args };
}
