import type { UiStrings } from "../strings";

/** Spanish built-in strings, loaded only for Spanish copy. */
const strings: UiStrings = {
  label: "Tu opinión",
  close: "Cerrar",
  submit: "Enviar",
  send: "Enviar",
  skip: "Omitir",
  thanks: "¡Gracias por tu opinión!",
  error: "No se pudo guardar tu respuesta. Inténtalo de nuevo.",
  consent: "¿Podemos contactarte sobre esto?",
  contact: {
    email: "Tu correo electrónico (opcional)",
    tel: "Tu teléfono (opcional)",
    text: "¿Cómo podemos contactarte? (opcional)",
  },
  invalid: {
    email: "Introduce un correo electrónico válido o deja el campo vacío.",
    tel: "Introduce un número de teléfono válido o deja el campo vacío.",
    text: "Escribe como máximo 254 caracteres sin saltos de línea.",
  },
  thanksContact: "¡Gracias! Alguien de nuestro equipo te responderá en un día.",
  low: { nps: "Nada probable", csat: "Muy insatisfecho", ces: "Totalmente en desacuerdo" },
  high: { nps: "Muy probable", csat: "Muy satisfecho", ces: "Totalmente de acuerdo" },
  csat: ["Muy insatisfecho", "Insatisfecho", "Neutral", "Satisfecho", "Muy satisfecho"],
};

export default strings;
