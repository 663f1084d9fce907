// The runtime entry `mastra dev` bundles instead of targets/node/entry.ts: the same server,
// but on an ephemeral port of 127.0.0.1 behind the dev process's proxy (which owns the public
// port), and it tells the dev process where it listens and what the app's server config asks
// for. Signals still drain it like the production entry.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport } from "mastra-deploy/server";
import { defaultStorageFile, serve } from "mastra-deploy/node";
import { LibSQLStore } from "mastra-deploy/stores/libsql";
import { serverSettings } from "../core/server-settings.js";
import type { ServerReady } from "./protocol.js";

// Checked first, as the production entries do, so a wrong export fails with the same message.
const app = checkMastraExport(mastra);
// No `storage` in the app: the same SQLite file `mastra start` uses (.mastra/data/mastra.db under the
// project root, or MASTRA_STORAGE_URL), so runs and threads outlive each reload, as a Mastra user expects.
if (app.usesDefaultStorage()) app.setDefaultStorage(new LibSQLStore({ url: defaultStorageFile().url }));
// The listening line and the drain notice would name the internal port on every reload: the dev process prints its own.
const running = await serve(app, { port: 0, host: "127.0.0.1", log: () => {} });
const ready: ServerReady = { type: "listening", port: running.port, settings: serverSettings(app.getServer()) };
process.send?.(ready);
