// wrangler.toml (and any other TOML a target writes) goes through smol-toml: D1, KV and route
// settings are arrays of tables, which a hand-written writer got wrong or had to inline.
import { stringify } from "smol-toml";

/** TOML for a plain object of settings; keys keep their order, `undefined` values are left out. */
export function toToml(settings: Record<string, unknown>): string {
  return stringify(JSON.parse(JSON.stringify(settings))).trimEnd();
}
