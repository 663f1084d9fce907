// `mastra-deploy/memory` (and `@mastra/memory` in a built app): agent memory on any store of the storage contract.
export { Memory } from "./memory.js";
export { DEFAULT_LAST_MESSAGES, DEFAULT_WORKING_MEMORY_TEMPLATE, type MemoryConfig, type MemoryOptions } from "./config.js";
