// The conformance app: written against "@mastra/core" exactly as the Mastra docs do, with a
// short server.timeout and a /slow route so the 504-and-abort path can be checked everywhere.
import { Agent, createStep, createTool, createWorkflow, Mastra } from "@mastra/core";
import { registerApiRoute } from "@mastra/core/server";
import { z } from "zod";
import { echoModel, streamState } from "./echo-model";

const shoutTool = createTool({
  id: "shout",
  description: "Upper-cases a text",
  inputSchema: z.object({ text: z.string() }),
  outputSchema: z.object({ loud: z.string() }),
  execute: async ({ text }) => ({ loud: text.toUpperCase() }),
});

const double = createStep({
  id: "double",
  inputSchema: z.object({ n: z.number() }),
  outputSchema: z.object({ n: z.number() }),
  execute: async ({ inputData }) => ({ n: inputData.n * 2 }),
});

const describe = createStep({
  id: "describe",
  inputSchema: z.object({ n: z.number() }),
  outputSchema: z.object({ text: z.string() }),
  execute: async ({ inputData }) => ({ text: `result ${inputData.n}` }),
});

const mathWorkflow = createWorkflow({
  id: "mathWorkflow",
  inputSchema: z.object({ n: z.number() }),
  outputSchema: z.object({ text: z.string() }),
})
  .then(double)
  .then(describe)
  .commit();

// Started with /start and handed to the platform's waitUntil: it outlives the response, and
// says so on stdout when it ends, so a runtime that waits for handed-over work can be observed.
const linger = createStep({
  id: "linger",
  inputSchema: z.object({ tag: z.string(), ms: z.number() }),
  outputSchema: z.object({ tag: z.string() }),
  execute: async ({ inputData }) => {
    await new Promise((r) => setTimeout(r, inputData.ms));
    console.log(`background run finished: ${inputData.tag}`);
    return { tag: inputData.tag };
  },
});

const backgroundWorkflow = createWorkflow({
  id: "backgroundWorkflow",
  inputSchema: z.object({ tag: z.string(), ms: z.number() }),
  outputSchema: z.object({ tag: z.string() }),
})
  .then(linger)
  .commit();

// What the /slow handler saw, kept per isolate/process so a later request can report it.
const slowState = { started: 0, aborted: 0 };

export const mastra = new Mastra({
  agents: {
    "my-agent": new Agent({ name: "Echo Agent", instructions: "Echo the user.", model: echoModel(), tools: { shoutTool } }),
  },
  workflows: { mathWorkflow, backgroundWorkflow },
  server: {
    port: 4567,
    timeout: 1500,
    cors: {
      origin: ["https://example.com"],
      allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization"],
      credentials: false,
    },
    middleware: [
      {
        handler: async (c, next) => {
          const authHeader = c.req.header("Authorization");
          if (!authHeader || !authHeader.startsWith("Bearer ")) {
            return new Response("Unauthorized", { status: 401 });
          }
          await next();
        },
        path: "/api/*",
      },
      async (c, next) => {
        await next();
        c.header("x-logged", "1");
      },
    ],
    apiRoutes: [
      registerApiRoute("/my-custom-route", {
        method: "GET",
        handler: async (c) => {
          const mastra = c.get("mastra");
          const agent = await mastra.getAgent("my-agent");
          return c.json({ message: "Hello, world!", agent: agent.name });
        },
      }),
      registerApiRoute("/guarded", {
        method: "GET",
        middleware: [
          async (c, next) => {
            if (c.req.header("x-pass") !== "yes") return c.json({ error: "route middleware said no" }, 403);
            c.set("routeNote" as never, "set by route middleware" as never);
            await next();
          },
        ],
        handler: async (c) => c.json({ note: c.get("routeNote" as never) }),
      }),
      registerApiRoute("/headers", {
        method: "GET",
        handler: async (c) =>
          c.json({
            cloud: c.req.header("x-mastra-cloud") ?? null,
            clientType: c.req.header("x-mastra-client-type") ?? null,
            playground: c.req.header("x-mastra-dev-playground") ?? null,
          }),
      }),
      registerApiRoute("/slow", {
        method: "GET",
        handler: async (c) => {
          slowState.started++;
          const signal = c.get("abortSignal") as AbortSignal;
          // Waits until the server's timeout aborts it: never answers on its own.
          await new Promise<void>((resolve) => {
            const done = () => {
              slowState.aborted++;
              resolve();
            };
            if (signal.aborted) done();
            else signal.addEventListener("abort", done, { once: true });
          });
          return c.json({ finished: true });
        },
      }),
      // Reads a secret at run time (never at build time): the e2e plants its value in .env and
      // checks that no artifact byte contains it.
      registerApiRoute("/secret-configured", {
        method: "GET",
        handler: async (c) => c.json({ configured: typeof process !== "undefined" && Boolean(process.env.CONFORMANCE_API_KEY) }),
      }),
      registerApiRoute("/slow-state", {
        method: "GET",
        handler: async (c) => c.json(slowState),
      }),
      registerApiRoute("/stream-state", {
        method: "GET",
        handler: async (c) => c.json(streamState),
      }),
    ],
  },
});
