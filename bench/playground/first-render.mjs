// `npm run bench:playground`: how fast the playground's first render is under `mastra dev` on
// examples/quickstart, in Debian's chromium: the first contentful paint, and the time until the
// agent list (the first data from /api) is on screen, from navigation start. Median of N page loads.
import { loadBrowserHelper } from "../../scripts/browser-helper.mjs";

const runs = Number(process.argv[2] ?? 7);
const { openPlayground } = await loadBrowserHelper();
const pg = await openPlayground();
const fcp = [];
const list = [];
try {
  for (let i = 0; i < runs; i++) {
    await pg.page.goto(`${pg.baseUrl}/?load=${i}#/agents`); // a new URL: a full load each time
    await pg.page.getByRole("navigation", { name: "Agents" }).getByRole("link", { name: /Weather Agent/ }).waitFor();
    const t = await pg.page.evaluate(() => ({
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      now: performance.now(),
    }));
    // Polled, so the list time is an upper bound (the poll adds a few ms).
    fcp.push(t.fcp);
    list.push(t.now);
  }
} finally {
  await pg.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`playground first render, ${runs} loads, node ${process.version}`);
console.log(`  first contentful paint  median ${median(fcp).toFixed(0)} ms  (max ${Math.max(...fcp).toFixed(0)} ms)`);
console.log(`  agent list on screen    median ${median(list).toFixed(0)} ms  (max ${Math.max(...list).toFixed(0)} ms)`);
