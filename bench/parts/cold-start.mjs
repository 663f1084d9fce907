#!/usr/bin/env node
// Part 3 — cold start: process start → first 200 on /health, for our node output, the Hono floor,
// node:http and Mastra's built server, run round-robin so drift hits all alike; then a worker's
// time to first response in Miniflare (workerd), with a one-line worker as the runtime's own floor.
import { bytes, ms, table, times } from "../lib/format.mjs";
import { HELLO_WORKER, workerColdStart } from "../lib/miniflare.mjs";
import { main } from "../lib/part.mjs";
import { coldStarts } from "../lib/cold-start.mjs";
import { runtimeArtifacts } from "../lib/runtime-artifacts.mjs";
import { median, ratio, round } from "../lib/stats.mjs";

export async function coldStart({ quick, log, compiled = false, peers = true }) {
  const runs = quick ? 5 : 15;
  const workerRuns = quick ? 3 : 5;
  const { servers, workers, errors } = runtimeArtifacts({ log, compiled, peers });

  const { samples, rss } = await coldStarts(servers, { runs, log, errors });

  const workerSamples = { hello: [], ours: [], mastra: [] };
  const allWorkers = { hello: { label: "one-line worker (Miniflare's own floor)", dir: "/tmp", file: "hello.mjs", contents: HELLO_WORKER, compatibilityDate: workers.ours.compatibilityDate, compatibilityFlags: ["nodejs_compat"] }, ...workers };
  for (let i = 0; i < workerRuns; i++) {
    for (const [key, w] of Object.entries(allWorkers)) {
      if (errors[`worker-${key}`]) continue;
      try {
        workerSamples[key].push((await workerColdStart(w)).ms);
      } catch (e) {
        errors[`worker-${key}`] = e.message;
      }
    }
    log(`bench: miniflare round ${i + 1}/${workerRuns}: ${Object.entries(workerSamples).map(([k, v]) => `${k} ${ms(v.at(-1))}`).join(", ")}`);
  }

  const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const medRss = Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, median(v)]));
  const wmed = Object.fromEntries(Object.entries(workerSamples).map(([k, v]) => [k, median(v)]));
  const vsFloor = ratio(med.ours, med.hono);
  const markdown =
    table(
      ["process start → first 200 on /health", "median", "runs", "vs Hono floor", "RSS at first 200"],
      Object.entries(servers).map(([k, s]) => [s.label, ms(med[k]) ?? `failed: ${errors[k]}`, samples[k].length, times(ratio(med[k], med.hono)), bytes(medRss[k])]),
    ) +
    "\n\n" +
    table(
      ["Miniflare: new Miniflare() → first response on /health", "median", "runs", "vs one-line worker"],
      Object.entries(allWorkers).map(([k, w]) => [w.label, ms(wmed[k]) ?? `fails to start: ${errors[`worker-${k}`] ?? errors.mastraCloudflare}`, workerSamples[k].length, times(ratio(wmed[k], wmed.hello))]),
    ) +
    `\n\nOur node output starts in **${times(vsFloor) ?? "?"}** the Hono floor's time (target ≤ 1.3x${vsFloor != null && vsFloor <= 1.3 ? ", met" : ", **missed**"}).`;
  return {
    title: "Cold start",
    markdown,
    data: {
      runs: { node: runs, worker: workerRuns },
      samplesMs: samples,
      medianMs: med,
      rssAtFirstResponse: medRss,
      worker: { samplesMs: workerSamples, medianMs: wmed },
      ratios: { oursOverHono: round(vsFloor), oursNoMapsOverHono: round(ratio(med.oursNoMaps, med.hono)), mastraOverHono: round(ratio(med.mastra, med.hono)) },
      targets: { met: { withinHono: vsFloor != null && vsFloor <= 1.3 } },
      errors,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await main("cold-start", coldStart);
