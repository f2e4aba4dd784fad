export { mount } from "./mount";
export { preload } from "./preload";
