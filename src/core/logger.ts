/**
 * The logger contract (`@mastra/core/logger`): what `new Mastra({ logger })` takes, what the
 * server writes its request lines and errors to, and the console logger used when the app
 * configures none. Web-standard only (it runs in workerd too); pino lives in `@mastra/loggers`.
 */
import { MastraConfigError } from "./errors.js";
import { processEnv } from "./runtime-env.js";

export const LogLevel = {
  DEBUG: "debug",
  INFO: "info",
  WARN: "warn",
  ERROR: "error",
  NONE: "silent",
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Pino's numbers, so a level compares as a number and JSON lines match pino's. */
export const LEVEL_VALUES: Readonly<Record<LogLevel, number>> = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };

/** What Mastra and its server call. `args` are usually one object of fields (`{ requestId, error }`). */
export interface IMastraLogger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
  /** Whether a message at `level` is written at all, so callers can skip building it. Optional for third-party loggers. */
  isLevelEnabled?(level: LogLevel): boolean;
}

export interface LoggerOptions {
  name?: string;
  level?: LogLevel;
}

/** Base class for loggers: name, level and the level check; subclasses write. */
export abstract class MastraLogger implements IMastraLogger {
  protected readonly name: string;
  protected readonly level: LogLevel;
  private readonly threshold: number;

  constructor(options: LoggerOptions = {}) {
    this.name = options.name ?? "Mastra";
    this.level = checkLevel(options.level ?? LogLevel.INFO);
    this.threshold = LEVEL_VALUES[this.level];
  }

  isLevelEnabled(level: LogLevel): boolean {
    return LEVEL_VALUES[level] >= this.threshold;
  }

  getName(): string {
    return this.name;
  }

  getLevel(): LogLevel {
    return this.level;
  }

  /** Mastra calls this for errors it reports; loggers that ship errors elsewhere override it. */
  trackException(_error: unknown): void {}

  abstract debug(message: string, ...args: unknown[]): void;
  abstract info(message: string, ...args: unknown[]): void;
  abstract warn(message: string, ...args: unknown[]): void;
  abstract error(message: string, ...args: unknown[]): void;
}

const CONSOLE_METHOD = { debug: "debug", info: "info", warn: "warn", error: "error" } as const;

/**
 * A logger that writes one console line per message at the message's own console level (so
 * Workers Logs and `wrangler tail` keep the level); subclasses only say how a line reads.
 */
export abstract class ConsoleLineLogger extends MastraLogger {
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

  protected abstract line(level: keyof typeof CONSOLE_METHOD, message: string, args: unknown[]): string;

  private write(level: keyof typeof CONSOLE_METHOD, message: string, args: unknown[]): void {
    console[CONSOLE_METHOD[level]](this.line(level, message, args));
  }
}

/**
 * Writes to the console, one line per message: the message, then its fields as JSON; an error
 * among the fields is followed by its stack. Works on Node and Workers alike.
 */
export class ConsoleLogger extends ConsoleLineLogger {
  protected line(_level: keyof typeof CONSOLE_METHOD, message: string, args: unknown[]): string {
    return formatConsoleLine(message, args);
  }
}

/** `message {"field":1}` plus the stack of any Error among the arguments or their fields. */
export function formatConsoleLine(message: string, args: unknown[]): string {
  let line = String(message);
  const stacks: string[] = [];
  for (const arg of args) {
    if (arg instanceof Error) stacks.push(errorText(arg));
    else if (isPlainObject(arg)) {
      const fields: Record<string, unknown> = {};
      let any = false;
      for (const [key, value] of Object.entries(arg)) {
        if (value instanceof Error) stacks.push(errorText(value));
        else if (value !== undefined) {
          fields[key] = value;
          any = true;
        }
      }
      if (any) line += ` ${safeStringify(fields)}`;
    } else if (arg !== undefined) line += ` ${typeof arg === "string" ? arg : safeStringify(arg)}`;
  }
  return stacks.length ? `${line}\n${stacks.join("\n")}` : line;
}

/**
 * A logger call's arguments as structured fields (for JSON lines): Mastra passes one object of
 * fields; an Error alone becomes `err`; anything else goes under `args`.
 */
export function logFields(args: unknown[]): Record<string, unknown> {
  if (args.length === 0) return {};
  const [first] = args;
  if (args.length === 1) {
    if (first instanceof Error) return { err: first };
    if (isPlainObject(first)) return first;
  }
  return { args };
}

/** An Error as pino's serializer shapes it: type, message, stack (and its cause). */
export function serializeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  if (error.cause instanceof Error) out.cause = serializeError(error.cause);
  return out;
}

function errorText(error: Error): string {
  return error.stack ?? `${error.name}: ${error.message}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v instanceof Error ? serializeError(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkLevel(level: unknown): LogLevel {
  if (typeof level === "string" && Object.hasOwn(LEVEL_VALUES, level)) return level as LogLevel;
  throw new MastraConfigError("logger.level", `must be one of ${Object.keys(LEVEL_VALUES).join(", ")} (got ${JSON.stringify(level)})`);
}

/** Mastra's older factory for a console logger; `new ConsoleLogger(...)` is the same thing. */
export function createLogger(options: LoggerOptions = {}): ConsoleLogger {
  return new ConsoleLogger(options);
}

/** What `logger: false` gives: every call is dropped and every level reports disabled. */
export const noopLogger: IMastraLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  isLevelEnabled: () => false,
};

/**
 * The logger for `new Mastra({ logger })` (checked by its config schema): the given one, none
 * for `false`, or a console logger at "info" under `mastra dev` (NODE_ENV=development) and
 * "warn" elsewhere, so deployed apps and tests write request lines only when the app asks for
 * them, as Mastra does in production.
 */
export function resolveLogger(value: IMastraLogger | false | undefined): IMastraLogger {
  if (value === false) return noopLogger;
  if (value !== undefined) return value;
  const dev = processEnv("NODE_ENV") === "development";
  return new ConsoleLogger({ name: "Mastra", level: dev ? LogLevel.INFO : LogLevel.WARN });
}

/** Anything with the four level methods is a logger (Mastra's own, pino-backed, or the app's). */
export function isLogger(value: unknown): value is IMastraLogger {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.debug === "function" && typeof v.info === "function" && typeof v.warn === "function" && typeof v.error === "function";
}

/** Whether `logger` writes at `level`; a third-party logger without the check is assumed to. */
export function levelEnabled(logger: IMastraLogger, level: LogLevel): boolean {
  return logger.isLevelEnabled ? logger.isLevelEnabled(level) : true;
}
