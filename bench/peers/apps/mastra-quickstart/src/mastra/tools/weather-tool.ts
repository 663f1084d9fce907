import { createTool } from "@mastra/core/tools";
import { z } from "zod";

const CONDITIONS = ["sunny", "cloudy", "rainy", "windy", "snowy"];

/** Deterministic so the example needs no weather API: the same place always gets the same weather. */
export const weatherTool = createTool({
  id: "weatherTool",
  description: "Get the current weather for a location",
  inputSchema: z.object({ location: z.string().min(1).describe("City name") }),
  outputSchema: z.object({ location: z.string(), temperature: z.number(), conditions: z.string(), units: z.string() }),
  // 0.x adaptation: input arrives under `context`, the request context is `runtimeContext`.
  execute: async ({ context, runtimeContext }) => {
    const { location } = context;
    const seed = [...location.toLowerCase()].reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
    const units = runtimeContext?.get("units") === "fahrenheit" ? "fahrenheit" : "celsius";
    const celsius = (seed % 35) - 5;
    return {
      location,
      temperature: units === "fahrenheit" ? Math.round((celsius * 9) / 5 + 32) : celsius,
      conditions: CONDITIONS[seed % CONDITIONS.length],
      units,
    };
  },
});
