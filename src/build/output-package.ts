/**
 * The output's package.json: enough for `npm start` on a server (source maps on), and
 * `npm install` of exactly the externals the bundle could not inline, at the versions the
 * app had installed. Keys are written in a fixed order for byte-identical builds.
 */
import type { BuildContext, ExternalDependency } from "./context.js";
import { readPackageJson } from "./package-json.js";

/** Deployed Node runtimes are 22 or newer (20 is end-of-life), whatever this CLI runs on. */
export const DEPLOY_NODE_ENGINE = ">=22";

function appName(root: string): string {
  // An unreadable package.json is reported elsewhere; a default name is fine here.
  const name = readPackageJson(root)?.name;
  return typeof name === "string" && name ? name : "mastra-app";
}

export function outputPackageJson(ctx: BuildContext, externals: ExternalDependency[]): string {
  const pkg: Record<string, unknown> = {
    name: appName(ctx.root),
    version: "0.0.0",
    private: true,
    type: "module",
    main: "index.mjs",
    scripts: ctx.platform === "node" ? { start: "node --enable-source-maps index.mjs" } : {},
    engines: { node: DEPLOY_NODE_ENGINE },
    dependencies: Object.fromEntries(externals.map((e) => [e.name, e.version])),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
