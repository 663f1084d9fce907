import { createTool } from "@mastra/core/tools";
import { z } from "zod";

const CONDITIONS = ["Clear sky", "Partly cloudy", "Overcast", "Light rain", "Snow fall"];

interface WeatherResult {
  temperature: number;
  feelsLike: number;
  humidity: number;
  windSpeed: number;
  windGust: number;
  conditions: string;
  location: string;
}

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
  // 0.x style: the input arrives under `context`.
  execute: async ({ context }) => {
    return await getWeather(context.location);
  },
});

/** The template asks Open-Meteo; this reads no network: the same place always gets the same weather. */
const getWeather = async (location: string): Promise<WeatherResult> => {
  const seed = [...location.toLowerCase()].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  const temperature = (seed % 35) - 5;
  return {
    temperature,
    feelsLike: temperature - 2,
    humidity: 40 + (seed % 50),
    windSpeed: seed % 30,
    windGust: (seed % 30) + 10,
    conditions: CONDITIONS[seed % CONDITIONS.length],
    location,
  };
};
