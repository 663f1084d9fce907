import { openai } from "@ai-sdk/openai";
import { Agent } from "@mastra/core/agent";
import { LibSQLStore } from "@mastra/libsql";
import { Memory } from "@mastra/memory";
import { env } from "../env";
import { weatherTool } from "../tools/weather-tool";
import { weatherModel } from "./local-model";

export const weatherAgent = new Agent({
  name: "Weather Agent",
  instructions: `
      You are a friendly weather assistant. Give the current weather for the place the user names:
      - ask which place they mean when they name none
      - use the English name of a place, and its main part ("Paris" for "Paris, France")
      - mention temperature, how it feels, humidity and wind, in a few short sentences

      Look the weather up with weatherTool; never guess it.
`,
  model: env("OPENAI_API_KEY") ? openai("gpt-4o-mini") : weatherModel,
  tools: { weatherTool },
  memory: new Memory({
    storage: new LibSQLStore({
      url: "file:../mastra.db", // path is relative to the .mastra/output directory
    }),
  }),
});
