import { oneOf, shape, text, when } from "./checks";

/** Longest copy text accepted; longer copy would not fit a prompt anyway. */
export const MAX_COPY_LENGTH = 500;
const COLOR = /^(#[0-9a-fA-F]{3,8}|(rgb|hsl)a?\([^)]{1,60}\)|[a-z]{3,20})$/;

const copyText = text(MAX_COPY_LENGTH);

/** Checks a survey's `copy`. */
export const copyCheck = shape(
  {
    question: copyText,
    lowLabel: copyText,
    highLabel: copyText,
    followUp: copyText,
    thanks: copyText,
    submit: text(40),
  },
  ["question"],
);

/** Checks the top-level `theme`. */
export const themeCheck = shape({
  accent: when((v) => typeof v === "string" && COLOR.test(v), 'a CSS colour like "#3056d3"'),
  position: oneOf("bottom-right", "bottom-left", "top-right", "top-left"),
});
