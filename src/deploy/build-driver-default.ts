// The real BuildDriver: src/build's Rollup pipeline, its manifest for --prebuilt, and a
// one-off load of the app for its server settings.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { build as esbuild } from "esbuild";
import { build, checkBuildFreshness, defaultOutDir, findAppEntry, findRuntime, isBuildError, readBuildManifest } from "../build/index.js";
import { runtimeSubpathFor } from "../build/runtime.js";
import type { BuildDriver, BuildRequest } from "./build-driver.js";
import { DeployError } from "./errors.js";
import type { BuildOutput, ServerSettings } from "./target.js";

/** Same folder as `mastra build` for that platform, which --prebuilt reuses. */
export function buildDir(root: string, platform: BuildRequest["platform"]): string {
  return defaultOutDir(root, platform);
}

function toOutput(dir: string, files: string[], externals: Record<string, string>, platform: BuildRequest["platform"]): BuildOutput {
  return { dir, files: [...files].sort(), externals, platform };
}

/** How the build manifest names an entry: relative to the runtime install or to the project. */
function portableEntry(root: string, entry: string): string {
  const runtime = findRuntime(root).root;
  const abs = resolve(entry);
  if (abs.startsWith(runtime + sep) && !abs.startsWith(root + sep)) return `mastra-deploy/${relative(runtime, abs).split(sep).join("/")}`;
  return relative(root, abs).split(sep).join("/");
}

/** A BuildError already says what to fix in one line; keep it, as a DeployError the CLI prints. */
function asDeployError(err: unknown): never {
  if (isBuildError(err)) {
    const e = err as Error & { frame?: string };
    throw new DeployError(e.message, { detail: e.frame ? e.frame.split("\n") : [] });
  }
  throw err;
}

const PROBE_MARK = "@@mastra-server-settings ";
const probeEntry = (appEntry: string) => `import { mastra } from ${JSON.stringify(appEntry)};
const s = mastra.getServer();
process.stdout.write("\\n${PROBE_MARK}" + JSON.stringify({ port: s.port, timeout: s.timeout }) + "\\n", () => process.exit(0));
`;

/**
 * Bundle the app with esbuild (a fraction of a second, where a second Rollup build costs
 * seconds), `@mastra/core` pointed at the same runtime the real build uses.
 */
async function bundleProbe(root: string, outfile: string): Promise<void> {
  const runtime = findRuntime(root);
  await esbuild({
    stdin: { contents: probeEntry(findAppEntry(root)), resolveDir: root, loader: "js" },
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    banner: { js: `import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);` },
    plugins: [
      {
        name: "mastra-runtime",
        setup(b) {
          b.onResolve({ filter: /^(@mastra\/core|mastra-deploy)(\/|$)/ }, (args) => {
            const sub = runtimeSubpathFor(args.path);
            const file = sub && sub !== "unsupported" ? runtime.resolveSubpath(sub) : undefined;
            return file ? { path: file } : undefined;
          });
        },
      },
    ],
  });
}

function runNode(file: string, cwd: string): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [file], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_ENV: "production" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", rej);
    child.on("close", (code) => (code === 0 ? res(out) : rej(new Error(err.trim().split("\n").pop() || `exit code ${code}`))));
  });
}

export function defaultBuildDriver(): BuildDriver {
  return {
    async build(req) {
      try {
        const r = await build({ root: req.root, platform: req.platform, entry: req.entry, outDir: buildDir(req.root, req.platform) });
        return toOutput(r.outDir, r.files.map((f) => f.path), r.manifest.dependencies, r.platform);
      } catch (err) {
        asDeployError(err);
      }
    },

    async prebuilt(req) {
      const dir = buildDir(req.root, req.platform);
      const fresh = checkBuildFreshness(req.root, dir, req.platform);
      if (!fresh.fresh) throw new DeployError(`--prebuilt refused: ${fresh.reason}`);
      const want = portableEntry(req.root, req.entry);
      if (fresh.manifest.entry !== want) {
        throw new DeployError(`--prebuilt refused: the build in ${dir} wraps ${fresh.manifest.entry}, this target needs ${want} (drop --prebuilt to build it)`);
      }
      return toOutput(dir, fresh.manifest.files.map((f) => f.path), fresh.manifest.dependencies, req.platform);
    },

    async serverSettings(req) {
      // A manifest that already records the settings saves loading the app again.
      const m = readBuildManifest(buildDir(req.root, req.platform)) as { server?: ServerSettings } | undefined;
      if (m?.server && typeof m.server.port === "number" && typeof m.server.timeout === "number") return m.server;
      const base = join(req.root, ".mastra");
      await mkdir(base, { recursive: true });
      const tmp = await mkdtemp(join(base, "probe-"));
      try {
        const file = join(tmp, "probe.mjs");
        await bundleProbe(req.root, file).catch(asDeployError);
        const out = await runNode(file, req.root);
        const line = out.split("\n").find((l) => l.startsWith(PROBE_MARK));
        if (!line) throw new Error("the app did not report its server settings");
        return JSON.parse(line.slice(PROBE_MARK.length)) as ServerSettings;
      } catch (err) {
        if (err instanceof DeployError) throw err;
        throw new DeployError(`Could not read the app's server settings: ${(err as Error).message}`);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    },
  };
}


