import {
  type Check,
  type ConfigProblem,
  dictionary,
  either,
  flag,
  isRecord,
  list,
  number,
  oneOf,
  problem,
  shape,
  text,
  when,
} from "../../config/checks";
import { SEGMENTS } from "../../wire/scale";
import { findJsonSyntaxError } from "../json-error";
import type { AlertDelivery, AlertMatch, AlertsConfig } from "./types";

/** Most rules and destinations in one file. */
export const MAX_RULES = 100;
export const MAX_DESTINATIONS = 50;
/** Longest wait for a follow-up step: one hour. */
export const MAX_WAIT_SECONDS = 3600;
/** Shortest secret accepted, in bytes of key. */
const MIN_SECRET_BYTES = 16;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Delivery settings with every default filled in, in milliseconds. */
export interface ResolvedDelivery {
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface ResolvedDestination {
  name: string;
  type: "webhook" | "slack";
  url: string;
  /** HMAC key; undefined for a Slack destination without a secret. */
  key: Buffer | undefined;
}

export interface ResolvedRule {
  name: string;
  match: AlertMatch;
  destinations: string[];
  waitMs: number;
}

/** A checked alerts file, ready for the collector. */
export interface ResolvedAlerts {
  dashboardUrl: string | undefined;
  destinations: Map<string, ResolvedDestination>;
  rules: ResolvedRule[];
  delivery: ResolvedDelivery;
  followUpTargetHours: number;
}

export const DEFAULT_DELIVERY: Required<AlertDelivery> = {
  timeoutSeconds: 10,
  maxAttempts: 8,
  retryBaseSeconds: 2,
  retryMaxSeconds: 600,
};
export const DEFAULT_FOLLOW_UP_TARGET_HOURS = 48;

/** Problems of an alerts file, each naming its path. */
export class AlertsConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
    this.name = "AlertsConfigError";
  }
}

const name = text(64, NAME, "a name (letters, digits, _ -)");
const oneOrMany = (item: Check, what: string): Check =>
  either(`${what}, or a list of them`, item, list(item, 100));
const httpUrl = when(
  (v) => typeof v === "string" && v.length <= 2048 && /^https?:\/\/[^\s]+$/.test(v),
  'an http(s) URL like "https://hooks.example.com/touchpoint"',
);
const matchCheck = shape({
  siteKey: oneOrMany(text(128), "a site key"),
  surveyId: oneOrMany(text(128), "a survey id"),
  touchpoint: oneOrMany(text(128), "a touchpoint"),
  segment: oneOrMany(oneOf(...SEGMENTS), `a segment (${SEGMENTS.join(", ")})`),
  score: shape({ min: number(0, 10), max: number(0, 10) }),
  hasComment: flag,
  consent: flag,
});
const configCheck = shape(
  {
    $schema: text(2048),
    dashboardUrl: httpUrl,
    destinations: dictionary(
      shape({ type: oneOf("webhook", "slack"), url: httpUrl, secret: text(512) }, ["url"]),
      MAX_DESTINATIONS,
    ),
    rules: list(
      shape(
        {
          name,
          match: matchCheck,
          destinations: list(name, MAX_DESTINATIONS),
          waitSeconds: number(0, MAX_WAIT_SECONDS),
        },
        ["name", "destinations"],
      ),
      MAX_RULES,
    ),
    delivery: shape({
      timeoutSeconds: number(0.1, 300),
      maxAttempts: number(1, 100),
      retryBaseSeconds: number(0.01, 3600),
      retryMaxSeconds: number(0.01, 86_400),
    }),
    followUpTargetHours: number(0.1, 8760),
  },
  ["destinations", "rules"],
);

/** The HMAC key of a secret: `whsec_` + base64 gives its bytes, anything else its UTF-8. */
export function secretKey(secret: string): Buffer {
  if (secret.startsWith("whsec_")) return Buffer.from(secret.slice(6), "base64");
  return Buffer.from(secret, "utf8");
}

