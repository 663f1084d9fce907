// The runtime entry `mastra dev` bundles instead of targets/node/entry.ts: the same server,
// but on an ephemeral port of 127.0.0.1 behind the dev process's proxy (which owns the public
// port), and it tells the dev process where it listens and what the app's server config asks
// for. Signals still drain it like the production entry.
import { mastra } from "virtual:mastra-app";
import { serve } from "mastra-deploy/node";
import type { ServerReady } from "./protocol.js";

// Checked here so a wrong export fails with its name (same message as the production entries).
const found: unknown = mastra;
if (typeof found !== "object" || found === null || typeof (found as { getServer?: unknown }).getServer !== "function") {
  const kind = found === null || typeof found !== "object" ? String(found) : `an object (${found.constructor?.name ?? "Object"})`;
  throw new TypeError(`"mastra" is ${kind}, not a Mastra instance`);
}

// The listening line and the drain notice would name the internal port on every reload: the dev process prints its own.
const running = await serve(mastra, { port: 0, host: "127.0.0.1", log: () => {} });
const config = mastra.getServer();
const ready: ServerReady = { type: "listening", port: running.port, serverPort: config.port, serverHost: config.host };
process.send?.(ready);
