// What is measured: Touchpoint and each peer, installed the way its documentation says, on the
// same host page, asking the same NPS question after the same "order_completed" moment.
// Everything under `page*` runs inside the browser (Playwright serialises those functions).
import { readFileSync } from "node:fs";
import { EMPTY_SCRIPT, QUESTION } from "./server.mjs";

const ROOT = new URL("../../", import.meta.url);
const versionOf = (pkg) =>
  JSON.parse(
    readFileSync(
      new URL(pkg === "touchpoint" ? "package.json" : `node_modules/${pkg}/package.json`, ROOT),
      "utf8",
    ),
  ).version;

/** The install snippet exactly as README.md gives it (stub + `init`), then the async script tag. */
const README = readFileSync(new URL("README.md", ROOT), "utf8");
const SNIPPET = README.split("\n").find((line) => line.startsWith("!function(w,n,t)"));
if (!SNIPPET) throw new Error("bench: the install snippet was not found in README.md");

function pageInjectTouchpoint({ snippet, config, src }) {
  const w = window;
  const inline = document.createElement("script");
  inline.textContent = snippet;
  document.head.append(inline);
  w.touchpoint.on("ready", w.__bench.markReady);
  // What Touchpoint reported on its error channel, for the runs that refuse some of its files.
  w.__bench.errors = [];
  w.touchpoint.on("error", (error) => w.__bench.errors.push(String(error?.message ?? error)));
  w.touchpoint.init(config);
  const script = document.createElement("script");
  script.async = true;
  script.src = src;
  document.head.append(script);
}

/** A readable copy of PostHog's snippet (stub + async array.js from `api_host`/static), kept on 127.0.0.1. */
function pageInjectPosthog({ token, origin }) {
  const w = window;
  const stub = [];
  stub._i = [];
  stub.init = (apiKey, options, name) => {
    const script = document.createElement("script");
    script.type = "text/javascript";
    script.crossOrigin = "anonymous";
    script.async = true;
    script.src = `${options.api_host.replace(".i.posthog.com", "-assets.i.posthog.com")}/static/array.js`;
    const first = document.getElementsByTagName("script")[0];
    first.parentNode.insertBefore(script, first);
    for (const method of "capture identify onSurveysLoaded getSurveys reset".split(" ")) {
      stub[method] = (...args) => stub.push([method, ...args]);
    }
    stub._i.push([apiKey, options, name]);
  };
  stub.__SV = 1;
  w.posthog = stub;
  w.posthog.init(token, {
    api_host: origin,
    // No flags or remote-config call; surveys enabled locally instead.
    advanced_disable_flags: true,
    advanced_enable_surveys: true,
    autocapture: false,
    rageclick: false,
    capture_pageview: false,
    capture_pageleave: false,
    capture_performance: false,
    capture_exceptions: false,
    capture_dead_clicks: false,
    capture_heatmaps: false,
    disable_session_recording: true,
    disable_product_tours: true,
    disable_conversations: true,
    disable_web_experiments: true,
    persistence: "localStorage",
    // Automated Chromium reports navigator.webdriver; PostHog's documented switch for tests.
    opt_out_useragent_filter: true,
    loaded: (ph) =>
      ph.onSurveysLoaded((surveys) => w.__bench.markReady({ surveys: surveys.length })),
  });
}

/** SurveyJS: its stylesheet and the two UMD bundles, in order. */
function pageInjectSurveyjs() {
  const w = window;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/surveyjs/core/survey-core.min.css";
  document.head.append(link);
  const load = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.async = false;
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(script);
    });
  Promise.all([
    load("/surveyjs/core/survey.core.min.js"),
    load("/surveyjs/ui/survey-js-ui.min.js"),
  ]).then(() => w.__bench.markReady({ loaded: true }), w.__bench.markFailed);
}

/**
 * Fires the subject's trigger and resolves once a frame in which the question is visible has been
 * painted. Once the page changes (light DOM), each animation frame looks for the question (light
 * DOM and open shadow roots) and asks whether it is visible in that frame: it has a box larger
 * than 1 px, and neither it nor anything above it (across shadow roots) is hidden, display:none or
 * at opacity 0. Touchpoint's card fades in from opacity 0 (unless reduced motion is asked for): its
 * first, transparent frame does not count. The style read in an animation frame callback is the
 * frame's own (animations sampled at the frame's time), and a message posted from that callback
 * runs after the frame's paint. `kind: "touchpoint-ui"` mounts the question UI alone (`module`, the
 * engine's file, imported and its `mount` called with `model`) instead of firing a trigger.
 */
