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
  consent: "האם נוכל ליצור איתך קשר בנושא?",
  contact: {
    email: "כתובת האימייל שלך (לא חובה)",
    tel: "מספר הטלפון שלך (לא חובה)",
    text: "איך נוכל ליצור איתך קשר? (לא חובה)",
  },
  invalid: {
    email: "נא להזין כתובת אימייל תקינה, או להשאיר את השדה ריק.",
    tel: "נא להזין מספר טלפון תקין, או להשאיר את השדה ריק.",
    text: "נא להזין עד 254 תווים ללא שורות חדשות.",
  },
  thanksContact: "תודה! מישהו מהצוות שלנו יחזור אליך תוך יום.",
  low: { nps: "לא סביר", csat: "לא מרוצה בכלל", ces: "לא מסכים בכלל" },
  high: { nps: "סביר מאוד", csat: "מרוצה מאוד", ces: "מסכים מאוד" },
  csat: ["לא מרוצה בכלל", "לא מרוצה", "ניטרלי", "מרוצה", "מרוצה מאוד"],
};

export default strings;
