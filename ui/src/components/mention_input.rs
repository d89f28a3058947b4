//! The new note's text box with `@` suggestions: typing `@` and letters offers the active team
//! members whose login or display name match; a click, Enter or Tab inserts `@login `.
//! Arrow keys move through the offers, Escape closes them.

use clientele_model::team::TeamMember;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::app::use_lang;
use super::form_fields::target_value;
use crate::i18n::{t, Text};

#[derive(Properties, PartialEq)]
pub struct MentionInputProps {
    pub id: AttrValue,
    pub value: String,
    pub placeholder: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub team: Rc<Vec<TeamMember>>,
}

/// The `@word` being typed at the end of `before` (the text before the caret): the byte index
/// of its `@` and the letters after it. `@` counts after a space, a line start or an opening
/// bracket, as `mentions_in` reads mentions.
pub fn mention_at_caret(before: &str) -> Option<(usize, &str)> {
    let at = before.rfind('@')?;
    let typed = &before[at + 1..];
    let starts = before[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([{,;".contains(c));
    let word = typed
        .chars()
        .all(|c| c.is_alphanumeric() || "_-.".contains(c));
    (starts && word).then_some((at, typed))
}

/// The active members matching `typed` (login or display name, ignoring case), at most six.
pub fn offers<'a>(team: &'a [TeamMember], typed: &str) -> Vec<&'a TeamMember> {
    let typed = typed.to_lowercase();
    team.iter()
        .filter(|m| m.active)
        .filter(|m| {
            m.user.to_lowercase().contains(&typed) || m.display_name.to_lowercase().contains(&typed)
        })
        .take(6)
        .collect()
}

/// `text` with the `@word` typed before `caret` (a byte index) replaced by `@login `, and the
/// caret's new byte index.
pub fn insert_mention(text: &str, caret: usize, login: &str) -> Option<(String, usize)> {
    let caret = caret.min(text.len());
    let (at, _) = mention_at_caret(text.get(..caret)?)?;
    let inserted = format!("@{login} ");
    let rest = text[caret..].trim_start_matches(' ');
    Some((
        format!("{}{inserted}{rest}", &text[..at]),
        at + inserted.len(),
    ))
}

/// The caret of a text box as a byte index into `text` (the DOM counts UTF-16 units).
fn caret_of(target: &JsValue, text: &str) -> usize {
    let units = js_sys::Reflect::get(target, &"selectionStart".into())
        .ok()
        .and_then(|v| v.as_f64())
        .map_or(usize::MAX, |v| v as usize);
    let mut counted = 0;
    for (index, c) in text.char_indices() {
        if counted >= units {
            return index;
        }
        counted += c.len_utf16();
    }
    text.len()
}

/// Puts the caret at byte index `caret` of `text` in the text box `node`, and focuses it.
fn place_caret(node: &NodeRef, text: &str, caret: usize) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let units: usize = text[..caret.min(text.len())]
            .chars()
            .map(char::len_utf16)
            .sum();
        let value = JsValue::from_f64(units as f64);
        let _ = js_sys::Reflect::set(&element, &"selectionStart".into(), &value);
        let _ = js_sys::Reflect::set(&element, &"selectionEnd".into(), &value);
        let _ = element.focus();
    }
}

