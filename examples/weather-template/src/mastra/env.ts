// process.env exists on Node and, through nodejs_compat, on Workers (filled from vars and
// secrets at startup); a key is read when the app starts, never baked into the build.
export function env(name: string): string | undefined {
  return typeof process !== "undefined" ? process.env?.[name] : undefined;
}

/**
 * Without OPENAI_API_KEY the app runs with no network at all: the deterministic local model, and
 * Open-Meteo's answers from fixtures. WEATHER_FIXTURES=1 keeps the fixtures with a real model.
 */
export const offline = env("WEATHER_FIXTURES") === "1" || !env("OPENAI_API_KEY");
