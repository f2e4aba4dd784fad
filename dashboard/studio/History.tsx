// Published versions: who, when, why; a diff between any two; one-step rollback.
import { useEffect, useState } from "preact/hooks";
import { dateTimeLabel } from "../format";
import { type Change, diffVersions, type VersionSummary } from "./api";

export function History(props: {
  siteKey: string;
  versions: readonly VersionSummary[];
  busy: boolean;
  onRollback: () => void;
  onOpen: (version: number) => void;
}) {
  const latest = props.versions[0]?.version ?? 0;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const [changes, setChanges] = useState<Change[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setFrom(Math.max(1, latest - 1));
    setTo(latest);
    setChanges(undefined);
  }, [latest]);
  if (!latest) return <p class="hint">Nothing published yet for {props.siteKey}.</p>;
  const pick = (id: string, label: string, value: number, set: (n: number) => void) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => set(Number(e.currentTarget.value))}>
        {props.versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            Version {v.version}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div class="history">
      <table>
        <caption class="visually-hidden">Published versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Message</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr key={v.version}>
              <td>{v.version}</td>
              <td>{dateTimeLabel(v.publishedAt)}</td>
              <td>{v.author}</td>
              <td>{v.message || <span class="muted">(no message)</span>}</td>
              <td>
                <button type="button" class="link" onClick={() => props.onOpen(v.version)}>
                  Edit from version {v.version}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <button type="button" disabled={props.busy || latest < 2} onClick={props.onRollback}>
          Roll back to version {latest - 1}
        </button>
      </div>
      <form
        class="row diff-form"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          diffVersions(props.siteKey, from, to).then(setChanges, (failure: Error) =>
            setError(failure.message),
          );
        }}
      >
        {pick("diff-from", "Compare version", from, setFrom)}
        {pick("diff-to", "with version", to, setTo)}
        <button type="submit">Show changes</button>
      </form>
      <div aria-live="polite">
        {error && <p class="field-problems">{error}</p>}
        {changes && changes.length === 0 && (
          <p>
            No changes between version {from} and version {to}.
          </p>
        )}
        {changes && changes.length > 0 && (
          <ul class="changes">
            {changes.map((c) => (
              <li key={c.path} class={c.kind}>
                {c.text}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
