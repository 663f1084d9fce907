// `npm run screenshots`: the README's pictures of the playground, taken by the same Debian
// chromium and the same helper the browser tests use (test/playground/browser.ts, compiled on
// the fly), against examples/quickstart under `mastra dev`. Writes docs/*.png.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadBrowserHelper, REPO as repo } from "./browser-helper.mjs";

const { openPlayground } = await loadBrowserHelper();
mkdirSync(join(repo, "docs"), { recursive: true });

/** Each picture: where the page opens, what to do there, the file it goes to. */
const shots = [
  {
    file: "docs/playground-chat.png",
    hash: "#/agents/my-agent",
    async act(page) {
      const input = page.getByLabel("Message", { exact: true });
      await input.fill("What is the weather in Paris?");
      await input.press("Enter");
      await page.locator("article.msg.assistant").getByText("in Paris.").waitFor();
      await page.getByRole("button", { name: "Send" }).waitFor();
      await page.locator("[data-thread-id]").first().waitFor(); // the saved thread, listed
    },
  },
  {
    file: "docs/playground-workflow.png",
    hash: "#/workflows/activityApproval",
    // Taller: the graph, the run form and the suspended step's resume form in one picture.
    viewport: { width: 1200, height: 1000 },
    async act(page) {
      await page.getByLabel("city").fill("Lisbon");
      await page.getByRole("button", { name: "Run", exact: true }).click();
      await page.locator('[data-run-status="suspended"]').waitFor();
      await page.getByRole("button", { name: "Resume", exact: true }).waitFor();
    },
  },
];

// `npm run screenshots -- chat`: only the pictures whose file name has one of these words.
const only = process.argv.slice(2);
for (const shot of shots.filter((s) => only.length === 0 || only.some((w) => s.file.includes(w)))) {
  const pg = await openPlayground({ hash: shot.hash });
  try {
    await pg.page.setViewportSize(shot.viewport ?? { width: 1200, height: 720 });
    await shot.act(pg.page);
    await pg.page.screenshot({ path: join(repo, shot.file) });
    console.log(`wrote ${shot.file}`);
  } finally {
    await pg.close();
  }
}
