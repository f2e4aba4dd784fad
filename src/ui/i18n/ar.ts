import type { UiStrings } from "../strings";

/** Arabic built-in strings, loaded only for Arabic copy. */
const strings: UiStrings = {
  label: "رأيك",
  close: "إغلاق",
  submit: "إرسال",
  send: "إرسال",
  skip: "تخطٍّ",
  thanks: "شكرًا لك على ملاحظاتك!",
  error: "تعذّر حفظ إجابتك. يُرجى المحاولة مرة أخرى.",
  low: { nps: "غير مرجّح", csat: "غير راضٍ إطلاقًا", ces: "لا أوافق بشدة" },
  high: { nps: "مرجّح جدًا", csat: "راضٍ جدًا", ces: "أوافق بشدة" },
  csat: ["غير راضٍ إطلاقًا", "غير راضٍ", "محايد", "راضٍ", "راضٍ جدًا"],
};

export default strings;
