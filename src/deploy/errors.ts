/**
 * An error a person can act on: `message` is one line (what went wrong and what to do),
 * `detail` optional extra lines (e.g. the biggest modules), printed by the CLI as is.
 */
export class DeployError extends Error {
  readonly exitCode: number;
  readonly detail: string[];
  constructor(message: string, opts: { exitCode?: number; detail?: string[] } = {}) {
    super(message);
    this.name = "DeployError";
    this.exitCode = opts.exitCode ?? 1;
    this.detail = opts.detail ?? [];
  }
}
