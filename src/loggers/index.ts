/**
 * `@mastra/loggers` (`mastra-deploy/loggers`) on Node: PinoLogger writes pino's JSON lines to
 * stdout. Worker builds get ./worker.ts instead (chosen by export conditions), which writes the
 * same lines through the console, so pino and its Node streams never reach a worker bundle.
 */
import pino from "pino";
import { logFields, MastraLogger } from "../core/logger.js";
import type { PinoLoggerOptions } from "./options.js";

export { LogLevel, type IMastraLogger } from "../core/logger.js";
export type { PinoLoggerOptions } from "./options.js";

export class PinoLogger extends MastraLogger {
  protected readonly logger: pino.Logger;

  constructor(options: PinoLoggerOptions = {}, parent?: pino.Logger) {
    super(options);
    this.logger =
      parent ??
      pino(
        {
          name: this.name,
          level: this.level,
          formatters: options.formatters as pino.LoggerOptions["formatters"],
          redact: options.redact as pino.LoggerOptions["redact"],
          // `error` is the field Mastra's server and most apps put errors under.
          serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
        },
        (options.destination as pino.DestinationStream | undefined) ?? pino.destination(1),
      );
  }

  /** A logger whose every line carries `bindings` (e.g. `{ component: "billing" }`). */
  child(bindings: Record<string, unknown>): PinoLogger {
    return new PinoLogger({ name: this.name, level: this.level }, this.logger.child(bindings));
  }

  debug(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("debug")) this.logger.debug(logFields(args), message);
  }
  info(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("info")) this.logger.info(logFields(args), message);
  }
  warn(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("warn")) this.logger.warn(logFields(args), message);
  }
  error(message: string, ...args: unknown[]): void {
    if (this.isLevelEnabled("error")) this.logger.error(logFields(args), message);
  }
}
