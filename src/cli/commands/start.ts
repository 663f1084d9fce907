/**
 * `mastra start [--dir <root>]`: run the built server as it runs in production —
 * NODE_ENV=production, source maps on (stack traces name the .ts lines), signals passed
 * to the server so it drains, and its exit code passed back.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { computeSourceHash, readBuildManifest } from "../../build/manifest.js";
import { parseCommandArgs } from "../args.js";
import { displayFrom } from "../format.js";
import type { CliIO } from "../io.js";

export const START_USAGE = `Usage: mastra start [--dir <project root>]

  --dir <path>   project root whose .mastra/output/index.mjs to run (default: current folder)
`;

const FORWARDED: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Loaded into the server before the app (`--import`): when the IPC channel to `mastra start`
 * closes — it exited, or was killed with SIGKILL and had no chance to say so — the server
 * drains and exits as on SIGTERM. The channel is unref'd: it never keeps the server alive by itself.
 */
const WATCH_PARENT = `process.channel?.unref();process.once("disconnect",()=>process.kill(process.pid,"SIGTERM"));`;

/** A warning line when the sources changed since `.mastra/output` was built (build.json's sourceHash). */
function staleBuildWarning(root: string, outDir: string, shown: string): string | null {
  const manifest = readBuildManifest(outDir);
  if (!manifest || manifest.sourceHash === computeSourceHash(root)) return null;
  return `warning: the sources changed since ${shown} was built; this serves the old build (run mastra build to serve your edits)\n`;
}
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs(argv, { dir: { type: "string" }, help: { type: "boolean", short: "h" } }, START_USAGE);
  if (args.flag("help")) {
    io.out(START_USAGE);
    return 0;
  }
  const root = resolve(io.cwd, args.string("dir") ?? ".");
  const entry = join(root, ".mastra", "output", "index.mjs");
  if (!existsSync(entry)) {
    io.err(`error: No build at ${displayFrom(io.cwd, entry)} — run: mastra build${args.string("dir") ? ` --dir ${args.string("dir")}` : ""}\n`);
    return 1;
  }
  const warning = staleBuildWarning(root, join(root, ".mastra", "output"), displayFrom(io.cwd, join(root, ".mastra", "output")));
  if (warning) io.err(warning);
  // Same working directory as the docs' `node .mastra/output/index.mjs`: the project root.
  // Its own process group: a terminal's Ctrl-C then reaches only us, and we forward it
  // exactly once. (Sharing our group, the server would get SIGINT twice: the second one,
  // arriving while it drains, would kill it mid-request.) The IPC channel is how the server
  // notices that we are gone, however we went.
  const stdio = io.childStdio === "pipe" ? (["ignore", "pipe", "pipe", "ipc"] as const) : (["inherit", "inherit", "inherit", "ipc"] as const);
  const child = spawn(process.execPath, ["--enable-source-maps", "--import", `data:text/javascript,${encodeURIComponent(WATCH_PARENT)}`, entry], {
    cwd: root,
    env: { ...io.env, NODE_ENV: "production" },
    stdio: [...stdio],
    detached: true,
  });
  // If we exit for any other reason, do not leave the server running on its own.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  if (io.childStdio === "pipe") {
    child.stdout?.on("data", (d: Buffer) => io.out(d.toString()));
    child.stderr?.on("data", (d: Buffer) => io.err(d.toString()));
  }
  // A terminal's Ctrl-C and a supervisor's SIGTERM both arrive here; the server drains once.
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const handlers = FORWARDED.map((s) => [s, forward(s)] as const);
  for (const [s, h] of handlers) io.signals.on(s, h);
  return new Promise((resolveExit) => {
    const done = (code: number) => {
      for (const [s, h] of handlers) io.signals.off(s, h);
      process.off("exit", killOnExit);
      resolveExit(code);
    };
    child.on("error", (err) => {
      io.err(`error: could not start Node: ${err.message}\n`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (signal ? (SIGNAL_NUMBERS[signal] ?? 1) : 1)));
  });
}
