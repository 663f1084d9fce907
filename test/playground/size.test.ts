// The playground ships in the package and loads on every `mastra dev` page view: what the page
// loads (dist/playground/, built by `npm run build`) must stay at or under 150 kB gzipped.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REPO } from "../dev/helpers.js";

const LIMIT = 150 * 1024;

describe("the built playground", () => {
  it("is index.html, app.js and app.css, gzipped together at most 150 kB", () => {
    const dir = join(REPO, "dist", "playground");
    const files = readdirSync(dir).sort();
    expect(files).toEqual(expect.arrayContaining(["app.css", "app.js", "index.html"]));
    const sizes = Object.fromEntries(files.map((f) => [f, gzipSync(readFileSync(join(dir, f)), { level: 9 }).length]));
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(sizes["app.js"]).toBeGreaterThan(1_000); // a real bundle, not an empty file
    expect(total, `gzip sizes: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(LIMIT);
  });
});
