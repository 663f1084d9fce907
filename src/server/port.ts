/**
 * The one reading of a port given as text (the PORT variable, `--port`), shared by the Node
 * listener, `mastra dev` and the CLI so all three accept and refuse the same values.
 */

/** An integer 0–65535 (0: any free port), else undefined. Surrounding spaces are ignored. */
export function parsePort(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const port = Number(t);
  return port <= 65535 ? port : undefined;
}

/** What to say when `source` ("PORT", "--port") holds `text`, which is not a port. */
export function badPortMessage(source: string, text: string): string {
  return `${source} must be an integer between 0 and 65535 (got "${text}")`;
}
