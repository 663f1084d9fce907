export { createStep, type Step, type StepConfig, type StepContext, type StepExecutionContext, type Condition, type LoopCondition, type LoopConditionContext } from "./step.js";
export { createWorkflow, Workflow, type WorkflowConfig, type MapConfig } from "./workflow.js";
export { Run, resultOfRun, type WorkflowResult, type StepResult, type StartOptions, type ResumeOptions, type WatchEvent } from "./run.js";
export type { SerializedEntry, SerializedStep } from "./graph.js";
