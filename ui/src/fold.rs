//! Accent-free folding of names typed in the page ("Khách lẻ" matches "khach le"), the same
//! rule as `clientele_model::rules::fold_for_search`, but through the webview's own Unicode
//! tables (`String.prototype.normalize`): the model's copy of those tables was a fifth of the
//! UI's download, for the one place the page folds (the tag input). Natively (unit tests), the
//! model's function.

/// Lowercase, no diacritics, `đ`/`ð` → `d`, single spaces, trimmed.
#[cfg(target_arch = "wasm32")]
pub fn fold_for_search(text: &str) -> String {
    let decomposed = js_sys::JsString::from(text.to_lowercase().as_str()).normalize("NFD");
    let marks = js_sys::RegExp::new("\\p{M}", "gu");
    let bare = String::from(decomposed.replace_by_pattern(&marks, ""));
    let bare = bare.replace(['đ', 'ð'], "d");
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase, no diacritics, `đ`/`ð` → `d`, single spaces, trimmed.
#[cfg(not(target_arch = "wasm32"))]
pub fn fold_for_search(text: &str) -> String {
    clientele_model::rules::fold_for_search(text)
}
