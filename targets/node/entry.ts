// Default runtime entry for the node platform (node and docker targets, `mastra start`):
// listen on PORT / server.port / 4111, with graceful shutdown on SIGTERM/SIGINT. An app that
// configured no `storage` keeps its runs and memory in a SQLite file (MASTRA_STORAGE_URL, default
// .mastra/data/mastra.db under the working directory) instead of this process's memory.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport } from "mastra-deploy/server";
import { LibSQLStore } from "mastra-deploy/stores/libsql";
import { defaultStorageFile, ListenError, serve, StorageFileError } from "mastra-deploy/node";

try {
  const app = checkMastraExport(mastra);
  if (app.usesDefaultStorage()) {
    const file = defaultStorageFile();
    app.setDefaultStorage(new LibSQLStore({ url: file.url }));
    console.log(`Storage: ${file.path ?? file.url} (libSQL; no storage in the app config; MASTRA_STORAGE_URL moves it)`);
  }
  await serve(app);
} catch (err) {
  // A taken port, a bad PORT or an unwritable storage folder is the operator's to fix: one line, no stack trace.
  if (!(err instanceof ListenError) && !(err instanceof StorageFileError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
}
