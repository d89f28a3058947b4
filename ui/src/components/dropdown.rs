//! A control-panel dropdown (Filters, Group By, Favorites): a button that opens a panel below it,
//! closed again by the button, by Escape, by a press outside, or by an entry through the
//! `DropdownClose` context.

use yew::prelude::*;

use super::outside_click::use_outside_click;

/// Lets an entry close the dropdown it sits in.
#[derive(Clone, PartialEq)]
pub struct DropdownClose(pub Callback<()>);

/// Closes the nearest dropdown (nothing outside one).
#[hook]
pub fn use_close_dropdown() -> Callback<()> {
    use_context::<DropdownClose>()
        .map(|c| c.0)
        .unwrap_or_else(|| Callback::from(|()| ()))
}

#[derive(Properties, PartialEq)]
pub struct DropdownProps {
    /// The button's visible text (tests and users find the menu by it).
    pub label: AttrValue,
    /// A class for the whole dropdown (`filter-menu`, `group-by-menu`...).
    pub class: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Dropdown(props: &DropdownProps) -> Html {
    let open = use_state(|| false);
    let container = use_node_ref();
    {
        let open = open.clone();
        use_outside_click(
            container.clone(),
            *open,
            Callback::from(move |()| open.set(false)),
        );
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        DropdownClose(Callback::from(move |()| open.set(false)))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    html! {
        <div class={classes!("dropdown", props.class.to_string())} {onkeydown} ref={container}>
            <button type="button" class="dropdown-button" aria-haspopup="true"
                aria-expanded={open.to_string()} onclick={toggle}>{&props.label}{" ▾"}</button>
            if *open {
                <ContextProvider<DropdownClose> context={close}>
                    <div class="dropdown-panel" role="dialog" aria-label={props.label.clone()}>
                        {props.children.clone()}
                    </div>
                </ContextProvider<DropdownClose>>
            }
        </div>
    }
}
