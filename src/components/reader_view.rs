use std::collections::BTreeMap;

use engine::{Block, Range};
use yew::prelude::*;

use super::cite_button::CiteButton;
use super::related_list::RelatedList;
use super::{plural, pretty_date};
use crate::archive::DocView;
use crate::cite::permalink;
use crate::dom;
use crate::highlight::segments;
use crate::state::{Action, ViewState};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub doc: DocView,
    pub view: ViewState,
    /// Index of the current match (for `.current`).
    pub current_hit: usize,
    pub dispatch: Callback<Action>,
    pub archive_name: String,
    pub public_url: String,
}

/// Matches in reading order: title first, then blocks. The match navigator
/// and the rendering must count alike, so both use this.
pub fn hit_count(d: &DocView) -> usize {
    let doc = &d.doc;
    let title = segments(&doc.title, &d.highlights.title)
        .iter()
        .filter(|s| s.0)
        .count();
    let blocks: usize = d
        .highlights
        .blocks
        .iter()
        .filter_map(|(i, ranges)| doc.blocks.get(*i).map(|b| (b, ranges)))
        .map(|(b, ranges)| segments(b.text(), ranges).iter().filter(|s| s.0).count())
        .sum();
    title + blocks
}

/// Renders text with numbered `mark.hit` elements, advancing `counter`.
fn hits(text: &str, ranges: &[Range], counter: &mut usize, current: usize) -> Html {
    segments(text, ranges)
        .into_iter()
        .map(|(hit, piece)| {
            if hit {
                let k = *counter;
                *counter += 1;
                html! {
                    <mark id={format!("hit-{k}")} class={classes!("hit", (k == current).then_some("current"))}>
                        { piece.to_string() }
                    </mark>
                }
            } else {
                html! { { piece.to_string() } }
            }
        })
        .collect()
}

struct Ctx<'a> {
    view: &'a ViewState,
    id: &'a str,
    public_url: &'a str,
    /// Says what a click on a paragraph's ¶ copied.
    copied: &'a UseStateHandle<String>,
    ranges: BTreeMap<usize, &'a [Range]>,
    counter: usize,
    current: usize,
    dispatch: &'a Callback<Action>,
}

impl Ctx<'_> {
    fn text(&mut self, i: usize, text: &str) -> Html {
        let ranges = self.ranges.get(&i).copied().unwrap_or(&[]);
        hits(text, ranges, &mut self.counter, self.current)
    }

    /// The ¶ link: following it marks the paragraph in the address, and
    /// the click also copies the paragraph's full link, to paste into notes.
    fn permalink(&self, i: usize) -> Html {
        let view = self.view.with_doc(self.id, Some(i));
        let href = view.to_hash();
        let onclick = {
            let public_url = self.public_url.to_string();
            let copied = self.copied.clone();
            Callback::from(move |_: MouseEvent| {
                let link = permalink(&public_url, &dom::page_url(), &view);
                let copied = copied.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if dom::copy_text(&link).await {
                        copied.set(format!("Link to paragraph {} copied.", i + 1));
                        let copied = copied.clone();
                        gloo::timers::callback::Timeout::new(2500, move || {
                            copied.set(String::new())
                        })
                        .forget();
                    }
                });
            })
        };
        html! {
            <a class="permalink" {href} {onclick}
                title="Link to this paragraph (a click also copies it)"
                aria-label={format!("Link to paragraph {}", i + 1)}>{ "¶" }</a>
        }
    }

    fn target(&self, i: usize) -> Option<&'static str> {
        (self.view.p == Some(i)).then_some("target")
    }
}

