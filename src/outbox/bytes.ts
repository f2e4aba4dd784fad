let encoder: TextEncoder | undefined;

/** UTF-8 length of a string: what it weighs on the wire and against the keepalive budget. */
export function byteLength(text: string): number {
  encoder ??= new TextEncoder();
  return encoder.encode(text).length;
}
