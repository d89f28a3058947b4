//! A new page's first cards in the frame right after its answer, the rest in the next one: the
//! window shows about twenty cards, and patching all eighty before the first paint was most of
//! a keystroke's repaint (the UI benchmark's `search_repaint_ms`).

use clientele_model::query::CustomerRow;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Cards patched before a new page's first paint: more than a 1366x768 window shows.
pub const FIRST_CARDS: usize = 24;

/// The rows to render for `rows`, the page numbered `page`: until a frame of this page has
/// painted, its first `FIRST_CARDS` rows and, at the later places (below the fold), the rows
/// already rendered there, whose cards then need no work; after that frame, all of `rows`.
/// The same `Rc` while none of that changes, so a render for anything else (a keystroke
/// before its answer) finds the cards unchanged without comparing them.
#[hook]
pub fn use_progressive(rows: &Rc<Vec<CustomerRow>>, page: u32) -> Rc<Vec<CustomerRow>> {
    let completed = use_state(|| u32::MAX);
    let rendered = use_mut_ref(Rc::<Vec<CustomerRow>>::default);
    {
        let completed = completed.clone();
        use_effect_with(page, move |page| {
            let page = *page;
            after_next_paint(move || completed.set(page));
        });
    }
    let shown = use_memo(
        (rows.clone(), page, *completed),
        move |(rows, page, completed)| {
            let shown = if completed == page || rows.len() <= FIRST_CARDS {
                rows.clone()
            } else {
                let before = rendered.borrow();
                Rc::new(
                    rows.iter()
                        .enumerate()
                        .map(|(place, row)| match before.get(place) {
                            Some(old) if place >= FIRST_CARDS => old.clone(),
                            _ => row.clone(),
                        })
                        .collect(),
                )
            };
            *rendered.borrow_mut() = shown.clone();
            shown
        },
    );
    (*shown).clone()
}

/// Runs `then` once the browser has painted its next frame (a timeout set from an animation
/// frame callback runs after that frame). Without a window it runs at once.
fn after_next_paint(then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        then();
        return;
    };
    let after_frame = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let later = Closure::once_into_js(then);
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        }
    });
    let _ = window.request_animation_frame(after_frame.unchecked_ref());
}
