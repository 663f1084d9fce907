// The playground for keyboard and screen-reader users, in light and dark: every control has an
// accessible name, text is readable (WCAG AA contrast, 4.5:1) in both color schemes, and the chat
// works from the keyboard alone.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, type Playground } from "./browser.js";

let pg: Playground;

beforeAll(async () => {
  pg = await openPlayground({ hash: "#/agents/my-agent" });
});

afterAll(async () => {
  await pg?.close();
});

const PAGES = ["#/agents", "#/agents/my-agent", "#/tools/weatherTool", "#/settings", "#/workflows", "#/workflows/activityApproval"];

let loads = 0;

/** A full page load (a new query each time: a hash change alone would not reload), once its list is in. */
async function open(page: Page, hash: string) {
  await page.goto(`${pg.baseUrl}/?load=${++loads}${hash}`);
  if (hash !== "#/settings") await page.locator("main .items li a").first().waitFor();
  if (hash.startsWith("#/agents/")) await page.getByLabel("Message", { exact: true }).waitFor();
  if (hash.startsWith("#/tools/")) await page.getByRole("button", { name: "Run tool" }).waitFor();
  if (hash.startsWith("#/workflows/")) await page.getByRole("button", { name: "Run", exact: true }).waitFor();
  if (hash === "#/settings") await page.getByLabel("Header name").waitFor();
}

/** Controls a screen reader would announce without a name. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button, a[href]")]
      .filter((el) => {
        const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.getAttribute("title");
        if (named) return false;
        if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) return !el.labels || el.labels.length === 0;
        return !(el.textContent ?? "").trim();
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** The contrast of each sample's text against the page background (WCAG's relative luminance). */
function contrasts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const bg = getComputedStyle(document.body).backgroundColor;
    const out: Record<string, number> = {};
    for (const [name, selector] of [
      ["text", "body"],
      ["muted", ".item-detail"],
      ["link", ".items a"],
      ["header", ".brand"],
    ] as const) {
      const el = document.querySelector(selector);
      if (el) out[name] = Math.round(ratio(getComputedStyle(el).color, bg) * 10) / 10;
    }
    const current = document.querySelector('.top nav a[aria-current="page"]');
    if (current) out["current section"] = Math.round(ratio(getComputedStyle(current).color, getComputedStyle(current).backgroundColor) * 10) / 10;
    return out;
  });
}

describe("accessibility (chromium)", () => {
  it("names every control on every page", async () => {
    for (const hash of PAGES) {
      await open(pg.page, hash);
      expect(await unnamedControls(pg.page), hash).toEqual([]);
    }
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`keeps text readable in the ${scheme} scheme`, async () => {
      await pg.page.emulateMedia({ colorScheme: scheme });
      await open(pg.page, "#/agents/my-agent");
      const bg = await pg.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === "light" ? "rgb(255, 255, 255)" : "rgb(21, 23, 28)");
      const ratios = await contrasts(pg.page);
      expect(Object.keys(ratios).sort()).toEqual(["current section", "header", "link", "muted", "text"]);
      for (const [what, ratio] of Object.entries(ratios)) expect(ratio, `${scheme} ${what}`).toBeGreaterThanOrEqual(4.5);
    });
  }

  it("chats from the keyboard alone: Tab to the message box, type, Enter", async () => {
    const { page } = pg;
    await page.emulateMedia({ colorScheme: "light" });
    await open(page, "#/agents/my-agent");
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.id === "chat-input");
    }
    expect(reached).toBe(true);
    await page.keyboard.type("What is the weather in Kyiv?");
    await page.keyboard.press("Enter");
    await page.locator("article.msg.assistant").last().getByText("in Kyiv.").waitFor();
  });
});
