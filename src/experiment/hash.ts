const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const TWO_POW_32 = 4294967296;

/**
 * 32-bit FNV-1a of the UTF-8 bytes of `text`, as an unsigned integer (0 to 2^32 - 1).
 * Lone surrogates are encoded as U+FFFD, as `TextEncoder` does.
 *
 * @example fnv1a32("foobar") // 0xbf9cf968
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * Maps `text` to a stable, uniformly spread number in [0, 1), for bucketing.
 *
 * FNV-1a mixes only upwards (a multiply carries low bits into high bits, never back), so ids that
 * differ in their last character ("user-1", "user-2") get hashes whose bits are correlated. The
 * murmur3 `fmix32` finaliser folds high bits back down so that every input bit flips each output
 * bit with probability close to 1/2.
 */
export function unitInterval(text: string): number {
  let hash = fnv1a32(text);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / TWO_POW_32;
}
