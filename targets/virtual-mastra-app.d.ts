// Module declarations for the runtime entries (targets/*/entry.ts).
//
// `virtual:mastra-app` is what a target's runtime entry imports to get the user's app:
// `mastra build` resolves it to the project's src/mastra/index.(ts|js).
//
// The entries import the runtime by package name (`mastra-deploy/node`, `mastra-deploy/server`)
// so the build can point those at whichever runtime the app uses (its own install or the
// CLI's). When compiling this repo, that self-reference would resolve to dist/ *.d.ts files
// that do not exist yet on a clean clone; these declarations give tsc the types from source.
declare module "virtual:mastra-app" {
  export const mastra: import("../src/index.js").Mastra;
}
declare module "mastra-deploy/node" {
  export const serve: typeof import("../src/server/serve.js").serve;
  export const ListenError: typeof import("../src/server/serve.js").ListenError;
  export const defaultStorageFile: typeof import("../src/server/serve.js").defaultStorageFile;
  export const StorageFileError: typeof import("../src/server/serve.js").StorageFileError;
}
declare module "mastra-deploy/stores/libsql" {
  export const LibSQLStore: typeof import("../src/stores/libsql/index.js").LibSQLStore;
}
declare module "mastra-deploy/server" {
  export const createServer: typeof import("../src/server/index.js").createServer;
  export const checkMastraExport: typeof import("../src/server/index.js").checkMastraExport;
}