/// A run of consecutive list items as (nested) lists. Items deeper than
/// `depth` nest under the item before them.
fn render_list(items: &[(usize, &Block)], depth: u8, ctx: &mut Ctx<'_>) -> Html {
    let ordered = matches!(
        items.first(),
        Some((_, Block::ListItem { ordered: true, .. }))
    );
    let mut lis = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (idx, block) = items[i];
        let mut j = i + 1;
        while j < items.len()
            && matches!(items[j].1, Block::ListItem { depth: d, .. } if *d > depth)
        {
            j += 1;
        }
        let (marker, text) = match block {
            Block::ListItem { marker, text, .. } => (marker.clone(), text.as_str()),
            _ => (None, ""),
        };
        let body = ctx.text(idx, text);
        let children = if j > i + 1 {
            render_list(&items[i + 1..j], depth.saturating_add(1), ctx)
        } else {
            Html::default()
        };
        let permalink = ctx.permalink(idx);
        lis.push(html! {
            <li id={format!("p-{idx}")} class={classes!(ctx.target(idx))}>
                if let Some(m) = marker {
                    <span class="marker">{ m }</span>{ " " }
                }
                { body }
                { permalink }
                { children }
            </li>
        });
        i = j;
    }
    if ordered {
        html! { <ol class="doc-list">{ for lis }</ol> }
    } else {
        html! { <ul class="doc-list">{ for lis }</ul> }
    }
}

/// `continues`: the block goes on the speaker turn of the block before it.
fn render_block(i: usize, block: &Block, continues: bool, ctx: &mut Ctx<'_>) -> Html {
    let id = format!("p-{i}");
    let target = ctx.target(i);
    match block {
        Block::Heading { level, text, .. } => {
            let body = ctx.text(i, text);
            let permalink = ctx.permalink(i);
            // The document title is the page's h1; body headings start at h2.
            let tag = format!("h{}", (*level).clamp(1, 5) + 1);
            html! {
                <@{tag} {id} class={classes!("doc-heading", target)}>{ body }{ permalink }</@>
            }
        }
        Block::Paragraph { text, .. } => {
            let body = ctx.text(i, text);
            let permalink = ctx.permalink(i);
            html! { <p {id} class={classes!(target)}>{ body }{ permalink }</p> }
        }
        Block::ListItem { .. } => Html::default(),
        Block::Turn { .. } => render_turn(i, block, continues, ctx),
    }
}

/// A speaker turn: its label as printed (a person's is a button that
/// filters by their canonical name), shown only on the first paragraph of
/// a run by one speaker; notes on every paragraph that has them.
fn render_turn(i: usize, block: &Block, continues: bool, ctx: &mut Ctx<'_>) -> Html {
    let Block::Turn {
        speaker,
        label,
        role,
        notes,
        text,
        ..
    } = block
    else {
        return Html::default();
    };
    let body = ctx.text(i, text);
    let permalink = ctx.permalink(i);
    let name = if label.is_empty() {
        speaker.clone()
    } else {
        label.clone()
    };
    let who = if continues {
        Html::default()
    } else if *role || speaker.is_empty() {
        html! { <span class="turn-label">{ name }</span> }
    } else {
        let onclick = ctx.dispatch.reform({
            let speaker = speaker.clone();
            move |_: MouseEvent| Action::SetFacet {
                facet: engine::Facet::Speaker,
                values: vec![speaker.clone()],
            }
        });
        html! {
            <button type="button" class="turn-speaker" title={format!("Documents where {speaker} speaks")} {onclick}>
                { name }
            </button>
        }
    };
    html! {
        <div id={format!("p-{i}")} class={classes!("turn", continues.then_some("turn-continued"), ctx.target(i))}>
            if !continues || !notes.is_empty() {
                <div class="turn-head">
                    { who }
                    if !notes.is_empty() {
                        <span class="turn-notes">{ format!("({})", notes.join("; ")) }</span>
                    }
                </div>
            }
            <p>{ body }{ permalink }</p>
        </div>
    }
}

