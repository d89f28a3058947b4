//! The UI's entry point in the browser: mounts the app on the page body.
fn main() {
    let props = clientele_ui::components::app::AppProps {
        start: clientele_ui::components::app::Screen::Customers,
        lang: None,
    };
    yew::Renderer::<clientele_ui::App>::with_props(props).render();
}
