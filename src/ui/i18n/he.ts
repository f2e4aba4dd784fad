import type { UiStrings } from "../strings";

/** Hebrew built-in strings, loaded only for Hebrew copy. */
const strings: UiStrings = {
  label: "משוב",
  close: "סגירה",
  submit: "שליחה",
  send: "שליחה",
  skip: "דילוג",
  thanks: "תודה על המשוב!",
  error: "לא הצלחנו לשמור את התשובה. נא לנסות שוב.",
  low: { nps: "לא סביר", csat: "לא מרוצה בכלל", ces: "לא מסכים בכלל" },
  high: { nps: "סביר מאוד", csat: "מרוצה מאוד", ces: "מסכים מאוד" },
  csat: ["לא מרוצה בכלל", "לא מרוצה", "ניטרלי", "מרוצה", "מרוצה מאוד"],
};

export default strings;
