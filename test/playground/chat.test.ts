// Chatting in the playground, in chromium, against examples/quickstart under `mastra dev`: the
// reply streams in with the tool call's arguments and result, threads are kept and switched, the
// request context reaches the tool, and a server swap (a code change) reloads the page's data
// without losing the open thread.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../dev/helpers.js";
import { openPlayground, type Playground } from "./browser.js";

let pg: Playground;

beforeAll(async () => {
  pg = await openPlayground({ hash: "#/agents/my-agent" });
});

afterAll(async () => {
  await pg?.close();
});

const replies = (page: Page) => page.locator("article.msg.assistant");

/** Send a message and wait until its reply has finished streaming; returns the reply element. */
async function say(page: Page, text: string) {
  const before = await replies(page).count();
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Message", { exact: true }).press("Enter");
  const reply = replies(page).nth(before);
  await reply.waitFor();
  await page.getByRole("button", { name: "Send" }).waitFor(); // Stop turns back into Send when the stream ends
  return reply;
}

const threadButtons = (page: Page) => page.getByRole("navigation", { name: "Threads" }).locator("li button");

describe("chat with the quickstart's agent (chromium)", () => {
  it("streams the reply and shows the tool call with its arguments and result", async () => {
    const { page } = pg;
    await page.getByRole("heading", { name: "Weather Agent" }).waitFor();
    expect(await page.getByText("Model: local / deterministic-weather · Tools: weatherTool").count()).toBe(1);
    const reply = await say(page, "What is the weather in Paris?");
    const args = await reply.getByLabel("weatherTool arguments").textContent();
    expect(JSON.parse(args!)).toEqual({ location: "Paris" });
    const result = JSON.parse((await reply.getByLabel("weatherTool result").textContent())!);
    expect(result).toMatchObject({ location: "Paris", units: "celsius" });
    expect(await reply.textContent()).toContain(`It is ${result.temperature}°C and ${result.conditions} in Paris.`);
    // The request went to the stream route with the thread and the agent as resource.
    const streamed = pg.requests.find((r) => r.url().endsWith("/api/agents/my-agent/stream"))!;
    expect(streamed.postDataJSON()).toMatchObject({ messages: [{ role: "user", content: "What is the weather in Paris?" }], memory: { resource: "my-agent" } });
  });

  it("keeps the conversation as a thread; a new thread starts empty and switching back reloads its messages", async () => {
    const { page } = pg;
    await until(async () => (await threadButtons(page).count()) === 1 && (await threadButtons(page).first().textContent())!.startsWith("Thread"), "the saved thread in the list");
    const first = await threadButtons(page).first().getAttribute("data-thread-id");
    expect(first).toBeTruthy();

    await page.getByRole("button", { name: "New thread", exact: true }).click();
    await until(async () => (await replies(page).count()) === 0, "the new thread's empty conversation");
    await say(page, "What is the weather in Oslo?");
    await until(async () => (await threadButtons(page).count()) === 2, "two threads");

    await page.locator(`[data-thread-id="${first}"]`).click();
    await until(async () => (await page.locator("article.msg").allTextContents()).join(" ").includes("Paris"), "the first thread's messages");
    const shown = (await page.locator("article.msg").allTextContents()).join(" ");
    expect(shown).not.toContain("Oslo");
    expect(await page.locator(`[data-thread-id="${first}"]`).getAttribute("aria-current")).toBe("true");
  });

  it("sends the chat settings: the request context reaches the tool", async () => {
    const { page } = pg;
    await page.getByText("Chat settings").click();
    await page.getByLabel("Request context (JSON object)").fill("[1, 2]");
    await page.getByLabel("Message", { exact: true }).fill("What is the weather in Rome?");
    await page.getByLabel("Message", { exact: true }).press("Enter");
    await page.getByText("Request context must be a JSON object").waitFor();

    await page.getByLabel("Request context (JSON object)").fill('{"units": "fahrenheit"}');
    await page.getByLabel("Max steps").fill("3");
    const reply = await say(page, "What is the weather in Rome?");
    expect(JSON.parse((await reply.getByLabel("weatherTool result").textContent())!)).toMatchObject({ location: "Rome", units: "fahrenheit" });
    const body = pg.requests.filter((r) => r.url().endsWith("/stream")).at(-1)!.postDataJSON();
    expect(body).toMatchObject({ requestContext: { units: "fahrenheit" }, maxSteps: 3 });
  });

  it("reloads its data when mastra dev swaps in a new server, keeping the open thread", async () => {
    const { page } = pg;
    const open = await page.locator('nav[aria-label="Threads"] [aria-current="true"]').getAttribute("data-thread-id");
    const before = (await page.locator("article.msg").allTextContents()).join(" ");
    expect(before).toContain("Rome");
    const sent = pg.requests.length;
    const file = join(pg.app, "src", "mastra", "agents", "weather-agent.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace('name: "Weather Agent"', 'name: "Forecast Agent"'));
    await page.getByRole("heading", { name: "Forecast Agent" }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole("navigation", { name: "Agents" }).textContent()).toContain("Forecast Agent");
    expect(await page.getByRole("status").first().textContent()).toMatch(/Server reloaded/);
    // The same thread is open, its messages read again from the new server (mastra dev keeps
    // memory in a file store across swaps), and still on screen.
    await until(async () => {
      const reread = pg.requests.slice(sent).find((r) => r.url().includes(`/api/memory/threads/${open}/messages`));
      return (await reread?.response())?.status() === 200;
    }, "the open thread's messages read from the new server");
    expect((await page.locator("article.msg").allTextContents()).join(" ")).toContain("Rome");
    const reply = await say(page, "What is the weather in Lima?");
    expect(await reply.textContent()).toContain("in Lima.");
    const body = pg.requests.filter((r) => r.url().endsWith("/stream")).at(-1)!.postDataJSON();
    expect(body.memory.thread).toBe(open);
  });
});
