import { createTool } from "@mastra/core/tools";
import { z } from "zod";
import { describeWeatherCode, FORECAST_URL, geocode, openMeteo, type ForecastResponse } from "../open-meteo";

// Written the way the template's 0.x apps write tools: one argument, the input under `context`.
// The newer form, `execute: async (inputData, context) => …`, runs unchanged too (see the README).
export const weatherTool = createTool({
  id: "get-weather",
  description: "Get current weather for a location",
  inputSchema: z.object({
    location: z.string().describe("City name"),
  }),
  outputSchema: z.object({
    temperature: z.number(),
    feelsLike: z.number(),
    humidity: z.number(),
    windSpeed: z.number(),
    windGust: z.number(),
    conditions: z.string(),
    location: z.string(),
  }),
  execute: async ({ context }) => {
    return await getWeather(context.location);
  },
});

const getWeather = async (location: string) => {
  const place = await geocode(location);
  if (!place) {
    throw new Error(`Location '${location}' not found`);
  }

  const fields = "temperature_2m,apparent_temperature,relative_humidity_2m,wind_speed_10m,wind_gusts_10m,weather_code";
  const data = await openMeteo<ForecastResponse>(`${FORECAST_URL}?latitude=${place.latitude}&longitude=${place.longitude}&current=${fields}`);

  return {
    temperature: data.current.temperature_2m,
    feelsLike: data.current.apparent_temperature,
    humidity: data.current.relative_humidity_2m,
    windSpeed: data.current.wind_speed_10m,
    windGust: data.current.wind_gusts_10m,
    conditions: describeWeatherCode(data.current.weather_code),
    location: place.name,
  };
};
