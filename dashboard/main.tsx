import { render } from "preact";
import { App } from "./App";
import { Studio } from "./studio/Studio";

const root = document.getElementById("app");
if (root) {
  root.textContent = "";
  const studio = new URLSearchParams(location.search).get("view") === "studio";
  if (studio) document.title = "Touchpoint studio";
  render(studio ? <Studio /> : <App />, root);
}
