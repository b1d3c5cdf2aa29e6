use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    #[prop_or_default]
    pub loaded: f64,
    #[prop_or_default]
    pub total: f64,
    /// Set for the error state: what happened.
    #[prop_or_default]
    pub headline: Option<AttrValue>,
    /// What to do about it.
    #[prop_or_default]
    pub advice: Option<String>,
}

/// Loading (with a progress bar once the size is known) or a readable
/// error; the page is never blank.
#[component]
pub fn LoadStateView(props: &Props) -> Html {
    if let Some(headline) = &props.headline {
        let reload = Callback::from(|_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        return html! {
            <section class="load-error" role="alert" aria-labelledby="load-error-title">
                <h1 id="load-error-title">{ headline.clone() }</h1>
                <p>{ props.advice.clone().unwrap_or_default() }</p>
                <button type="button" class="button" onclick={reload}>{ "Try again" }</button>
            </section>
        };
    }
    let known = props.total > 0.0;
    let label = if known {
        // Whole numbers via integers: no float printing in the wasm.
        format!(
            "Loading the archive… {} of {} KB",
            kb(props.loaded),
            kb(props.total)
        )
    } else {
        "Loading the archive…".to_string()
    };
    html! {
        <section class="loading" aria-busy="true">
            <p id="loading-label">{ label }</p>
            if known {
                <progress aria-labelledby="loading-label" max={(props.total as u64).to_string()} value={(props.loaded as u64).to_string()} />
            } else {
                <progress aria-labelledby="loading-label" />
            }
        </section>
    }
}

fn kb(bytes: f64) -> u64 {
    (bytes / 1024.0).round() as u64
}
