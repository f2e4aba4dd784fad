import type { UiStrings } from "../strings";

/** French built-in strings, loaded only for French copy. */
const strings: UiStrings = {
  label: "Votre avis",
  close: "Fermer",
  submit: "Valider",
  send: "Envoyer",
  skip: "Passer",
  thanks: "Merci pour votre avis\u00a0!",
  error: "Votre réponse n’a pas pu être enregistrée. Veuillez réessayer.",
  low: { nps: "Peu probable", csat: "Très insatisfait", ces: "Pas du tout d’accord" },
  high: { nps: "Très probable", csat: "Très satisfait", ces: "Tout à fait d’accord" },
  csat: ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"],
};

export default strings;
