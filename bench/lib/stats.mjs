// Small statistics: medians resist the odd slow run on a 2-core box better than means.
export function median(values) {
  const v = values.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** a / b, or null when either side is missing, so a failed peer never fakes a ratio. */
export function ratio(a, b) {
  if (a == null || b == null || b === 0) return null;
  return a / b;
}

export function round(x, digits = 2) {
  if (x == null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
