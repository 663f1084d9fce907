// What user code imports (also reached as `@mastra/core` in a built app).
export * from "./core/index.js";
