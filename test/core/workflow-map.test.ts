import { describe, expect, it } from "vitest";
import { z } from "zod";
import { RequestContext, createStep, createWorkflow } from "../../src/index.js";

const fetchUser = createStep({ id: "fetch-user", execute: async ({ inputData }) => ({ name: `user ${(inputData as { id: number }).id}`, address: { city: "Rome" } }) });
const greet = createStep({
  id: "greet",
  inputSchema: z.object({ who: z.string(), city: z.string() }),
  execute: async ({ inputData }) => `hello ${inputData.who} from ${inputData.city}`,
});

describe(".map(fn | config)", () => {
  it("reshapes the data between steps with a function of the step context", async () => {
    const wf = createWorkflow({ id: "map-fn" })
      .then(fetchUser)
      .map(async ({ inputData, getInitData }) => ({ who: `${inputData.name} (#${getInitData().id})`, city: inputData.address.city }))
      .then(greet)
      .commit();
    const result = await (await wf.createRun()).start({ inputData: { id: 7 } });
    expect(result).toMatchObject({ status: "success", result: "hello user 7 (#7) from Rome", steps: { map_1: { status: "success", output: { who: "user 7 (#7)", city: "Rome" } } } });
  });

  it("takes Mastra's object form: step output paths, init data, request context, constants", async () => {
    const wf = createWorkflow({ id: "map-obj" })
      .then(fetchUser)
      .map({
        who: { step: fetchUser, path: "name" },
        city: { step: fetchUser, path: "address.city" },
        id: { initData: { id: "map-obj" }, path: "id" },
        tenant: { requestContextPath: "tenant" },
        fixed: { value: 42, schema: z.number() },
      })
      .commit();
    const result = await (await wf.createRun()).start({ inputData: { id: 3 }, requestContext: new RequestContext({ tenant: "acme" }) });
    expect(result).toMatchObject({ status: "success", result: { who: "user 3", city: "Rome", id: 3, tenant: "acme", fixed: 42 } });
  });

  it("is described as a step with mapConfig; ids come from the position so every instance agrees", () => {
    const wf = createWorkflow({ id: "d" }).then(fetchUser).map(async ({ inputData }) => inputData.name).commit();
    expect(wf.stepGraph[1]).toEqual({ type: "step", step: { id: "map_1", mapConfig: expect.stringContaining("inputData.name") } });
  });
});
