/**
 * The output's package.json: enough for `npm start` on a server (source maps on), and
 * `npm install` of exactly the externals the bundle could not inline, at the versions the
 * app had installed. Keys are written in a fixed order for byte-identical builds.
 */
import type { BuildContext, ExternalDependency } from "./context.js";
import { readPackageJson } from "./package-json.js";

/** Deployed Node runtimes are 22 or newer (20 is end-of-life), whatever this CLI runs on. */
export const DEPLOY_NODE_ENGINE = ">=22";

/** The app's own name and version, so the deployed package says which release it is. */
export function appIdentity(root: string): { name: string; version: string } {
  // An unreadable package.json is reported elsewhere; defaults are fine here.
  const pkg = readPackageJson(root);
  const text = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);
  return { name: text(pkg?.name, "mastra-app"), version: text(pkg?.version, "0.0.0") };
}

export function outputPackageJson(ctx: BuildContext, externals: ExternalDependency[]): string {
  const { name, version } = appIdentity(ctx.root);
  const pkg: Record<string, unknown> = {
    name,
    version,
    private: true,
    type: "module",
    main: "index.mjs",
    scripts: ctx.platform === "node" ? { start: "node --enable-source-maps index.mjs" } : {},
    engines: { node: DEPLOY_NODE_ENGINE },
    dependencies: Object.fromEntries(externals.map((e) => [e.name, e.version])),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
