// The physical ceiling: node:http with no framework. Same paths, same auth check, the same
// per-request console.log, the same bodies; CORS reduced to echoing the allowed origin.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const agents = JSON.stringify(JSON.parse(readFileSync(new URL("./agents.json", import.meta.url), "utf8")));
const ORIGIN = "https://example.com";

function send(req, res, status, body, type = "application/json") {
  const headers = { "content-type": type, "content-length": Buffer.byteLength(body), vary: "Origin" };
  if (req.headers.origin === ORIGIN) headers["access-control-allow-origin"] = ORIGIN;
  res.writeHead(status, headers);
  res.end(body);
}

createServer((req, res) => {
  const path = req.url.split("?")[0];
  if (path.startsWith("/api/")) {
    const auth = req.headers.authorization;
    if (!auth || !auth.startsWith("Bearer ")) return send(req, res, 401, "Unauthorized", "text/plain;charset=UTF-8");
  }
  console.log(`${req.method} http://${req.headers.host}${req.url}`);
  if (req.method === "GET" && path === "/health") return send(req, res, 200, '{"status":"ok"}');
  if (req.method === "GET" && path === "/api/agents") return send(req, res, 200, agents);
  if (req.method === "GET" && path === "/my-custom-route") {
    console.log(`${req.method} http://${req.headers.host}${req.url}`);
    return send(req, res, 200, '{"message":"Hello, world!"}');
  }
  send(req, res, 404, '{"error":"Not Found"}');
}).listen(Number(process.env.PORT) || 3000, "127.0.0.1", () => console.error("raw node:http listening"));
