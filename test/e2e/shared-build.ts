// CI has 2 cores: build the fixture once per platform and share it across the targets.
import { join } from "node:path";
import { build } from "../../src/build/index.js";
import { defaultBuildDriver, type BuildDriver } from "../../src/deploy/index.js";
import type { BuildOutput } from "../../src/deploy/target.js";

export function sharedBuildDriver(workDir: string): BuildDriver & { builds: Map<string, Promise<BuildOutput>> } {
  const real = defaultBuildDriver();
  const builds = new Map<string, Promise<BuildOutput>>();
  let settings: ReturnType<BuildDriver["serverSettings"]> | undefined;
  return {
    builds,
    build(req) {
      const key = `${req.platform}:${req.entry}`;
      if (!builds.has(key)) {
        const outDir = join(workDir, `build-${req.platform}`);
        builds.set(
          key,
          build({ root: req.root, platform: req.platform, entry: req.entry, outDir }).then((r) => ({
            dir: r.outDir,
            files: r.files.map((f) => f.path).sort(),
            externals: r.manifest.dependencies,
            platform: r.platform,
          })),
        );
      }
      return builds.get(key)!;
    },
    prebuilt: (req) => real.prebuilt(req),
    serverSettings: (req) => (settings ??= real.serverSettings(req)),
  };
}
