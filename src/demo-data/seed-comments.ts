// Follow-up comments of the simulated data set, by survey and by how the visitor scored.
import type { Band } from "../wire/scale";

/** Low, middle or high end of a scale (NPS: detractor, passive, promoter). */
export type Mood = Band;

/** Comments per mood. */
export type Pool = Readonly<Record<Mood, readonly string[]>>;

/** English comments per survey id of the demo config. */
export const COMMENTS: Readonly<Record<string, Pool>> = {
  "csat-cart-exit": {
    low: [
      "Shipping costs only show up at the very end.",
      "I can't find out when it would arrive.",
      "The discount code field rejects my code.",
      "Too many steps before I can see the total.",
      "Just comparing prices, your delivery fee is high.",
      "The size guide doesn't say if these run small.",
    ],
    middle: [
      "Still deciding between two sizes.",
      "Fine, but I'd like to pay with PayPal.",
      "Saving it for payday.",
      "Want to check the return policy first.",
    ],
    high: [
      "Nothing wrong, just browsing for now.",
      "Easy so far, I'll come back later tonight.",
      "Great selection, will order soon.",
    ],
  },
  "nps-order": {
    low: [
      "Checkout asked me to create an account twice.",
      "Delivery estimate is vague, a week is too long.",
      "Prices went up since last time.",
      "The payment page timed out once.",
      "Had to enter my address again even though I'm logged in.",
    ],
    middle: [
      "Good products, checkout could be faster.",
      "Okay experience, nothing special.",
      "Fine, but shipping is expensive for small orders.",
      "Decent, would like more colours in stock.",
    ],
    high: [
      "Quick and painless, found my size straight away.",
      "Great prices and the order went through in a minute.",
      "Love the free returns, makes it easy to try things.",
      "Always reliable, I recommend you to my running club.",
      "Smooth checkout, Apple Pay worked first time.",
    ],
  },
  "nps-returning": {
    low: [
      "My last order arrived damaged and the refund took weeks.",
      "Customer service never answered my email.",
      "Quality of the last pair was disappointing.",
    ],
    middle: [
      "Usually fine, sometimes out of stock.",
      "Good shop, but others are cheaper now.",
      "Reliable, not exciting.",
    ],
    high: [
      "I keep coming back, best running gear online.",
      "Every order has been perfect so far.",
      "Fast delivery every single time.",
      "Friendly support and easy returns.",
    ],
  },
  "csat-help": {
    low: [
      "Doesn't say what to do if I lost the label.",
      "I need to return a gift, the article doesn't cover that.",
      "Too long, I just wanted the address.",
      "Nothing about refunds to a closed card.",
    ],
    middle: ["Mostly clear, a picture of the label would help.", "Helpful but hard to find."],
    high: [
      "Clear and short, thanks.",
      "Exactly what I needed.",
      "Easy steps, return sent the same day.",
    ],
  },
  "ces-support": {
    low: [
      "The form lost everything I typed when I added a photo.",
      "Why can't I just chat with someone?",
      "Had to explain my problem three times.",
      "No option for my problem in the topic list.",
    ],
    middle: ["Form was fine, waiting for an answer now.", "Okay, but the reply took a day."],
    high: ["Quick form, got a reply within the hour.", "Very easy, great support team."],
  },
};

/** Comments of the week deliveries ran late, on the order confirmation survey. */
export const INCIDENT_COMMENTS: readonly string[] = [
  "My last order took two weeks instead of three days.",
  "Tracking hasn't moved in five days.",
  "Delivery was late again, no email to explain.",
  "Courier said delivered but nothing arrived.",
];

/** A few comments in the visitor's own language, as real feedback comes. */
export const LOCAL_COMMENTS: Readonly<Record<string, Pool>> = {
  de: {
    low: ["Die Lieferung hat viel zu lange gedauert.", "Versandkosten sind zu hoch."],
    middle: ["Ganz okay, aber nichts Besonderes."],
    high: ["Schnell und unkompliziert, gerne wieder!", "Tolle Auswahl, super Preise."],
  },
  fr: {
    low: ["Livraison trop lente.", "Les frais de port sont trop élevés."],
    middle: ["Correct, sans plus."],
    high: ["Rapide et simple, merci !", "Très bon choix de chaussures."],
  },
};
