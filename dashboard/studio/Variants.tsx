// Copy variants for an A/B test: add one, set weights (0 pauses it), set coverage.
import type { CopyVariant } from "../../src/config/experiment-types";
import type { SurveyType } from "../../src/wire/event";
import { CopyFields } from "./CopyFields";
import { useField } from "./editor";
import { Group, NumberField, SelectField, TextField } from "./fields";
import { freeId } from "./templates";

export function Variants(props: { index: number; type: SurveyType }) {
  const path = ["surveys", props.index, "variants"];
  const f = useField(path);
  const question = useField(["surveys", props.index, "copy", "question"]).value;
  const variants = Array.isArray(f.value) ? (f.value as CopyVariant[]) : [];
  const total = variants.reduce((sum, v) => sum + (typeof v.weight === "number" ? v.weight : 0), 0);
  const add = () => {
    const base = variants.length ? variants : [{ key: "control", weight: 50 }];
    const key = freeId(
      "variant-b",
      base.map((v) => v.key),
    );
    f.set([
      ...base,
      { key, weight: 50, copy: { question: typeof question === "string" ? question : "" } },
    ]);
  };
  return (
    <Group
      title="Copy variants (A/B test)"
      intro="The first variant is the control. Each visitor keeps one variant; weight 0 pauses a variant. The experiment view of the results picks them up."
    >
      {variants.map((v, i) => (
        <div class="variant" key={i}>
          <div class="row">
            <TextField label={`Variant ${i + 1} key`} path={[...path, i, "key"]} />
            <NumberField label={`Variant ${i + 1} weight`} path={[...path, i, "weight"]} min={0} />
            <p class="share">
              {total > 0 && typeof v.weight === "number"
                ? `${Math.round((v.weight / total) * 100)}% of covered visitors`
                : "no share"}
              {v.weight === 0 ? " (paused)" : ""}
            </p>
            <button
              type="button"
              class="secondary"
              onClick={() =>
                f.set(
                  variants.map((x, j) => (j === i ? { ...x, weight: x.weight === 0 ? 50 : 0 } : x)),
                )
              }
            >
              {v.weight === 0 ? `Resume ${v.key}` : `Pause ${v.key}`}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                const rest = variants.filter((_, j) => j !== i);
                f.set(rest.length ? rest : undefined);
              }}
            >
              Remove {v.key}
            </button>
          </div>
          {i > 0 && (
            <CopyFields
              title={`Copy of ${v.key}`}
              path={[...path, i, "copy"]}
              type={props.type}
              partial
            />
          )}
        </div>
      ))}
      <button type="button" onClick={add}>
        Add a variant
      </button>
      {variants.length > 0 && (
        <div class="row">
          <NumberField
            label="Coverage (% of visitors in the test)"
            path={["surveys", props.index, "experiment", "coverage"]}
            min={0}
            max={100}
            hint="The rest see the control copy and are reported as holdout. Default 100."
          />
          <SelectField
            label="Assign by"
            path={["surveys", props.index, "experiment", "unit"]}
            optional="Visitor"
            options={[["user", "User id (identify)"]]}
          />
          <TextField
            label="Assignment seed"
            path={["surveys", props.index, "experiment", "seed"]}
            hint="Default: the survey id. Changing it reshuffles visitors."
          />
        </div>
      )}
    </Group>
  );
}
