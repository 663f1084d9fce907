import { createStep, createWorkflow } from "@mastra/core/workflows";
import { z } from "zod";
import { describeWeatherCode, FORECAST_URL, geocode, openMeteo, type ForecastResponse } from "../open-meteo";

const forecastSchema = z.object({
  date: z.string(),
  maxTemp: z.number(),
  minTemp: z.number(),
  precipitationChance: z.number(),
  condition: z.string(),
  location: z.string(),
});

const fetchWeather = createStep({
  id: "fetch-weather",
  description: "Fetches the weather forecast for a city",
  inputSchema: z.object({
    city: z.string().describe("The city to get the weather for"),
  }),
  outputSchema: forecastSchema,
  execute: async ({ inputData }) => {
    if (!inputData) {
      throw new Error("Input data not found");
    }

    const place = await geocode(inputData.city);
    if (!place) {
      throw new Error(`Location '${inputData.city}' not found`);
    }

    const data = await openMeteo<ForecastResponse>(
      `${FORECAST_URL}?latitude=${place.latitude}&longitude=${place.longitude}&current=precipitation,weather_code&timezone=auto&hourly=precipitation_probability,temperature_2m`,
    );

    return {
      date: new Date().toISOString(),
      maxTemp: Math.max(...data.hourly.temperature_2m),
      minTemp: Math.min(...data.hourly.temperature_2m),
      condition: describeWeatherCode(data.current.weather_code),
      precipitationChance: Math.max(0, ...data.hourly.precipitation_probability),
      location: place.name,
    };
  },
});

const planActivities = createStep({
  id: "plan-activities",
  description: "Suggests activities that suit the forecast",
  inputSchema: forecastSchema,
  outputSchema: z.object({
    activities: z.string(),
  }),
  execute: async ({ inputData, mastra }) => {
    const forecast = inputData;
    if (!forecast) {
      throw new Error("Forecast data not found");
    }

    const agent = mastra?.getAgent("weatherAgent");
    if (!agent) {
      throw new Error("Weather agent not found");
    }

    const prompt = `Here is the forecast for ${forecast.location}; suggest activities for the day:
      ${JSON.stringify(forecast, null, 2)}
      Answer with a one-line summary of the weather, two or three outdoor activities with the best time for each,
      and one or two indoor alternatives. When rain is more likely than not, put the indoor ones first.`;

    const response = await agent.stream([
      {
        role: "user",
        content: prompt,
      },
    ]);

    let activitiesText = "";

    for await (const chunk of response.textStream) {
      process.stdout.write(chunk);
      activitiesText += chunk;
    }

    return {
      activities: activitiesText,
    };
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
