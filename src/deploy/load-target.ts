// `--target` takes a built-in name, a path to a module, or an installed package name;
// all three must yield the same thing: a default export that is a Target.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build as esbuild } from "esbuild";
import { packageMainEntry, readPackageJson } from "../build/package-json.js";
import { DeployError } from "./errors.js";
import { didYouMean } from "../core/did-you-mean.js";
import { siblingModule, targetProblem, type Platform, type Target } from "./target.js";

export const BUILT_IN_TARGETS = ["node", "cloudflare", "vercel", "netlify", "docker"] as const;
export type BuiltInTarget = (typeof BUILT_IN_TARGETS)[number];

function looksLikePath(spec: string): boolean {
  return spec.startsWith(".") || isAbsolute(spec) || /\.(m?[jt]s|cjs)$/.test(spec);
}

/** Where a built-in target's definition lives (TypeScript source in a checkout, JS in dist). */
export function builtInTargetModule(name: BuiltInTarget): string {
  return siblingModule(new URL(`../../targets/${name}/x.js`, import.meta.url).href, "index");
}

/**
 * The runtime entry of the first built-in target on `platform` (node, cloudflare, vercel in the
 * order above): what `mastra build --platform` wraps, since entries belong to targets.
 */
export async function builtInEntry(platform: Platform): Promise<string> {
  for (const name of BUILT_IN_TARGETS) {
    const t = ((await import(pathToFileURL(builtInTargetModule(name)).href)) as { default: Target }).default;
    if (t.platform === platform) return t.entry;
  }
  throw new DeployError(`No built-in target runs on the ${platform} platform`);
}

/**
 * Import a TypeScript target. It is compiled next to its source (so its own imports resolve
 * exactly as they would there) and the compiled file is removed right after the import.
 * `mastra-deploy/targets` is pointed at this running install, so a target works even in an
 * app that does not list mastra-deploy as a dependency.
 */
async function importTypeScript(file: string): Promise<unknown> {
  const out = join(dirname(file), `.${basename(file).replace(/\.[mc]?ts$/, "")}.${process.pid}.mastra-target.mjs`);
  const publicApi = siblingModule(import.meta.url, "target");
  try {
    await esbuild({
      entryPoints: [file],
      outfile: out,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      logLevel: "silent",
      plugins: [
        {
          name: "mastra-deploy-targets",
          setup(b) {
            b.onResolve({ filter: /^mastra-deploy\/targets$/ }, () => ({ path: pathToFileURL(publicApi).href, external: true }));
          },
        },
      ],
    });
    return await import(pathToFileURL(out).href);
  } finally {
    await rm(out, { force: true });
  }
}

/** The ESM entry of an installed package, looked up from the app root upwards. */
function resolvePackage(name: string, root: string): string | null {
  let dir = resolve(root);
  for (;;) {
    const pkgDir = join(dir, "node_modules", name);
    const pkg = readPackageJson(pkgDir);
    if (pkg) return join(pkgDir, packageMainEntry(pkg));
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

async function importModule(file: string): Promise<unknown> {
  if (/\.[mc]?ts$/.test(file)) return importTypeScript(file);
  return import(pathToFileURL(file).href);
}

function targetFrom(mod: unknown, from: string): Target {
  const m = mod as { default?: unknown; target?: unknown };
  const candidate = m.default ?? m.target;
  const problem = targetProblem(candidate);
  if (problem) throw new DeployError(`${from} is not a deploy target: ${problem} (export default defineTarget({...}) from "mastra-deploy/targets")`, { code: "NOT_A_TARGET" });
  return candidate as Target;
}

/** Load the target `spec` names; `cwd` anchors relative paths, `root` anchors package lookup. */
export async function loadTarget(spec: string, opts: { cwd: string; root: string }): Promise<Target> {
  if ((BUILT_IN_TARGETS as readonly string[]).includes(spec)) {
    return targetFrom(await import(pathToFileURL(builtInTargetModule(spec as BuiltInTarget)).href), `built-in target ${spec}`);
  }
  if (looksLikePath(spec)) {
    const file = resolve(opts.cwd, spec);
    if (!existsSync(file)) throw new DeployError(`Target module ${file} does not exist`, { code: "UNKNOWN_TARGET", exitCode: 2 });
    return targetFrom(await importModule(file), file);
  }
  const file = resolvePackage(spec, opts.root);
  if (!file) {
    const guess = didYouMean(spec, [...BUILT_IN_TARGETS, "all"]);
    throw new DeployError(
      guess
        ? `Unknown target "${spec}": did you mean ${guess}?`
        : `Unknown target "${spec}": not a built-in (${BUILT_IN_TARGETS.join(", ")}), not a path, and no package "${spec}" is installed in ${opts.root}`,
      { code: "UNKNOWN_TARGET", exitCode: 2 },
    );
  }
  return targetFrom(await importModule(file), `package ${spec}`);
}
