import type { ComponentChildren } from "preact";

/**
 * A titled region of the page. Its heading links to the section itself (a shareable address),
 * and on a narrow screen the section scrolls sideways when a table is wider than the screen; the
 * link is what the keyboard focuses to scroll it.
 */
export function Section(props: {
  id: string;
  title: string;
  intro?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>
        <a class="self" href={`#${props.id}`}>
          {props.title}
        </a>
      </h2>
      {props.intro && <p class="intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** The table behind a chart, folded away until asked for. */
export function TableFallback(props: { summary?: string; children: ComponentChildren }) {
  return (
    <details class="table-fallback">
      <summary>{props.summary ?? "Show the numbers as a table"}</summary>
      {props.children}
    </details>
  );
}