function resolveSecret(
  raw: string | undefined,
  path: string,
  env: NodeJS.ProcessEnv,
  problems: ConfigProblem[],
): Buffer | undefined {
  if (raw === undefined) return undefined;
  let secret = raw;
  if (raw.startsWith("env:")) {
    const value = env[raw.slice(4)];
    if (!value) {
      problems.push(problem(path, `environment variable ${raw.slice(4)} to hold the secret`, raw));
      return undefined;
    }
    secret = value;
  }
  if (secret.startsWith("whsec_") && !/^[A-Za-z0-9+/]+={0,2}$/.test(secret.slice(6))) {
    problems.push(problem(path, "whsec_ followed by base64", "a malformed whsec_ secret"));
    return undefined;
  }
  const key = secretKey(secret);
  if (key.length < MIN_SECRET_BYTES) {
    problems.push(
      problem(path, `a secret of at least ${MIN_SECRET_BYTES} bytes`, `${key.length} bytes`),
    );
    return undefined;
  }
  return key;
}

/**
 * Checks an alerts file's parsed JSON and resolves it; throws {@link AlertsConfigError} listing
 * every problem with its path (`rules[0].destinations[1]: expected one of the destinations …`).
 */
export function resolveAlerts(
  value: unknown,
  file = "alerts.json",
  env: NodeJS.ProcessEnv = process.env,
): ResolvedAlerts {
  const problems: ConfigProblem[] = [];
  configCheck(value, "", problems);
  if (problems.length > 0 || !isRecord(value)) {
    throw new AlertsConfigError(
      file,
      problems.map((p) => p.message),
    );
  }
  const config = value as unknown as AlertsConfig;
  const destinations = new Map<string, ResolvedDestination>();
  for (const [key, destination] of Object.entries(config.destinations)) {
    const path = `destinations.${key}`;
    if (!NAME.test(key)) problems.push(problem(path, "a name (letters, digits, _ -)", key));
    const type = destination.type ?? "webhook";
    const secretPath = `${path}.secret`;
    if (type === "webhook" && destination.secret === undefined) {
      problems.push(problem(secretPath, "a signing secret (required for a webhook)", undefined));
    }
    const keyBytes = resolveSecret(destination.secret, secretPath, env, problems);
    destinations.set(key, { name: key, type, url: destination.url, key: keyBytes });
  }
  const seen = new Set<string>();
  const rules = config.rules.map((rule, i): ResolvedRule => {
    if (seen.has(rule.name)) {
      problems.push(problem(`rules[${i}].name`, "a name no other rule has", rule.name));
    }
    seen.add(rule.name);
    rule.destinations.forEach((d, j) => {
      if (!destinations.has(d)) {
        const known = [...destinations.keys()].map((k) => `"${k}"`).join(", ") || "none defined";
        problems.push(
          problem(`rules[${i}].destinations[${j}]`, `one of the destinations (${known})`, d),
        );
      }
    });
    if (rule.destinations.length === 0) {
      problems.push(problem(`rules[${i}].destinations`, "at least one destination", []));
    }
    const score = rule.match?.score;
    if (score?.min !== undefined && score.max !== undefined && score.min > score.max) {
      problems.push(problem(`rules[${i}].match.score`, "min at most max", score));
    }
    return {
      name: rule.name,
      match: rule.match ?? {},
      destinations: rule.destinations,
      waitMs: (rule.waitSeconds ?? 0) * 1000,
    };
  });
  if (problems.length > 0)
    throw new AlertsConfigError(
      file,
      problems.map((p) => p.message),
    );
  const delivery = { ...DEFAULT_DELIVERY, ...config.delivery };
  return {
    dashboardUrl: config.dashboardUrl,
    destinations,
    rules,
    delivery: {
      timeoutMs: delivery.timeoutSeconds * 1000,
      maxAttempts: Math.round(delivery.maxAttempts),
      retryBaseMs: delivery.retryBaseSeconds * 1000,
      retryMaxMs: Math.max(delivery.retryMaxSeconds, delivery.retryBaseSeconds) * 1000,
    },
    followUpTargetHours: config.followUpTargetHours ?? DEFAULT_FOLLOW_UP_TARGET_HOURS,
  };
}

/** Parses and checks an alerts file's text; syntax errors name the line and column. */
export function parseAlerts(
  source: string,
  file = "alerts.json",
  env: NodeJS.ProcessEnv = process.env,
): ResolvedAlerts {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    const at = findJsonSyntaxError(source);
    const where = at ? `line ${at.line}, column ${at.column}: ${at.reason}` : "not valid JSON";
    throw new AlertsConfigError(file, [`not valid JSON (${where})`]);
  }
  return resolveAlerts(value, file, env);
}
