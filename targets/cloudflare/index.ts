// cloudflare: wrangler.toml + the worker module (everything inlined), uploaded as is.
import { copyBuild, defineTarget, renderScaffold, runtimeModule, safeName, scaffoldDir, toToml, writeText, z } from "../../src/deploy/target.js";

/** Pinned so a deploy behaves the same next year; workerd (Miniflare) in devDependencies supports it. */
export const COMPATIBILITY_DATE = "2025-10-01";

const MiB = 1024 * 1024;

// Keys the target owns: the worker it uploads must be exactly the module it wrote and tested.
const OWNED = ["main", "no_bundle"] as const;

type Settings = Record<string, unknown>;
type D1Binding = { binding: string; database_name: string; database_id: string };

/** `--wrangler`: an object of wrangler settings, none of them one the target owns. */
const WRANGLER = z
  .record(z.string(), z.unknown(), { error: "must name a JSON file holding an object of wrangler settings" })
  .superRefine((w, ctx) => {
    for (const k of OWNED) {
      if (k in w) ctx.addIssue({ code: "custom", message: `wrangler setting \`${k}\` is set by the cloudflare target (it uploads the bundled worker as is); remove it from --wrangler` });
    }
  });

/**
 * `--d1 DB=mastra-db:<database-id>[,OTHER=name:id]`: the D1 databases the worker binds, as
 * `[[d1_databases]]` entries. `D1Store({ binding: "DB" })` finds its database under the binding name.
 */
const D1_ENTRY = /^([A-Za-z_][A-Za-z0-9_]*)=([^:,\s]+):([^:,\s]+)$/;
const D1 = z.string().transform((text, ctx) => {
  const entries = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = D1_ENTRY.exec(part);
    if (!m) {
      ctx.addIssue({ code: "custom", message: `"${part}" must be BINDING=database_name:database_id (for example DB=mastra-db:0f2c…; see npx wrangler d1 list)` });
      return z.NEVER;
    }
    entries.push({ binding: m[1]!, database_name: m[2]!, database_id: m[3]! });
  }
  return entries;
});

export const OPTIONS = {
  d1: { schema: D1.optional(), value: "<BINDING=name:id,…>", help: "D1 databases to bind (written as [[d1_databases]] in wrangler.toml), e.g. DB=mastra-db:<database-id>" },
  wrangler: { schema: WRANGLER.optional(), arg: "json-file", value: "<file.json>", help: "wrangler settings (vars, routes, bindings, …) merged into wrangler.toml" },
  plan: { schema: z.enum(["free", "paid"]).default("free"), value: "<free|paid>", help: "Workers plan whose bundle size limit to check (3 MiB / 10 MiB gzip)" },
  maxGzipBytes: { schema: z.coerce.number().int().positive().optional(), value: "<bytes>", help: "check the bundle against this gzip size instead of the plan's" },
} as const;

/**
 * Our settings merged with the user's: the user's values win for every key except `main` and
 * `no_bundle` (refused by the option's schema, never dropped), and `compatibility_flags` is the union.
 */
export function wranglerSettings(appName: string, options: { wrangler?: unknown; d1?: D1Binding[] }): Settings {
  const parsed = WRANGLER.optional().safeParse(options.wrangler);
  if (!parsed.success) throw new TypeError(parsed.error.issues[0]!.message);
  const user: Settings = parsed.data ?? {};
  const userFlags = Array.isArray(user.compatibility_flags) ? (user.compatibility_flags as string[]) : [];
  const flags = ["nodejs_compat", ...userFlags.filter((f) => f !== "nodejs_compat")];
  const { compatibility_flags: _ignored, ...rest } = user;
  // --d1 entries replace a --wrangler entry of the same binding name: the flag is the later, narrower word.
  const d1 = options.d1 ?? [];
  const userD1 = Array.isArray(user.d1_databases) ? (user.d1_databases as { binding?: unknown }[]) : [];
  const d1Databases = [...userD1.filter((e) => !d1.some((f) => f.binding === e?.binding)), ...d1];
  return {
    name: safeName(appName),
    main: "index.mjs",
    compatibility_date: COMPATIBILITY_DATE,
    // The module is already bundled and tested in workerd; wrangler must not rebundle it.
    no_bundle: true,
    upload_source_maps: true,
    ...rest,
    compatibility_flags: flags,
    ...(d1Databases.length ? { d1_databases: d1Databases } : {}),
  };
}

/** `wrangler deploy` in the folder: the upload runs it, and a dry run prints it. */
const DEPLOY_ARGS = ["deploy", "--config", "wrangler.toml"];

export default defineTarget({
  name: "cloudflare",
  platform: "worker",
  // nodejs_compat (always on, see wranglerSettings) with a compatibility date from 2025-04-01 puts the Worker's vars and secrets in process.env.
  secrets: "set it with `npx wrangler secret put {name}` (the Worker's secrets reach process.env under nodejs_compat)",
  manyInstances: true,
  entry: runtimeModule("targets/cloudflare/entry"),
  options: OPTIONS,
  requires: {
    cli: { name: "wrangler", install: "npm install -D wrangler" },
    env: { names: ["CLOUDFLARE_API_TOKEN"], help: 'create a token with the "Edit Cloudflare Workers" template at https://dash.cloudflare.com/profile/api-tokens and export it' },
  },
  limits: (options) => ({ bundleGzipBytes: options.maxGzipBytes ?? (options.plan === "paid" ? 10 * MiB : 3 * MiB) }),

  async package(ctx) {
    const settings = wranglerSettings(ctx.app.name, ctx.options);
    await copyBuild(ctx.build, ctx.outDir, ".", { withPackageJson: false });
    const toml = await renderScaffold(scaffoldDir(import.meta.url, "cloudflare"), "wrangler.toml", {
      settings: toToml(settings),
    });
    await writeText(ctx.outDir, "wrangler.toml", toml);
  },

  async upload(ctx) {
    const run = await ctx.run(DEPLOY_ARGS, { label: "wrangler deploy" });
    const url = /https:\/\/[^\s]+\.workers\.dev\S*/.exec(run.stdout + run.stderr)?.[0];
    return { command: run.argv, url, message: url ? `Deployed to ${url}` : "wrangler deploy finished" };
  },

  nextCommand() {
    return `npx wrangler ${DEPLOY_ARGS.join(" ")}`;
  },
});
