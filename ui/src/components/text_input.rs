//! A text box's `oninput` that keeps what is typed in a state handle: the small forms without a
//! reducer (connect to the team, add a settings entry) share it instead of each writing one.

use yew::prelude::*;

/// Sets `state` to the input's value on every keystroke.
pub fn text_input(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        state.set(input.value());
    })
}
