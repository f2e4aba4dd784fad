import type { UiStrings } from "../strings";

/** Japanese built-in strings, loaded only for Japanese copy. */
const strings: UiStrings = {
  label: "アンケート",
  close: "閉じる",
  submit: "送信",
  send: "送信",
  skip: "スキップ",
  thanks: "ご協力ありがとうございました。",
  error: "回答を保存できませんでした。もう一度お試しください。",
  consent: "この件についてご連絡してもよろしいですか？",
  contact: {
    email: "メールアドレス（任意）",
    tel: "電話番号（任意）",
    text: "ご連絡先（任意）",
  },
  invalid: {
    email: "有効なメールアドレスを入力するか、空欄のままにしてください。",
    tel: "有効な電話番号を入力するか、空欄のままにしてください。",
    text: "改行なしで254文字以内で入力してください。",
  },
  thanksContact: "ありがとうございます。1日以内に担当者からご連絡いたします。",
  low: { nps: "可能性は低い", csat: "とても不満", ces: "まったくそう思わない" },
  high: { nps: "可能性は高い", csat: "とても満足", ces: "とてもそう思う" },
  csat: ["とても不満", "不満", "どちらでもない", "満足", "とても満足"],
};

export default strings;
