/**
 * The prompt's stylesheet, adopted into its shadow root (no inline styles, so a strict CSP
 * without 'unsafe-inline' is fine). `:host` declarations are !important because, across a shadow
 * boundary, important rules from the inner context beat the host page's, even its !important ones.
 * Sizes are in em from `font-size: medium`, so the host's root font size does not scale the prompt.
 * Colours are custom properties of the card: the defaults below (they pass 4.5:1 and 3:1, see
 * the theme unit test), or a site's theme colours, clamped by theme.ts and set on the card.
 * Scales stay one row at any width (a wrapped 0-10 scale breaks its left-to-right reading and
 * shifts answers): at 320 px an NPS value is 25 px wide, with a narrower gap. The gap narrows by
 * a media query, not a container query: a card narrower than 24em only happens as a full-width
 * sheet (windows under 25.5em), and a size container would lay the card out twice in the first
 * frame and restyle it once more.
 * Star and face pictures (icons.ts) and the follow-up step (FollowUp.ts) bring their own rules.
 */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;
inset:auto 1em calc(1em + var(--tp-kb,0px)) auto!important;max-width:calc(100vw - 2em)!important}
:host([data-wait]){visibility:hidden!important}
:host([data-position=bottom-left]){inset:auto auto calc(1em + var(--tp-kb,0px)) 1em!important}
:host([data-position=top-right]){inset:1em 1em auto auto!important}
:host([data-position=top-left]){inset:1em auto auto 1em!important}
:host([data-position$=bar]){inset:auto 0 var(--tp-kb,0px)!important;max-width:none!important}
:host([data-position=top-bar]){inset:0 0 auto!important}
:host([data-position=center]){inset:0 0 var(--tp-kb,0px)!important;margin:auto!important;
width:fit-content!important;height:fit-content!important}
:host([data-position=anchor]){inset:var(--tp-y) auto auto var(--tp-x)!important}
*{box-sizing:border-box}
.card{--bg:#fff;--fg:#1b1f24;--ac:#3056d3;--on:#fff;--bd:#8d8f92;color-scheme:light dark;
--r:calc(var(--tp-radius,.75em)/2);position:relative;width:28em;max-width:100%;
max-height:calc(100vh - 2em);overflow:auto;padding:1em 1.25em;text-align:start;color:var(--fg);background:var(--bg);
font:1em/1.4 var(--tp-font,system-ui,sans-serif);border:1px solid var(--bd);border-radius:var(--tp-radius,.75em);
box-shadow:0 .5em 2em rgb(0 0 0/.25)}
@media (prefers-color-scheme:dark){.card{--bg:#1f2328;--fg:#f0f3f6;--ac:#4567d7;--bd:#888b8f}}
:host([data-position$=bar]) .card{width:100%;border-radius:0;border-inline:0;padding-inline:max(1.25em,calc(50% - 15em))}
@media (max-width:30em){:host{max-width:none!important}:host([data-position=center]){width:auto!important}
:host(:not([data-position=center])){inset:auto 0 var(--tp-kb,0px)!important}
:host([data-position^=top]){inset:0 0 auto!important}
.card{width:100%;padding:.875em .75em}
:host(:not([data-position=center])) .card{border-radius:0;border-inline:0}}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.follow,.thanks{display:block;font-weight:600;padding:0;padding-inline-end:2em;margin:0 0 .75em}
.values{display:grid;gap:.25em;grid-auto-flow:column;grid-auto-columns:minmax(0,1fr)}
@media (max-width:25.5em){.values{gap:.125em}}
.value{position:relative;display:block}
.value input{position:absolute;inset:0;margin:0;width:100%;height:100%;opacity:0;cursor:pointer}
.value>span{display:flex;align-items:center;justify-content:center;min-height:2.5em;border:1px solid var(--bd);
border-radius:var(--r)}
.value input:checked+span{background:var(--ac);border-color:var(--ac);color:var(--on)}
.ends{display:flex;justify-content:space-between;gap:1em;font-size:.8125em;margin:.375em 0 0}
.ends>:last-child{text-align:end}
.actions{display:flex;flex-wrap:wrap;gap:.5em;justify-content:flex-end;margin-top:.875em}
button{font:inherit;cursor:pointer;border-radius:var(--r);padding:.5em 1em;min-height:2.5em;min-width:2.5em;
border:1px solid var(--ac);background:var(--ac);color:var(--on)}
[disabled]{opacity:.6;cursor:not-allowed}
:focus-visible,input:focus-visible+span{outline:.1875em solid var(--ac);outline-offset:.125em}
.value input:focus-visible{outline:0}
.close{position:absolute;inset-block-start:.375em;inset-inline-end:.375em;padding:0;border:0;background:none;
color:inherit;font-size:1.25em;line-height:1;min-height:1.5em;min-width:1.5em}
.status{margin:.75em 0 0;font-weight:600}
.status:empty,.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.thanks{margin:0}
@media (pointer:coarse){.value>span,button{min-height:2.75em}button{min-width:2.75em}
.close{min-height:2.2em;min-width:2.2em}}
@media (prefers-reduced-motion:no-preference){.card{animation:tp-in .18s ease-out}}
@keyframes tp-in{from{transform:translateY(.5em)}}
@media (forced-colors:active){.card{border:2px solid}
input:checked+span,.on svg{forced-color-adjust:none;background:Highlight!important;color:HighlightText!important;
fill:Highlight;stroke:Highlight}}
`;
