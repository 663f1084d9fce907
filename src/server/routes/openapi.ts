import type { ApiRoute } from "../../core/api-route.js";
import type { BuiltinRoute } from "./route.js";
import { toJsonSchema } from "./schema-json.js";

const okResponse = {
  json: { description: "OK", content: { "application/json": {} } },
  sse: { description: "Server-sent events", content: { "text/event-stream": {} } },
  text: { description: "A stream of JSON records, each followed by the record separator \\x1E", content: { "text/plain": {} } },
};

const errorSchema = { type: "object", properties: { error: { type: "string" } }, required: ["error"] };

/** OpenAPI 3.1 for the built-in table and the app's custom routes. Built on request and cached. */
export function buildOpenApi(builtins: BuiltinRoute[], custom: ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (method: string, path: string, operation: Record<string, unknown>) => {
    const key = path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const params = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const methods = method === "ALL" ? ["get", "post", "put", "delete", "patch"] : [method.toLowerCase()];
    for (const m of methods) {
      // Path parameters first, then the operation's own (query) parameters.
      const { parameters: own, ...rest } = operation;
      const parameters = params.length || own !== undefined ? { parameters: [...params, ...((own as unknown[] | undefined) ?? [])] } : {};
      (paths[key] ??= {})[m] = { ...parameters, ...rest };
    }
  };

  for (const r of builtins) {
    add(r.method, r.path, {
      tags: [r.tag],
      summary: r.summary,
      ...(r.query
        ? { parameters: Object.entries(r.query).map(([name, description]) => ({ name, in: "query", required: false, description, schema: { type: "string" } })) }
        : {}),
      ...(r.body ? { requestBody: { required: true, content: { "application/json": { schema: toJsonSchema(r.body) } } } } : {}),
      responses: {
        "200": okResponse[r.responds ?? "json"],
        default: { description: "Error", content: { "application/json": { schema: errorSchema } } },
      },
    });
  }
  for (const r of custom) {
    add(r.method, r.path, { tags: ["custom"], summary: `${r.method} ${r.path}`, responses: { "200": { description: "OK" } }, ...(r.openapi ?? {}) });
  }
  add("GET", "/health", { tags: ["system"], summary: "Liveness check", responses: { "200": { description: "OK" } } });
  add("GET", "/api/openapi.json", { tags: ["system"], summary: "This document", responses: { "200": { description: "OK" } } });

  return {
    openapi: "3.1.0",
    info: { title: "Mastra API", version: "1.0.0" },
    paths,
  };
}
