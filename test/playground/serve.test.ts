// How `mastra dev` serves the playground: the page at `/` when the app has no `/` of its own,
// always at /__mastra/playground/, its files gzipped, the swap events, and the app's routes untouched.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupDevTemp, copyDevFixture, startDev, until, type DevSession } from "../dev/helpers.js";

let app: string;
let dev: DevSession;

beforeAll(async () => {
  app = copyDevFixture("dev-app", ["zod"]);
  dev = await startDev(app);
});

afterAll(async () => {
  await dev?.stop();
  cleanupDevTemp();
});

const html = { accept: "text/html,application/xhtml+xml" };

/** The next `data:` event of the swap stream after `after` (or the first one). */
async function nextServerId(url: string, after?: string): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(`${url}/__mastra/dev/events`, { signal: controller.signal });
  expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`event stream ended: ${text}`);
      text += new TextDecoder().decode(value);
      const ids = [...text.matchAll(/data: (\{.*\})\n\n/g)].map((m) => String(JSON.parse(m[1]!).server));
      const found = ids.find((id) => id !== after);
      if (found) return found;
    }
  } finally {
    controller.abort();
  }
}

describe("the playground under mastra dev", () => {
  it("says where the page is", async () => {
    const line = `Playground at http://localhost:${dev.port} (at http://localhost:${dev.port}/__mastra/playground/ when your app serves / itself)`;
    await until(async () => dev.output().includes(line), "the playground line");
  });

  it("serves the page at / to a browser when the app has no / route", async () => {
    const res = await fetch(`${dev.url}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    expect(page).toContain('<div id="app">');
    expect(page).toContain("/__mastra/playground/app.js");
  });

  it("leaves / to the app for API clients (no text/html), and /api/* always", async () => {
    const res = await fetch(`${dev.url}/`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Not found: GET /" });
    const api = await fetch(`${dev.url}/api/agents`, { headers: html });
    expect(api.headers.get("content-type")).toMatch(/json/);
  });

  it("serves its files from /__mastra/playground/, gzipped when asked", async () => {
    const js = await fetch(`${dev.url}/__mastra/playground/app.js`, { headers: { "accept-encoding": "gzip" } });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.headers.get("content-encoding")).toBe("gzip");
    expect((await js.text()).length).toBeGreaterThan(1000); // fetch un-gzips
    const css = await fetch(`${dev.url}/__mastra/playground/app.css`);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect((await fetch(`${dev.url}/__mastra/playground/`)).headers.get("content-type")).toMatch(/^text\/html/);
    expect((await fetch(`${dev.url}/__mastra/playground/nope.js`)).status).toBe(404);
  });

  it("gives the app's own / priority over the page", async () => {
    const before = await nextServerId(dev.url);
    const index = join(app, "src", "mastra", "index.ts");
    const source = readFileSync(index, "utf8");
    expect(source).toContain("apiRoutes: [");
    writeFileSync(index, source.replace("apiRoutes: [", `apiRoutes: [registerApiRoute("/", { method: "GET", handler: (c) => c.text("the app's home") }),`));
    const after = await nextServerId(dev.url, before);
    expect(after).not.toBe(before);
    await until(async () => (await (await fetch(`${dev.url}/`, { headers: html })).text()) === "the app's home", "the app's / route");
    // The page stays reachable under its own path.
    expect(await (await fetch(`${dev.url}/__mastra/playground/`)).text()).toContain('<div id="app">');
  });
});
