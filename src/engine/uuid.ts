/**
 * A random UUID v4. `crypto.randomUUID` needs a secure context; `getRandomValues` also works on
 * plain http pages, so it fills the template's digits there (4 stays the version, 8 the variant).
 */
export function uuid(): string {
  const c = crypto;
  return (
    c.randomUUID?.() ??
    "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (d) =>
      (+d ^ ((c.getRandomValues(new Uint8Array(1))[0] as number) & (15 >> (+d / 4)))).toString(16),
    )
  );
}
