import type { ScheduleConfig } from "../config/targeting-types";
import type { Verdict } from "./eligibility";

/** Whether `now` is within the schedule: dates, days of the week and hours in its time zone. */
export function scheduleVerdict(s: ScheduleConfig, now: number): Verdict {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat("en-US", {
    ...(s.timeZone ? { timeZone: s.timeZone } : {}),
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now))
    parts[p.type] = p.value;
  const day = (parts.weekday ?? "").toLowerCase();
  const hour = Number(parts.hour) + Number(parts.minute) / 60;
  const at = `${parts.weekday} ${parts.hour}:${parts.minute}${s.timeZone ? ` ${s.timeZone}` : ""}`;
  const no = (detail: string): Verdict => ({ rule: "schedule", ok: false, detail });
  if (s.start && now < Date.parse(s.start))
    return no(`${new Date(now).toISOString()} is before start ${s.start}`);
  if (s.end && now >= Date.parse(s.end))
    return no(`${new Date(now).toISOString()} is after end ${s.end}`);
  if (s.days && !s.days.includes(day as never))
    return no(`${at}: ${day} is not one of ${s.days.join(", ")}`);
  if (s.hours) {
    const { from, to } = s.hours;
    if (from <= to ? hour < from || hour >= to : hour < from && hour >= to)
      return no(`${at} is outside hours ${from}-${to}`);
  }
  return { rule: "schedule", ok: true, detail: `${at} is within the schedule` };
}
