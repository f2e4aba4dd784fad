// Type test: compiled by `npm run typecheck`, never run. Each @ts-expect-error must stay an error.
import * as touchpoint from "../../src/index";
import {
  type Explanation,
  explain,
  init,
  on,
  show,
  type TouchpointApi,
  type TouchpointConfig,
  type TouchpointEvent,
  track,
  validate,
} from "../../src/index";

const config: TouchpointConfig = {
  collector: { url: "https://feedback.example/v1/events", format: "ndjson" },
  surveys: [
    {
      id: "nps",
      type: "nps",
      touchpoint: "order",
      copy: { question: "Recommend us?" },
      trigger: { on: "event", event: "order_completed" },
    },
  ],
};
init(config);
track("order_completed", { total: 42 });
const off: () => void = on("answered", (answer) => {
  const score: number = answer.score;
  void score;
});
off();
const shown: Promise<boolean> = show("nps");
const preview: Promise<boolean> = show("nps", { variant: "benefit" });
// @ts-expect-error a variant key is a string
show("nps", { variant: 2 });
const experiment: TouchpointConfig["surveys"] = [
  {
    id: "nps",
    type: "nps",
    touchpoint: "order",
    copy: { question: "Recommend us?" },
    trigger: { on: "manual" },
    variants: [
      { key: "control", weight: 1 },
      { key: "short", weight: 1, copy: { question: "Recommend?" } },
    ],
    // @ts-expect-error unit is "visitor" or "user"
    experiment: { coverage: 50, unit: "account" },
  },
];
void [preview, experiment];
const explained: Promise<Explanation[]> = explain();
const problems: string[] = validate({}).map((p) => p.message);
const kind: TouchpointEvent["kind"] = "answer";
void [shown, explained, problems, kind];

const badType: TouchpointConfig = {
  surveys: [
    {
      id: "a",
      // @ts-expect-error unknown survey type
      type: "stars",
      touchpoint: "t",
      copy: { question: "q" },
      trigger: { on: "manual" },
    },
  ],
};
// @ts-expect-error unknown event name
on("answred", () => undefined);
// @ts-expect-error track needs a name
track();
void badType;

// Every method of the API is a named export of the package, with the API's own type: the ESM
// exports (src/core/instance.ts, re-exported by src/index.ts) are checked against the one list,
// `TouchpointApi`, so a method added there and forgotten here fails `tsc`.
const everyMethod: TouchpointApi = touchpoint;
void everyMethod;
