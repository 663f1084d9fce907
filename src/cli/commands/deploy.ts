// `mastra deploy --target <name|path|package>`: argv → deployEach() → progress, tables, next step.
// The flags after the common ones come from the targets themselves (their `options`), so a
// third-party target gets `--its-flag` and `--help` lines exactly as the built-in ones do.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { releaseEsbuild } from "../../build/index.js";
import { parseCommandArgs } from "../args.js";
import type { ToolErrorJSON } from "../../build/errors.js";
import { playgroundOutputFiles } from "../../playground/assets.js";
import { formatDuration, formatToolError, nativeInstallLine, nodeModulesLine, table } from "../format.js";
import { processIO, UsageError, type CliIO } from "../io.js";
import { BUILT_IN_TARGETS, defaultBuildDriver, deployEach, DeployError, expandTargets, formatBytes, loadTarget, type BuildDriver, type DeployResult, type PhaseEvent, type TargetOutcome } from "../../deploy/index.js";
import { kebab, type Target, type TargetOption } from "../../deploy/target.js";
import { DEFAULT_CLI_TIMEOUT_MS } from "../../deploy/provider-cli.js";

const COMMON = `Usage: mastra deploy --target <node|cloudflare|vercel|netlify|docker|all|./target.ts|package>[,...] [options]

  --target, -t <t>         built-in target, a module path, or an installed package exporting a target;
                           a comma list or "all" tries each (every one is checked before anything is built),
                           building once per platform, and ends with a table of what happened to each
  --dir <path>             project root (default: current folder)
  --dry-run                build and package only; print the upload command instead of running it
  --prebuilt               reuse the build \`mastra build\` wrote if it is still the build of the current sources:
                           .mastra/output for node and docker, .mastra/output-worker (\`mastra build --platform worker\`)
                           for cloudflare, .mastra/output-node-inlined for vercel and netlify
  --playground             ship the playground page with the server (node, docker), for a staging server behind
                           auth: it answers at / (the app's own / wins) and /__mastra/playground/
  --out <dir>              write the deployment here (default: <dir>/.mastra/deploy/<target>)
  --json                   print one JSON object on stdout and nothing else there
  --upload-timeout <s>     stop the provider CLI after this many seconds (default ${DEFAULT_CLI_TIMEOUT_MS / 1000})
  --option <k=v>           a target setting by name (repeatable); the way to pass settings to a target
                           that declares no options
`;

