// Running a provider's own CLI (wrangler, vercel, netlify, docker) non-interactively.
import { existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { $ } from "zx";
import { DeployError } from "./errors.js";

export interface CliRun {
  /** The argv that ran: [absolute CLI path, ...args]. */
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

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

/** Find the CLI or fail with one line saying how to install it (artifacts are kept by the caller). */
export function requireCli(name: string, root: string, env: Record<string, string | undefined>, install: string): string {
  const p = findCli(name, root, env);
  if (!p) throw new DeployError(`${name} CLI not found in node_modules/.bin or PATH: install it with \`${install}\`, then run the command again`);
  return p;
}

/** Fail with one line naming every credential variable that is missing. */
export function requireEnv(env: Record<string, string | undefined>, names: string[], why: string): void {
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new DeployError(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: ${why}`);
  }
}

/**
 * Run `cli args…` in `cwd`. Arguments go through zx as an array (each one quoted on its own),
 * credentials only through `env`; stdin is closed and CI=1 so no CLI waits for a prompt.
 */
export async function runCli(
  cli: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined> },
): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...opts.env, CI: "1" };
  const p = await $({ cwd: opts.cwd, env, quiet: true, nothrow: true, stdio: ["ignore", "pipe", "pipe"] })`${cli} ${args}`;
  return { argv: [cli, ...args], exitCode: p.exitCode ?? 1, stdout: p.stdout, stderr: p.stderr };
}

/** Run and turn a non-zero exit into a DeployError carrying the CLI's last lines. */
export async function runCliOrFail(
  cli: string,
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; label: string },
): Promise<CliRun> {
  const run = await runCli(cli, args, opts);
  if (run.exitCode !== 0) {
    const tail = (run.stderr || run.stdout).trim().split("\n").slice(-15);
    throw new DeployError(`${opts.label} failed with exit code ${run.exitCode} (artifacts kept in ${opts.cwd})`, { detail: tail });
  }
  return run;
}
