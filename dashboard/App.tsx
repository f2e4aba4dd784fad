import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import {
  type CommentQuery,
  type CommentRow,
  type Filters,
  fetchComments,
  fetchMeta,
  fetchReport,
  fetchTimeseries,
  type Meta,
  type ReportResponse,
  type TimeseriesRow,
} from "./api";
import { Comments } from "./components/Comments";
import { Experiments } from "./components/Experiments";
import { FollowUps } from "./components/FollowUps";
import { type Account, Header, REFRESH_SECONDS } from "./components/Header";
import { Headline } from "./components/Headline";
import { Journey } from "./components/Journey";
import { NpsBars } from "./components/NpsBars";
import { Rates } from "./components/Rates";
import { Section } from "./components/Section";
import { TrendChart } from "./components/TrendChart";
import { clockLabel, formatCount, stageName } from "./format";
import { headlineOf, stagesOf } from "./model";
import { readState, writeState } from "./state";

/** Up to this many days a chart shows days; beyond, weeks (days alone are too few answers). */
const DAILY_UP_TO_DAYS = 14;

interface Data {
  report: ReportResponse;
  nps: TimeseriesRow[];
  csat: TimeseriesRow[];
}

/** The results; `account` is the signed-in session (absent when reading is public). */
export function App(props: { account?: Account | undefined }) {
  const initial = useMemo(readState, []);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [commentQuery, setCommentQuery] = useState<CommentQuery>(initial.comments);
  const [meta, setMeta] = useState<Meta>();
  const [data, setData] = useState<Data>();
  const [comments, setComments] = useState<CommentRow[]>();
  const [error, setError] = useState<string>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [announcement, setAnnouncement] = useState("");
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [trendNps, setTrendNps] = useState("");
  const [trendCsat, setTrendCsat] = useState("");
  const request = useRef(0);
  const bucket = filters.days > 0 && filters.days <= DAILY_UP_TO_DAYS ? "day" : "week";

  const load = useCallback(
    async (announce: boolean) => {
      const id = ++request.current;
      try {
        const [nextMeta, report, nps, csat, rows] = await Promise.all([
          fetchMeta(),
          fetchReport(filters),
          fetchTimeseries(filters, "nps", trendNps, bucket),
          fetchTimeseries(filters, "csat", trendCsat, bucket),
          fetchComments(filters, commentQuery),
        ]);
        if (id !== request.current) return;
        setMeta(nextMeta);
        setData({ report, nps, csat });
        setComments(rows);
        setError(undefined);
        const now = new Date();
        setUpdatedAt(now);
        if (announce) setAnnouncement(`Results updated at ${clockLabel(now)}.`);
      } catch (failure) {
        if (id !== request.current) return;
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [filters, commentQuery, bucket, trendNps, trendCsat],
  );

  useEffect(() => {
    writeState(filters, commentQuery);
    void load(false);
  }, [load, filters, commentQuery]);

  useEffect(() => {
    if (!autoRefresh) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void load(false);
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [autoRefresh, load]);

  const stages = useMemo(
    () => (data ? stagesOf(data.report.report, initial.journey ?? meta?.journey ?? []) : []),
    [data, meta, initial],
  );
  const headline = useMemo(() => headlineOf(stages), [stages]);
  const surveysOf = (type: "nps" | "csat") =>
    stages
      .filter((stage) => stage.surveyType === type)
      .map(
        (stage) => [stage.surveyId, `${stageName(stage.touchpoint)} (${stage.surveyId})`] as const,
      );
  const report = data?.report.report;

  return (
    <>
      <Header
        account={props.account}
        filters={filters}
        sites={meta?.sites ?? []}
        updatedAt={updatedAt}
        lastReceivedAt={data?.report.lastReceivedAt ?? null}
        autoRefresh={autoRefresh}
        onFilters={setFilters}
        onRefresh={() => void load(true)}
        onAutoRefresh={setAutoRefresh}
      />
      <p role="status" class="visually-hidden">
        {announcement}
      </p>
      <main>
        {error && (
          <p role="alert" class="error">
            Could not read the results from the collector: {error}
          </p>
        )}
        {report && report.surveys.length === 0 && (
          <div class="empty">
            <h2>No feedback yet</h2>
            <p>
              Nothing has arrived for this site and period. Answer a prompt in the demo shop, or
              fill the database with a simulated data set: <code>npm run demo -- --seed</code> (or{" "}
              <code>npx touchpoint seed --db feedback.db</code>).
            </p>
          </div>
        )}
        {report && report.surveys.length > 0 && data && (
          <>
            <Section id="headline" title="At a glance">
              <Headline headline={headline} />
            </Section>
            <Section
              id="journey"
              title="Across the journey"
              intro="Each touchpoint in the order a visitor meets it. Scores use their own scales; the bars compare them: the share of answers at the low, middle and high end of each scale."
            >
              <Journey stages={stages} />
            </Section>
            <Section id="trend" title="Over time">
              <div class="pair">
                <TrendChart
                  id="trend-nps"
                  type="nps"
                  rows={data.nps}
                  bucket={bucket}
                  surveys={surveysOf("nps")}
                  surveyId={trendNps}
                  onSurvey={setTrendNps}
                />
                <TrendChart
                  id="trend-csat"
                  type="csat"
                  rows={data.csat}
                  bucket={bucket}
                  surveys={surveysOf("csat")}
                  surveyId={trendCsat}
                  onSurvey={setTrendCsat}
                />
              </div>
            </Section>
            <Section id="nps" title="Promoters, passives and detractors">
              <NpsBars id="nps-bars" stages={stages} />
            </Section>
            <Section
              id="rates"
              title="Response and dismissal rates"
              intro="Share of visitors shown each prompt who answered it, and who closed it without answering."
            >
              <Rates stages={stages} />
            </Section>
            <Section id="experiments" title="Experiments">
              <Experiments stages={stages} report={report} />
            </Section>
          </>
        )}
        {report && report.surveys.length > 0 && (
          <Section
            id="comments"
            title="Comments"
            intro="The follow-up answers, unhappiest first, so the people who need a reply are at the top."
          >
            <Comments
              rows={comments}
              query={commentQuery}
              stages={stages}
              onQuery={setCommentQuery}
            />
          </Section>
        )}
        <FollowUps site={filters.site} days={filters.days} refreshedAt={updatedAt} />
      </main>
      {report && (
        <footer class="bottom">
          <p>
            {formatCount(report.events.received)} events received,{" "}
            {formatCount(report.events.counted)} counted; repeated ids (
            {formatCount(report.events.duplicates)}) count once and forced previews (
            {formatCount(report.events.forcedPreviews)}) are left out. Intervals are 95%. Figures
            come from the collector's <code>/v1/report</code>, the same report as{" "}
            <code>npx touchpoint report</code>.
          </p>
        </footer>
      )}
    </>
  );
}