const BASE_FLAGS = {
  target: { type: "string", short: "t" },
  dir: { type: "string" },
  "dry-run": { type: "boolean" },
  prebuilt: { type: "boolean" },
  playground: { type: "boolean" },
  out: { type: "string" },
  json: { type: "boolean" },
  "upload-timeout": { type: "string" },
  option: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/** A target option as the command line knows it: its flag, and every target that takes it. */
interface Flag {
  flag: string;
  key: string;
  option: TargetOption;
  owners: Target[];
}

/** Usage with the option lines of `targets`, grouped under each target's name. */
export function usage(targets: Target[]): string {
  const withOptions = targets.filter((t) => t.options && Object.keys(t.options).length);
  if (!withOptions.length) return COMMON;
  const lines = withOptions.flatMap((t) =>
    Object.entries(t.options!).map(([key, o]) => {
      const left = `--${kebab(key)}${o.arg === "boolean" ? "" : ` ${o.value ?? "<value>"}`}`;
      return [left, `${t.name}: ${o.help}${o.arg === "json-file" ? " (a JSON file)" : ""}`];
    }),
  );
  const w = Math.max(22, ...lines.map(([l]) => l!.length));
  return `${COMMON}\nTarget options (from each target's definition; also accepted as --option name=value):\n${lines.map(([l, r]) => `  ${l!.padEnd(w)}  ${r}\n`).join("")}`;
}

/** USAGE as printed without `--target`: the built-in targets' options. */
export const USAGE = COMMON;

/** What deploy needs of the CLI's IO, plus the build driver tests swap for a fake. */
type DeployIo = Pick<CliIO, "out" | "err" | "cwd" | "env"> & { driver?: BuildDriver };

function phaseLine(e: PhaseEvent): string {
  return `  ${e.phase.padEnd(8)} ${`${e.ms} ms`.padStart(8)}  ${e.note}\n`;
}

function rel(cwd: string, p: string): string {
  return relative(cwd, p) || ".";
}

/** The artifact table and the next step, for a person. A zip is already compressed: no gzip figure for it. */
export function formatSummary(r: DeployResult, cwd: string): string {
  const gzip = r.artifacts.some((a) => !a.path.endsWith(".zip"));
  const rows = r.artifacts.map((a) => [a.path, formatBytes(a.bytes), ...(gzip ? [a.path.endsWith(".zip") ? "-" : formatBytes(a.gzipBytes)] : [])]);
  let s = `\n${r.target}: ${r.artifacts.length} file${r.artifacts.length === 1 ? "" : "s"} in ${rel(cwd, r.outDir)}\n` + table(gzip ? ["file", "size", "gzip"] : ["file", "size"], rows);
  // Shipped loose in the folder, the table lists them already; else they went into the target's zip.
  if (r.nodeModules && !r.artifacts.some((a) => a.path.split("/").includes("node_modules"))) {
    const zips = r.artifacts.filter((a) => a.path.endsWith(".zip"));
    s += `${nodeModulesLine(r.nodeModules, zips.length === 1 ? zips[0]!.path : undefined)}\n`;
  }
  if (r.nativeInstall) s += `${nativeInstallLine(r.nativeInstall)}\n`;
  if (r.dryRun) s += `\nDry run: nothing uploaded. Next:\n  ${r.nextCommand ?? `upload ${rel(cwd, r.outDir)}`}\n`;
  else if (r.upload) s += `\n${r.upload.message}\n`;
  return s;
}

/** The closing table of a several-target run: one row per target. */
export function formatOutcomes(outcomes: TargetOutcome[]): string {
  const rows = outcomes.map((o) => {
    const ms = o.phases.reduce((s, p) => s + p.ms, 0);
    if (!o.ok) return [o.target, `failed at ${o.phase}`, formatDuration(ms), o.error.message];
    const what = o.dryRun ? "packaged (dry run)" : o.upload?.command ? "deployed" : "packaged";
    return [o.target, what, formatDuration(ms), o.upload?.url ?? ""];
  });
  const failed = outcomes.filter((o) => !o.ok).length;
  const head = failed ? `\n${failed} of ${outcomes.length} targets failed:\n` : `\nAll ${outcomes.length} targets done:\n`;
  return head + table(["target", "result", "time", ""], rows, ["left", "left", "right", "left"]);
}

/** Where the argv names targets and the project, read before the full parse (which needs the targets' flags). */
function prescan(argv: string[]): { target?: string; dir?: string; help: boolean } {
  const { values } = parseArgs({ args: argv, options: BASE_FLAGS, strict: false, allowPositionals: true });
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { target: str(values.target), dir: str(values.dir), help: values.help === true };
}

function collectFlags(targets: Target[]): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  for (const t of targets) {
    for (const [key, option] of Object.entries(t.options ?? {})) {
      const flag = kebab(key);
      const seen = flags.get(flag);
      if (!seen) flags.set(flag, { flag, key, option, owners: [t] });
      else if ((seen.option.arg === "boolean") !== (option.arg === "boolean")) {
        throw new UsageError(`targets ${seen.owners[0]!.name} and ${t.name} both take --${flag}, one as a switch and one with a value; deploy them in separate runs`, usage(targets));
      } else if (!seen.owners.includes(t)) seen.owners.push(t);
    }
  }
  return flags;
}

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** Text from the command line → the value the option's schema checks. */
function fromText(flag: Flag, text: string, cwd: string): unknown {
  if (flag.option.arg === "boolean") {
    if (TRUE.has(text.toLowerCase())) return true;
    if (FALSE.has(text.toLowerCase())) return false;
    throw new DeployError(`--${flag.flag} takes true or false (got ${text})`, { exitCode: 2 });
  }
  if (flag.option.arg === "json-file") {
    const file = resolve(cwd, text);
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new DeployError(`--${flag.flag} ${text}: ${(e as Error).message.split("\n")[0]}`, { exitCode: 2 });
    }
  }
  return text;
}

/** Lines of provider CLI output, indented under the upload phase; partial lines wait for their end. */
function lineWriter(write: (s: string) => void): { push(s: string): void; flush(): void } {
  let rest = "";
  return {
    push(s) {
      const parts = (rest + s).split(/\r?\n/);
      rest = parts.pop()!;
      for (const p of parts) write(`  │ ${p}\n`);
    },
    flush() {
      if (rest) write(`  │ ${rest}\n`);
      rest = "";
    },
  };
}

