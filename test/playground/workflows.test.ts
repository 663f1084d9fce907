// The Workflows page in real chromium against examples/quickstart under `mastra dev`: run a workflow
// from its form and watch each step succeed, the server's 400 shown beside the field, a suspended
// run's payload and its resume form, and the runs history.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { REPO } from "../dev/helpers.js";
import { openPlayground, QUICKSTART_AUTH, type Playground } from "./browser.js";

let pg: Playground;

/** How long a poll waits for the page: generous, the machine may be busy (no timing is asserted). */
const PATIENCE = { timeout: 30_000 };

beforeAll(async () => {
  pg = await openPlayground({ hash: "#/workflows/weatherWorkflow" });
}, 180_000);

afterAll(async () => {
  await pg?.close();
});

const step = (id: string): Locator => pg.page.locator(`.wf-graph [data-step="${id}"]`);
const runStatus = (page: Page = pg.page): Locator => page.locator("[data-run-status]");

/** What the API itself answers for this input, to compare with what the page shows. */
async function startAsync(workflowId: string, inputData: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${pg.baseUrl}/api/workflows/${workflowId}/start-async`, {
    method: "POST",
    headers: { "content-type": "application/json", [QUICKSTART_AUTH.name]: QUICKSTART_AUTH.value },
    body: JSON.stringify({ inputData }),
  });
  return { status: res.status, body: await res.json() };
}

describe("the Workflows page", () => {
  it("draws the step graph: the sequence, and a branch with each lane under its condition", async () => {
    const { page } = pg;
    await expect.poll(() => step("fetch-weather").count(), PATIENCE).toBe(1);
    expect(await page.locator(".wf-graph [data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")))).toEqual(["fetch-weather", "plan-activity"]);
    expect(await step("fetch-weather").getAttribute("data-status")).toBe("idle");

    await page.getByRole("link", { name: /activityApproval/ }).click();
    await expect.poll(() => step("approve-plan").count(), PATIENCE).toBe(1);
    const branch = page.locator(".wf-graph .wf-branch");
    expect(await branch.locator("[data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")))).toEqual(["outdoor-plan", "indoor-plan"]);
    expect(await branch.locator(".wf-condition").allTextContents()).toEqual([expect.stringMatching(/^when \w+\.includes\(inputData\.conditions\)/), expect.stringMatching(/^when !\w+\.includes\(inputData\.conditions\)/)]);
    expect(await page.locator(".wf-graph [data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")))).toEqual([
      "check-weather",
      "outdoor-plan",
      "indoor-plan",
      "map_2",
      "approve-plan",
    ]);
  });

  it("runs weatherWorkflow from its form: each step lights up as succeeded, its output viewable, the run in the history", async () => {
    const { page } = pg;
    await page.getByRole("link", { name: /weatherWorkflow/ }).click();
    await page.getByLabel("city").fill("Lisbon");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => runStatus().textContent(), PATIENCE).toBe("success");
    expect(await step("fetch-weather").getAttribute("data-status")).toBe("success");
    expect(await step("plan-activity").getAttribute("data-status")).toBe("success");
    expect(await page.getByLabel("Run result", { exact: true }).textContent()).toContain("Lisbon");

    await step("fetch-weather").click();
    expect(await step("fetch-weather").getAttribute("aria-pressed")).toBe("true");
    const detail = page.getByRole("region", { name: "Step fetch-weather" });
    expect(JSON.parse((await detail.getByLabel("Output").textContent())!)).toMatchObject({ location: "Lisbon", units: "celsius" });
    expect(JSON.parse((await detail.getByLabel("Input").textContent())!)).toEqual({ city: "Lisbon" });

    const history = page.getByRole("region", { name: "Runs" });
    await expect.poll(() => history.locator("[data-run]").count(), PATIENCE).toBe(1);
    expect(await history.locator("[data-run] .wf-badge").textContent()).toBe("success");
  });

  it("a bad form shows the server's 400 message beside the field, and starts no run", async () => {
    const { page } = pg;
    const city = page.getByLabel("city");
    await city.fill("");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const api = await startAsync("weatherWorkflow", {});
    expect(api.status).toBe(400);
    const message = api.body.issues.find((i: { path: string }) => i.path === "city").message;
    await expect.poll(() => city.getAttribute("aria-invalid"), PATIENCE).toBe("true");
    const errorId = (await city.getAttribute("aria-describedby"))!.split(" ").find((id) => id.endsWith("-error"))!;
    expect(await page.locator(`#${errorId}`).textContent()).toBe(message);
    expect(await page.getByRole("region", { name: "Runs" }).locator("[data-run]").count()).toBe(1); // no run was created
  });

  it("a suspended run shows its suspend payload and a resume form from the step's resumeSchema; resuming finishes it", async () => {
    const { page } = pg;
    await page.getByRole("link", { name: /activityApproval/ }).click();
    await page.getByLabel("city").fill("Oslo");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => runStatus().textContent(), PATIENCE).toBe("suspended");
    expect(await step("approve-plan").getAttribute("data-status")).toBe("suspended");
    expect(await step("check-weather").getAttribute("data-status")).toBe("success");
    const statuses = await Promise.all(["outdoor-plan", "indoor-plan"].map((id) => step(id).getAttribute("data-status")));
    expect(statuses.sort()).toEqual(["idle", "success"]);

    const resume = page.getByRole("region", { name: "Resume approve-plan" });
    const payload = JSON.parse((await resume.getByLabel("Suspend payload of approve-plan").textContent())!);
    expect(payload.question).toMatch(/Oslo/);
    await resume.getByLabel("approved").check();
    await resume.getByLabel("note").fill("bring a scarf");
    await resume.getByRole("button", { name: "Resume", exact: true }).click();
    await expect.poll(() => runStatus().textContent(), PATIENCE).toBe("success");
    expect(await step("approve-plan").getAttribute("data-status")).toBe("success");
    expect(JSON.parse((await page.getByLabel("Run result", { exact: true }).textContent())!)).toMatchObject({ approved: true, note: "bring a scarf", activity: payload.activity });
  });

  it("the history opens a past run: a suspended one shows its resume form again", async () => {
    const { page } = pg;
    const api = await startAsync("activityApproval", { city: "Rome" });
    expect(api.body.status).toBe("suspended");
    await page.reload();
    const history = page.getByRole("region", { name: "Runs" });
    await expect.poll(() => history.locator("[data-run]").count(), PATIENCE).toBe(2);
    const suspended = history.locator("[data-run]", { hasText: "suspended" });
    await suspended.click();
    await expect.poll(() => runStatus().textContent(), PATIENCE).toBe("suspended");
    expect(await suspended.getAttribute("aria-current")).toBe("true");
    const payload = JSON.parse((await page.getByLabel("Suspend payload of approve-plan").textContent())!);
    expect(payload.question).toMatch(/Rome/);
    await page.locator(".wf-input summary").click();
    expect(JSON.parse((await page.getByLabel("Run input").textContent())!)).toEqual({ city: "Rome" });

    await history.locator("[data-run]", { hasText: "success" }).click();
    await expect.poll(() => runStatus().textContent(), PATIENCE).toBe("success");
    expect(await page.getByRole("region", { name: "Resume approve-plan" }).count()).toBe(0);
  });
});

