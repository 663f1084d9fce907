/**
 * `@mastra/loggers` in worker builds (Cloudflare Workers and other non-Node runtimes): the same
 * PinoLogger API, writing pino-shaped JSON lines through the console, which Workers Logs and
 * `wrangler tail` index by field. No pino here: it needs Node streams.
 */
import { ConsoleLineLogger, LEVEL_VALUES, logFields, serializeError, type LogLevel } from "../core/logger.js";
import type { PinoLoggerOptions } from "./options.js";

export { LogLevel, type IMastraLogger } from "../core/logger.js";
export type { PinoLoggerOptions } from "./options.js";

export class PinoLogger extends ConsoleLineLogger {
  private readonly bindings: Record<string, unknown>;

  constructor(options: PinoLoggerOptions = {}, bindings: Record<string, unknown> = {}) {
    super(options);
    this.bindings = bindings;
  }

  child(bindings: Record<string, unknown>): PinoLogger {
    return new PinoLogger({ name: this.name, level: this.level }, { ...this.bindings, ...bindings });
  }

  protected line(level: Exclude<LogLevel, "silent">, message: string, args: unknown[]): string {
    const line = { level: LEVEL_VALUES[level], time: Date.now(), name: this.name, ...this.bindings, ...logFields(args), msg: message };
    return JSON.stringify(line, (_key, v) => (v instanceof Error ? serializeError(v) : typeof v === "bigint" ? v.toString() : v));
  }
}
