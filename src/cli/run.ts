/**
 * The `mastra` command line: dispatch to a command, map outcomes to exit codes
 * (0 ok, 1 the command failed, 2 the command line was wrong).
 */
import { fileURLToPath } from "node:url";
import { readPackageJson } from "../build/package-json.js";
import { UsageError, type CliIO } from "./io.js";

export const USAGE = `Usage: mastra <command> [options]

Commands:
  build     bundle src/mastra into .mastra/output (Rollup)
  start     run the built server (NODE_ENV=production, source maps on)
  dev       development server: rebuild on save, restart fast
  deploy    build, package and upload to node|cloudflare|vercel|netlify|docker

Run "mastra <command> --help" for a command's options.
`;

type Command = (argv: string[], io: CliIO) => Promise<number>;

/** Commands are loaded on demand: `mastra start` should not pay for loading Rollup. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import("./commands/build.js")).run,
  start: async () => (await import("./commands/start.js")).run,
  dev: async () => (await import("./commands/dev.js")).run,
  deploy: async () => (await import("./commands/deploy.js")).run,
};

function version(): string {
  // dist/src/cli/run.js → the package's own folder.
  return readPackageJson(fileURLToPath(new URL("../../..", import.meta.url)))?.version ?? "unknown";
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    (command ? io.out : io.err)(USAGE);
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v") {
    io.out(`${version()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.err(`error: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${err.usage}`);
      return 2;
    }
    throw err;
  }
}
