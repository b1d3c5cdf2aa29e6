use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{use_disclosure, Disclosure};
use crate::dom;
use crate::state::ViewState;
use engine::SearchExamples;

/// What each kind of example finds.
fn rows(ex: &SearchExamples) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut push = |q: &Option<String>, what| {
        if let Some(q) = q {
            out.push((q.clone(), what));
        }
    };
    push(&ex.words, "documents with both words, best first");
    push(&ex.phrase, "the exact phrase");
    push(
        &ex.exclude,
        "leaves out documents with the word after the minus",
    );
    push(&ex.either, "either word");
    push(&ex.prefix, "the last word as a prefix, while it is typed");
    for q in ex.fields.iter().chain(&ex.dates) {
        out.push((q.clone(), filter_finds(q)));
    }
    out
}

fn filter_finds(q: &str) -> &'static str {
    use engine::Facet;
    let name = q.split(':').next().unwrap_or("");
    match Facet::from_name(name) {
        Some(Facet::Speaker) => "only documents where a speaker's name has those words",
        Some(Facet::Person) => "only documents naming that person",
        Some(Facet::Place) => "only documents naming that place",
        Some(Facet::Type) => "only documents of that type",
        Some(Facet::Source) => "only documents from that publisher",
        Some(Facet::Year) if q.contains("..") => "only documents from that range of years",
        Some(Facet::Year) => "only documents from that year",
        None if name == "after" => "only documents dated from that month on",
        _ => "only documents with that value",
    }
}

/// The search syntax, next to the box: each example is a link that runs
/// it on this archive (the examples are chosen from its documents at build
/// time), then the keyboard shortcuts. `?` opens it from anywhere but a
/// text field; Escape closes it and gives the focus back. A hook of the
/// root component (see `use_search_box`).
#[hook]
pub fn use_search_help(examples: &SearchExamples) -> Html {
    let Disclosure {
        open,
        close,
        on_key,
    } = use_disclosure("search-help-toggle");
    {
        let open = open.clone();
        use_effect_with((), move |_| {
            let listener = dom::document().map(|d| {
                EventListener::new(&d, "keydown", move |e: &Event| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if e.key() == "?"
                        && !e.ctrl_key()
                        && !e.meta_key()
                        && !e.alt_key()
                        && !dom::is_typing_target(e.target())
                    {
                        open.set(true);
                        dom::after_next_frame(|| dom::focus("search-help-title"));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let now = !*open;
            open.set(now);
            if now {
                dom::after_next_frame(|| dom::focus("search-help-title"));
            }
        })
    };
    let ran = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let examples = rows(examples);
    html! {
        <>
            <button type="button" id="search-help-toggle" class="help-toggle"
                aria-expanded={open.to_string()} aria-controls="search-help"
                title="Search tips (?)" onclick={toggle}>
                <span aria-hidden="true">{ "?" }</span>
                <span class="visually-hidden">{ "Search tips" }</span>
            </button>
            if *open {
                <section id="search-help" class="search-help" aria-labelledby="search-help-title" onkeydown={on_key}>
                    <h2 id="search-help-title" tabindex="-1">{ "Search tips" }</h2>
                    if !examples.is_empty() {
                        <p class="help-lead">{ "Type words to find documents. Each example runs on this archive:" }</p>
                        <table class="help-table">
                            <thead><tr><th scope="col">{ "Type" }</th><th scope="col">{ "To find" }</th></tr></thead>
                            <tbody>
                                { for examples.into_iter().map(|(q, what)| {
                                    let href = ViewState { q: q.clone(), ..ViewState::default() }.to_hash();
                                    html! {
                                        <tr>
                                            <td><a class="help-example" href={href} onclick={ran.clone()}><code>{ q }</code></a></td>
                                            <td>{ what }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    }
                    <p class="help-note">
                        { "Quotes keep a phrase; a minus leaves a word out; OR (in capitals) takes either. \
                           Filters: speaker:, person:, place:, type:, source:, topic:, lang:, year:, after:, before:. \
                           Typos are forgiven in longer words, accents and word forms always." }
                    </p>
                    <h3>{ "Keys" }</h3>
                    <dl class="help-keys">
                        <dt><kbd>{ "/" }</kbd></dt><dd>{ "go to the search box" }</dd>
                        <dt><kbd>{ "↓" }</kbd>{ " " }<kbd>{ "↑" }</kbd></dt><dd>{ "move through the results" }</dd>
                        <dt><kbd>{ "Enter" }</kbd></dt><dd>{ "open the chosen result" }</dd>
                        <dt><kbd>{ "n" }</kbd>{ " " }<kbd>{ "N" }</kbd></dt><dd>{ "next and previous match in a document" }</dd>
                        <dt><kbd>{ "Esc" }</kbd></dt><dd>{ "back to the results, or clear the search" }</dd>
                        <dt><kbd>{ "?" }</kbd></dt><dd>{ "these tips" }</dd>
                    </dl>
                    <button type="button" class="small-button" onclick={close}>{ "Close" }</button>
                </section>
            }
        </>
    }
}
