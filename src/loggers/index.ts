/**
 * `@mastra/loggers` (`mastra-deploy/loggers`) on Node: PinoLogger writes pino's JSON lines to
 * stdout. Worker builds get ./worker.ts instead (chosen by export conditions), which writes the
 * same lines through the console, so pino and its Node streams never reach a worker bundle.
 */
import pino from "pino";
import { logFields, MastraLogger, type LoggerOptions } from "../core/logger.js";

export { LogLevel, type IMastraLogger } from "../core/logger.js";

export interface PinoLoggerOptions extends LoggerOptions {
  /** Mastra's log transports (for its cloud log viewer): accepted and ignored here. */
  transports?: Record<string, unknown>;
  /** Mastra's switch for its pretty printer: lines here are always JSON, so it changes nothing. */
  overrideDefaultTransports?: boolean;
  formatters?: pino.LoggerOptions["formatters"];
  redact?: pino.LoggerOptions["redact"];
  /** Where lines go; stdout by default (Node only: worker builds always use the console). */
  destination?: pino.DestinationStream;
}

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
          formatters: options.formatters,
          redact: options.redact,
          // `error` is the field Mastra's server and most apps put errors under.
          serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
        },
        options.destination ?? pino.destination(1),
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
