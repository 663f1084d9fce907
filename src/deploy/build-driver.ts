// The seam between deploy and the build pipeline (src/build): the orchestrator only needs
// "give me a bundle for this platform and entry", "reuse the existing one if still fresh",
// and "what are the app's server settings". Tests swap in a fake.
import type { BuildOutput, Platform, ServerSettings } from "./target.js";

export interface BuildRequest {
  root: string;
  platform: Platform;
  entry: string;
  /** Files the output carries beside the bundle (the playground page with `mastra deploy --playground`). */
  extraFiles?: { path: string; contents: string | Uint8Array }[];
}

export interface BuildDriver {
  build(req: BuildRequest): Promise<BuildOutput>;
  /** The existing output when it was built for this platform/entry from the current sources; else a DeployError. */
  prebuilt(req: BuildRequest): Promise<BuildOutput>;
  serverSettings(req: BuildRequest): Promise<ServerSettings>;
}
