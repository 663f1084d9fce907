/**
 * The one shape of a tool error (build, deploy, dev, the CLI): `code`, `message`, `detail`,
 * `file`/`line`/`column`/`frame`. `message` is ONE line a person can act on (the CLI prints it
 * as is); `frame` a code excerpt with a caret; `detail` the extra lines printed under them
 * (every type error, a provider CLI's last lines, the biggest modules). A deploy carries a build's
 * error unchanged (src/deploy/errors.ts), and `--json` of build and deploy prints `toJSON()`.
 */
export interface ToolErrorFields {
  /** Project-relative path of the file the error is about, when there is one. */
  file?: string;
  line?: number;
  column?: number;
  /** Code excerpt with a caret, already formatted. */
  frame?: string;
  /** Extra lines printed under the message, one entry a line, without indentation. */
  detail?: string[];
}

/** What `--json` prints under `error` (build and deploy alike). */
export interface ToolErrorJSON extends ToolErrorFields {
  code: string;
  message: string;
  detail: string[];
}

export class ToolError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly frame?: string;
  readonly detail: string[];

  constructor(code: string, message: string, fields: ToolErrorFields = {}) {
    super(message);
    this.name = "ToolError";
    this.code = code;
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.frame = fields.frame;
    this.detail = fields.detail ?? [];
  }

  /** The fields as they are, for `new DeployError(…, err.fields())` and the like. */
  fields(): ToolErrorFields {
    return { file: this.file, line: this.line, column: this.column, frame: this.frame, detail: this.detail };
  }

  toJSON(): ToolErrorJSON {
    return { code: this.code, message: this.message, file: this.file, line: this.line, column: this.column, frame: this.frame, detail: this.detail };
  }
}

/** BuildError: the only error type the build pipeline throws on purpose; whatever Rollup, esbuild or TypeScript threw is normalised into it. */
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

export class BuildError extends ToolError {
  declare readonly code: BuildErrorCode;

  constructor(code: BuildErrorCode, message: string, fields: ToolErrorFields = {}) {
    // Keep the contract "one line": collapse anything multi-line a tool handed us.
    super(code, oneLine(message), fields);
    this.name = "BuildError";
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
