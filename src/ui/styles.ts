/**
 * The prompt's stylesheet, adopted into its shadow root (no inline styles, so a strict CSP
 * without 'unsafe-inline' is fine). `:host` declarations are !important because, across a shadow
 * boundary, important rules from the inner context beat the host page's, even its !important ones.
 * Sizes are in em from `font-size: medium`, so the host's root font size does not scale the prompt.
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;
font-size:medium!important;inset:auto 1em 1em auto!important;margin:0!important;padding:0!important;border:0!important;
background:transparent!important;overflow:visible!important;width:auto!important;height:auto!important;
max-width:calc(100vw - 2em)!important;visibility:visible!important;opacity:1!important;color-scheme:light dark}
:host([data-position=bottom-left]){inset:auto auto 1em 1em!important}
:host([data-position=top-right]){inset:1em 1em auto auto!important}
:host([data-position=top-left]){inset:1em auto auto 1em!important}
*{box-sizing:border-box}
.card{--accent:var(--tp-accent,#3056d3);font:1em/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1b1f24;background:#fff;border:1px solid #8c959f;border-radius:.75em;box-shadow:0 .5em 2em rgb(0 0 0/.2);
padding:1em 1.25em;width:28em;max-width:100%;position:relative}
@media (prefers-color-scheme:dark){.card{color:#f0f3f6;background:#1f2328;border-color:#8c959f}}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;padding:0 2em 0 0;margin:0 0 .75em}
.values{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:.25em}
.value{position:relative;min-width:0}
.value input{position:absolute;opacity:0;inset:0;margin:0;width:100%;height:100%;cursor:pointer}
.value span{display:flex;align-items:center;justify-content:center;min-height:2.5em;border:1px solid #6e7781;
border-radius:.375em;font-weight:500}
.value input:checked+span{background:var(--accent);border-color:var(--accent);color:#fff}
.value input:focus-visible+span{outline:.1875em solid var(--accent);outline-offset:.125em}
.ends{display:flex;justify-content:space-between;font-size:.8125em;margin:.375em 0 0;gap:1em}
.actions{display:flex;gap:.5em;justify-content:flex-end;margin-top:.875em}
button{font:inherit;cursor:pointer;border-radius:.375em;padding:.5em 1em;min-height:2.75em;min-width:2.75em;
border:1px solid var(--accent);background:var(--accent);color:#fff}
button.secondary{background:transparent;color:inherit;border-color:#6e7781}
button:focus-visible,textarea:focus-visible{outline:.1875em solid var(--accent);outline-offset:.125em}
button[disabled]{opacity:.6;cursor:not-allowed}
.close{position:absolute;inset:.375em .375em auto auto;background:transparent;color:inherit;border:0;padding:0;
font-size:1.25em;line-height:1;min-height:1.75em;min-width:1.75em}
label.follow{display:block;font-weight:600;margin-bottom:.5em;padding-inline-end:2em}
textarea{font:inherit;width:100%;min-height:5em;padding:.5em;border:1px solid #6e7781;border-radius:.375em;
color:inherit;background:transparent;resize:vertical}
.status{font-weight:600}
.status:empty{display:none}
.hint{font-size:.875em;margin:.5em 0 0}
@media (prefers-reduced-motion:no-preference){.card{animation:tp-in .18s ease-out}}
@keyframes tp-in{from{transform:translateY(.5em);opacity:0}}
@media (forced-colors:active){.value input:checked+span{border-width:.1875em}}
`;