export async function run(argv: string[], io: DeployIo = processIO()): Promise<number> {
  const pre = prescan(argv);
  const root = resolve(io.cwd, pre.dir ?? ".");
  let targets: Target[];
  let builtIns: Target[];
  try {
    builtIns = await Promise.all(BUILT_IN_TARGETS.map((n) => loadTarget(n, { cwd: io.cwd, root })));
    const specs = pre.target ? expandTargets([pre.target]) : [];
    targets = [];
    const wrong: string[] = [];
    for (const spec of specs) {
      const builtIn = builtIns.find((t) => t.name === spec);
      if (builtIn) targets.push(builtIn);
      else {
        try {
          targets.push(await loadTarget(spec, { cwd: io.cwd, root }));
        } catch (e) {
          if (!(e instanceof DeployError)) throw e;
          if (e.exitCode !== 2) throw e;
          wrong.push(e.message);
        }
      }
    }
    if (wrong.length) throw new UsageError(wrong.join("\n       "), COMMON);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\nRun "mastra deploy --help" for the targets and their options.\n`);
      return 2;
    }
    if (!(e instanceof DeployError)) throw e;
    io.err(formatToolError(e));
    return e.exitCode;
  }
  const shown = targets.length ? [...targets, ...builtIns.filter((b) => !targets.includes(b))] : builtIns;
  const help = usage(shown);

  let args;
  let flags: Map<string, Flag>;
  try {
    flags = collectFlags(shown);
    const config: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = { ...BASE_FLAGS };
    for (const f of flags.values()) config[f.flag] = { type: f.option.arg === "boolean" ? "boolean" : "string" };
    args = parseCommandArgs(argv, config, help);
    if (!args.flag("help") && !args.string("target")) throw new UsageError("--target is required", help);
  } catch (e) {
    // Called directly (tests, scripts) as well as through runCli, so it answers usage errors itself.
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}\n\n${e.usage}`);
    return 2;
  }
  if (args.flag("help")) {
    io.out(help);
    return 0;
  }
  const driver = io.driver ?? defaultBuildDriver();
  const json = args.flag("json");
  const dryRun = args.flag("dry-run");

  const fail = (error: ToolErrorJSON, exitCode: number): number => {
    if (json) io.out(`${JSON.stringify({ ok: false, error, exitCode })}\n`);
    io.err(formatToolError(error));
    return exitCode;
  };
  try {
    const selected = targets;
    const options: Record<string, unknown> = {};
    // `--option k=v`: a declared option (by its name or its flag spelling) is converted as its
    // flag would be; anything else goes to the targets as text.
    for (const kv of args.strings("option")) {
      const i = kv.indexOf("=");
      if (i <= 0) throw new DeployError(`--option expects key=value (got ${kv})`, { exitCode: 2 });
      const name = kv.slice(0, i);
      const flag = flags.get(kebab(name)) ?? flags.get(name);
      options[flag ? flag.key : name] = flag ? fromText(flag, kv.slice(i + 1), io.cwd) : kv.slice(i + 1);
    }
    for (const f of flags.values()) {
      const given = f.option.arg === "boolean" ? (args.flag(f.flag) ? true : undefined) : args.string(f.flag);
      if (given === undefined) continue;
      if (!selected.some((t) => f.owners.includes(t))) {
        throw new DeployError(`--${f.flag} is an option of ${f.owners.map((t) => t.name).join(" and ")}; --target ${selected.map((t) => t.name).join(",")} does not take it`, { exitCode: 2 });
      }
      options[f.key] = typeof given === "string" ? fromText(f, given, io.cwd) : given;
    }
    const timeoutText = args.string("upload-timeout");
    const timeoutS = timeoutText === undefined ? undefined : Number(timeoutText);
    if (timeoutS !== undefined && !(Number.isFinite(timeoutS) && timeoutS > 0)) throw new DeployError(`--upload-timeout takes a number of seconds (got ${timeoutText})`, { exitCode: 2 });
    if (selected.length > 1 && args.string("out")) throw new DeployError("--out takes one target; drop it to write each to .mastra/deploy/<target>", { exitCode: 2 });

    const dry = dryRun ? " (dry run)" : "";
    const several = selected.length > 1;
    const cliOut = lineWriter(json ? io.err : io.out);
    const cliErr = lineWriter(io.err);
    const outcomes = await deployEach(
      selected,
      {
        root,
        cwd: io.cwd,
        dryRun,
        prebuilt: args.flag("prebuilt"),
        extraFiles: args.flag("playground") ? playgroundOutputFiles() : undefined,
        outDir: args.string("out") ? resolve(io.cwd, args.string("out")!) : undefined,
        options,
        env: io.env,
        driver,
        uploadTimeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000,
        onPhase: json ? undefined : (e) => io.out(phaseLine(e)),
        onOutput: (text, stream) => (stream === "stdout" ? cliOut : cliErr).push(text),
      },
      {
        onTarget: json ? undefined : (name, index) => io.out(`${index ? "\n" : ""}mastra deploy --target ${name}${dry}\n`),
        onResult: (o) => {
          cliOut.flush();
          cliErr.flush();
          if (o.ok) for (const w of o.warnings) io.err(`warning: ${w}\n`);
          if (o.ok && !json) io.out(formatSummary(o, io.cwd));
          // A failure is said when it happens; with one target that is the whole story.
          if (!o.ok && several) io.err(formatToolError(o.error, `${o.target}: `));
        },
      },
    );
    if (!several) {
      const o = outcomes[0]!;
      if (!o.ok) return fail(o.error, o.exitCode);
      if (json) io.out(`${JSON.stringify(o)}\n`);
      return 0;
    }
    const ok = outcomes.every((o) => o.ok);
    if (json) io.out(`${JSON.stringify({ ok, targets: outcomes })}\n`);
    else io.out(formatOutcomes(outcomes));
    return ok ? 0 : 1;
  } catch (e) {
    const err = e instanceof DeployError ? e : new DeployError(`unexpected error: ${(e as Error)?.stack ?? String(e)}`);
    return fail(err.toJSON(), err.exitCode);
  } finally {
    await releaseEsbuild();
  }
}
