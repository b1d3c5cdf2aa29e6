use engine::Sort;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub sort: Sort,
    pub on_change: Callback<Sort>,
}

#[component]
pub fn SortSelect(props: &Props) -> Html {
    let onchange = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(match select.value().as_str() {
                "newest" => Sort::Newest,
                "oldest" => Sort::Oldest,
                _ => Sort::Relevance,
            });
        })
    };
    let option = |value: &'static str, label: &'static str, s: Sort| {
        html! { <option {value} selected={props.sort == s}>{ label }</option> }
    };
    html! {
        <div class="sort">
            <label for="sort">{ "Sort" }</label>
            <select id="sort" {onchange}>
                { option("relevance", "Relevance", Sort::Relevance) }
                { option("newest", "Newest first", Sort::Newest) }
                { option("oldest", "Oldest first", Sort::Oldest) }
            </select>
        </div>
    }
}
