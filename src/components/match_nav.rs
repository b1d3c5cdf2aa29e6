use yew::prelude::*;

#[derive(PartialEq)]
pub struct Props {
    /// 0-based index of the current match.
    pub current: usize,
    pub total: usize,
    pub on_step: Callback<isize>,
}

/// "3 of 12" with previous/next; `n` / `N` do the same from the keyboard.
/// A function, not a component: it keeps no state, and every component
/// type adds its own copy of Yew's machinery (hydration included) to the
/// wasm.
pub fn match_nav(props: &Props) -> Html {
    if props.total == 0 {
        return Html::default();
    }
    let prev = props.on_step.reform(|_: MouseEvent| -1);
    let next = props.on_step.reform(|_: MouseEvent| 1);
    html! {
        <div class="match-nav" role="group" aria-label="Matches in this document">
            <button type="button" class="match-prev icon-button" aria-label="Previous match (Shift+N)" title="Previous match (N)" onclick={prev}>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 10l4-4 4 4" /></svg>
            </button>
            <span class="match-count" aria-live="polite">{ format!("{} of {}", props.current + 1, props.total) }</span>
            <button type="button" class="match-next icon-button" aria-label="Next match (N)" title="Next match (n)" onclick={next}>
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 6l4 4 4-4" /></svg>
            </button>
        </div>
    }
}
