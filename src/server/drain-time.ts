/**
 * How long the Node listener lets in-flight requests finish after SIGTERM (serve()'s default).
 * `mastra dev` waits as long before it SIGKILLs a server process, and the docker target's stop
 * grace is at least this: one number, in a module without Node imports so dev can read it cheaply.
 */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
