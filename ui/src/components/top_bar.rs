//! The top bar: brand (home), the Sales menu leading to Customers and the sales windows, sync state and the language
//! switch.

use clientele_model::commands::{GetSyncStatus, NoArgs, SyncStatusChanged};
use clientele_model::sync::SyncStatus;
use yew::prelude::*;

use super::app::{LangContext, Screen};
use super::sales_nav::SalesWindow;
use crate::i18n::{t, Lang, Text};

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub navigate: Callback<Screen>,
    /// connect: opens "Connect to your team" (offered while working locally).
    #[prop_or_default]
    pub on_connect: Option<Callback<()>>,
}

#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let context = use_context::<LangContext>().expect("TopBar needs the App's LangContext");
    let lang = context.lang;
    let menu_open = use_state(|| false);
    let sync = use_state(|| SyncStatus::LocalOnly);
    {
        let sync = sync.clone();
        use_effect_with((), move |_| {
            let asked = sync.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(status) = crate::ipc::call::<GetSyncStatus>(&NoArgs {}).await {
                    asked.set(status);
                }
            });
            let listener =
                crate::events::listen::<SyncStatusChanged>(move |status| sync.set(status));
            move || drop(listener)
        });
    }
    let (sync_class, sync_text, sync_detail) = match &*sync {
        SyncStatus::LocalOnly => ("local", t(lang, Text::LocalOnly).to_owned(), String::new()),
        SyncStatus::Offline { reason, .. } => (
            "offline",
            t(lang, Text::SyncOffline).to_owned(),
            reason.clone(),
        ),
        // A fresh device's bootstrap says how far it is.
        SyncStatus::Syncing {
            pulled,
            total: Some(total),
            ..
        } => (
            "syncing",
            format!("{} {pulled}/{total}", t(lang, Text::Syncing)),
            String::new(),
        ),
        SyncStatus::Syncing { .. } => ("syncing", t(lang, Text::Syncing).to_owned(), String::new()),
        SyncStatus::UpToDate { at } => {
            let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at));
            let clock = format!("{:02}:{:02}", time.get_hours(), time.get_minutes());
            (
                "synced",
                format!("{} {clock}", t(lang, Text::SyncedAt)),
                at.clone(),
            )
        }
        SyncStatus::Error { reason } => {
            ("error", t(lang, Text::SyncError).to_owned(), reason.clone())
        }
        SyncStatus::SignedOut { reason } => {
            ("error", t(lang, Text::SignedOut).to_owned(), reason.clone())
        }
    };
    // connect: working locally, the device may join a team.
    let connect = match (&*sync, &props.on_connect) {
        (SyncStatus::LocalOnly | SyncStatus::SignedOut { .. }, Some(on_connect)) => {
            let on_connect = on_connect.clone();
            Some(Callback::from(move |_: MouseEvent| on_connect.emit(())))
        }
        _ => None,
    };
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
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::Quotations))}>{t(lang, Text::SalesQuotations)}</button>
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::SalesOrders))}>{t(lang, Text::SalesOrdersWindow)}</button>
                        <button role="menuitem" onclick={go(Screen::Customers)}>{t(lang, Text::Customers)}</button>
                        // sales: invoicing, payments, products and purchases.
                        <div class="menu-section">{t(lang, Text::SalesSection)}</div>
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::Invoices))}>{t(lang, Text::SalesInvoices)}</button>
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::Payments))}>{t(lang, Text::SalesPayments)}</button>
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::Products))}>{t(lang, Text::SalesProducts)}</button>
                        <button role="menuitem" onclick={go(Screen::Sales(SalesWindow::Purchases))}>{t(lang, Text::SalesPurchases)}</button>
                    </div>
                }
            </nav>
            <button class="menu-button settings-link" onclick={go(Screen::Settings)}>{t(lang, Text::SettingsTitle)}</button>
            <span class="spacer" />
            <super::update_banner::UpdateBanner />
            // unsent: the mentions badge and the unsent-changes count, left of the sync state.
            <super::mentions_badge::MentionsBadge />
            <super::unsent_button::UnsentButton />
            <span class={classes!("sync-state", sync_class)} role="status" title={sync_detail}>{"● "}{sync_text}</span>
            if let Some(onclick) = connect {
                <button class="menu-button connect-link" {onclick}>{t(lang, Text::ConnectTitle)}</button>
            }
            <span class="lang-switch" role="group" aria-label={t(lang, Text::Language)}>
                {lang_button(Lang::Vi, "VI", "Tiếng Việt")}
                {lang_button(Lang::En, "EN", "English")}
            </span>
        </header>
    }
}
