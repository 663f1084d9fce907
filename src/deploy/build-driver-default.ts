// The real BuildDriver: src/build's Rollup pipeline and its manifest (build.json), which is
// also where the app's server settings come from (the build's app check records them).
import { resolve } from "node:path";
import { build, checkBuildFreshness, defaultOutDir, findRuntime, isBuildError, portableEntry, readBuildManifest, type BuildManifest } from "../build/index.js";
import type { BuildDriver, BuildRequest } from "./build-driver.js";
import { DeployError } from "./errors.js";
import type { BuildOutput } from "./target.js";

/** Same folder as `mastra build` for that platform, which --prebuilt reuses. */
export function buildDir(root: string, platform: BuildRequest["platform"]): string {
  return defaultOutDir(root, platform);
}

function toOutput(dir: string, manifest: BuildManifest): BuildOutput {
  const out: BuildOutput = { dir, files: manifest.files.map((f) => f.path).sort(), externals: manifest.dependencies, platform: manifest.platform };
  if (manifest.storage) out.storage = manifest.storage;
  if (manifest.nodeModules) out.nodeModules = manifest.nodeModules;
  if (manifest.extraFiles) out.extraFiles = manifest.extraFiles;
  return out;
}

/** A BuildError already says what to fix: carried unchanged (code, location, frame, detail) as the DeployError the CLI prints. */
function asDeployError(err: unknown): never {
  if (isBuildError(err)) throw new DeployError(err.message, { code: err.code, ...err.fields() });
  throw err;
}

export function defaultBuildDriver(): BuildDriver {
  return {
    async build(req) {
      try {
        const r = await build({ root: req.root, platform: req.platform, entry: req.entry, outDir: buildDir(req.root, req.platform), extraFiles: req.extraFiles });
        return toOutput(r.outDir, r.manifest);
      } catch (err) {
        asDeployError(err);
      }
    },

    async prebuilt(req) {
      const dir = buildDir(req.root, req.platform);
      const fresh = checkBuildFreshness(req.root, dir, req.platform);
      if (!fresh.fresh) throw new DeployError(`--prebuilt refused: ${fresh.reason}`, { code: "PREBUILT_REFUSED" });
      const want = portableEntry({ root: req.root, runtime: findRuntime(req.root) }, resolve(req.entry));
      if (fresh.manifest.entry !== want) {
        throw new DeployError(`--prebuilt refused: the build in ${dir} wraps ${fresh.manifest.entry}, this target needs ${want} (drop --prebuilt to build it)`, { code: "PREBUILT_REFUSED" });
      }
      // A page built in (or left out) by `mastra build --playground` must match what this deploy asks for.
      const has = fresh.manifest.extraFiles ?? [];
      const wants = (req.extraFiles ?? []).map((f) => f.path).sort();
      if (has.join("\n") !== wants.join("\n")) {
        const say = (files: string[]) => (files.length ? `with ${files.join(", ")}` : "without extra files");
        throw new DeployError(`--prebuilt refused: the build in ${dir} was made ${say(has)}, this deploy asks for it ${say(wants)} (build with the same --playground setting, or drop --prebuilt)`, { code: "PREBUILT_REFUSED" });
      }
      return toOutput(dir, fresh.manifest);
    },

    async serverSettings(req) {
      const dir = buildDir(req.root, req.platform);
      const server = readBuildManifest(dir)?.server;
      if (server) return server;
      throw new DeployError(
        `The build in ${dir} records no server settings: its app check could not load the app (see the build's warnings). Fix that and deploy again.`,
        { code: "NO_SERVER_SETTINGS" },
      );
    },
  };
}