#[component]
pub fn MentionInput(props: &MentionInputProps) -> Html {
    let lang = use_lang();
    let node = use_node_ref();
    // The caret (byte index) while an `@word` is typed there; `None`: no offers.
    let caret = use_state(|| None::<usize>);
    let highlighted = use_state(|| 0usize);
    let typed = caret
        .and_then(|c| props.value.get(..c))
        .and_then(mention_at_caret)
        .map(|(_, typed)| typed.to_owned());
    let shown: Vec<TeamMember> = typed
        .as_deref()
        .map(|typed| offers(&props.team, typed).into_iter().cloned().collect())
        .unwrap_or_default();
    let choose = {
        let (caret, node, value) = (caret.clone(), node.clone(), props.value.clone());
        let on_change = props.on_change.clone();
        Callback::from(move |login: String| {
            let Some(at) = *caret else { return };
            if let Some((text, new_caret)) = insert_mention(&value, at, &login) {
                on_change.emit(text.clone());
                let node = node.clone();
                // After the new value is rendered.
                yew::platform::spawn_local(async move { place_caret(&node, &text, new_caret) });
            }
            caret.set(None);
        })
    };
    let oninput = {
        let (caret, highlighted, on_change) =
            (caret.clone(), highlighted.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let text = target_value(&e);
            let at = e
                .target()
                .map(|target| caret_of(&target.into(), &text))
                .unwrap_or(text.len());
            caret.set(Some(at));
            highlighted.set(0);
            on_change.emit(text);
        })
    };
    let onkeydown = {
        let (caret, highlighted, choose) = (caret.clone(), highlighted.clone(), choose.clone());
        let logins: Vec<String> = shown.iter().map(|m| m.user.clone()).collect();
        Callback::from(move |e: KeyboardEvent| {
            if logins.is_empty() {
                return;
            }
            let current = (*highlighted).min(logins.len() - 1);
            match e.key().as_str() {
                "ArrowDown" => highlighted.set((current + 1) % logins.len()),
                "ArrowUp" => highlighted.set((current + logins.len() - 1) % logins.len()),
                "Enter" | "Tab" => choose.emit(logins[current].clone()),
                "Escape" => caret.set(None),
                _ => return,
            }
            e.prevent_default();
            e.stop_propagation();
        })
    };
    let list_id = format!("{}-mentions", props.id);
    html! {
        <div class="mention-input">
            <textarea id={props.id.clone()} ref={node} rows="3" value={props.value.clone()} {oninput} {onkeydown}
                placeholder={props.placeholder.clone()} aria-autocomplete="list"
                aria-controls={list_id.clone()} aria-expanded={(!shown.is_empty()).to_string()} />
            if !shown.is_empty() {
                <ul id={list_id} class="mention-suggestions" role="listbox"
                    aria-label={t(lang, Text::MentionSuggestions)}>
                    { for shown.iter().enumerate().map(|(i, m)| {
                        let onclick = {
                            let (choose, login) = (choose.clone(), m.user.clone());
                            Callback::from(move |_: MouseEvent| choose.emit(login.clone()))
                        };
                        let selected = i == (*highlighted).min(shown.len() - 1);
                        html! {
                            <li role="option" class={classes!("mention-option", selected.then_some("active"))}
                                aria-selected={selected.to_string()} data-login={m.user.clone()} {onclick}>
                                <span class="mention-name">{&m.display_name}</span>
                                {" "}<span class="mention-login">{format!("@{}", m.user)}</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_being_typed_after_an_at_is_a_mention_but_an_email_is_not() {
        assert_eq!(mention_at_caret("gọi @la"), Some((6, "la")));
        assert_eq!(mention_at_caret("@"), Some((0, "")));
        assert_eq!(mention_at_caret("(@mi"), Some((1, "mi")));
        assert_eq!(mention_at_caret("dao@donga"), None);
        assert_eq!(mention_at_caret("@lan xem"), None);
        assert_eq!(mention_at_caret("không có"), None);
    }

    #[test]
    fn offers_are_active_members_matching_login_or_name() {
        let member = |user: &str, name: &str, active: bool| TeamMember {
            user: user.into(),
            display_name: name.into(),
            active,
            ..TeamMember::default()
        };
        let team = vec![
            member("lan", "Nguyễn Thị Lan", true),
            member("minh", "Trần Minh", true),
            member("lam", "Lâm (đã nghỉ)", false),
        ];
        let logins = |typed| -> Vec<String> {
            offers(&team, typed)
                .iter()
                .map(|m| m.user.clone())
                .collect()
        };
        assert_eq!(logins("l"), vec!["lan"]);
        assert_eq!(logins("TRẦN"), vec!["minh"]);
        assert_eq!(logins(""), vec!["lan", "minh"]);
    }

    #[test]
    fn choosing_replaces_the_typed_word_with_the_login() {
        assert_eq!(
            insert_mention("gọi @la xem", 9, "lan"),
            Some(("gọi @lan xem".to_owned(), 11))
        );
        assert_eq!(
            insert_mention("@", 1, "minh"),
            Some(("@minh ".to_owned(), 6))
        );
        assert_eq!(insert_mention("a@b", 3, "minh"), None);
    }
}
