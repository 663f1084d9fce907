import type { MastraStorage } from "./types.js";

/** Duck-typed, so a store built against another copy of this package is still accepted. */
export function isMastraStorage(value: unknown): value is MastraStorage {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Partial<MastraStorage>;
  return (
    typeof s.init === "function" &&
    typeof s.close === "function" &&
    typeof s.workflows?.persistRun === "function" &&
    typeof s.workflows?.persistRunIf === "function" &&
    typeof s.workflows?.listRuns === "function" &&
    typeof s.memory?.saveThread === "function"
  );
}