describe("every shape of step graph, lit up step by step (test/playground/fixtures/workflows-app)", () => {
  let app: Playground;
  const node = (id: string): Locator => app.page.locator(`.wf-graph [data-step="${id}"]`);

  beforeAll(async () => {
    app = await openPlayground({ source: join(REPO, "test", "playground", "fixtures", "workflows-app"), link: ["zod"], auth: false, hash: "#/workflows/shapes" });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it("draws parallel lanes, a dountil frame with its condition, foreach, map, sleep and a nested workflow's own steps", async () => {
    const { page } = app;
    await expect.poll(() => node("gate").count(), PATIENCE).toBe(1);
    expect(await page.locator(".wf-graph [data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")))).toEqual([
      "gate",
      "double",
      "square",
      "map_2",
      "increment",
      "map_4",
      "label",
      "sum",
      "sleep_7",
      "inner",
      "inner.add-one",
      "inner.times-two",
    ]);
    expect(await page.locator(".wf-parallel [data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-step")))).toEqual(["double", "square"]);
    const loop = page.locator(".wf-loop");
    expect(await loop.locator(".wf-frame-label").textContent()).toBe("↻ dountil");
    expect(await loop.locator(".wf-condition").textContent()).toBe("until inputData.n >= 20");
    expect(await page.locator(".wf-foreach .wf-frame-label").textContent()).toBe("⋯ foreach item, 2 at a time");
    expect(await node("sleep_7").getAttribute("aria-label")).toBe("sleep_7 (sleep 10 ms): not run");
    expect(await node("inner").getAttribute("aria-label")).toBe("inner (workflow): not run");
    expect(await node("map_2").getAttribute("aria-label")).toBe("map_2 (map): not run");
  });

  it("a step shows running while the watch stream says so, then every step, nested ones included, succeeds", async () => {
    const { page } = app;
    await page.getByRole("spinbutton", { name: "n", exact: true }).fill("1");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => node("gate").getAttribute("data-status"), PATIENCE).toBe("running");
    expect(await runStatus(page).textContent()).toBe("running");
    expect(await node("double").getAttribute("data-status")).toBe("idle");

    expect(await (await fetch(`${app.baseUrl}/release`, { method: "POST" })).json()).toEqual({ released: 1 });
    await expect.poll(() => runStatus(page).textContent(), PATIENCE).toBe("success");
    const statuses = await page.locator(".wf-graph [data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses.every((s) => s === "success")).toBe(true);
    // 1 → double 2 + square 1 = 3 → +5 until ≥ 20: 23 → [24, 25, 26] → 75 → inner: (75 + 1) * 2
    expect(JSON.parse((await page.getByLabel("Run result", { exact: true }).textContent())!)).toEqual({ n: 152 });

    await node("inner.add-one").click();
    const detail = page.getByRole("region", { name: "Step inner.add-one" });
    expect(JSON.parse((await detail.getByLabel("Output").textContent())!)).toEqual({ n: 76 });
    // From the keyboard: a step is a button; focus it and press Enter.
    await node("label").focus();
    await page.keyboard.press("Enter");
    expect(await node("label").getAttribute("aria-pressed")).toBe("true");
    expect(JSON.parse((await page.getByRole("region", { name: "Step label" }).getByLabel("Output").textContent())!)).toEqual([
      { label: "#24", n: 24 },
      { label: "#25", n: 25 },
      { label: "#26", n: 26 },
    ]);
  });

  it("Cancel run stops a running run: the running step sees its abortSignal", async () => {
    const { page } = app;
    await page.getByRole("spinbutton", { name: "n", exact: true }).fill("2");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => node("gate").getAttribute("data-status"), PATIENCE).toBe("running");
    await page.getByRole("button", { name: "Cancel run" }).click();
    await expect.poll(() => runStatus(page).textContent(), PATIENCE).toBe("canceled");
    expect(await node("gate").getAttribute("data-status")).toBe("failed");
    expect(await node("double").getAttribute("data-status")).toBe("idle");
    expect(await page.getByRole("button", { name: "Cancel run" }).count()).toBe(0);
  });

  it("a workflow without an input schema takes JSON; its failed step shows the error", async () => {
    const { page } = app;
    await page.getByRole("link", { name: /failing/ }).click();
    const input = page.getByRole("textbox", { name: "Input", exact: true });
    await input.fill('{"why":"test"}');
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect.poll(() => runStatus(page).textContent(), PATIENCE).toBe("failed");
    expect(await node("kaput").getAttribute("data-status")).toBe("failed");
    const detail = page.getByRole("region", { name: "Step kaput" });
    expect(await detail.locator("dd.field-error").textContent()).toBe('kaput: {"why":"test"}');
  });

  it("follows the code: after an edit, mastra dev swaps servers and the list and graph reload", async () => {
    const { page } = app;
    await page.getByRole("link", { name: /failing/ }).click();
    await expect.poll(() => node("kaput").count(), PATIENCE).toBe(1);
    const file = join(app.app, "src", "mastra", "index.ts");
    const code = readFileSync(file, "utf8");
    writeFileSync(file, code.replace('.then(kaput).commit()', '.then(kaput).then(createStep({ id: "after-kaput", execute: async () => ({}) })).commit()').replace("No input schema; its only step throws", "Edited while the page was open"));
    await expect.poll(() => page.getByRole("link", { name: /failing/ }).textContent(), { timeout: 60_000 }).toContain("Edited while the page was open");
    await expect.poll(() => node("after-kaput").count(), PATIENCE).toBe(1);

    // The open workflow removed from the app: the page says so (the 404's message) and the list drops it.
    writeFileSync(file, readFileSync(file, "utf8").replace("workflows: { shapes, failing }", "workflows: { shapes }"));
    const alert = page.getByRole("alert").filter({ hasText: "Could not reload failing" });
    await expect.poll(() => alert.count(), { timeout: 60_000 }).toBe(1);
    expect(await alert.textContent()).toContain('Workflow "failing" not found');
    await expect.poll(() => page.getByRole("link", { name: /failing/ }).count(), PATIENCE).toBe(0);
  });
});
