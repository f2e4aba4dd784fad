import { render } from "preact";
import { Gate } from "./Gate";

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  render(<Gate />, root);
}
