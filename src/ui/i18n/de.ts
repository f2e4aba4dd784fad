import type { UiStrings } from "../strings";

/** German built-in strings, loaded only for German copy. */
const strings: UiStrings = {
  label: "Feedback",
  close: "Schließen",
  submit: "Absenden",
  send: "Senden",
  skip: "Überspringen",
  thanks: "Vielen Dank für Ihr Feedback!",
  error: "Ihre Antwort konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.",
  consent: "Dürfen wir Sie dazu kontaktieren?",
  contact: {
    email: "Ihre E-Mail-Adresse (optional)",
    tel: "Ihre Telefonnummer (optional)",
    text: "Wie erreichen wir Sie? (optional)",
  },
  invalid: {
    email: "Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.",
    tel: "Bitte geben Sie eine gültige Telefonnummer ein oder lassen Sie das Feld leer.",
    text: "Bitte höchstens 254 Zeichen ohne Zeilenumbruch.",
  },
  thanksContact:
    "Vielen Dank! Jemand aus unserem Team meldet sich innerhalb eines Tages bei Ihnen.",
  low: { nps: "Unwahrscheinlich", csat: "Sehr unzufrieden", ces: "Stimme gar nicht zu" },
  high: { nps: "Sehr wahrscheinlich", csat: "Sehr zufrieden", ces: "Stimme voll zu" },
  csat: ["Sehr unzufrieden", "Unzufrieden", "Neutral", "Zufrieden", "Sehr zufrieden"],
};

export default strings;
