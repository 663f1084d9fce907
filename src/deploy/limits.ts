// Provider size limits, checked after packaging and before anything is uploaded.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { bundleModuleSizes, type ModuleSize } from "./bundle-modules.js";
import { DeployError } from "./errors.js";
import type { Artifact, BuildOutput, Limits } from "./target.js";

export interface SizeFigures {
  bundleGzipBytes: number;
  unzippedBytes: number;
  zippedBytes: number;
}

/** Sizes for people, everywhere the CLI prints one (build table, deploy table, limit errors): binary units. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** The figures the limits are measured against. */
export async function sizeFigures(build: BuildOutput, artifacts: Artifact[]): Promise<SizeFigures> {
  const bundle = await readFile(join(build.dir, "index.mjs"));
  return {
    bundleGzipBytes: gzipSync(bundle, { level: 9 }).length,
    unzippedBytes: artifacts.reduce((s, a) => s + a.bytes, 0),
    // A zip of these files compresses each one about as gzip does.
    zippedBytes: artifacts.reduce((s, a) => s + a.gzipBytes, 0),
  };
}

const LABELS: Record<keyof SizeFigures, string> = {
  bundleGzipBytes: "bundle (gzip)",
  unzippedBytes: "deployment (unzipped)",
  zippedBytes: "deployment (zipped)",
};

/** Throws a DeployError naming the figure, the limit and the ten biggest modules of the bundle. */
export async function checkLimits(targetName: string, limits: Limits, figures: SizeFigures, build: BuildOutput): Promise<void> {
  for (const key of ["bundleGzipBytes", "unzippedBytes", "zippedBytes"] as const) {
    const max = limits[key];
    if (max === undefined || figures[key] <= max) continue;
    const biggest: ModuleSize[] = (await bundleModuleSizes(join(build.dir, "index.mjs"))).slice(0, 10);
    throw new DeployError(
      `${targetName}: ${LABELS[key]} is ${formatBytes(figures[key])}, over the ${formatBytes(max)} limit; biggest modules in the bundle:`,
      { code: "OVER_LIMIT", detail: biggest.map((m) => `${formatBytes(m.bytes).padStart(10)}  ${m.module}`) },
    );
  }
}
