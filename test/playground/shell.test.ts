// The playground's shell in a real browser: it renders, navigates by hash and keyboard, lists
// the quickstart's agents with their model and tools, and every request it sends to the app
// carries the playground header and the auth header from Settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, QUICKSTART_AUTH, type Playground } from "./browser.js";

let pg: Playground;

beforeAll(async () => {
  pg = await openPlayground();
});

afterAll(async () => {
  await pg?.close();
});

describe("the playground shell (chromium)", () => {
  it("lists the agents with their model", async () => {
    const { page } = pg;
    const agents = page.getByRole("navigation", { name: "Agents" });
    await agents.getByRole("link", { name: /Weather Agent/ }).waitFor();
    await expect(agents.textContent()).resolves.toContain("local / deterministic-weather");
  });

  it("moves between sections from the nav, with the current one marked", async () => {
    const { page } = pg;
    const nav = page.getByRole("navigation", { name: "Sections" });
    await nav.getByRole("link", { name: "Tools" }).click();
    await page.waitForURL(/#\/tools$/);
    // The hash changed; the render that marks the section follows it.
    await nav.locator('a[aria-current="page"]', { hasText: "Tools" }).waitFor();
    expect(await nav.locator('a[aria-current="page"]').count()).toBe(1);
    await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: /weatherTool/ }).waitFor();
    // Keyboard: focus the Settings link and press Enter.
    await nav.getByRole("link", { name: "Settings" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    expect(await page.getByLabel("Header name").inputValue()).toBe(QUICKSTART_AUTH.name);
  });

  it("sends x-mastra-dev-playground and the auth header with every request to the app", async () => {
    const api = pg.requests.filter((r) => new URL(r.url()).pathname.startsWith("/api/"));
    expect(api.length).toBeGreaterThanOrEqual(2);
    for (const r of api) {
      const headers = await r.allHeaders();
      expect(headers["x-mastra-dev-playground"], r.url()).toBe("true");
      expect(headers.authorization, r.url()).toBe(QUICKSTART_AUTH.value);
    }
  });
});
