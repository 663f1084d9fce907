export type * from "./types.js";
export { InMemoryStore, InMemoryWorkflowsStorage, InMemoryMemoryStorage, type InMemoryStoreOptions } from "./in-memory.js";
export { DEFAULT_THREADS_PER_PAGE, pageWindow, runsWindow, threadOrder, toPage, checkLast, updatedThread, type PageWindow } from "./paging.js";
export { isMastraStorage } from "./is-storage.js";
export { platformEnv, providePlatformEnv, type PlatformEnv } from "./platform-env.js";
