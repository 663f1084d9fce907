// The weather template (examples/weather-template, the app Mastra's create-mastra writes) on every
// target: its agent with the tool, memory over two requests on one thread read back with
// @mastra/client-js 0.17, and the workflow whose second step streams the agent's reply. No
// OPENAI_API_KEY reaches a runner, so the app runs offline: the local model and fixture forecasts.
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { MastraClient } from "@mastra/client-js";
import { expect } from "vitest";
import { json, type Check, type ConformanceApp, type Send } from "./conformance.js";

const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

/** The 0.17 client, speaking to the runtime through the runner's `send` (no socket on Miniflare or @netlify/dev). */
function client(send: Send): MastraClient {
  const viaSend = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return send(url.pathname + url.search, init);
  };
  return new MastraClient({ baseUrl: "http://template.local", retries: 0, fetch: viaSend as typeof fetch });
}

const templateChecks: Check[] = [
  {
    name: "lists the template's agent with its tool, and its workflow with both steps",
    async run(send) {
      const agents = await json(await send("/api/agents"));
      expect(Object.keys(agents)).toEqual(["weatherAgent"]);
      expect(agents.weatherAgent).toMatchObject({ name: "Weather Agent", provider: "local", modelId: "deterministic-weather" });
      expect(Object.keys(agents.weatherAgent.tools)).toEqual(["weatherTool"]);
      const workflows = await json(await send("/api/workflows"));
      expect(Object.keys(workflows)).toEqual(["weatherWorkflow"]);
      expect(Object.keys(workflows.weatherWorkflow.steps)).toEqual(["fetch-weather", "plan-activities"]);
    },
  },
  {
    name: "agent generate calls the weather tool (an older-style `({ context })` tool) and answers from its forecast",
    async run(send) {
      const res = await send("/api/agents/weatherAgent/generate", post({ messages: [{ role: "user", content: "What is the weather in Paris?" }] }));
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      const body = await json(res);
      expect(body.toolCalls).toMatchObject([{ toolName: "weatherTool", input: { location: "Paris" } }]);
      const forecast = body.toolResults[0].output;
      expect(forecast).toMatchObject({ location: "Paris", temperature: expect.any(Number), conditions: expect.any(String) });
      expect(body.text).toBe(
        `In Paris it is ${forecast.temperature}°C (feels like ${forecast.feelsLike}°C), ${forecast.conditions.toLowerCase()}, ` +
          `humidity ${forecast.humidity}%, wind ${forecast.windSpeed} km/h with gusts of ${forecast.windGust} km/h.`,
      );
    },
  },
  {
    name: "memory: two requests on one thread, the second sees the first (where one instance serves both); the thread reads back through @mastra/client-js",
    async run(send, caps) {
      const thread = `thread-${randomUUID()}`;
      const resource = `user-${randomUUID()}`;
      const first = await send("/api/agents/weatherAgent/generate", post({ messages: "My name is Ada.", memory: { thread, resource } }));
      expect(first.status).toBe(200);
      expect((await json(first)).text).toBe("You said: My name is Ada.");

      // The 0.17 client sends the older body (threadId/resourceId).
      const mastra = client(send);
      expect(await mastra.getMemoryStatus("weatherAgent")).toEqual({ result: true });
      const second = (await mastra.getAgent("weatherAgent").generate({ messages: "What is my name?", threadId: thread, resourceId: resource } as never)) as { text: string };
      // Under @netlify/dev every request gets a fresh function instance, and the template's
      // store is local (`file:`, kept in memory there): the first turn is gone, as the deploy
      // warning says. Everywhere else one instance answers both.
      if (!caps.sharedState) {
        expect(second.text).toBe("You said: What is my name?");
        return;
      }
      expect(second.text).toBe("You said: What is my name? Earlier you said: My name is Ada.");

      const threads = await mastra.getMemoryThreads({ resourceId: resource, agentId: "weatherAgent" });
      expect(threads.map((t) => t.id)).toEqual([thread]);
      const messages = await mastra.getMemoryThread(thread, "weatherAgent").getMessages();
      expect(messages.uiMessages.map((m: { role: string; content: string }) => `${m.role}: ${m.content}`)).toEqual([
        "user: My name is Ada.",
        "assistant: You said: My name is Ada.",
        "user: What is my name?",
        "assistant: You said: What is my name? Earlier you said: My name is Ada.",
      ]);
    },
  },
  {
    name: "the workflow runs to success: fetch-weather, then plan-activities streams the agent's reply (client-js createRunAsync → startAsync)",
    async run(send) {
      const workflow = client(send).getWorkflow("weatherWorkflow");
      const { runId } = await workflow.createRunAsync();
      const result = (await workflow.startAsync({ runId, inputData: { city: "Berlin" } })) as any;
      expect(result.status).toBe("success");
      const forecast = result.steps["fetch-weather"].output;
      expect(forecast).toMatchObject({ location: "Berlin", condition: expect.any(String) });
      expect(forecast.minTemp).toBeLessThanOrEqual(forecast.maxTemp);
      // The agent's streamed text, gathered from textStream chunk by chunk.
      expect(result.result.activities).toMatch(new RegExp(`^📅 Berlin: ${forecast.condition}, ${forecast.minTemp}°C to ${forecast.maxTemp}°C`));
      expect(result.result.activities.split("\n")).toHaveLength(3);
    },
  },
  {
    name: "an unknown city fails the workflow run with the template's own error",
    async run(send) {
      const res = await send("/api/workflows/weatherWorkflow/start-async", post({ inputData: { city: "Nowhere" } }));
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.status).toBe("failed");
      expect(JSON.stringify(body.error ?? body.steps["fetch-weather"].error)).toContain("Location 'Nowhere' not found");
    },
  },
  {
    name: "a body failing the workflow's input schema is a 400 JSON error naming the field",
    async run(send) {
      const res = await send("/api/workflows/weatherWorkflow/start-async", post({ inputData: { town: "Berlin" } }));
      expect(res.status).toBe(400);
      expect(JSON.stringify((await json(res)).issues)).toContain("city");
    },
  },
];

export const TEMPLATE_APP: ConformanceApp = {
  name: "weather template",
  dir: resolve(import.meta.dirname, "../../examples/weather-template"),
  checks: templateChecks,
  checkDeploy: {
    name: "the deploy warns that the template's local LibSQL stores are not shared, on the serverless targets only",
    run(result) {
      const serverless = !["node", "docker"].includes(result.target);
      const warning = result.warnings.find((w) => w.includes("won't be shared between instances"));
      expect(warning !== undefined, result.warnings.join("\n")).toBe(serverless);
      if (serverless) expect(warning).toContain("the app's libsql store keeps them in one instance (memory or a local file), and weatherAgent's Memory keeps its threads in its own libsql store");
    },
  },
};
