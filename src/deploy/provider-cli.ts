// Running a provider's own CLI (wrangler, vercel, netlify, docker) non-interactively.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { DeployError } from "./errors.js";

export interface CliRun {
  /** The argv that ran: [absolute CLI path, ...args]. */
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the run was stopped because it outlived `timeoutMs`. */
  timedOut?: boolean;
}

export interface RunCliOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The CLI's output as it arrives, so a person sees progress (and prompts it would wait on). */
  onOutput?: (text: string, stream: "stdout" | "stderr") => void;
  /** Stop the CLI after this long; default DEFAULT_CLI_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** Uploads of large images or slow registries take minutes; a CLI silent for this long is stuck. */
export const DEFAULT_CLI_TIMEOUT_MS = 15 * 60 * 1000;
/** After SIGTERM, how long a CLI may clean up before SIGKILL. */
const KILL_GRACE_MS = 5000;

function isExecutableFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The provider CLI to run: the app's own `node_modules/.bin/<name>` first (the version the
 * project pinned), then the first `<name>` on PATH. Null when neither exists.
 */
export function findCli(name: string, root: string, env: Record<string, string | undefined>): string | null {
  const local = join(root, "node_modules", ".bin", name);
  if (existsSync(local)) return local;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutableFile(p)) return p;
  }
  return null;
}

/** Find the CLI or fail with one line saying how to install it. */
export function requireCli(name: string, root: string, env: Record<string, string | undefined>, install: string): string {
  const p = findCli(name, root, env);
  if (!p) throw new DeployError(`${name} CLI not found in node_modules/.bin or PATH: install it with \`${install}\`, then run the command again`, { code: "CLI_NOT_FOUND" });
  return p;
}

/** Fail with one line naming every credential variable that is missing. */
export function requireEnv(env: Record<string, string | undefined>, names: string[], why: string): void {
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new DeployError(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: ${why}`, { code: "MISSING_ENV" });
  }
}

export function formatMinutes(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * Run `cli args…` in `cwd`. Arguments go as an array (no shell), credentials only through
 * `env`; stdin is closed and CI=1 so no CLI waits for a prompt. Output is streamed to
 * `onOutput` and kept; after `timeoutMs` the CLI gets SIGTERM, then SIGKILL.
 */
export function runCli(cli: string, args: string[], opts: RunCliOptions): Promise<CliRun> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, { cwd: opts.cwd, env: { ...opts.env, CI: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      opts.onOutput?.(d, "stdout");
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      opts.onOutput?.(d, "stderr");
    });
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      killer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
    }, timeoutMs);
    // If mastra itself exits (Ctrl-C), the upload must not carry on unseen.
    const stop = () => child.kill("SIGTERM");
    process.once("exit", stop);
    child.on("error", (err) => {
      clearTimeout(timer);
      process.off("exit", stop);
      reject(new DeployError(`could not run ${cli}: ${err.message}`, { code: "UPLOAD_FAILED" }));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      process.off("exit", stop);
      resolve({ argv: [cli, ...args], exitCode: code ?? (signal ? 128 : 1), stdout, stderr, timedOut });
    });
  });
}

/** Run and turn a non-zero exit (or a timeout) into a DeployError carrying the CLI's last lines. */
export async function runCliOrFail(cli: string, args: string[], opts: RunCliOptions & { label: string }): Promise<CliRun> {
  const run = await runCli(cli, args, opts);
  const tail = (run.stderr || run.stdout).trim().split("\n").filter(Boolean).slice(-15);
  if (run.timedOut) {
    const limit = formatMinutes(opts.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS);
    throw new DeployError(`${opts.label} did not finish within ${limit} and was stopped (artifacts kept in ${opts.cwd}; allow longer with --upload-timeout <seconds>)`, { code: "UPLOAD_FAILED", detail: tail });
  }
  if (run.exitCode !== 0) {
    throw new DeployError(`${opts.label} failed with exit code ${run.exitCode} (artifacts kept in ${opts.cwd})`, { code: "UPLOAD_FAILED", detail: tail });
  }
  return run;
}
