import type { AccessStore } from "../access-store";
import type { ConfigStore } from "../config-store";

/** What a copy did: new rows, rows already there, and rows the target holds differently. */
export interface CopyCount {
  copied: number;
  present: number;
  /** One line per row left as the target has it, naming why. */
  differ: string[];
}

/**
 * Copies every published config version, keeping its number, time, author and message. A version
 * the target already has is left alone (so running it again copies nothing); one that differs
 * from the source's (a publish made on the target first) is reported, never overwritten.
 */
export async function copyConfigVersions(from: ConfigStore, to: ConfigStore): Promise<CopyCount> {
  const count: CopyCount = { copied: 0, present: 0, differ: [] };
  for (const site of await from.sites()) {
    for (let version = 1; version <= site.version; version++) {
      const source = await from.get(site.siteKey, version);
      if (!source) continue;
      if (await to.restore(source)) {
        count.copied += 1;
        continue;
      }
      count.present += 1;
      const there = await to.get(site.siteKey, version);
      if (JSON.stringify(there) !== JSON.stringify(source)) {
        count.differ.push(
          `config ${site.siteKey} version ${version}: the target's differs (published by ${there?.author} at ${there?.publishedAt}); kept`,
        );
      }
    }
  }
  return count;
}

/**
 * Copies every access token (its hash, never a secret: there is none to copy), so the same
 * tokens sign in on the target. A token revoked in the source is revoked in the target too, on
 * every run. Dashboard sessions are not copied: people sign in again.
 */
export async function copyTokens(from: AccessStore, to: AccessStore): Promise<CopyCount> {
  const count: CopyCount = { copied: 0, present: 0, differ: [] };
  for (const token of await from.listTokens()) {
    const there = await to.findToken(token.id);
    if (there && there.hash !== token.hash) {
      count.differ.push(`token ${token.id}: the target holds another token with this id; kept`);
      continue;
    }
    if (there) count.present += 1;
    else {
      await to.addToken({ ...token, revokedAt: null });
      count.copied += 1;
    }
    if (token.revokedAt !== null && (there?.revokedAt ?? null) === null) {
      await to.revokeToken(token.id, token.revokedAt);
    }
  }
  return count;
}
