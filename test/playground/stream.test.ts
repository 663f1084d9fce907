// The reply arrives token by token, and Stop aborts it on the server too: a fixture agent whose
// model streams a word every 150 ms and logs when the server aborts it.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, until } from "../dev/helpers.js";
import { openPlayground, type Playground } from "./browser.js";

let pg: Playground;

beforeAll(async () => {
  pg = await openPlayground({ source: join(REPO, "test", "playground", "fixtures", "slow-chat"), link: [], auth: false, hash: "#/agents/slow" });
});

afterAll(async () => {
  await pg?.close();
});

describe("a streamed reply (chromium)", () => {
  it("grows word by word on screen, and Stop aborts the model on the server", async () => {
    const { page } = pg;
    await page.getByRole("heading", { name: "Slow Agent" }).waitFor();
    // Record every text the reply shows while it streams.
    await page.evaluate(() => {
      const seen: string[] = ((window as any).__seen = []);
      new MutationObserver(() => {
        const reply = document.querySelector("article.msg.assistant");
        if (reply) seen.push(reply.textContent ?? "");
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel("Message", { exact: true }).fill("Tell me a long story");
    await page.getByRole("button", { name: "Send" }).click();
    const reply = page.locator("article.msg.assistant");
    await until(async () => (await reply.textContent())!.includes("word3 "), "the first words");
    await page.getByRole("button", { name: "Stop" }).click();
    await reply.getByText("(stopped)").waitFor();
    await until(async () => pg.dev.output().includes("slow model: aborted by the server"), "the server's abort");

    const seen: string[] = await page.evaluate(() => (window as any).__seen);
    const words = new Set(seen.map((t) => (t.match(/word\d+/g) ?? []).length));
    expect(words.size, `texts seen: ${seen.join(" | ")}`).toBeGreaterThanOrEqual(3); // 1 word, 2 words, 3 words…
    const final = (await reply.textContent())!;
    expect(final).not.toContain("word60");
    // No more words arrive after Stop.
    await new Promise((r) => setTimeout(r, 500));
    expect(await reply.textContent()).toBe(final);
    expect(await page.getByRole("button", { name: "Send" }).count()).toBe(1);
  });

  it("stops the reply on the server when the chat is left mid-stream", async () => {
    const { page } = pg;
    const aborts = () => pg.dev.output().split("slow model: aborted by the server").length - 1;
    const before = aborts();
    await page.getByLabel("Message", { exact: true }).fill("Another long story");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("button", { name: "Stop" }).waitFor();
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Tools" }).click();
    await until(async () => aborts() === before + 1, "the server's abort after leaving");
  });
});
