// Open-Meteo (no API key) answers the template's two lookups: a place's coordinates, then its
// forecast. Offline (see env.ts) the same URLs are answered by fixtures computed from the URL,
// so the tool and the workflow run their real code either way and a test never opens a socket.
import { offline } from "./env";

export interface GeocodingResponse {
  results?: { latitude: number; longitude: number; name: string }[];
}

export interface ForecastResponse {
  current: {
    time: string;
    temperature_2m: number;
    apparent_temperature: number;
    relative_humidity_2m: number;
    wind_speed_10m: number;
    wind_gusts_10m: number;
    precipitation: number;
    weather_code: number;
  };
  hourly: { time: string[]; temperature_2m: number[]; precipitation_probability: number[] };
}

export const GEOCODING_URL = "https://geocoding-api.open-meteo.com/v1/search";
export const FORECAST_URL = "https://api.open-meteo.com/v1/forecast";

export async function openMeteo<T>(url: string): Promise<T> {
  if (offline) return fixture(new URL(url)) as T;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Open-Meteo answered ${response.status} for ${url}`);
  return (await response.json()) as T;
}

/** Coordinates of a place, or undefined when Open-Meteo knows no such place. */
export async function geocode(place: string): Promise<{ latitude: number; longitude: number; name: string } | undefined> {
  const data = await openMeteo<GeocodingResponse>(`${GEOCODING_URL}?name=${encodeURIComponent(place)}&count=1`);
  return data.results?.[0];
}

/** WMO weather interpretation codes, as Open-Meteo reports them. */
const WMO_CODES: Record<number, string> = {
  0: "Clear sky", 1: "Mainly clear", 2: "Partly cloudy", 3: "Overcast", 45: "Fog", 48: "Rime fog",
  51: "Light drizzle", 53: "Drizzle", 55: "Dense drizzle", 56: "Freezing drizzle", 57: "Dense freezing drizzle",
  61: "Light rain", 63: "Rain", 65: "Heavy rain", 66: "Freezing rain", 67: "Heavy freezing rain",
  71: "Light snow", 73: "Snow", 75: "Heavy snow", 77: "Snow grains", 80: "Light showers", 81: "Showers",
  82: "Violent showers", 85: "Snow showers", 86: "Heavy snow showers", 95: "Thunderstorm",
  96: "Thunderstorm with hail", 99: "Thunderstorm with heavy hail",
};

export function describeWeatherCode(code: number): string {
  return WMO_CODES[code] ?? "Unknown";
}

// ---- fixtures: the same answer for the same URL, every time -------------------------------

function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text.toLowerCase()) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

function fixture(url: URL): GeocodingResponse | ForecastResponse {
  if (url.origin + url.pathname === GEOCODING_URL) {
    const name = (url.searchParams.get("name") ?? "").trim();
    // A place that does not exist, to show the template's "not found" error.
    if (!name || /^nowhere$/i.test(name)) return {};
    const h = hash(name);
    const title = name.replace(/(^|[\s-])\p{Ll}/gu, (c) => c.toUpperCase());
    return { results: [{ latitude: ((h % 12000) - 6000) / 100, longitude: (((h >>> 8) % 36000) - 18000) / 100, name: title }] };
  }
  if (url.origin + url.pathname === FORECAST_URL) {
    const h = hash(`${url.searchParams.get("latitude")},${url.searchParams.get("longitude")}`);
    const codes = Object.keys(WMO_CODES).map(Number);
    const base = (h % 30) - 2;
    const time = Array.from({ length: 24 }, (_, i) => `2026-06-01T${String(i).padStart(2, "0")}:00`);
    return {
      current: {
        time: "2026-06-01T12:00",
        temperature_2m: base,
        apparent_temperature: base - 2,
        relative_humidity_2m: 40 + (h % 50),
        wind_speed_10m: (h >>> 4) % 30,
        wind_gusts_10m: ((h >>> 4) % 30) + 8,
        precipitation: (h >>> 12) % 3,
        weather_code: codes[(h >>> 16) % codes.length]!,
      },
      hourly: {
        time,
        temperature_2m: time.map((_, i) => base - 4 + Math.round(6 * Math.sin((Math.PI * i) / 23))),
        precipitation_probability: time.map((_, i) => ((h >>> 20) + i * 7) % 100),
      },
    };
  }
  throw new Error(`no fixture for ${url.href}`);
}
