export { mount } from "./mount";
export { loadStrings as preload } from "./strings";
