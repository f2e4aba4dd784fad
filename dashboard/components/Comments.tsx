import { type Band, bandOf, SCALES } from "../../src/wire/scale";
import type { CommentQuery, CommentRow } from "../api";
import { dateTimeLabel, SCORE_NAME, stageName } from "../format";
import type { Stage } from "../model";

/** Comments added per "Show more". */
export const COMMENTS_PAGE = 25;
/** The collector's own cap on one comment request. */
const MAX_COMMENTS = 500;

const SEGMENTS: ReadonlyArray<readonly [CommentQuery["segment"], string]> = [
  ["", "All, lowest scores first"],
  ["detractor", "NPS detractors (0-6)"],
  ["passive", "NPS passives (7-8)"],
  ["promoter", "NPS promoters (9-10)"],
  ["low", "Low scores on any scale"],
  ["middle", "Middle scores on any scale"],
  ["high", "High scores on any scale"],
];

const MOOD_NAME: Readonly<Record<CommentRow["surveyType"], Record<Band, string>>> = {
  nps: { low: "detractor", middle: "passive", high: "promoter" },
  csat: { low: "unsatisfied", middle: "neutral", high: "satisfied" },
  ces: { low: "hard", middle: "neutral", high: "easy" },
};

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Follow-up comments, unhappiest first, filterable by segment and touchpoint. */
export function Comments(props: {
  rows: readonly CommentRow[] | undefined;
  query: CommentQuery;
  stages: readonly Stage[];
  onQuery: (query: CommentQuery) => void;
}) {
  const { rows, query, onQuery } = props;
  const touchpoints = [...new Set(props.stages.map((s) => s.touchpoint))];
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Segment
          <select
            value={query.segment}
            onChange={(e) =>
              onQuery({
                ...query,
                segment: e.currentTarget.value as CommentQuery["segment"],
                limit: COMMENTS_PAGE,
              })
            }
          >
            {SEGMENTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Touchpoint
          <select
            value={query.touchpoint}
            onChange={(e) =>
              onQuery({ ...query, touchpoint: e.currentTarget.value, limit: COMMENTS_PAGE })
            }
          >
            <option value="">All touchpoints</option>
            {touchpoints.map((t) => (
              <option key={t} value={t}>
                {stageName(t)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {rows === undefined ? (
        <p>Loading comments…</p>
      ) : rows.length === 0 ? (
        <p>No comments match.</p>
      ) : (
        <ol class="comments" aria-label="Comments">
          {rows.map((row) => {
            const mood = bandOf(row.surveyType, row.score);
            return (
              <li key={row.id} class={`comment ${mood}`}>
                <p class="comment-meta">
                  <span class={`score-chip ${mood}`}>
                    {SCORE_NAME[row.surveyType]} {row.score}
                    <span class="visually-hidden"> out of {SCALES[row.surveyType].max}</span>,{" "}
                    {MOOD_NAME[row.surveyType][mood]}
                  </span>
                  <span>{stageName(row.touchpoint)}</span>
                  {row.variant !== "control" && <span>variant {row.variant}</span>}
                  <span>
                    <time dateTime={row.createdAt}>{dateTimeLabel(row.createdAt)}</time>
                  </span>
                  <span lang={row.locale}>{row.locale}</span>
                </p>
                <blockquote lang={row.locale}>{row.comment}</blockquote>
                <p class="comment-page">on {pathOf(row.url)}</p>
              </li>
            );
          })}
        </ol>
      )}
      {rows && rows.length >= query.limit && query.limit < MAX_COMMENTS && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            onQuery({ ...query, limit: Math.min(MAX_COMMENTS, query.limit + COMMENTS_PAGE) })
          }
        >
          Show more comments
        </button>
      )}
    </>
  );
}
