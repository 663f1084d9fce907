import { localModel } from "mastra-deploy/models";

// The model the agent uses without OPENAI_API_KEY: deterministic, no network. Asked about the
// weather in a place it calls weatherTool and answers from the result; asked by the workflow for
// activities it plans them from the forecast in the prompt; anything else it echoes, with what it
// was told earlier in the thread (the agent's memory puts that history in the prompt).
export const weatherModel = localModel({
  modelId: "deterministic-weather",
  toolCalls: [{ match: /weather (?:in|for|at) ([\p{L} .'-]+?)[?.!]*$/iu, tool: "weatherTool", input: (m) => ({ location: m[1]!.trim() }) }],
  answer: ({ output }) =>
    `In ${output.location} it is ${output.temperature}°C (feels like ${output.feelsLike}°C), ${String(output.conditions).toLowerCase()}, ` +
    `humidity ${output.humidity}%, wind ${output.windSpeed} km/h with gusts of ${output.windGust} km/h.`,
  reply: (message, earlier) => {
    const forecast = /suggest .*activities[\s\S]*?(\{[\s\S]*\})/i.exec(message);
    if (forecast) return planActivities(JSON.parse(forecast[1]!));
    const said = `You said: ${message}`;
    return earlier.length ? `${said} Earlier you said: ${earlier.join(" | ")}` : said;
  },
});

function planActivities(f: { location: string; condition: string; minTemp: number; maxTemp: number; precipitationChance: number }): string {
  const wet = f.precipitationChance > 50;
  const outdoor = f.maxTemp >= 18 ? "a walk along the river and a picnic in the park" : "a brisk walk through the old town";
  const indoor = "a museum visit and a long lunch in a café";
  return [
    `📅 ${f.location}: ${f.condition}, ${f.minTemp}°C to ${f.maxTemp}°C, ${f.precipitationChance}% chance of rain`,
    wet ? `🏠 Indoors first: ${indoor}.` : `🌞 Outdoors: ${outdoor}.`,
    wet ? `🌅 If it clears up: ${outdoor}.` : `🏠 Indoor backup: ${indoor}.`,
  ].join("\n");
}
