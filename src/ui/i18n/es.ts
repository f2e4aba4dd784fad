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
  low: { nps: "Nada probable", csat: "Muy insatisfecho", ces: "Totalmente en desacuerdo" },
  high: { nps: "Muy probable", csat: "Muy satisfecho", ces: "Totalmente de acuerdo" },
  csat: ["Muy insatisfecho", "Insatisfecho", "Neutral", "Satisfecho", "Muy satisfecho"],
};

export default strings;
