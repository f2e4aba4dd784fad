// Every copy field of one language (or of one variant), with per-segment follow-ups and thanks.
import type { SurveyType } from "../../src/wire/event";
import { type Band, bandRange, type Segment, segmentOf } from "../../src/wire/scale";
import { useField } from "./editor";
import { Group, TextField } from "./fields";
import type { Path } from "./paths";

const SEGMENT_NAME: Readonly<Record<Segment, string>> = {
  detractor: "Detractors",
  passive: "Passives",
  promoter: "Promoters",
  low: "Low",
  middle: "Middle",
  high: "High",
};
const BANDS: readonly Band[] = ["low", "middle", "high"];

/** The segments of a survey type, lowest first, each with its name and scores: "Low (1-2)". */
function segmentsOf(type: SurveyType): [Segment, string][] {
  return BANDS.map((band) => {
    const [from, to] = bandRange(type, band);
    const segment = segmentOf(type, from);
    return [segment, `${SEGMENT_NAME[segment]} (${from === to ? from : `${from}-${to}`})`];
  });
}

function SegmentCopy(props: { label: string; path: Path; type: SurveyType; hint: string }) {
  const f = useField(props.path);
  const perSegment = typeof f.value === "object" && f.value !== null;
  const name = `${f.id}-mode`;
  return (
    <div class="segment-copy">
      <fieldset class="choice">
        <legend>{props.label}</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={!perSegment}
            onChange={() => {
              const first = perSegment ? Object.values(f.value as object).find(Boolean) : undefined;
              f.set(typeof first === "string" ? first : undefined);
            }}
          />{" "}
          One text for everyone
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={perSegment}
            onChange={() => {
              const text = typeof f.value === "string" ? f.value : "";
              f.set(Object.fromEntries(segmentsOf(props.type).map(([key]) => [key, text])));
            }}
          />{" "}
          One per segment
        </label>
      </fieldset>
      {perSegment ? (
        segmentsOf(props.type).map(([key, label]) => (
          <TextField
            key={key}
            label={`${props.label}: ${label}`}
            path={[...props.path, key]}
            hint="Left empty, this segment gets none."
          />
        ))
      ) : (
        <TextField label={props.label} path={props.path} hint={props.hint} />
      )}
    </div>
  );
}

/** The copy at `path` (a survey's `copy`, a `locales` entry or a variant's `copy`). */
export function CopyFields(props: {
  path: Path;
  type: SurveyType;
  title: string;
  partial?: boolean;
}) {
  const inherit = props.partial ? " Left empty, the default copy is used." : "";
  return (
    <Group title={props.title}>
      <TextField
        label="Question"
        path={[...props.path, "question"]}
        multiline
        hint={props.partial ? `Left empty, the default question is used.` : "Required."}
      />
      <div class="row">
        <TextField
          label="Low end label"
          path={[...props.path, "lowLabel"]}
          hint={`Default: the language's built-in label.${inherit}`}
        />
        <TextField
          label="High end label"
          path={[...props.path, "highLabel"]}
          hint={`Default: the language's built-in label.${inherit}`}
        />
      </div>
      <SegmentCopy
        label="Follow-up question"
        path={[...props.path, "followUp"]}
        type={props.type}
        hint={`The open "why?" question after the score; empty: no follow-up.${inherit}`}
      />
      <SegmentCopy
        label="Thank-you"
        path={[...props.path, "thanks"]}
        type={props.type}
        hint={`Shown after the answer; empty: the language's built-in thanks.${inherit}`}
      />
      <div class="row">
        <TextField label="Submit button" path={[...props.path, "submit"]} />
        <TextField label="Send button" path={[...props.path, "send"]} />
        <TextField label="Skip button" path={[...props.path, "skip"]} />
        <TextField label="Close button label" path={[...props.path, "close"]} />
      </div>
    </Group>
  );
}
