import { ToolError, type BuildErrorCode, type ToolErrorFields } from "../build/errors.js";

/** What went wrong in a deploy; a failed build keeps its own code (BuildErrorCode). */
export type DeployErrorCode =
  | BuildErrorCode
  /** A flag, option or target name the command line got wrong (exit code 2). */
  | "INVALID_USAGE"
  | "UNKNOWN_TARGET"
  | "NOT_A_TARGET"
  | "CLI_NOT_FOUND"
  | "MISSING_ENV"
  | "PREBUILT_REFUSED"
  | "NO_SERVER_SETTINGS"
  | "OVER_LIMIT"
  | "SECRET_IN_OUTPUT"
  | "UPLOAD_FAILED"
  | "DEPLOY_FAILED";

/**
 * An error a person can act on, in the one tool-error shape (src/build/errors.ts): `message`
 * one line (what went wrong and what to do), `detail` extra lines, `exitCode` for the CLI.
 */
export class DeployError extends ToolError {
  declare readonly code: DeployErrorCode;
  readonly exitCode: number;
  constructor(message: string, opts: ToolErrorFields & { code?: DeployErrorCode; exitCode?: number } = {}) {
    const { code, exitCode, ...fields } = opts;
    super(code ?? (exitCode === 2 ? "INVALID_USAGE" : "DEPLOY_FAILED"), message, fields);
    this.name = "DeployError";
    this.exitCode = exitCode ?? 1;
  }
}
