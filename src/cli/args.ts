/**
 * node:util parseArgs, strict, with its errors turned into UsageError (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  string(name: string): string | undefined;
  /** Every value of a repeatable option (`multiple: true`). */
  strings(name: string): string[];
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
    strings: (name) => (Array.isArray(values[name]) ? (values[name] as string[]) : []),
    flag: (name) => values[name] === true,
  };
}