/// The document's blocks; a run of list items becomes one nested list.
fn render_body(blocks: &[Block], ctx: &mut Ctx<'_>) -> Vec<Html> {
    let mut body = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if matches!(blocks[i], Block::ListItem { .. }) {
            let start = i;
            while i < blocks.len() && matches!(blocks[i], Block::ListItem { .. }) {
                i += 1;
            }
            let run: Vec<(usize, &Block)> = (start..i).map(|k| (k, &blocks[k])).collect();
            let min_depth = run
                .iter()
                .filter_map(|(_, b)| match b {
                    Block::ListItem { depth, .. } => Some(*depth),
                    _ => None,
                })
                .min()
                .unwrap_or(0);
            body.push(render_list(&run, min_depth, ctx));
        } else {
            let block = &blocks[i];
            let continues = block.continues_turn(i.checked_sub(1).and_then(|k| blocks.get(k)));
            body.push(render_block(i, block, continues, ctx));
            i += 1;
        }
    }
    body
}

/// The reading view: header, metadata, provenance, cite, and the body.
#[component]
pub fn ReaderView(props: &Props) -> Html {
    let d = &props.doc;
    let doc = &d.doc;
    let copied = use_state(String::new);
    let mut ctx = Ctx {
        view: &props.view,
        id: &doc.id,
        public_url: &props.public_url,
        copied: &copied,
        // `extend`, not `collect`: a collected map sorts first, one more
        // copy of the sort in the wasm.
        ranges: {
            let mut ranges = BTreeMap::new();
            ranges.extend(d.highlights.blocks.iter().map(|(i, r)| (*i, r.as_slice())));
            ranges
        },
        counter: 0,
        current: props.current_hit,
        dispatch: &props.dispatch,
    };
    let title = hits(
        &doc.title,
        &d.highlights.title,
        &mut ctx.counter,
        ctx.current,
    );

    let body = render_body(&doc.blocks, &mut ctx);

    let facts: Vec<(&str, String)> = [
        ("Speakers", doc.speakers.join(", ")),
        ("People", doc.people.join(", ")),
        ("Places", doc.places.join(", ")),
        ("Topics", doc.topics.join(", ")),
    ]
    .into_iter()
    .chain(doc.extra.iter().map(|(k, v)| (k.as_str(), v.clone())))
    .filter(|(_, v)| !v.is_empty())
    .collect();

    html! {
        <article id="reader" class="reader" lang={doc.lang.clone()}>
            <header class="doc-header">
                <h1 class="doc-title" id="doc-title" tabindex="-1">{ title }</h1>
                <p class="doc-meta">
                    if let Some(t) = &doc.doc_type {
                        <span class="badge">{ t.clone() }</span>
                    }
                    if let Some(s) = &doc.source {
                        <span>{ s.clone() }</span>
                    }
                    if let Some(date) = &doc.date {
                        <time datetime={date.clone()}>{ pretty_date(date) }</time>
                    }
                    <span>{ plural(doc.word_count as usize, "word", "words") }</span>
                </p>
                if !facts.is_empty() {
                    <dl class="doc-facts">
                        { for facts.iter().map(|(k, v)| html! {
                            <div><dt>{ k.to_string() }</dt><dd>{ v.clone() }</dd></div>
                        }) }
                    </dl>
                }
                <div class="doc-actions">
                    <p class="provenance">
                        { "From " }<code>{ doc.source_file.clone() }</code>
                        { format!(", lines {}–{}", doc.line_start, doc.line_end) }
                    </p>
                    <CiteButton
                        doc={doc.clone()}
                        view={props.view.clone()}
                        archive_name={props.archive_name.clone()}
                        public_url={props.public_url.clone()}
                    />
                </div>
            </header>
            <div class="doc-body">
                { for body }
            </div>
            <RelatedList related={doc.related.clone()} view={props.view.clone()} />
            <p class={classes!("copied-toast", (!copied.is_empty()).then_some("shown"))} role="status">{ (*copied).clone() }</p>
        </article>
    }
}
