const sheets = new Map<string, CSSStyleSheet>();

/** One constructed stylesheet per text, shared by every prompt of the page. */
export function stylesheet(text: string): CSSStyleSheet {
  let sheet = sheets.get(text);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    sheets.set(text, sheet);
  }
  return sheet;
}
