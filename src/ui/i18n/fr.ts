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
  consent: "Pouvons-nous vous contacter à ce sujet\u00a0?",
  contact: {
    email: "Votre e-mail (facultatif)",
    tel: "Votre numéro de téléphone (facultatif)",
    text: "Comment vous joindre\u00a0? (facultatif)",
  },
  invalid: {
    email: "Saisissez une adresse e-mail valide, ou laissez le champ vide.",
    tel: "Saisissez un numéro de téléphone valide, ou laissez le champ vide.",
    text: "Saisissez au plus 254 caractères, sans retour à la ligne.",
  },
  thanksContact: "Merci\u00a0! Une personne de notre équipe vous répondra sous un jour.",
  low: { nps: "Peu probable", csat: "Très insatisfait", ces: "Pas du tout d’accord" },
  high: { nps: "Très probable", csat: "Très satisfait", ces: "Tout à fait d’accord" },
  csat: ["Très insatisfait", "Insatisfait", "Neutre", "Satisfait", "Très satisfait"],
};

export default strings;
