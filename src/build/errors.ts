/**
 * BuildError: the only error type the build pipeline throws on purpose.
 *
 * Its `message` is always ONE line a person can act on (the CLI prints it as is);
 * `frame` is an optional multi-line code excerpt printed under it. Everything the
 * pipeline catches from Rollup, esbuild or TypeScript is normalised into this shape
 * so callers (the CLI, `mastra deploy`, `mastra dev`) never have to know which tool failed.
 */
export type BuildErrorCode =
  | "ENTRY_NOT_FOUND"
  | "MISSING_MASTRA_EXPORT"
  | "SYNTAX_ERROR"
  | "UNRESOLVED_IMPORT"
  | "NOT_A_MASTRA_INSTANCE"
  | "INVALID_CONFIG"
  | "TYPE_ERROR"
  | "UNSUPPORTED_ON_PLATFORM"
  | "RUNTIME_NOT_FOUND"
  | "BUILD_FAILED";

export interface BuildErrorDetails {
  /** Project-relative path of the file the error is about, when there is one. */
  file?: string;
  line?: number;
  column?: number;
  /** Code excerpt with a caret, already formatted. */
  frame?: string;
  /** Extra lines (e.g. the full list of type errors). */
  details?: string[];
}

export class BuildError extends Error {
  readonly code: BuildErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly frame?: string;
  readonly details: string[];

  constructor(code: BuildErrorCode, message: string, details: BuildErrorDetails = {}) {
    // Keep the contract "one line": collapse anything multi-line a tool handed us.
    super(oneLine(message));
    this.name = "BuildError";
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.frame = details.frame;
    this.details = details.details ?? [];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      file: this.file,
      line: this.line,
      column: this.column,
      frame: this.frame,
      details: this.details.length ? this.details : undefined,
    };
  }
}

export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");
}

export function isBuildError(err: unknown): err is BuildError {
  return err instanceof BuildError;
}
