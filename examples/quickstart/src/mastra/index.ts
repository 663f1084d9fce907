import { Mastra } from "@mastra/core";
import { weatherAgent } from "./agents/weather-agent";
import { myCustomRoute, whoAmIRoute } from "./routes";
import { activityApprovalWorkflow } from "./workflows/activity-approval-workflow";
import { weatherWorkflow } from "./workflows/weather-workflow";

export const mastra = new Mastra({
  agents: { "my-agent": weatherAgent },
  workflows: { weatherWorkflow, activityApproval: activityApprovalWorkflow },
  server: {
    port: 3000, // Defaults to 4111
    timeout: 10000, // Defaults to 30000 (30s)
    cors: {
      origin: ["https://example.com"], // Allow specific origins or '*' for all
      allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["Content-Type", "Authorization"],
      credentials: false,
    },
    apiRoutes: [myCustomRoute, whoAmIRoute],
    middleware: [
      // Authentication (the docs' "Common Middleware Use Cases")
      {
        handler: async (c, next) => {
          const authHeader = c.req.header("Authorization");
          if (!authHeader || !authHeader.startsWith("Bearer ")) {
            return new Response("Unauthorized", { status: 401 });
          }
          const token = authHeader.split(" ")[1];
          // Validate token here
          await next();
        },
        path: "/api/*",
      },
      // add middleware to all routes
      async (c, next) => {
        // Example: Add request logging
        console.log(`${c.req.method} ${c.req.url}`);
        await next();
      },
      // Special Mastra headers (an object without `path` applies to /api/*)
      {
        handler: async (c, next) => {
          // Check for Mastra-specific headers in incoming requests
          const isFromMastraCloud = c.req.header("x-mastra-cloud") === "true";
          const clientType = c.req.header("x-mastra-client-type"); // e.g., 'js', 'python'
          const isDevPlayground = c.req.header("x-mastra-dev-playground") === "true";
          // Customize behavior based on client information
          if (isFromMastraCloud) {
            // Special handling for Mastra Cloud requests
          }
          // Request-specific data for agents, tools and workflows
          if (clientType) c.get("requestContext").set("clientType", clientType);
          await next();
        },
      },
    ],
  },
});
