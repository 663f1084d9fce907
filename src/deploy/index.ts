// Programmatic deploy API (the CLI's `mastra deploy` is a thin layer over this).
export { deploy, deployEach, expandTargets, readAppInfo, type DeployOptions, type DeployResult, type PhaseEvent, type PhaseName, type TargetOutcome } from "./orchestrator.js";
export { defaultBuildDriver, buildDir } from "./build-driver-default.js";
export type { BuildDriver, BuildRequest } from "./build-driver.js";
export { loadTarget, BUILT_IN_TARGETS, type BuiltInTarget } from "./load-target.js";
export { DeployError } from "./errors.js";
export { formatBytes } from "./limits.js";
