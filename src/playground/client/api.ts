/**
 * Every request the playground sends goes through here, so each carries the
 * `x-mastra-dev-playground: true` header Mastra's own playground sends (apps' middleware reads it)
 * and the auth header set in Settings (apps with auth middleware stay usable).
 */
import type { ValidationIssue } from "../../core/errors.js";

export type { ValidationIssue };

const AUTH_KEY = "mastra-playground:auth";

export interface AuthHeader {
  name: string;
  value: string;
}

/** The auth header from Settings; the default name is the one Mastra's auth middleware reads. */
export function getAuthHeader(): AuthHeader {
  try {
    const saved = JSON.parse(localStorage.getItem(AUTH_KEY) ?? "null") as Partial<AuthHeader> | null;
    if (saved && typeof saved.name === "string" && typeof saved.value === "string") return { name: saved.name, value: saved.value };
  } catch {
    // A value another version wrote: start from the default.
  }
  return { name: "Authorization", value: "" };
}

export function setAuthHeader(auth: AuthHeader): void {
  localStorage.setItem(AUTH_KEY, JSON.stringify({ name: auth.name.trim(), value: auth.value }));
}

/** A 4xx/5xx answer: `message` is the server's `error`, `issues` its per-field validation messages. */
export class ApiError extends Error {
  readonly status: number;
  /** The response body: the parsed JSON, or the text when it was not JSON. */
  readonly detail: unknown;
  readonly issues?: ValidationIssue[];
  constructor(status: number, message: string, detail: unknown, issues?: ValidationIssue[]) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.issues = issues;
  }
}

function headersFor(init?: RequestInit): Headers {
  const headers = new Headers(init?.headers);
  headers.set("x-mastra-dev-playground", "true");
  const auth = getAuthHeader();
  if (auth.name && auth.value && !headers.has(auth.name)) headers.set(auth.name, auth.value);
  return headers;
}

async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. a middleware's plain "Unauthorized"): the text is the message.
  }
  const record = typeof body === "object" && body !== null ? (body as { error?: unknown; issues?: unknown }) : undefined;
  const message = typeof record?.error === "string" ? record.error : text.trim() || `${res.status} ${res.statusText}`;
  const issues = Array.isArray(record?.issues) ? (record.issues as ValidationIssue[]) : undefined;
  const hint = res.status === 401 || res.status === 403 ? " (set the auth header in Settings)" : "";
  return new ApiError(res.status, message + hint, body, issues);
}

/** fetch with the playground's headers; throws ApiError for any answer that is not 2xx. */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(path, { ...init, headers: headersFor(init) });
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function getJson<T = unknown>(path: string, signal?: AbortSignal): Promise<T> {
  return (await (await request(path, { signal })).json()) as T;
}

export async function postJson<T = unknown>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const res = await request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}), signal });
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Read a streamed body as text, chunk by chunk, until it ends or `signal` aborts (then it
 * resolves quietly: stopping is not an error). Pair it with `sseData` or `splitRecords`.
 */
export async function readStream(res: Response, onChunk: (text: string) => void, signal?: AbortSignal): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const stop = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk(decoder.decode(value, { stream: true }));
    }
    const rest = decoder.decode();
    if (rest) onChunk(rest);
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}

/** A chunk handler that calls `onRecord` for each complete record ending in `separator`. */
export function splitRecords(separator: string, onRecord: (record: string) => void): (text: string) => void {
  let buffer = "";
  return (text) => {
    buffer += text;
    let at: number;
    while ((at = buffer.indexOf(separator)) >= 0) {
      const record = buffer.slice(0, at);
      buffer = buffer.slice(at + separator.length);
      if (record.trim()) onRecord(record);
    }
  };
}

/** A chunk handler for server-sent events: `onData` gets each event's data (its `data:` lines joined). */
export function sseData(onData: (data: string) => void): (text: string) => void {
  return splitRecords("\n\n", (event) => {
    const lines = event
      .replace(/\r/g, "")
      .split("\n")
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(l.startsWith("data: ") ? 6 : 5));
    if (lines.length) onData(lines.join("\n"));
  });
}

/** A path segment, escaped. */
export const seg = encodeURIComponent;

/** The message to show for anything a call threw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
