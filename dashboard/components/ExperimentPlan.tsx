import type { TouchpointReport } from "../../src/report/types";
import { planningLine } from "../../src/report/words";
import { formatCount } from "../format";

/**
 * One experiment's plan: where a fixed-horizon plan stands, how many visitors the report's
 * minimum lift needs and roughly how many days that is, and the method behind the verdicts.
 */
export function ExperimentPlan(props: { report: TouchpointReport }) {
  const { plan, planning, methodNote, arms } = props.report;
  const have = arms.reduce((fewest, arm) => Math.min(fewest, arm.impressions), Infinity);
  return (
    <div class="plan">
      <h4>Plan</h4>
      <ul>
        {plan && (
          <li class={plan.reached ? "plan-reached" : "plan-early"}>
            {plan.message[0]?.toUpperCase()}
            {plan.message.slice(1)}.
          </li>
        )}
        {planning && (
          <li>
            {planningLine(planning).replace(/^Planning: to/, "To")} So far: {formatCount(have)} per
            variant.
          </li>
        )}
      </ul>
      <p class="method">{methodNote}</p>
    </div>
  );
}
