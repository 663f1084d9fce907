import { openai } from "@ai-sdk/openai";
import { Agent } from "@mastra/core/agent";
import { localModel } from "../models/local-model";
import { weatherTool } from "../tools/weather-tool";

// With OPENAI_API_KEY set in the environment at startup the agent uses a real model.
const useOpenAI = typeof process !== "undefined" && Boolean(process.env?.OPENAI_API_KEY);
if (!useOpenAI) console.log("weather agent: no OPENAI_API_KEY set, using the deterministic local model");

export const weatherAgent = new Agent({
  name: "Weather Agent",
  instructions: "You are a helpful weather assistant. Use the weatherTool to look up the weather for the place the user asks about.",
  model: useOpenAI ? openai("gpt-4o-mini") : localModel(),
  tools: { weatherTool },
});
