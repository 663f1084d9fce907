// `mastra deploy --target <name|path|package>`: argv → deploy() → progress, table, next step.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
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

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  driver: BuildDriver;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  driver: defaultBuildDriver(),
});

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

export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
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
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.target) {
    io.err(`--target is required\n\n${USAGE}`);
    return 2;
  }
  if (values.plan !== undefined && values.plan !== "free" && values.plan !== "paid") {
    io.err(`--plan must be free or paid\n\n${USAGE}`);
    return 2;
  }

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
        driver: io.driver,
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
  }
}
