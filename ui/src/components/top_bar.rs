//! The top bar: brand (home), the Sales menu leading to Customers, sync state and the language
//! switch.

use yew::prelude::*;

use super::app::{LangContext, Screen};
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub navigate: Callback<Screen>,
}

#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let context = use_context::<LangContext>().expect("TopBar needs the App's LangContext");
    let lang = context.lang;
    let menu_open = use_state(|| false);
    let toggle = {
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| menu_open.set(!*menu_open))
    };
    let go = |screen: Screen| {
        let navigate = props.navigate.clone();
        let menu_open = menu_open.clone();
        Callback::from(move |_: MouseEvent| {
            menu_open.set(false);
            navigate.emit(screen);
        })
    };
    let close_on_escape = {
        let menu_open = menu_open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                menu_open.set(false);
            }
        })
    };
    let lang_button = |target: Lang, label: &'static str, name: &'static str| {
        let set = context.set.clone();
        html! {
            <button class={classes!("lang", (lang == target).then_some("active"))}
                aria-pressed={(lang == target).to_string()} aria-label={name}
                onclick={Callback::from(move |_: MouseEvent| set.emit(target))}>{label}</button>
        }
    };
    html! {
        <header class="top-bar" onkeydown={close_on_escape}>
            <button class="brand" onclick={go(Screen::Home)} aria-label={t(lang, Text::Home)}>{"Clientele"}</button>
            <nav class="menu">
                <button class="menu-button" aria-haspopup="true" aria-expanded={menu_open.to_string()}
                    onclick={toggle}>{t(lang, Text::Sales)}{" ▾"}</button>
                if *menu_open {
                    <div class="menu-dropdown" role="menu">
                        <div class="menu-section">{t(lang, Text::Orders)}</div>
                        <button role="menuitem" onclick={go(Screen::Customers)}>{t(lang, Text::Customers)}</button>
                        <div class="menu-section">{t(lang, Text::Operations)}</div>
                        <button role="menuitem" onclick={go(Screen::Customers)}>{t(lang, Text::Customers)}</button>
                    </div>
                }
            </nav>
            <span class="spacer" />
            <span class="sync-state" title={t(lang, Text::LocalOnly)}>{"● "}{t(lang, Text::LocalOnly)}</span>
            <span class="lang-switch" role="group" aria-label={t(lang, Text::Language)}>
                {lang_button(Lang::Vi, "VI", "Tiếng Việt")}
                {lang_button(Lang::En, "EN", "English")}
            </span>
        </header>
    }
}
