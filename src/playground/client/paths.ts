/**
 * The reserved paths the playground uses besides the app's `/api/*`: shared by the page and by
 * the Node side that serves it (src/playground/), so both spell them the same way.
 */

/** The page's own files (index.html, app.js, app.css); `/__mastra/playground/` is the page itself. */
export const PLAYGROUND_PREFIX = "/__mastra/playground/";

/** Server-sent events from `mastra dev`: the current server's id now, then a new one per swap. */
export const DEV_EVENTS_PATH = "/__mastra/dev/events";
