import { describe, expect, it } from "vitest";
import { buildReport } from "../../../src/report/aggregate";
import { formatReport } from "../../../src/report/format";
import { armEvents, repeat } from "./fixtures";

describe("formatReport", () => {
  it("renders a table per touchpoint, the holdout, the verdicts and the note", () => {
    const events = [
      ...armEvents("control", {
        shown: 400,
        scores: [...repeat(10, 60), ...repeat(3, 20)],
        dismissed: 40,
      }),
      ...armEvents("b", {
        shown: 400,
        scores: [...repeat(10, 90), ...repeat(3, 30)],
        dismissed: 40,
      }),
      ...armEvents("control", { shown: 50, scores: [9], extra: { holdout: true } }),
      ...armEvents("b", { shown: 2, extra: { forced: true } }),
    ];
    const text = formatReport(buildReport(events, { method: "fixed" }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("# Touchpoint report");
    expect(text).toContain(
      "1,133 events received: 1,131 counted, 0 repeated ids counted once, 2 forced previews left out.",
    );
    expect(text).toContain("## nps-checkout (NPS) at order_confirmation");
    expect(lines).toContain(
      "| variant | shown | answers | dismissals | response rate | dismiss rate | NPS | net promoters per 100 shown |",
    );
    const control = lines.find((line) => line.startsWith("| control |"));
    expect(control).toMatch(
      /^\| control \| 400 \| 80 \| 40 \| 20\.0% \(16\.4 to 24\.2\) \| 10\.0% /,
    );
    expect(control).toContain("| 50.0 (");
    expect(control).toMatch(/\| \+10\.0 \(\+\d\.\d to \+\d+\.\d\) \|$/);
    expect(
      lines.find((line) => line.startsWith("| holdout (control copy) | 50 | 1 |")),
    ).toBeDefined();
    expect(text).toContain("Sample ratio: as expected (equal weights, sequential test, p = 1.0).");
    expect(text).toMatch(
      /\n- variant b beats control: response rate \+10\.0 points, 97\.5% interval \+3\.2 to \+16\.8 \(p = 0\.0020\)/,
    );
    expect(text).toContain(
      "**No plan given: valid only if the size was fixed in advance and this is the one reading. Verdict: b gets more answers than control.**",
    );
    expect(text).toContain(
      "Method: fixed-horizon two-proportion z and Welch t tests at 95%, Holm-Bonferroni across the 2 primary comparisons with the control",
    );
    expect(text).toMatch(
      /\nPlanning: to find a 3\.0-point lift over a 20\.0% response rate \(80% power\): [\d,]+ visitors shown per variant, /,
    );
    expect(text.trimEnd().split("\n").at(-1)).toMatch(
      /^Response rate and net promoters per visitor shown are the primary/,
    );
  });

  it("labels CSAT and CES columns and says when there is nothing to report", () => {
    const csat = formatReport(
      buildReport(
        armEvents("control", { shown: 3, scores: [5, 4, 1], extra: { surveyType: "csat" } }),
      ),
    );
    expect(csat).toContain("| CSAT (% 4-5) |");
    expect(csat).toContain("| 66.7% (");
    expect(csat).not.toContain("net promoters per 100 shown |");
    const ces = formatReport(
      buildReport(armEvents("control", { shown: 2, scores: [6, 5], extra: { surveyType: "ces" } })),
    );
    expect(ces).toContain("| CES (1-7) |");
    expect(ces).toContain("| 5.50 (");
    expect(formatReport(buildReport([]))).toContain("No events to report.");
    const named = formatReport(
      buildReport([...armEvents("x", { shown: 1 }), ...armEvents("y", { shown: 1 })]),
    );
    expect(named).toContain("\n| x (control) | 1 |");
    expect(named).toContain("\n| y | 1 |");
  });
});
