// Runtime entry for the netlify target: the bundle IS the function (Functions v2): the default
// export gets a Web Request and Netlify's Context and returns a Response; `config.path` routes
// every path to it. The app (and its Mastra instance) is created once per function instance.
import type { Config, Context } from "@netlify/functions";
import { mastra } from "virtual:mastra-app";
import { checkMastraExport, createServer } from "mastra-deploy/server";
import { executionContext } from "../execution-context.js";

const app = createServer(checkMastraExport(mastra));

// context.waitUntil lets work started in the background (a workflow started with /start) finish after the response.
export default async (request: Request, context: Context): Promise<Response> =>
  app.fetch(request, process.env, executionContext((promise) => context.waitUntil(promise)));

export const config: Config = { path: "/*" };
