// The truth behind the simulated data set: the demo config's surveys and how visitors answer them.
import type { SurveyType } from "../wire/event";
import { SCALES } from "../wire/scale";

/** How the visitors shown one variant of a prompt behave. */
export interface Behaviour {
  /** Share of visitors shown the prompt who answer. */
  answer: number;
  /** Share who dismiss it (the rest ignore it). */
  dismiss: number;
  /** Relative weight of each score, lowest first. */
  scores: readonly number[];
}

/** One survey of the demo config and the truth the simulation draws from. */
export interface SimulatedSurvey {
  id: string;
  type: SurveyType;
  touchpoint: string;
  /** Behaviour per variant; more than one makes an A/B test with a 50/50 split. */
  arms: Readonly<Record<string, Behaviour>>;
}

/** Score weights for NPS from the shares of promoters, passives and detractors. */
function nps(promoters: number, passives: number, detractors: number): number[] {
  const spread = (share: number, shape: number[]) => {
    const total = shape.reduce((a, b) => a + b, 0);
    return shape.map((w) => (share * w) / total);
  };
  return [
    ...spread(detractors, [0.6, 0.3, 0.4, 0.8, 1.2, 2, 2.7]),
    ...spread(passives, [1.1, 1]),
    ...spread(promoters, [1, 1.05]),
  ];
}

/** NPS score weights with `shift` of the answers moved from promoters to detractors. */
export function worse(scores: readonly number[], shift: number): number[] {
  const total = scores.reduce((a, b) => a + b, 0);
  const share = (from: number, to: number) =>
    scores.slice(from, to + 1).reduce((a, b) => a + b, 0) / total;
  return nps(share(9, 10) - shift, share(7, 8), share(0, 6) + shift);
}

/** The demo config's surveys (demo/touchpoint.json), in journey order, with their true behaviour. */
export const SIMULATED_SURVEYS: readonly SimulatedSurvey[] = [
  {
    id: "csat-cart-exit",
    type: "csat",
    touchpoint: "cart",
    arms: { control: { answer: 0.22, dismiss: 0.45, scores: [12, 18, 30, 25, 15] } },
  },
  {
    id: "nps-order",
    type: "nps",
    touchpoint: "order_confirmation",
    arms: {
      control: { answer: 0.3, dismiss: 0.25, scores: nps(0.46, 0.3, 0.24) },
      benefit: { answer: 0.37, dismiss: 0.21, scores: nps(0.52, 0.29, 0.19) },
    },
  },
  {
    id: "nps-returning",
    type: "nps",
    touchpoint: "returning_visit",
    arms: { control: { answer: 0.35, dismiss: 0.2, scores: nps(0.55, 0.28, 0.17) } },
  },
  {
    id: "csat-help",
    type: "csat",
    touchpoint: "help_article",
    arms: { control: { answer: 0.45, dismiss: 0.2, scores: [6, 8, 12, 34, 40] } },
  },
  {
    id: "ces-support",
    type: "ces",
    touchpoint: "support_contact",
    arms: { control: { answer: 0.4, dismiss: 0.15, scores: [8, 10, 14, 16, 20, 18, 14] } },
  },
];

/**
 * The week deliveries ran late: on the order confirmation survey, 30 points of promoters turn
 * detractors, so the NPS trend dips and recovers.
 */
export const INCIDENT = {
  surveyId: "nps-order",
  fromDaysAgo: 24,
  toDaysAgo: 15,
  shift: 0.3,
} as const;
/**
 * The `sdkVersion` of simulated events: semver build metadata marks them, so they can be told
 * apart from real answers (and removed: `DELETE FROM events WHERE sdk_version LIKE '%+simulated'`).
 */
export const SIMULATED_SDK_VERSION = "0.1.0+simulated";

/** The true figures behind a behaviour, for the seed command to print. */
export function trueFigures(survey: SimulatedSurvey, arm: string) {
  const behaviour = survey.arms[arm] as Behaviour;
  const total = behaviour.scores.reduce((a, b) => a + b, 0);
  const share = (from: number, to: number) =>
    behaviour.scores.slice(from, to + 1).reduce((a, b) => a + b, 0) / total;
  const { min, lowMax, highMin } = SCALES[survey.type];
  const [low, high] = [lowMax - min, highMin - min];
  return {
    responseRate: 100 * behaviour.answer,
    score:
      survey.type === "nps"
        ? 100 * (share(high, 10) - share(0, low))
        : 100 * share(high, behaviour.scores.length - 1),
  };
}
