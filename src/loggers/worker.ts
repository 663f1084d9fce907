/**
 * `@mastra/loggers` in worker builds (Cloudflare Workers and other non-Node runtimes): the same
 * PinoLogger API, writing pino-shaped JSON lines through the console, which Workers Logs and
 * `wrangler tail` index by field. No pino here: it needs Node streams.
 */
import { LEVEL_VALUES, logFields, MastraLogger, serializeError, type LogLevel } from "../core/logger.js";
import type { PinoLoggerOptions } from "./options.js";

export { LogLevel, type IMastraLogger } from "../core/logger.js";
export type { PinoLoggerOptions } from "./options.js";

const CONSOLE_METHOD = { debug: "debug", info: "info", warn: "warn", error: "error" } as const;

export class PinoLogger extends MastraLogger {
  private readonly bindings: Record<string, unknown>;

  constructor(options: PinoLoggerOptions = {}, bindings: Record<string, unknown> = {}) {
    super(options);
    this.bindings = bindings;
  }

  child(bindings: Record<string, unknown>): PinoLogger {
    return new PinoLogger({ name: this.name, level: this.level }, { ...this.bindings, ...bindings });
  }

  debug(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("debug")) this.write("debug", message, args);
  }
  info(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("info")) this.write("info", message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("warn")) this.write("warn", message, args);
  }
  error(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("error")) this.write("error", message, args);
  }

  private write(level: Exclude<LogLevel, "silent">, message: string, args: unknown[]): void {
    const line = { level: LEVEL_VALUES[level], time: Date.now(), name: this.name, ...this.bindings, ...logFields(args), msg: message };
    console[CONSOLE_METHOD[level]](JSON.stringify(line, (_key, v) => (v instanceof Error ? serializeError(v) : typeof v === "bigint" ? v.toString() : v)));
  }
}
