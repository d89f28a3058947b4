//! The application shell: top bar, then the screen the menu chose; provides the language.

use clientele_model::commands::{AppInfo, GetAppInfo, NoArgs, SyncStatusChanged};
use clientele_model::sync::SyncStatus;
use yew::prelude::*;

use super::sales_nav::{SalesNav, SalesRequest};
use super::{customers_screen::CustomersScreen, home::Home, top_bar::TopBar};
use crate::i18n::Lang;

/// The screens the menu leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Customers,
    Settings,
    /// A sales window (what it shows is the App's current `SalesRequest`).
    Sales(super::sales_nav::SalesWindow),
}

/// The language in force and how to change it, for every component below the app.
#[derive(Debug, Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The language of the nearest `App` (Vietnamese outside one, e.g. in a lone component test).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangContext>()
        .map(|c| c.lang)
        .unwrap_or(Lang::Vi)
}

/// What "Connect to your team" starts from.
#[derive(Debug, Clone, Default, PartialEq)]
struct Connect {
    server: String,
    locked: bool,
    signed_out: bool,
}

impl Connect {
    fn from_info(info: &AppInfo, signed_out: bool) -> Connect {
        Connect {
            server: info.sync_server.clone().unwrap_or_default(),
            locked: info.managed.iter().any(|k| k == "sync_server"),
            signed_out,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The screen shown first: the customers, the screen a rep opens the app for.
    #[prop_or(Screen::Customers)]
    pub start: Screen,
    /// The language to start in; the system locale's when `None`.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let lang = use_state(|| props.lang.unwrap_or_else(Lang::from_system));
    let screen = use_state(|| props.start);
    let context = LangContext {
        lang: *lang,
        set: {
            let lang = lang.clone();
            Callback::from(move |l| lang.set(l))
        },
    };
    // The shell knows the system locale (the webview may not); follow it unless told otherwise.
    {
        let lang = lang.clone();
        let fixed = props.lang.is_some();
        use_effect_with((), move |_| {
            if !fixed {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(info) = crate::ipc::call::<GetAppInfo>(&NoArgs {}).await {
                        lang.set(Lang::from_locale(&info.locale));
                    }
                });
            }
        });
    }
    // connect: "Connect to your team" when a server waits for this device's enrolment code,
    // after the server signed it out, or when asked from the top bar.
    let connect = use_state(|| None::<Connect>);
    {
        let connect = connect.clone();
        use_effect_with((), move |_| {
            let asked = connect.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(info) = crate::ipc::call::<GetAppInfo>(&NoArgs {}).await {
                    if info.needs_enrolment {
                        asked.set(Some(Connect::from_info(&info, false)));
                    }
                }
            });
            let listener = crate::events::listen::<SyncStatusChanged>(move |status| {
                if matches!(status, SyncStatus::SignedOut { .. }) {
                    let connect = connect.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let info = crate::ipc::call::<GetAppInfo>(&NoArgs {}).await.ok();
                        connect.set(Some(match info {
                            Some(info) => Connect::from_info(&info, true),
                            None => Connect {
                                signed_out: true,
                                ..Connect::default()
                            },
                        }));
                    });
                }
            });
            move || drop(listener)
        });
    }
    let open_connect = {
        let connect = connect.clone();
        Callback::from(move |()| {
            let connect = connect.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let info = crate::ipc::call::<GetAppInfo>(&NoArgs {}).await.ok();
                connect.set(Some(
                    info.map(|i| Connect::from_info(&i, false))
                        .unwrap_or_default(),
                ));
            });
        })
    };
    // encryption: this device's key cannot read its local database; only the re-sync is offered.
    let unreadable = super::resync_screen::use_unreadable_replica();
    // form: leaving a form with unsaved changes asks first (menu navigation included).
    let (guard, guard_dialog) = super::form_guard::use_leave_guard_root();
    // unsent: the mentions and the customer to open, shared by the top bar and the screens.
    let workspace = super::workspace::use_workspace_root(guard.clone(), {
        let screen = screen.clone();
        Callback::from(move |s| screen.set(s))
    });
    // sales: what the sales window shows, numbered so a new request rebuilds it.
    let sales = use_state(|| {
        (
            0u32,
            SalesRequest::list(match props.start {
                Screen::Sales(window) => window,
                _ => super::sales_nav::SalesWindow::Quotations,
            }),
        )
    });
    let navigate = {
        let (screen, guard, sales) = (screen.clone(), guard.clone(), sales.clone());
        Callback::from(move |s| {
            let (screen, sales) = (screen.clone(), sales.clone());
            guard.run(Callback::from(move |()| {
                if let Screen::Sales(window) = s {
                    sales.set((sales.0.wrapping_add(1), SalesRequest::list(window)));
                }
                screen.set(s);
            }));
        })
    };
    let sales_nav = {
        let (screen, guard, sales) = (screen.clone(), guard.clone(), sales.clone());
        SalesNav {
            open: Callback::from(move |request: SalesRequest| {
                let (screen, sales) = (screen.clone(), sales.clone());
                guard.run(Callback::from(move |()| {
                    screen.set(Screen::Sales(request.window));
                    sales.set((sales.0.wrapping_add(1), request.clone()));
                }));
            }),
        }
    };
    // Before "Connect to your team": enrolling now would sync into the stand-in.
    if let Some(message) = (*unreadable).clone() {
        return html! {
            <ContextProvider<LangContext> {context}>
                <main class="screen resync-screen">
                    <super::resync_screen::ResyncScreen {message} />
                </main>
            </ContextProvider<LangContext>>
        };
    }
    if let Some(shown) = (*connect).clone() {
        let close = {
            let connect = connect.clone();
            Callback::from(move |()| connect.set(None))
        };
        return html! {
            <ContextProvider<LangContext> {context}>
                <main class="screen connect">
                    <super::connect_screen::ConnectScreen server={shown.server} locked={shown.locked}
                        signed_out={shown.signed_out}
                        on_connected={close.reform(|_: AppInfo| ())} on_offline={close.clone()} />
                </main>
            </ContextProvider<LangContext>>
        };
    }
    html! {
        <ContextProvider<LangContext> {context}>
            <ContextProvider<super::form_guard::LeaveGuard> context={guard}>
            <ContextProvider<super::workspace::Workspace> context={workspace}>
            <ContextProvider<SalesNav> context={sales_nav}>
            <TopBar {navigate} on_connect={open_connect} />
            <main class="screen">
                {
                    match *screen {
                        Screen::Home => html! {
                            <>
                                <Home />
                                // form: the notes that @mention this user.
                                <super::form_mentions::MentionsInbox />
                            </>
                        },
                        Screen::Customers => html! { <CustomersScreen /> },
                        Screen::Settings => html! { <super::settings_screen::SettingsScreen /> },
                        Screen::Sales(_) => html! {
                            <super::sales_screen::SalesScreen key={sales.0} request={sales.1.clone()} />
                        },
                    }
                }
            </main>
            {guard_dialog}
            </ContextProvider<SalesNav>>
            </ContextProvider<super::workspace::Workspace>>
            </ContextProvider<super::form_guard::LeaveGuard>>
        </ContextProvider<LangContext>>
    }
}