export function pageTriggerAndWaitPainted({ kind, question, timeoutMs, module, model }) {
  const w = window;
  return new Promise((resolve, reject) => {
    const present = () => {
      if (document.body.textContent.includes(question)) return true;
      for (const el of document.body.children) {
        if (el.shadowRoot?.textContent.includes(question)) return true;
      }
      return false;
    };
    /** Elements whose own text holds the question, in `root` and the open shadow roots inside. */
    const holders = (root, out) => {
      const walker = document.createTreeWalker(
        root,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      );
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE) {
          if (n.data.includes(question) && n.parentElement) out.push(n.parentElement);
        } else if (n.shadowRoot) holders(n.shadowRoot, out);
      }
      return out;
    };
    const shows = (el) => {
      const box = el.getBoundingClientRect();
      return (
        box.width > 1 &&
        box.height > 1 &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      );
    };
    let done = false;
    let polling = false;
    const timer = setTimeout(() => {
      done = true;
      observer.disconnect();
      reject(new Error(`${kind}: no prompt painted within ${timeoutMs} ms`));
    }, timeoutMs);
    /** Runs `then` with the time of the first task after this frame's paint. */
    const afterPaint = (then) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(0);
    };
    // The first frame with the question in the page, visible or not (what "painted" counted
    // before 2026-12-01), kept to show what the transparent frames cost.
    let drawn;
    const frame = () => {
      if (done) return;
      const there = present();
      if (there && drawn === undefined) {
        drawn = null;
        afterPaint((at) => {
          drawn = at;
        });
      }
      if (!there || !holders(document.body, []).some(shows)) {
        requestAnimationFrame(frame);
        return;
      }
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      const found = performance.now();
      afterPaint((painted) => resolve({ t0, found, painted, drawn: drawn ?? painted }));
    };
    const observer = new MutationObserver(() => {
      if (polling) return;
      polling = true;
      requestAnimationFrame(frame);
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const t0 = performance.now();
    if (kind === "touchpoint") w.touchpoint.track("order_completed");
    else if (kind === "touchpoint-ui") {
      const noop = async () => undefined;
      const callbacks = { answer: noop, comment: noop, dismiss: noop, closed: noop };
      import(module).then(({ mount }) => mount(document, model, callbacks));
    } else if (kind === "posthog") w.posthog.capture("order_completed");
    else if (kind === "surveyjs") {
      const model = new w.Survey.Model({
        elements: [
          {
            type: "rating",
            name: "nps",
            title: question,
            rateMin: 0,
            rateMax: 10,
            minRateDescription: "Not likely",
            maxRateDescription: "Very likely",
          },
        ],
      });
      w.SurveyUI.renderPopupSurvey(model, document.getElementById("survey-container"), {
        isExpanded: true,
      });
    }
  });
}

const npsSurvey = {
  id: "nps-order",
  type: "nps",
  touchpoint: "order_confirmation",
  copy: { question: QUESTION },
  trigger: { on: "event", event: "order_completed" },
};
const csatSurvey = {
  id: "csat-help",
  type: "csat",
  touchpoint: "help_article",
  copy: { question: "Was this article helpful?" },
  trigger: { on: "pageview", url: "/host/help/*" },
};

/** The same survey armed only on pages the bench never visits: nothing is armed on /host/. */
const npsElsewhere = { ...npsSurvey, trigger: { ...npsSurvey.trigger, url: "/host/thank-you/*" } };

/** Touchpoint's page.evaluate call; `src` is the script the async tag loads. */
const injectTouchpoint = (page, { origin, key, armed, nothingArmed }, src) =>
  page.evaluate(pageInjectTouchpoint, {
    snippet: SNIPPET,
    src,
    config: {
      siteKey: key,
      collector: `${origin}/collect`,
      surveys: nothingArmed ? [npsElsewhere] : armed ? [npsSurvey, csatSurvey] : [npsSurvey],
    },
  });

/**
 * `inject(page, { origin, key, armed, nothingArmed })` starts the subject; `key` keeps each page
 * view's storage apart (site key, PostHog token), `armed` adds a URL-targeted survey for the SPA
 * run, `nothingArmed` (Touchpoint) gives the NPS survey a URL rule the host page does not match.
 */
export const SUBJECTS = [
  {
    id: "touchpoint",
    name: "Touchpoint",
    version: versionOf("touchpoint"),
    what: "dist/touchpoint.js (+ touchpoint-engine-<hash>.mjs, the engine and question UI, once a survey is armed, at idle, and its sending and steps parts, touchpoint-send-<hash>.mjs and touchpoint-steps-<hash>.mjs, as the engine starts)",
    inject: (page, options) => injectTouchpoint(page, options, "/dist/touchpoint.js"),
  },
  {
    id: "posthog",
    name: "posthog-js",
    version: versionOf("posthog-js"),
    what: "dist/array.js + dist/surveys.js",
    inject: (page, { origin, key }) =>
      page.evaluate(pageInjectPosthog, { token: `phc_${key}`, origin }),
  },
  {
    id: "surveyjs",
    name: "SurveyJS",
    version: versionOf("survey-core"),
    what: "survey-core (survey.core.min.js, survey-core.min.css) + survey-js-ui.min.js",
    inject: (page) => page.evaluate(pageInjectSurveyjs),
  },
];

/** The empty host page, for the baseline of main-thread time. */
export const BASELINE = {
  id: "baseline",
  name: "host page only",
  inject: (page) =>
    page.evaluate(() => {
      window.__bench.markReady({});
    }),
};

/**
 * The floor of load + init (until ready): Touchpoint's exact injection (the README's stub inline,
 * its `on("ready")` and `init` calls queued, then an async script tag from the same server) with
 * an empty script in place of dist/touchpoint.js, which only calls the queued ready callback.
 */
export const EMPTY = {
  id: "empty",
  name: "an empty script loaded the same way",
  bytes: Buffer.byteLength(EMPTY_SCRIPT.source),
  inject: (page, options) => injectTouchpoint(page, options, EMPTY_SCRIPT.path),
};
