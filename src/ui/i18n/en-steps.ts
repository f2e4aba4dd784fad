import type { StepStrings } from "../strings";

/** English words of the steps after the answer, in the steps part with them. */
export const englishSteps: StepStrings = {
  send: "Send",
  skip: "Skip",
  consent: "May we contact you about this?",
  contact: {
    email: "Your email (optional)",
    tel: "Your phone number (optional)",
    text: "How can we reach you? (optional)",
  },
  invalid: {
    email: "Please enter a valid email address, or leave it empty.",
    tel: "Please enter a valid phone number, or leave it empty.",
    text: "Please enter at most 254 characters without line breaks.",
  },
  thanksContact: "Thank you! Someone from our team will get back to you within a day.",
};
