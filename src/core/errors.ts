/**
 * An error that carries the HTTP status the server should answer with; the server answers
 * `{ error: message }` (a ValidationError adds its `issues`). Tool errors (build, deploy) have
 * their own shape in src/build/errors.ts.
 */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, message);
    this.name = "NotFoundError";
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

/** Input failed its schema; `issues` lists every failing field so a client can fix them all at once. */
export class ValidationError extends HttpError {
  readonly issues: ValidationIssue[];
  constructor(what: string, issues: ValidationIssue[]) {
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
    super(400, `Invalid ${what}: ${summary}`);
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** Keys and array indexes from the object literal a user wrote to the bad value: `["server", "cors", "origin"]`. */
export type ConfigPath = (string | number)[];

/** Thrown at `new Mastra(...)` (and `new Agent(...)`, `createTool(...)`, …) so a bad config fails at startup and at build time, naming the field. */
export class MastraConfigError extends Error {
  readonly field: string;
  /**
   * Where the bad value sits inside the object passed to the call that threw, so the build can
   * point its code frame at that line rather than at `new Mastra({`.
   */
  readonly path: ConfigPath;
  constructor(field: string, reason: string, where: { path?: ConfigPath; subject?: string } = {}) {
    super(`Invalid ${where.subject ?? "Mastra config"}: ${field} ${reason}`);
    this.name = "MastraConfigError";
    this.field = field;
    this.path = where.path ?? [];
  }
}
