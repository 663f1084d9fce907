// Cold starts of several servers, round-robin (A B C, A B C) so drift on this shared machine hits
// all of them alike: process spawn → first 200 on `path`, and the resident memory at that moment.
import { ms } from "./format.mjs";
import { memory, startServer } from "./proc.mjs";

/**
 * servers: { key: { args, cwd, env? } }. `before(key)` runs ahead of each start (say, to remove a
 * database file so every start is a first start). A server that fails once is dropped, its error
 * kept in `errors[key]`. Returns samples in ms and RSS in bytes, per key.
 */
export async function coldStarts(servers, { runs, log, errors = {}, path = "/health", before }) {
  const samples = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
  const rss = Object.fromEntries(Object.keys(servers).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [key, s] of Object.entries(servers)) {
      if (errors[key]) continue;
      try {
        before?.(key);
        const srv = await startServer({ args: s.args, cwd: s.cwd, env: s.env, path });
        samples[key].push(srv.coldStartMs);
        rss[key].push(memory(srv.child.pid).rss);
        await srv.stop();
      } catch (e) {
        errors[key] = e.message;
      }
    }
    log(`bench: cold start round ${i + 1}/${runs}: ${Object.entries(samples).map(([k, v]) => `${k} ${ms(v.at(-1))}`).join(", ")}`);
  }
  return { samples, rss, errors };
}
