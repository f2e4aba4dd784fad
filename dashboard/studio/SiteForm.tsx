// Settings of the whole site: collector, fatigue policy across surveys, theme.
import { CheckField, Group, NumberField, SelectField, TextField } from "./fields";
import { POSITIONS } from "./SurveyForm";

export function SiteForm() {
  return (
    <div class="site-form">
      <Group title="Site">
        <div class="row">
          <TextField label="Collector URL" path={["collector"]} hint="Where answers are sent." />
          <TextField
            label="Language"
            path={["locale"]}
            hint="Default: the page's lang, then the browser's."
          />
        </div>
        <div class="row">
          <CheckField
            label="Debug mode (explains every decision on the console)"
            path={["debug"]}
            defaultValue={false}
          />
          <CheckField
            label="Wait for consent before storing or sending"
            path={["requireConsent"]}
            defaultValue={false}
          />
        </div>
      </Group>
      <Group
        title="Policy across surveys"
        intro="Limits every prompt of the site together, so visitors are not asked too often."
      >
        <div class="row">
          <NumberField
            label="Prompts per session"
            path={["policy", "maxPerSession"]}
            min={1}
            hint="Default 1."
          />
          <NumberField
            label="Prompts per day"
            path={["policy", "maxPerDay"]}
            min={1}
            hint="Default: no limit."
          />
          <NumberField
            label="Days between any two prompts"
            path={["policy", "minDaysBetween"]}
            min={0}
            hint="Default 0."
          />
        </div>
        <div class="row">
          <NumberField
            label="Rolling window: at most"
            path={["policy", "rolling", "max"]}
            min={1}
          />
          <NumberField label="Rolling window: days" path={["policy", "rolling", "days"]} min={1} />
        </div>
      </Group>
      <Group title="Theme">
        <div class="row">
          <TextField label="Accent colour" path={["theme", "accent"]} placeholder="#3056d3" />
          <TextField
            label="Background colour"
            path={["theme", "background"]}
            placeholder="#ffffff"
          />
          <TextField label="Text colour" path={["theme", "text"]} placeholder="#1f2328" />
        </div>
        <div class="row">
          <NumberField label="Corner radius (px)" path={["theme", "radius"]} min={0} />
          <TextField
            label="Font family"
            path={["theme", "fontFamily"]}
            placeholder="system-ui, sans-serif"
          />
          <SelectField
            label="Colour scheme"
            path={["theme", "colorScheme"]}
            optional="Follow the visitor's (auto)"
            options={[
              ["light", "Light"],
              ["dark", "Dark"],
            ]}
          />
          <SelectField
            label="Position"
            path={["theme", "position"]}
            optional="Bottom right"
            options={POSITIONS}
          />
        </div>
      </Group>
    </div>
  );
}
