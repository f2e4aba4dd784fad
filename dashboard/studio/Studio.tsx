// The studio: edit a site's surveys with a live preview, check who would see them, publish.
import { useEffect, useMemo, useState } from "preact/hooks";
import { publishProblems } from "../../src/config/publish";
import type { SurveyConfig, TouchpointConfig } from "../../src/config/types";
import type { SummaryRow } from "../../src/server/queries";
import {
  type Change,
  fetchMeta,
  fetchSummary,
  listSites,
  listVersions,
  ownCollector,
  type Problem,
  publish,
  readVersion,
  rollback,
  StudioError,
  type VersionSummary,
} from "./api";
import { EditorContext, fieldId } from "./editor";
import { History } from "./History";
import { JsonView } from "./JsonView";
import { Preview } from "./Preview";
import { type Path, setIn } from "./paths";
import { SiteForm } from "./SiteForm";
import { SurveyForm } from "./SurveyForm";
import { SurveyList } from "./SurveyList";
import { freeId, TEMPLATES } from "./templates";
import { WouldShow } from "./WouldShow";
import "./studio.css";

interface Notice {
  kind: "ok" | "error";
  text: string;
  changes?: Change[];
  conflict?: boolean;
}

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Moves focus to the control of `path` (or of its nearest parent on screen). */
function focusPath(path: string): void {
  let p = path;
  while (p) {
    const element = document.getElementById(fieldId(p));
    if (element) {
      element.focus();
      return;
    }
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    p = cut > 0 ? p.slice(0, cut) : "";
  }
}

