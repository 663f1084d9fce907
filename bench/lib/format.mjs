// Markdown tables and human units for what the parts print.
export function table(headers, rows) {
  const cells = rows.map((r) => r.map((c) => (c == null || c === "" ? "—" : String(c))));
  const line = (r) => `| ${r.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...cells.map(line)].join("\n");
}

export function ms(x) {
  if (x == null) return null;
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
}

export function bytes(x) {
  if (x == null) return null;
  if (x >= 1024 * 1024) return `${(x / 1024 / 1024).toFixed(x >= 100 * 1024 * 1024 ? 0 : 2)} MB`;
  if (x >= 1024) return `${(x / 1024).toFixed(1)} kB`;
  return `${x} B`;
}

export function times(x, digits = 2) {
  return x == null ? null : `${x.toFixed(digits)}x`;
}

export function int(x) {
  return x == null ? null : Math.round(x).toLocaleString("en-US");
}
