import { createStep, createWorkflow } from "@mastra/core/workflows";
import { z } from "zod";
import { weatherTool } from "../tools/weather-tool";

const forecast = z.object({ location: z.string(), temperature: z.number(), conditions: z.string(), units: z.string() });

const fetchWeather = createStep({
  id: "fetch-weather",
  description: "Look up the weather for the city",
  inputSchema: z.object({ city: z.string().min(1) }),
  outputSchema: forecast,
  // 0.x adaptation: runtimeContext instead of requestContext; the tool takes { context }.
  execute: async ({ inputData, runtimeContext }) =>
    (await weatherTool.execute!({ context: { location: inputData.city }, runtimeContext } as any)) as z.infer<typeof forecast>,
});

const planActivity = createStep({
  id: "plan-activity",
  description: "Suggest an activity that suits the weather",
  inputSchema: forecast,
  outputSchema: z.object({ activity: z.string() }),
  execute: async ({ inputData }) => {
    const outdoors = inputData.conditions === "sunny" || inputData.conditions === "cloudy";
    return { activity: outdoors ? `A walk around ${inputData.location}` : `A museum in ${inputData.location}` };
  },
});

export const weatherWorkflow = createWorkflow({
  id: "weatherWorkflow",
  description: "Fetch the weather, then plan an activity",
  inputSchema: z.object({ city: z.string().min(1) }),
  outputSchema: z.object({ activity: z.string() }),
})
  .then(fetchWeather)
  .then(planActivity)
  .commit();
