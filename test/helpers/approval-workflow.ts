import { z } from "zod";
import { createStep, createWorkflow } from "../../src/index.js";

/**
 * A workflow that waits for a human: `prepare` → `approve` (suspends until resumed with
 * `{ approved }`) → `finish`. Built afresh per call so each simulated instance has its own objects,
 * as two servers would, sharing nothing but the store.
 */
export function approvalWorkflow() {
  const calls = { prepare: 0, approve: 0 };
  const prepare = createStep({
    id: "prepare",
    inputSchema: z.object({ amount: z.number() }),
    outputSchema: z.object({ amount: z.number() }),
    execute: async ({ inputData }) => (calls.prepare++, { amount: inputData.amount }),
  });
  const approve = createStep({
    id: "approve",
    inputSchema: z.object({ amount: z.number() }),
    suspendSchema: z.object({ reason: z.string() }),
    resumeSchema: z.object({ approved: z.boolean() }),
    execute: async ({ inputData, resumeData, suspend }) => {
      calls.approve++;
      if (!resumeData) return suspend({ reason: `amount ${inputData.amount} needs approval` });
      return { approved: resumeData.approved, amount: inputData.amount };
    },
  });
  const finish = createStep({ id: "finish", execute: async ({ inputData }) => ({ done: true, ...(inputData as object) }) });
  const workflow = createWorkflow({ id: "approval", inputSchema: z.object({ amount: z.number() }) }).then(prepare).then(approve).then(finish).commit();
  return { workflow, calls };
}
