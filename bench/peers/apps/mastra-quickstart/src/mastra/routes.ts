import { registerApiRoute } from "@mastra/core/server";

// The docs' custom route, with the docs' per-route logging middleware.
export const myCustomRoute = registerApiRoute("/my-custom-route", {
  method: "GET",
  middleware: [
    async (c, next) => {
      // Example: Add request logging
      console.log(`${c.req.method} ${c.req.url}`);
      await next();
    },
  ],
  handler: async (c) => {
    // you have access to mastra instance here
    const mastra = c.get("mastra");
    // you can use the mastra instance to get agents, workflows, etc.
    const agents = await mastra.getAgent("my-agent");
    return c.json({ message: "Hello, world!" });
  },
});

// Shows what middleware put into the request: the special Mastra headers.
export const whoAmIRoute = registerApiRoute("/whoami", {
  method: "GET",
  handler: async (c) =>
    c.json({
      clientType: c.req.header("x-mastra-client-type") ?? null,
      fromMastraCloud: c.req.header("x-mastra-cloud") === "true",
      devPlayground: c.req.header("x-mastra-dev-playground") === "true",
    }),
});
