/**
 * What a command may touch of the outside world. Commands get this instead of `process`
 * so tests can run them in-process and read exactly what a person would see.
 */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Where SIGINT/SIGTERM arrive (the process; a plain EventEmitter in tests). */
  signals: Pick<NodeJS.Process, "on" | "once" | "off">;
  /** stdio for child processes `mastra start` runs. */
  childStdio: "inherit" | "pipe";
}

export function processIO(): CliIO {
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    signals: process,
    childStdio: "inherit",
  };
}

/** A usage error: the command line itself is wrong (exit code 2, usage printed). */
export class UsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
    this.name = "UsageError";
  }
}
