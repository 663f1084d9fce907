/** One schema version of a store: the statements that bring its tables from `version - 1` to `version`, applied once and recorded in its migrations table. */
export interface Migration {
  version: number;
  statements: string[];
}
