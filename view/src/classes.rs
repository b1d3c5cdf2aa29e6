//! Classes that depend on state, without Yew's `Classes`.
//!
//! `html!` turns any computed `class={...}` into a `Classes` set (an
//! index set of strings with its hashing), and that code cost the reader's
//! wasm about 3 KB gzip for a handful of `active`/`open` switches. Here the
//! element is drawn with its fixed class as a literal, and the switched-on
//! classes are appended to that attribute: the markup is the same.

use std::rc::Rc;
use yew::virtual_dom::VNode;
use yew::Html;

/// `el` (one element, drawn with the literal class `base`, or none when
/// `base` is empty) with the classes of `extra` that are `Some` added
/// after `base`. No class attribute when there are none at all.
pub fn with_classes(mut el: Html, base: &str, extra: &[Option<&str>]) -> Html {
    if extra.iter().all(Option::is_none) {
        return el;
    }
    let mut list = String::from(base);
    for class in extra.iter().flatten() {
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(class);
    }
    // Just drawn, so not shared: `get_mut` rather than `make_mut`, whose
    // copy of the element is code the wasm would carry for nothing.
    if let Some(tag) = match &mut el {
        VNode::VTag(tag) => Rc::get_mut(tag),
        _ => None,
    } {
        tag.add_attribute("class", list);
    }
    el
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::html;

    fn class_of(el: &Html) -> Option<String> {
        match el {
            VNode::VTag(tag) => tag
                .attributes
                .iter()
                .find(|(k, _)| *k == "class")
                .map(|(_, v)| v.to_string()),
            _ => None,
        }
    }

    #[test]
    fn adds_what_is_on() {
        let el = with_classes(
            html! { <p class="a" id="x"></p> },
            "a",
            &[Some("b"), None, Some("c")],
        );
        assert_eq!(class_of(&el).as_deref(), Some("a b c"));
        let el = with_classes(html! { <p class="a"></p> }, "a", &[None]);
        assert_eq!(class_of(&el).as_deref(), Some("a"));
        let el = with_classes(html! { <p></p> }, "", &[Some("target")]);
        assert_eq!(class_of(&el).as_deref(), Some("target"));
        let el = with_classes(html! { <p></p> }, "", &[None]);
        assert_eq!(class_of(&el), None);
    }
}
