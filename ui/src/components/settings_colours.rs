//! The twelve tag colours as swatch buttons: the one chosen is pressed.

use yew::prelude::*;

use super::app::use_lang;
use super::customer_card::tag_chip;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct SettingsColoursProps {
    pub color: u8,
    pub on_pick: Callback<u8>,
}

#[component]
pub fn SettingsColours(props: &SettingsColoursProps) -> Html {
    let lang = use_lang();
    let label = t(lang, Text::SettingsColour);
    html! {
        <div class="settings-colours" role="group" aria-label={label}>
            { for (0..clientele_model::commands::TAG_COLOURS).map(|color| {
                let pick = props.on_pick.reform(move |_: MouseEvent| color);
                let chip = clientele_model::query::TagChip {
                    id: String::new(),
                    name: (color + 1).to_string(),
                    color,
                };
                html! {
                    <button type="button" class="swatch" onclick={pick}
                        aria-label={format!("{label} {}", color + 1)}
                        aria-pressed={(color == props.color).to_string()}>
                        {tag_chip(&chip)}
                    </button>
                }
            }) }
        </div>
    }
}
