//! The home screen: where the brand leads, pointing at the menu.

use yew::prelude::*;

use super::app::use_lang;
use crate::i18n::{t, Text};

#[component]
pub fn Home() -> Html {
    let lang = use_lang();
    html! {
        <section class="home">
            <h1>{t(lang, Text::Home)}</h1>
            <p>{t(lang, Text::HomeHint)}</p>
        </section>
    }
}