export function Studio() {
  const [sites, setSites] = useState<string[]>([]);
  const [site, setSite] = useState(new URLSearchParams(location.search).get("site") ?? "");
  const [newSite, setNewSite] = useState("");
  const [journey, setJourney] = useState<string[]>([]);
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [base, setBase] = useState<{ version: number; config: TouchpointConfig }>({
    version: 0,
    config: {},
  });
  const [draft, setDraft] = useState<TouchpointConfig>({});
  const [selected, setSelected] = useState(-1);
  const [view, setView] = useState<"form" | "json">("form");
  const [message, setMessage] = useState("");
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [rows, setRows] = useState<SummaryRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    Promise.all([listSites(), fetchMeta()]).then(
      ([published, meta]) => {
        const all = [...new Set([...published.map((s) => s.siteKey), ...meta.sites])];
        setSites(all);
        setJourney(meta.journey);
        setSite((current) => current || all[0] || "");
      },
      (error) => setLoadError(describeError(error)),
    );
  }, []);

  async function load(siteKey: string, keep = false): Promise<void> {
    const list = await listVersions(siteKey);
    const latest = list[0];
    const config: TouchpointConfig = latest
      ? (await readVersion(siteKey, latest.version)).config
      : { siteKey, collector: ownCollector(), surveys: [] };
    setVersions(list);
    setBase({ version: latest?.version ?? 0, config });
    setDraft(config);
    setServerProblems([]);
    if (!keep) setSelected(config.surveys?.length ? 0 : -1);
    fetchSummary(siteKey).then(setRows, () => setRows([]));
  }

  useEffect(() => {
    if (!site) return;
    const params = new URLSearchParams(location.search);
    params.set("site", site);
    history.replaceState(null, "", `${location.pathname}?${params}`);
    load(site).then(
      () => setLoadError(undefined),
      (error) => setLoadError(describeError(error)),
    );
  }, [site]);

  const problems = useMemo(() => {
    const local = publishProblems(draft, site).map(({ path, message: m }) => ({
      path,
      message: m,
    }));
    const seen = new Set(local.map((p) => p.message));
    return [...local, ...serverProblems.filter((p) => !seen.has(p.message))];
  }, [draft, site, serverProblems]);

  const editor = useMemo(
    () => ({
      draft,
      problems,
      set: (path: Path, value: unknown) => {
        setDraft((d) => setIn(d, path, value) as TouchpointConfig);
        setServerProblems([]);
      },
    }),
    [draft, problems],
  );

  const surveys = draft.surveys ?? [];
  const survey = surveys[selected] as SurveyConfig | undefined;
  const dirty = JSON.stringify(draft) !== JSON.stringify(base.config);

  const create = (key: string) => {
    const template = TEMPLATES.find((t) => t.key === key);
    if (!template) return;
    const id = freeId(
      template.survey.id,
      surveys.map((s) => s.id),
    );
    setDraft((d) => ({
      ...d,
      surveys: [...(d.surveys ?? []), { ...structuredClone(template.survey), id }],
    }));
    setSelected(surveys.length);
    setView("form");
    setNotice({
      kind: "ok",
      text: `Created ${id} from "${template.name}". Publish to put it live.`,
    });
  };

  const goTo = (path: string) => {
    const m = /^surveys\[(\d+)\]/.exec(path);
    setSelected(m ? Number(m[1]) : -1);
    setView("form");
    requestAnimationFrame(() => focusPath(path));
  };

  async function doPublish(): Promise<void> {
    setBusy(true);
    try {
      const result = await publish(site, draft, base.version, message);
      setMessage("");
      await load(site, true);
      setNotice({
        kind: "ok",
        text: `Published version ${result.version}. Visitors get it on their next page view.`,
        changes: result.changes,
      });
    } catch (error) {
      if (error instanceof StudioError && error.status === 422) {
        setServerProblems(error.problems);
        setNotice({
          kind: "error",
          text: `Not published: ${error.message}. Each problem is shown at its field.`,
        });
      } else if (error instanceof StudioError && (error.status === 409 || error.status === 412)) {
        setNotice({
          kind: "error",
          text: `Not published: ${error.message}`,
          changes: error.changes,
          conflict: true,
        });
      } else setNotice({ kind: "error", text: `Not published: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function doRollback(): Promise<void> {
    setBusy(true);
    try {
      const result = await rollback(site, base.version);
      await load(site, true);
      setNotice({
        kind: "ok",
        text: `Rolled back: version ${result.version} is version ${base.version - 1} again.`,
      });
    } catch (error) {
      setNotice({ kind: "error", text: `Not rolled back: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function keepMine(): Promise<void> {
    const list = await listVersions(site);
    const latest = list[0];
    if (!latest) return;
    setVersions(list);
    setBase({ version: latest.version, config: (await readVersion(site, latest.version)).config });
    setNotice({
      kind: "ok",
      text: `Your edits now build on version ${latest.version}. Check the changes above, then publish again.`,
    });
  }

  return (
    <EditorContext.Provider value={editor}>
      <header class="top studio-top">
        <div class="title">
          <h1>Touchpoint studio</h1>
          <nav aria-label="Dashboard">
            <a href={`./?site=${encodeURIComponent(site)}`}>Results</a>
          </nav>
        </div>
        <div class="filters">
          <div class="field">
            <label for="studio-site">Site</label>
            <select id="studio-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
              {sites.length === 0 && <option value="">(no site yet)</option>}
              {sites.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <form
            class="field with-button"
            onSubmit={(e) => {
              e.preventDefault();
              if (!newSite) return;
              setSites((all) => [...new Set([...all, newSite])]);
              setSite(newSite);
              setNewSite("");
            }}
          >
            <label for="studio-new-site" class="visually-hidden">
              New site key
            </label>
            <input
              id="studio-new-site"
              type="text"
              placeholder="new-site-key"
              value={newSite}
              onInput={(e) => setNewSite(e.currentTarget.value.trim())}
            />
            <button type="submit">Add site</button>
          </form>
        </div>
      </header>
      <main class="studio">
        {loadError && (
          <p role="alert" class="error">
            Could not read the site's config from the collector: {loadError}
          </p>
        )}
        <div class="studio-layout">
          <SurveyList
            surveys={surveys}
            journey={journey}
            rows={rows}
            selected={selected}
            onSelect={(i) => {
              setSelected(i);
              setView("form");
            }}
            onCreate={create}
          />
          <section class="studio-editor" aria-labelledby="editor-title">
            <div class="editor-head">
              <h2 id="editor-title">{survey ? `Survey ${survey.id}` : "Site settings"}</h2>
              <fieldset class="view-switch">
                <legend class="visually-hidden">Editor view</legend>
                <button
                  type="button"
                  aria-pressed={view === "form"}
                  onClick={() => setView("form")}
                >
                  Form
                </button>
                <button
                  type="button"
                  aria-pressed={view === "json"}
                  onClick={() => setView("json")}
                >
                  JSON
                </button>
              </fieldset>
              {survey && view === "form" && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    setDraft((d) => ({
                      ...d,
                      surveys: (d.surveys ?? []).filter((_, i) => i !== selected),
                    }));
                    setSelected(-1);
                  }}
                >
                  Delete {survey.id}
                </button>
              )}
            </div>
            {view === "json" ? (
              <JsonView
                draft={draft}
                problems={problems}
                onChange={(c) => {
                  setDraft(c);
                  setServerProblems([]);
                }}
              />
            ) : survey ? (
              <SurveyForm
                key={selected}
                index={selected}
                survey={survey}
                ids={surveys.map((s) => s.id)}
              />
            ) : (
              <SiteForm />
            )}
          </section>
          <div class="studio-side">
            {survey ? (
              <Preview draft={draft} survey={survey} />
            ) : (
              <p class="hint">Pick a survey to preview it.</p>
            )}
            {surveys.length > 0 && (
              <WouldShow draft={draft} selected={survey?.id ?? surveys[0]?.id ?? ""} />
            )}
          </div>
        </div>
        <section class="publish" aria-labelledby="publish-title">
          <h2 id="publish-title">Publish</h2>
          <p class="hint">
            {base.version ? `Editing from version ${base.version}. ` : "Nothing published yet. "}
            {dirty ? "You have unpublished changes." : "No unpublished changes."}
          </p>
          {problems.length > 0 && (
            <div class="problems">
              <h3>
                {problems.length} problem{problems.length === 1 ? "" : "s"} to fix before publishing
              </h3>
              <ul>
                {problems.map((p) => (
                  <li key={p.message}>
                    <a
                      href={`#${fieldId(p.path)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        goTo(p.path);
                      }}
                    >
                      {p.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="row">
            <div class="field grow">
              <label for="publish-message">What changed (shown in the history)</label>
              <input
                id="publish-message"
                type="text"
                value={message}
                maxLength={500}
                onInput={(e) => setMessage(e.currentTarget.value)}
              />
            </div>
            <button
              type="button"
              class="primary"
              disabled={busy || !site}
              onClick={() => void doPublish()}
            >
              Publish
            </button>
            <button
              type="button"
              class="secondary"
              disabled={busy || !dirty}
              onClick={() => void load(site, true)}
            >
              Discard changes
            </button>
          </div>
          <div role="status" aria-live="polite" class={notice ? `notice ${notice.kind}` : "notice"}>
            {notice && <p>{notice.text}</p>}
            {notice?.changes && notice.changes.length > 0 && (
              <ul class="changes">
                {notice.changes.map((c) => (
                  <li key={c.path}>{c.text}</li>
                ))}
              </ul>
            )}
            {notice?.conflict && (
              <div class="row">
                <button type="button" onClick={() => void load(site)}>
                  Load the latest version (drop my edits)
                </button>
                <button type="button" onClick={() => void keepMine()}>
                  Keep my edits on top of the latest
                </button>
              </div>
            )}
          </div>
        </section>
        <section class="versions" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <History
            siteKey={site}
            versions={versions}
            busy={busy}
            onRollback={() => void doRollback()}
            onOpen={(version) =>
              void readVersion(site, version).then((v) => {
                setDraft(v.config);
                setNotice({
                  kind: "ok",
                  text: `Editing from version ${version}: publishing makes it the latest version.`,
                });
              })
            }
          />
        </section>
      </main>
    </EditorContext.Provider>
  );
}
