// What every studio field reads and writes: the draft config and its problems, by path.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { TouchpointConfig } from "../../src/config/types";
import type { Problem } from "./api";
import { getIn, type Path, pathText } from "./paths";

export interface Editor {
  draft: TouchpointConfig;
  set: (path: Path, value: unknown) => void;
  /** Problems of the draft (from `validate()`, or the collector's refusal), by path. */
  problems: readonly Problem[];
}

export const EditorContext = createContext<Editor>({
  draft: {},
  set: () => undefined,
  problems: [],
});

/** The id of the control editing `path`, so a problem elsewhere can link to it. */
export const fieldId = (path: Path | string) =>
  `field-${(typeof path === "string" ? path : pathText(path)).replace(/[^A-Za-z0-9_-]/g, "_")}`;

/** The value at `path`, a setter, and the problems at that path (or under it, with `deep`). */
export function useField(path: Path, deep = false) {
  const editor = useContext(EditorContext);
  const text = pathText(path);
  const problems = editor.problems.filter(
    (p) =>
      p.path === text || (deep && (p.path.startsWith(`${text}.`) || p.path.startsWith(`${text}[`))),
  );
  return {
    id: fieldId(path),
    value: getIn(editor.draft, path),
    set: (value: unknown) => editor.set(path, value),
    problems,
  };
}
