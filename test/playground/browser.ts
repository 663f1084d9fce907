// The playground's browser tests: Debian's chromium (never a downloaded browser) driven by
// playwright-core, against `mastra dev` running a copy of examples/quickstart (a copy, so a test
// may edit the code and watch the page follow the swap).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page, type Request } from "playwright-core";
import { cleanupDevTemp, copyApp, REPO, startDev, type DevSession } from "../dev/helpers.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** The token the quickstart's auth middleware accepts (it checks for `Bearer <anything>`). */
export const QUICKSTART_AUTH = { name: "Authorization", value: "Bearer playground-test" };

export interface Playground {
  page: Page;
  baseUrl: string;
  /** The app's folder (a temp copy): edit its files to make `mastra dev` swap servers. */
  app: string;
  dev: DevSession;
  /** Every request the page sent, in order. */
  requests: Request[];
  close: () => Promise<void>;
}

export interface PlaygroundOptions {
  /** The app to copy (default examples/quickstart). */
  source?: string;
  /** Packages the copy links from this repo's node_modules. */
  link?: string[];
  /** The auth header Settings holds when the page opens (default QUICKSTART_AUTH; false: none). */
  auth?: { name: string; value: string } | false;
  /** Where the page opens (default `#/agents`). */
  hash?: string;
  env?: NodeJS.ProcessEnv;
}

/** Launch headless chromium with a fresh profile (its own user-data-dir, removed on close). */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), "mastra-playground-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const app = copyApp(options.source ?? join(REPO, "examples", "quickstart"), "playground", options.link ?? ["zod", "@ai-sdk/openai"]);
  const dev = await startDev(app, { env: { OPENAI_API_KEY: "", ...options.env } });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const auth = options.auth ?? QUICKSTART_AUTH;
    if (auth) await browser.context.addInitScript((a) => localStorage.getItem("mastra-playground:auth") ?? localStorage.setItem("mastra-playground:auth", JSON.stringify(a)), auth);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    await page.goto(`${dev.url}/${options.hash ?? "#/agents"}`);
    const opened = browser;
    return {
      page,
      baseUrl: dev.url,
      app,
      dev,
      requests,
      close: async () => {
        await opened.close();
        await dev.stop();
        cleanupDevTemp();
      },
    };
  } catch (error) {
    await browser?.close();
    await dev.stop();
    cleanupDevTemp();
    throw error;
  }
}
