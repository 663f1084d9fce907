// cloudflare: wrangler.toml + the worker module (everything inlined), uploaded as is.
import { relative } from "node:path";
import {
  collectArtifacts,
  copyBuild,
  defaultEntry,
  defineTarget,
  DeployError,
  renderScaffold,
  requireCli,
  requireEnv,
  runCliOrFail,
  safeName,
  scaffoldDir,
  toToml,
  writeText,
} from "../../src/deploy/target.js";

/** Pinned so a deploy behaves the same next year; workerd (Miniflare) in devDependencies supports it. */
export const COMPATIBILITY_DATE = "2025-10-01";

const MiB = 1024 * 1024;

// Keys the target owns: the worker it uploads must be exactly the module it wrote and tested.
const OWNED = ["main", "no_bundle"] as const;

type Settings = Record<string, unknown>;

function userSettings(options: Record<string, unknown>): Settings {
  const w = options.wrangler;
  if (w === undefined) return {};
  if (!w || typeof w !== "object" || Array.isArray(w)) throw new DeployError("--wrangler must name a JSON file holding an object of wrangler settings");
  return w as Settings;
}

/**
 * Our settings merged with the user's: the user's values win for every key except `main` and
 * `no_bundle` (refused loudly, never dropped), and `compatibility_flags` is the union.
 */
export function wranglerSettings(appName: string, options: Record<string, unknown>): Settings {
  const user = userSettings(options);
  for (const k of OWNED) {
    if (k in user) throw new DeployError(`wrangler setting \`${k}\` is set by the cloudflare target (it uploads the bundled worker as is); remove it from --wrangler`);
  }
  const userFlags = Array.isArray(user.compatibility_flags) ? (user.compatibility_flags as string[]) : [];
  const flags = ["nodejs_compat", ...userFlags.filter((f) => f !== "nodejs_compat")];
  const { compatibility_flags: _ignored, ...rest } = user;
  return {
    name: safeName(appName),
    main: "index.mjs",
    compatibility_date: COMPATIBILITY_DATE,
    // The module is already bundled and tested in workerd; wrangler must not rebundle it.
    no_bundle: true,
    upload_source_maps: true,
    ...rest,
    compatibility_flags: flags,
  };
}

export default defineTarget({
  name: "cloudflare",
  platform: "worker",
  entry: defaultEntry("worker"),
  limits: (options) => ({
    bundleGzipBytes: typeof options.maxGzipBytes === "number" ? options.maxGzipBytes : options.plan === "paid" ? 10 * MiB : 3 * MiB,
  }),

  async package(ctx) {
    const settings = wranglerSettings(ctx.app.name, ctx.options);
    await copyBuild(ctx.build, ctx.outDir, ".", { withPackageJson: false });
    const toml = await renderScaffold(scaffoldDir(import.meta.url, "cloudflare"), "wrangler.toml", {
      settings: toToml(settings as Parameters<typeof toToml>[0]),
    });
    await writeText(ctx.outDir, "wrangler.toml", toml);
    return collectArtifacts(ctx.outDir);
  },

  async upload(ctx) {
    const wrangler = requireCli("wrangler", ctx.app.root, ctx.env, "npm install -D wrangler");
    requireEnv(ctx.env, ["CLOUDFLARE_API_TOKEN"], "create a token with the \"Edit Cloudflare Workers\" template at https://dash.cloudflare.com/profile/api-tokens and export it");
    const run = await runCliOrFail(wrangler, ["deploy", "--config", "wrangler.toml"], { cwd: ctx.outDir, env: ctx.env, label: "wrangler deploy" });
    const url = /https:\/\/[^\s]+\.workers\.dev\S*/.exec(run.stdout + run.stderr)?.[0];
    return { command: run.argv, url, message: url ? `Deployed to ${url}` : "wrangler deploy finished" };
  },

  nextCommand({ outDir }) {
    return `cd ${relative(process.cwd(), outDir) || "."} && npx wrangler deploy`;
  },
});
