import type { Estimate } from "../../src/report/types";
import { formatCount, intervalText, percent, percentInterval, scoreValue } from "../format";
import type { headlineOf } from "../model";

function Tile(props: { title: string; value: string; detail: string; foot: string }) {
  return (
    <div class="tile">
      <h3>{props.title}</h3>
      <p class="big">{props.value}</p>
      <p class="detail">{props.detail}</p>
      <p class="foot">{props.foot}</p>
    </div>
  );
}

const n = (estimate: Estimate | null, what: string) => `${formatCount(estimate?.n ?? 0)} ${what}`;

/** The four figures a reader wants first: NPS, CSAT, and how many answered or dismissed. */
export function Headline(props: { headline: ReturnType<typeof headlineOf> }) {
  const { nps, csat, responseRate, dismissRate } = props.headline;
  return (
    <div class="tiles">
      <Tile
        title="NPS, all NPS questions"
        value={nps ? scoreValue("nps", nps.value) : "–"}
        detail={intervalText("nps", nps) || "no answers yet"}
        foot={n(nps, "answers")}
      />
      <Tile
        title="CSAT, share satisfied (4-5)"
        value={csat ? scoreValue("csat", csat.value) : "–"}
        detail={intervalText("csat", csat) || "no answers yet"}
        foot={n(csat, "answers")}
      />
      <Tile
        title="Response rate"
        value={percent(responseRate)}
        detail={responseRate ? `95% interval ${percentInterval(responseRate)}` : "nobody shown yet"}
        foot={n(responseRate, "visitors shown a prompt")}
      />
      <Tile
        title="Dismissal rate"
        value={percent(dismissRate)}
        detail={dismissRate ? `95% interval ${percentInterval(dismissRate)}` : "nobody shown yet"}
        foot="closed the prompt without answering"
      />
    </div>
  );
}
