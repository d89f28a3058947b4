//! The list view: one page of customers as a table; clicking a column header sorts by it, and
//! clicking it again reverses the order. Columns are resized by dragging (or with the arrow keys
//! on) the handle at a header's right edge; clicking a row opens the customer (`on_open`).

use clientele_model::query::{CustomerRow, SortKey};
use yew::prelude::*;

use super::app::use_lang;
use super::conflict_mark::ConflictBadge;
use super::customer_card::phone_of;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct CustomerListProps {
    pub rows: Vec<CustomerRow>,
    pub sort: SortKey,
    pub descending: bool,
    pub on_sort: Callback<SortKey>,
    /// Opens the customer (its id): the form helper hooks the form to it.
    #[prop_or_default]
    pub on_open: Callback<String>,
}

/// Starting widths of the columns, in pixels.
const WIDTHS: [i32; 8] = [200, 160, 200, 144, 128, 88, 160, 168];

/// Narrowest a column may be made.
const MIN_WIDTH: i32 = 48;

/// A drag in progress: the column, where the pointer started and the width then.
#[derive(Clone, Copy)]
struct Drag {
    column: usize,
    start_x: i32,
    start_width: i32,
}

/// The columns: their sort key and header text.
const COLUMNS: [(SortKey, Text); 8] = [
    (SortKey::Name, Text::CustomerName),
    (SortKey::Company, Text::Company),
    (SortKey::Email, Text::Email),
    (SortKey::Phone, Text::Phone),
    (SortKey::City, Text::City),
    (SortKey::Country, Text::Country),
    (SortKey::Salesperson, Text::Salesperson),
    (SortKey::UpdatedAt, Text::CardUpdated),
];

#[component]
pub fn CustomerList(props: &CustomerListProps) -> Html {
    let lang = use_lang();
    let widths = use_state(|| WIDTHS.to_vec());
    let drag = use_mut_ref(|| None::<Drag>);
    let resize = {
        let widths = widths.clone();
        Callback::from(move |(column, width): (usize, i32)| {
            let mut next = (*widths).clone();
            next[column] = width.max(MIN_WIDTH);
            widths.set(next);
        })
    };
    let resizer = |column: usize, text: Text| {
        let width = widths[column];
        let label = format!("{}: {}", t(lang, Text::ResizeColumn), t(lang, text));
        let down = {
            let drag = drag.clone();
            Callback::from(move |e: PointerEvent| {
                e.prevent_default();
                e.stop_propagation();
                if let Some(handle) = e.target_dyn_into::<web_sys::Element>() {
                    let _ = handle.set_pointer_capture(e.pointer_id());
                }
                *drag.borrow_mut() = Some(Drag {
                    column,
                    start_x: e.client_x(),
                    start_width: width,
                });
            })
        };
        let moved = {
            let (drag, resize) = (drag.clone(), resize.clone());
            Callback::from(move |e: PointerEvent| {
                let current = *drag.borrow();
                if let Some(d) = current.filter(|d| d.column == column) {
                    resize.emit((column, d.start_width + e.client_x() - d.start_x));
                }
            })
        };
        let up = {
            let drag = drag.clone();
            Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
        };
        let keys = {
            let resize = resize.clone();
            Callback::from(move |e: KeyboardEvent| {
                let step = match e.key().as_str() {
                    "ArrowRight" => 16,
                    "ArrowLeft" => -16,
                    _ => return,
                };
                e.prevent_default();
                resize.emit((column, width + step));
            })
        };
        html! {
            <span class="col-resizer" role="separator" aria-orientation="vertical" tabindex="0"
                aria-label={label} aria-valuenow={width.to_string()}
                onpointerdown={down} onpointermove={moved} onpointerup={up.clone()}
                onpointercancel={up} onkeydown={keys}
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())} />
        }
    };
    let header = |(column, (key, text)): (usize, (SortKey, Text))| {
        let sorted = props.sort == key;
        let aria_sort = match (sorted, props.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (sorted, props.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let on_sort = props.on_sort.clone();
        html! {
            <th scope="col" aria-sort={aria_sort} data-sort={key.as_str()}>
                <button type="button" class="sort-header"
                    onclick={Callback::from(move |_: MouseEvent| on_sort.emit(key))}>
                    {t(lang, text)}{arrow}
                </button>
                {resizer(column, text)}
            </th>
        }
    };
    html! {
        <table class="customer-list" aria-label={t(lang, Text::Customers)}>
            <colgroup>
                { for widths.iter().map(|w| html! { <col style={format!("width:{w}px")} /> }) }
            </colgroup>
            <thead><tr>{ for COLUMNS.into_iter().enumerate().map(header) }</tr></thead>
            <tbody>
                // Keyed by place, like the cards: a new page patches the rows already there.
                { for props.rows.iter().enumerate().map(|(place, c)| html! {
                    <tr key={place} class={classes!("customer-row", c.unseen_change.then_some("unseen"))}
                        data-customer={c.id.clone()}
                        onclick={{ let (on_open, id) = (props.on_open.clone(), c.id.clone());
                            Callback::from(move |_: MouseEvent| on_open.emit(id.clone())) }}>
                        <td class="col-name">{&c.name}<ConflictBadge count={c.conflicts} /></td>
                        <td class="col-company">{&c.company}</td>
                        <td class="col-email">{&c.email}</td>
                        <td class="col-phone">{phone_of(c)}</td>
                        <td class="col-city">{&c.city}</td>
                        <td class="col-country">{&c.country}</td>
                        <td class="col-salesperson">{&c.salesperson}</td>
                        <td class="col-updated">{super::customer_card::updated_label(lang, c)}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
