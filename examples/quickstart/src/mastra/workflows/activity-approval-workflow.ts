import { createStep, createWorkflow } from "@mastra/core/workflows";
import { z } from "zod";
import { weatherTool } from "../tools/weather-tool";

// A workflow that waits for a person: it plans an activity from the weather (a branch), then
// suspends until someone approves the plan (from the playground's resume form or
// POST /api/workflows/activityApproval/resume-async?runId=…).

const forecast = z.object({ location: z.string(), temperature: z.number(), conditions: z.string(), units: z.string() });
const plan = z.object({ activity: z.string(), outdoors: z.boolean() });

const checkWeather = createStep({
  id: "check-weather",
  description: "Look up the weather for the city",
  inputSchema: z.object({ city: z.string().min(1).describe("City to plan for") }),
  outputSchema: forecast,
  execute: async ({ inputData, requestContext, abortSignal }) =>
    weatherTool.execute({ location: inputData.city }, { requestContext, abortSignal }),
});

const outdoorPlan = createStep({
  id: "outdoor-plan",
  description: "Plan something outside",
  inputSchema: forecast,
  outputSchema: plan,
  execute: async ({ inputData }) => ({ activity: `A picnic in ${inputData.location}`, outdoors: true }),
});

const indoorPlan = createStep({
  id: "indoor-plan",
  description: "Plan something inside",
  inputSchema: forecast,
  outputSchema: plan,
  execute: async ({ inputData }) => ({ activity: `A museum in ${inputData.location}`, outdoors: false }),
});

const approvePlan = createStep({
  id: "approve-plan",
  description: "Wait for a person to approve the plan",
  inputSchema: plan,
  outputSchema: z.object({ activity: z.string(), approved: z.boolean(), note: z.string().optional() }),
  suspendSchema: z.object({ activity: z.string(), question: z.string() }),
  resumeSchema: z.object({ approved: z.boolean().describe("Go ahead with this plan?"), note: z.string().optional() }),
  execute: async ({ inputData, resumeData, suspend }) => {
    if (!resumeData) return suspend({ activity: inputData.activity, question: `Shall we do this: ${inputData.activity}?` });
    return { activity: inputData.activity, approved: resumeData.approved, note: resumeData.note };
  },
});

const fairWeather = ["sunny", "cloudy"];

export const activityApprovalWorkflow = createWorkflow({
  id: "activityApproval",
  description: "Plan an activity for the weather, then wait for a person to approve it",
  inputSchema: z.object({ city: z.string().min(1).describe("City to plan for") }),
  outputSchema: z.object({ activity: z.string(), approved: z.boolean(), note: z.string().optional() }),
})
  .then(checkWeather)
  .branch([
    [async ({ inputData }) => fairWeather.includes(inputData.conditions), outdoorPlan],
    [async ({ inputData }) => !fairWeather.includes(inputData.conditions), indoorPlan],
  ])
  // Whichever branch ran hands its plan on.
  .map({
    activity: { step: [outdoorPlan, indoorPlan], path: "activity" },
    outdoors: { step: [outdoorPlan, indoorPlan], path: "outdoors" },
  })
  .then(approvePlan)
  .commit();
