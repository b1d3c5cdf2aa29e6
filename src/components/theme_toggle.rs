use gloo::events::EventListener;
use yew::prelude::*;

use crate::dom;

const STORAGE_KEY: &str = "archive-theme";

fn system_theme() -> &'static str {
    if dom::prefers_dark() {
        "dark"
    } else {
        "light"
    }
}

/// Light/dark switch. Follows the system until the visitor picks one; the
/// pick is remembered when storage is available. A hook of the root
/// component rather than a component of its own: each component type adds
/// its own copy of Yew's machinery (about 1 KB gzip) to the reader's wasm.
#[hook]
pub fn use_theme_toggle() -> Html {
    // index.html's head script has already read the pick from storage and
    // set it on the root: reading storage again here would be a second
    // synchronous trip to the browser on the start-up path.
    let chosen = use_state(|| dom::root_attr("data-theme").filter(|t| t == "light" || t == "dark"));
    let system = use_state(|| system_theme().to_string());
    let theme = chosen.as_deref().unwrap_or(system.as_str()).to_string();

    {
        let theme = theme.clone();
        use_effect_with(theme, |t| dom::set_root_attr("data-theme", t));
    }
    {
        let system = system.clone();
        use_effect_with((), move |_| {
            let listener = dom::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|mq| {
                    EventListener::new(&mq, "change", move |_| {
                        system.set(system_theme().to_string())
                    })
                });
            move || drop(listener)
        });
    }

    let dark = theme == "dark";
    let onclick = {
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            let next = if dark { "light" } else { "dark" };
            dom::storage_set(STORAGE_KEY, next);
            chosen.set(Some(next.to_string()));
        })
    };
    let label = if dark {
        "Switch to light theme"
    } else {
        "Switch to dark theme"
    };
    // Both icons, the one for the theme shown picked by styles/app.css from
    // the root's `data-theme` (or the system's): build-index renders this
    // button without knowing the visitor's theme, and the app adopts it.
    html! {
        <button type="button" class="theme-toggle icon-button" aria-label={label} title={label} {onclick}>
            <svg class="theme-icon-dark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="12" cy="12" r="4.5" />
                <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
            </svg>
            <svg class="theme-icon-light" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" />
            </svg>
        </button>
    }
}
