import { render } from "preact";
import { Gate } from "./Gate";

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  const studio = new URLSearchParams(location.search).get("view") === "studio";
  if (studio) document.title = "Touchpoint studio";
  render(<Gate studio={studio} />, root);
}
