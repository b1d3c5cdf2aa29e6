use yew::prelude::*;

use crate::state::ViewState;

pub struct Props {
    /// (block index, level, text) of each heading.
    pub headings: Vec<(usize, u8, String)>,
    pub view: ViewState,
}

/// Headings of a long document, each a link to its paragraph permalink.
/// Beside the text on a wide screen; on a narrow one it comes first, so it
/// starts folded: open, it pushed the title below the fold. (A function,
/// not a component: a component type costs the wasm its own copy of Yew's
/// machinery.)
pub fn outline(props: &Props) -> Html {
    if props.headings.len() < 2 {
        return Html::default();
    }
    let wide = crate::dom::media_matches("(min-width: 60.01rem)");
    let top = props.headings.iter().map(|h| h.1).min().unwrap_or(1);
    html! {
        <nav class="outline" aria-labelledby="outline-title">
            <details open={wide}>
            <summary><h2 id="outline-title">{ "Contents" }</h2></summary>
            <ol>
                { for props.headings.iter().map(|(i, level, text)| {
                    let href = props.view.with_doc(props.view.doc.as_deref().unwrap_or_default(), Some(*i)).to_hash();
                    let depth = (level.saturating_sub(top)).min(3);
                    let current = props.view.p == Some(*i);
                    let li = html! {
                        <li><a {href} aria-current={current.then_some("location")}>{ text.clone() }</a></li>
                    };
                    view::with_classes(li, "", &[Some(&format!("depth-{depth}"))])
                }) }
            </ol>
            </details>
        </nav>
    }
}
