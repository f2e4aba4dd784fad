import { useCallback, useEffect, useState } from "preact/hooks";
import { SCALES } from "../../src/wire/scale";
import { fromDate } from "../api";
import {
  type AlertRecord,
  type FollowUpStatus,
  fetchFollowUpTimes,
  fetchInbox,
  type InboxItem,
  type InboxResponse,
  resendAlert,
  saveStatus,
  type TimesResponse,
} from "../followups-api";
import { dateTimeLabel, SCORE_NAME, stageName } from "../format";
import { FollowUpTimes, hoursLabel } from "./FollowUpTimes";
import { Section } from "./Section";

const STATUS_NAME: Readonly<Record<FollowUpStatus, string>> = {
  new: "New",
  in_progress: "In progress",
  done: "Done",
};

function deliveryText(alert: AlertRecord): string {
  const kind = alert.type === "feedback.updated" ? "update" : "alert";
  if (alert.status === "delivered") return `${kind} to ${alert.destination}: delivered`;
  if (alert.status === "dead") {
    return `${kind} to ${alert.destination}: not delivered after ${alert.attempts} attempts (${alert.lastError ?? "unknown reason"})`;
  }
  return `${kind} to ${alert.destination}: ${alert.attempts > 0 ? `retrying (${alert.lastError ?? ""})` : "queued"}`;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** One alerted answer with its status form. */
function Item(props: {
  item: InboxItem;
  overdue: boolean;
  onSave: (status: FollowUpStatus, note: string) => Promise<void>;
  onResend: (id: string) => Promise<void>;
}) {
  const { item, overdue } = props;
  const [status, setStatus] = useState<FollowUpStatus>(item.status);
  const [note, setNote] = useState(item.note ?? "");
  const [busy, setBusy] = useState(false);
  const id = (part: string) => `followup-${item.eventId}-${part}`;
  return (
    <li id={`followup-${item.eventId}`} class={`followup status-${item.status}`}>
      <p class="comment-meta">
        <span class="score-chip low">
          {SCORE_NAME[item.surveyType]} {item.score}
          <span class="visually-hidden"> out of {SCALES[item.surveyType].max}</span>
        </span>
        <span>{stageName(item.touchpoint)}</span>
        {item.variant !== "control" && <span>variant {item.variant}</span>}
        <span>
          <time dateTime={item.createdAt}>{dateTimeLabel(item.createdAt)}</time>
        </span>
        <span>{STATUS_NAME[item.status]}</span>
        {overdue && <span class="overdue">overdue</span>}
      </p>
      {item.comment ? <blockquote>{item.comment}</blockquote> : <p class="muted">No comment.</p>}
      <p class="comment-page">on {pathOf(item.page)}</p>
      {item.consent && (
        <p class="consent-given">
          Agreed to be contacted
          {item.contact ? (
            <>
              : <span class="contact">{item.contact}</span>
            </>
          ) : item.userId ? (
            ` (user ${item.userId})`
          ) : (
            ""
          )}
        </p>
      )}
      <ul class="deliveries">
        {item.alerts.map((alert) => (
          <li key={alert.id}>
            {deliveryText(alert)}
            {alert.status === "dead" && (
              <button type="button" class="secondary" onClick={() => void props.onResend(alert.id)}>
                Send again
              </button>
            )}
          </li>
        ))}
      </ul>
      {item.updatedBy && (
        <p class="muted">
          {STATUS_NAME[item.status]} by {item.updatedBy}
          {item.updatedAt ? `, ${dateTimeLabel(item.updatedAt)}` : ""}
          {item.note ? `: ${item.note}` : ""}
        </p>
      )}
      <form
        class="filters followup-form"
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          try {
            await props.onSave(status, note);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label for={id("status")}>Status</label>
        <select
          id={id("status")}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as FollowUpStatus)}
        >
          {(Object.keys(STATUS_NAME) as FollowUpStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_NAME[s]}
            </option>
          ))}
        </select>
        <label for={id("note")}>Note</label>
        <input
          id={id("note")}
          type="text"
          maxLength={2000}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <button type="submit" disabled={busy}>
          Save
        </button>
      </form>
    </li>
  );
}

/**
 * The follow-up inbox: answers that matched an alert rule, open ones first, unhappiest and oldest
 * first, each with its status form and its alerts' delivery; then time to follow-up.
 */
export function FollowUps(props: { site: string; days: number; refreshedAt: Date | undefined }) {
  const { site, days, refreshedAt } = props;
  const [inbox, setInbox] = useState<InboxResponse>();
  const [times, setTimes] = useState<TimesResponse>();
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState("");

  const load = useCallback(async () => {
    try {
      const [nextInbox, nextTimes] = await Promise.all([
        fetchInbox(site),
        fetchFollowUpTimes(site, fromDate(days)),
      ]);
      setInbox(nextInbox);
      setTimes(nextTimes);
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, [site, days]);

  useEffect(() => {
    void load();
  }, [load, refreshedAt]);

  useEffect(() => {
    if (!inbox || !location.hash.startsWith("#followup-")) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [inbox]);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setMessage(done);
      await load();
    } catch (failure) {
      setMessage(`Not saved: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };
  const targetMs = (inbox?.targetHours ?? 48) * 3_600_000;
  const now = Date.now();
  return (
    <>
      <Section
        id="followups"
        title="Follow-up inbox"
        intro="Answers that matched an alert rule: open ones first, the unhappiest and oldest at the top. Contact details show only where the visitor agreed to be contacted."
      >
        <p role="status" class="visually-hidden">
          {message}
        </p>
        {error && <p class="error">Could not read the follow-up inbox: {error}</p>}
        {inbox === undefined && !error && <p>Loading the inbox…</p>}
        {inbox && inbox.rows.length === 0 && (
          <p>
            No answer has matched an alert rule yet. Rules come from{" "}
            <code>touchpoint collect --alerts alerts.json</code>.
          </p>
        )}
        {inbox && inbox.rows.length > 0 && (
          <ol class="followups" aria-label="Alerted answers">
            {inbox.rows.map((item) => (
              <Item
                key={`${item.eventId}-${item.updatedAt ?? ""}`}
                item={item}
                overdue={
                  item.firstChangedAt === null && now - Date.parse(item.createdAt) > targetMs
                }
                onSave={(status, note) =>
                  act(
                    () => saveStatus(item.eventId, status, note),
                    `Saved: ${STATUS_NAME[status]}.`,
                  )
                }
                onResend={(id) => act(() => resendAlert(id), "Alert queued again.")}
              />
            ))}
          </ol>
        )}
      </Section>
      <Section
        id="followup-times"
        title="Time to follow-up"
        intro={`From the answer to its first status change; target ${hoursLabel(inbox?.targetHours ?? 48)}.`}
      >
        {times ? <FollowUpTimes times={times} /> : <p>Loading…</p>}
      </Section>
    </>
  );
}
