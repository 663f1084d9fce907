/**
 * Source map `sources` that do not depend on where the build ran.
 *
 * Rollup writes sources relative to the map, which is fine inside the app, but a runtime
 * or dependency found outside the app (the CLI's global install, a hoisted monorepo
 * node_modules, this repo's own src/ when building examples/) would become a
 * `../../../../home/alice/...` path: different bytes on every machine, and a leak of the
 * build machine's layout. Those are rewritten to where they would sit in the app's own
 * node_modules, so stack traces still read `node_modules/hono/dist/...` or
 * `node_modules/mastra-deploy/src/server/index.ts`.
 */
import { dirname, join, relative, resolve, sep } from "node:path";
import type { BuildContext } from "./context.js";

const NM = `${sep}node_modules${sep}`;

export function portableSourcePath(ctx: Pick<BuildContext, "root" | "runtime">, outDir: string, absolute: string): string {
  let target = absolute;
  const inApp = absolute.startsWith(ctx.root + sep);
  const nm = absolute.lastIndexOf(NM);
  if (!inApp) {
    if (nm >= 0) target = join(ctx.root, "node_modules", absolute.slice(nm + NM.length));
    else if (absolute.startsWith(ctx.runtime.root + sep)) {
      target = join(ctx.root, "node_modules", "mastra-deploy", relative(ctx.runtime.root, absolute));
    }
  }
  return relative(outDir, target).split(sep).join("/");
}

/** For Rollup's `output.sourcemapPathTransform`. */
export function sourcemapPathTransform(ctx: Pick<BuildContext, "root" | "runtime">, outDir: string) {
  return (relativeSourcePath: string, sourcemapPath: string): string =>
    portableSourcePath(ctx, outDir, resolve(dirname(sourcemapPath), relativeSourcePath));
}
