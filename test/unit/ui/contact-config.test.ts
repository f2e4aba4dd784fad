import { describe, expect, it } from "vitest";
import { validate } from "../../../src/config/validate";

const base = {
  collector: "https://c.example/v1/events",
  surveys: [
    {
      id: "nps",
      type: "nps",
      touchpoint: "order",
      copy: {
        question: "How likely?",
        consent: "Can we call you?",
        thanksContact: { detractor: "We will call." },
      },
      trigger: { on: "manual" },
      contact: { segments: ["detractor"], field: "tel", trait: "phone" },
      variants: [
        { key: "control", weight: 1 },
        { key: "warm", weight: 1, copy: { consent: "May we reach out?" } },
      ],
    },
  ],
};

describe("survey contact config", () => {
  it("accepts contact, its copy and copy variants of it", () => {
    expect(validate(base)).toEqual([]);
  });

  it("names a bad contact option with its path", () => {
    const survey = { ...base.surveys[0], contact: { segments: ["angry"], field: "fax" } };
    expect(validate({ ...base, surveys: [survey] }).map((p) => p.message)).toEqual([
      'surveys[0].contact.segments[0]: expected one of "detractor", "passive", "promoter", "low", "middle", "high", got "angry"',
      'surveys[0].contact.field: expected one of "email", "tel", "text", got "fax"',
    ]);
  });
});
