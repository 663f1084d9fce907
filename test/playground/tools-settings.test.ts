// Settings and Tools in chromium against examples/quickstart (whose middleware wants a Bearer
// token on /api/*): without the auth header the page says so; with it set in Settings every
// request carries it; a tool runs from its form, and the server's validation message shows next
// to the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPlayground, QUICKSTART_AUTH, type Playground } from "./browser.js";

let pg: Playground;

beforeAll(async () => {
  pg = await openPlayground({ auth: false, hash: "#/tools/weatherTool" });
});

afterAll(async () => {
  await pg?.close();
});

describe("settings and tools (chromium)", () => {
  it("says the app refused the request and where to set the auth header", async () => {
    const { page } = pg;
    const alert = page.getByRole("alert").filter({ hasText: "Could not list the tools" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Unauthorized (set the auth header in Settings)");
  });

  it("keeps working with the auth header set in Settings", async () => {
    const { page } = pg;
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Header name").fill(QUICKSTART_AUTH.name);
    await page.getByLabel("Header value").fill(QUICKSTART_AUTH.value);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor();
    const sent = pg.requests.length;
    await page.getByRole("link", { name: "Tools" }).click();
    await page.getByRole("navigation", { name: "Tools" }).getByRole("link", { name: /weatherTool/ }).click();
    await page.getByRole("heading", { name: "weatherTool" }).waitFor();
    const after = pg.requests.slice(sent).filter((r) => new URL(r.url()).pathname.startsWith("/api/"));
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect((await r.allHeaders()).authorization).toBe(QUICKSTART_AUTH.value);
  });

  it("shows the server's validation message next to the field", async () => {
    const { page } = pg;
    const field = page.getByLabel("location");
    expect(await field.getAttribute("aria-required")).toBe("true");
    await page.getByRole("button", { name: "Run tool" }).click();
    const error = page.locator(".field-error").first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/expected string|Invalid input/i);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.getAttribute("aria-describedby")).toContain(await error.getAttribute("id"));
  });

  it("runs the tool from its form and shows the result", async () => {
    const { page } = pg;
    await page.getByLabel("location").fill("Oslo");
    await page.getByRole("button", { name: "Run tool" }).click();
    const result = page.getByRole("region", { name: "Result" });
    await result.waitFor();
    expect(JSON.parse((await result.locator("pre").textContent())!)).toMatchObject({ location: "Oslo", units: "celsius" });
    expect(await page.getByLabel("location").getAttribute("aria-invalid")).toBeNull();
  });
});
