import type { LoggerOptions } from "../core/logger.js";

/** `new PinoLogger(options)`: the same on Node and in worker builds (which ignore the pino-only ones). */
export interface PinoLoggerOptions extends LoggerOptions {
  /** Mastra's log transports (for its cloud log viewer): accepted and ignored here. */
  transports?: Record<string, unknown>;
  /** Mastra's switch for its pretty printer: lines here are always JSON, so it changes nothing. */
  overrideDefaultTransports?: boolean;
  /** pino's `formatters` (Node only). */
  formatters?: Record<string, (...args: any[]) => unknown>;
  /** pino's `redact`: paths whose values are censored (Node only). */
  redact?: string[] | { paths: string[]; censor?: string | ((value: unknown, path: string[]) => unknown); remove?: boolean };
  /** Where lines go; stdout by default (Node only: worker builds always use the console). */
  destination?: { write(line: string): unknown };
}
