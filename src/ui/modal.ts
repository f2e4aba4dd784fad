/** True while the page shows a modal dialog; browsers without `:modal` support say no. */
export function hostModalOpen(document: Document): boolean {
  try {
    return document.querySelector("dialog:modal") !== null;
  } catch {
    return false;
  }
}

/**
 * Calls `changed(open)` now and whenever a modal dialog of the page may have opened or closed
 * (`showModal()` and `close()` toggle the `open` attribute; removal needs the child list).
 * Returns the function that stops watching.
 */
export function watchModal(document: Document, changed: (open: boolean) => void): () => void {
  const check = () => changed(hostModalOpen(document));
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["open"],
    childList: true,
    subtree: true,
  });
  check();
  return () => observer.disconnect();
}
