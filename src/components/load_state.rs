use yew::prelude::*;

#[derive(Default)]
pub struct Props {
    pub loaded: f64,
    pub total: f64,
}

/// Loading, with a progress bar once the size is known (errors are
/// [`super::archive_error::archive_error`]).
/// A function, not a component: it keeps no state, and every component
/// type adds its own copy of Yew's machinery (hydration included) to the
/// wasm.
pub fn load_state_view(props: &Props) -> Html {
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
