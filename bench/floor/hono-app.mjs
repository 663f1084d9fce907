// The floor for cold start, throughput and memory: what a person would write by hand with Hono on
// @hono/node-server to serve the quickstart's routes with the quickstart's middleware — no
// framework layer. Same CORS config, same 10 s timeout, the same three middleware and the custom
// route's own logger, the same response bodies. /api/agents answers the same JSON our server sends
// (captured in agents.json), as a hand-written app would hold a static description.
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { timeout } from "hono/timeout";

const agents = JSON.parse(readFileSync(new URL("./agents.json", import.meta.url), "utf8"));
const app = new Hono();

app.use(
  "*",
  cors({
    origin: ["https://example.com"],
    allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
    allowHeaders: ["Content-Type", "Authorization", "x-mastra-cloud", "x-mastra-client-type", "x-mastra-dev-playground"],
    credentials: false,
  }),
);
app.use("*", timeout(10000));
// Authentication on /api/*
app.use("/api/*", async (c, next) => {
  const authHeader = c.req.header("Authorization");
  if (!authHeader || !authHeader.startsWith("Bearer ")) return new Response("Unauthorized", { status: 401 });
  await next();
});
// Request logging on every route
app.use("*", async (c, next) => {
  console.log(`${c.req.method} ${c.req.url}`);
  await next();
});
// Special Mastra headers on /api/*
app.use("/api/*", async (c, next) => {
  const clientType = c.req.header("x-mastra-client-type");
  if (clientType) c.set("clientType", clientType);
  await next();
});

app.get("/health", (c) => c.json({ status: "ok" }));
app.get("/api/agents", (c) => c.json(agents));
app.get(
  "/my-custom-route",
  async (c, next) => {
    console.log(`${c.req.method} ${c.req.url}`);
    await next();
  },
  (c) => c.json({ message: "Hello, world!" }),
);
app.get("/whoami", (c) =>
  c.json({
    clientType: c.req.header("x-mastra-client-type") ?? null,
    fromMastraCloud: c.req.header("x-mastra-cloud") === "true",
    devPlayground: c.req.header("x-mastra-dev-playground") === "true",
  }),
);

const port = Number(process.env.PORT) || 3000;
serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => console.error(`hono floor listening on http://127.0.0.1:${info.port}`));
