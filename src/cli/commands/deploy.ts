// `mastra deploy --target <name|path|package>`: argv → deploy() → progress, table, next step.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { releaseEsbuild } from "../../build/index.js";
import { parseCommandArgs } from "../args.js";
import { processIO, UsageError, type CliIO } from "../io.js";
import { defaultBuildDriver, deployEach, DeployError, expandTargets, formatBytes, type BuildDriver, type DeployResult, type PhaseEvent } from "../../deploy/index.js";

export const USAGE = `Usage: mastra deploy --target <node|cloudflare|vercel|netlify|docker|all|./target.ts|package>[,...] [options]

  --target, -t <t>     built-in target, a module path, or an installed package exporting a target;
                       a comma list or "all" deploys several, building once per platform
  --dir <path>         project root (default: current folder)
  --dry-run            build and package only; print the upload command instead of running it
  --prebuilt           reuse .mastra/output if it was built from the current sources
  --out <dir>          write the deployment here (default: <dir>/.mastra/deploy/<target>)
  --json               print one JSON object on stdout and nothing else there
  --wrangler <file>    cloudflare: JSON file of wrangler settings merged into wrangler.toml
  --plan <free|paid>   cloudflare: Workers plan for the bundle size limit (3 MiB / 10 MiB gzip)
  --image <ref>        docker: image tag to build and push (without it: build <app>:latest, no push)
  --prod               vercel: deploy to production instead of a preview
  --option <k=v>       a setting for a third-party target (repeatable)
`;

/** What deploy needs of the CLI's IO, plus the build driver tests swap for a fake. */
type DeployIo = Pick<CliIO, "out" | "err" | "cwd" | "env"> & { driver?: BuildDriver };

function readJsonFile(file: string, flag: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new DeployError(`${flag} ${file}: ${(e as Error).message.split("\n")[0]}`);
  }
}

function phaseLine(e: PhaseEvent): string {
  return `  ${e.phase.padEnd(8)} ${`${e.ms} ms`.padStart(8)}  ${e.note}\n`;
}

function rel(cwd: string, p: string): string {
  return relative(cwd, p) || ".";
}

/** The artifact table and the next step, for a person. */
export function formatSummary(r: DeployResult, cwd: string): string {
  const rows = r.artifacts.map((a) => [a.path, formatBytes(a.bytes), formatBytes(a.gzipBytes)]);
  const head = ["file", "size", "gzip"];
  const w = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((row) => row[i].length)));
  const fmt = (row: string[]) => `  ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2].padStart(w[2])}\n`;
  let s = `\n${r.target}: ${r.artifacts.length} file${r.artifacts.length === 1 ? "" : "s"} in ${rel(cwd, r.outDir)}\n` + fmt(head) + rows.map(fmt).join("");
  if (r.dryRun) s += `\nDry run: nothing uploaded. Next:\n  ${r.nextCommand ?? `upload ${rel(cwd, r.outDir)}`}\n`;
  else if (r.upload) s += `\n${r.upload.message}\n`;
  return s;
}

export async function run(argv: string[], io: DeployIo = processIO()): Promise<number> {
  let args;
  try {
    args = parseCommandArgs(
      argv,
      {
        target: { type: "string", short: "t" },
        dir: { type: "string" },
        "dry-run": { type: "boolean" },
        prebuilt: { type: "boolean" },
        out: { type: "string" },
        json: { type: "boolean" },
        wrangler: { type: "string" },
        plan: { type: "string" },
        image: { type: "string" },
        prod: { type: "boolean" },
        option: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
      USAGE,
    );
    if (!args.flag("help") && !args.string("target")) throw new UsageError("--target is required", USAGE);
    const plan = args.string("plan");
    if (plan !== undefined && plan !== "free" && plan !== "paid") throw new UsageError("--plan must be free or paid", USAGE);
  } catch (e) {
    // Called directly (tests, scripts) as well as through runCli, so it answers usage errors itself.
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.flag("help")) {
    io.out(USAGE);
    return 0;
  }
  const values = {
    target: args.string("target")!,
    dir: args.string("dir"),
    "dry-run": args.flag("dry-run"),
    prebuilt: args.flag("prebuilt"),
    out: args.string("out"),
    json: args.flag("json"),
    wrangler: args.string("wrangler"),
    plan: args.string("plan"),
    image: args.string("image"),
    prod: args.flag("prod"),
    option: args.strings("option"),
  };
  const driver = io.driver ?? defaultBuildDriver();

  const json = !!values.json;
  const root = resolve(io.cwd, values.dir ?? ".");
  try {
    const options: Record<string, unknown> = {};
    for (const kv of values.option ?? []) {
      const i = kv.indexOf("=");
      if (i <= 0) throw new DeployError(`--option expects key=value (got ${kv})`, { exitCode: 2 });
      options[kv.slice(0, i)] = kv.slice(i + 1);
    }
    if (values.wrangler) options.wrangler = readJsonFile(resolve(io.cwd, values.wrangler), "--wrangler");
    if (values.plan) options.plan = values.plan;
    if (values.image) options.image = values.image;
    if (values.prod) options.prod = true;

    const targets = expandTargets([values.target]);
    if (targets.length > 1 && values.out) throw new DeployError("--out takes one target; drop it to write each to .mastra/deploy/<target>", { exitCode: 2 });
    const dry = values["dry-run"] ? " (dry run)" : "";
    const results = await deployEach(
      targets,
      {
        root,
        cwd: io.cwd,
        dryRun: values["dry-run"],
        prebuilt: values.prebuilt,
        outDir: values.out ? resolve(io.cwd, values.out) : undefined,
        options,
        env: io.env,
        driver,
        onPhase: json ? undefined : (e) => io.out(phaseLine(e)),
      },
      json
        ? {}
        : {
            onTarget: (name, index) => io.out(`${index ? "\n" : ""}mastra deploy --target ${name}${dry}\n`),
            onResult: (r) => io.out(formatSummary(r, io.cwd)),
          },
    );
    if (json) io.out(`${JSON.stringify(results.length === 1 ? { ok: true, ...results[0] } : { ok: true, targets: results })}\n`);
    return 0;
  } catch (e) {
    const err = e instanceof DeployError ? e : null;
    const message = err ? err.message : `Unexpected error: ${(e as Error)?.stack ?? String(e)}`;
    if (json) io.out(`${JSON.stringify({ ok: false, error: message, detail: err?.detail ?? [] })}\n`);
    io.err(`${message}\n${(err?.detail ?? []).map((d) => `${d}\n`).join("")}`);
    return err?.exitCode ?? 1;
  } finally {
    await releaseEsbuild();
  }
}
