import type { Method } from "./inference";
import { formatCount, formatFixed } from "./numbers";
import type { Comparison, Planning, PlanStatus } from "./types";

const GAINS: Readonly<Record<string, [string, string]>> = {
  responseRate: ["gets more answers", "gets fewer answers"],
  netPromotersPerExposed: [
    "makes more net promoters per visitor shown",
    "makes fewer net promoters per visitor shown",
  ],
};

/** The method behind a touchpoint's verdicts, in one line with its references. */
export function methodNote(method: Method, family: number, tuningSize: number): string {
  const holm =
    family > 1 ? `, Holm-Bonferroni across the ${family} primary comparisons with the control` : "";
  if (method === "fixed") {
    return `Method: fixed-horizon two-proportion z and Welch t tests at 95%${holm}; valid only when read once, at a sample size set in advance.`;
  }
  return `Method: always-valid 95% confidence sequences (Waudby-Smith et al. 2023, as in GrowthBook), tuned for ${formatCount(tuningSize)} visitors per comparison${holm}; valid however often it is read.`;
}

function changes(
  comparisons: readonly Comparison[],
  variant: string,
  outcome: Comparison["outcome"],
) {
  return comparisons
    .filter((c) => c.variant === variant && c.outcome === outcome && GAINS[c.metric])
    .map((c) => (GAINS[c.metric] as [string, string])[outcome === "better" ? 0 : 1]);
}

/** What the verdict means for a marketer, in one line. */
export function summaryLine(input: {
  method: Method;
  control: string | null;
  winners: readonly string[];
  comparisons: readonly Comparison[];
  mismatch: boolean;
  plan: PlanStatus | null;
}): string {
  const { method, control, winners, comparisons, mismatch, plan } = input;
  if (mismatch) {
    return "Do not decide: the traffic split is not what the weights promise, so assignment or event delivery is broken; fix that first.";
  }
  if (method === "fixed" && plan && !plan.reached) {
    return `${plan.message[0]?.toUpperCase()}${plan.message.slice(1)}: a fixed-horizon verdict read before its plan is reached is not valid.`;
  }
  const variants = [...new Set(comparisons.map((c) => c.variant))];
  const parts: string[] = [];
  for (const variant of winners) {
    parts.push(
      `${variant} ${changes(comparisons, variant, "better").join(" and ")} than ${control}`,
    );
  }
  for (const variant of variants) {
    const worse = changes(comparisons, variant, "worse");
    if (!winners.includes(variant) && worse.length) {
      parts.push(`${variant} ${worse.join(" and ")} than ${control}`);
    }
  }
  const found = parts.join("; ");
  if (method === "sequential") {
    return found
      ? `You can stop now: ${found}; this stays true however often you look.`
      : "No winner yet: keep the test running and look as often as you like; a winner named here stays true however often you look.";
  }
  const lead = plan
    ? "Plan reached: read now. "
    : "No plan given: valid only if the size was fixed in advance and this is the one reading. ";
  return found ? `${lead}Verdict: ${found}.` : `${lead}No clear winner: keep ${control}.`;
}

/** The planning line: visitors a lift needs and, from recent traffic, how many days that is. */
export function planningLine(planning: Planning): string {
  const { mde, baseline, visitorsPerVariant, daysLeft, dailyPerVariant } = planning;
  const needed =
    visitorsPerVariant !== null
      ? `${formatCount(visitorsPerVariant)} visitors shown per variant`
      : "no lift that large is possible";
  let time = "no recent traffic to estimate the time";
  if (daysLeft === 0) time = "already reached";
  else if (daysLeft !== null && dailyPerVariant !== null) {
    time = `about ${formatCount(daysLeft)} more day${daysLeft === 1 ? "" : "s"} at ${formatFixed(dailyPerVariant, 0)} per variant per day`;
  }
  return `Planning: to find a ${formatFixed(mde, 1)}-point lift over a ${formatFixed(baseline, 1)}% response rate (80% power): ${needed}, ${time}.`;
}
