/**
 * node:util parseArgs, strict, with its errors turned into UsageError (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  string(name: string): string | undefined;
  flag(name: string): boolean;
}

export function parseCommandArgs(argv: string[], options: Options, usage: string): ParsedArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // parseArgs messages are already one line ("Unknown option '--x'…"); keep them.
    throw new UsageError((err as Error).message.split("\n")[0]!, usage);
  }
  return {
    string: (name) => (typeof values[name] === "string" ? (values[name] as string) : undefined),
    flag: (name) => values[name] === true,
  };
}
