// Loads the UI's wasm (built by `cargo xtask`); kept in a file so the page's CSP needs no inline script.
import init from "./clientele-ui.js";
init();
