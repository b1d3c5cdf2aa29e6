//! A document's body: its blocks as headings, paragraphs, nested lists and
//! speaker turns. The one definition of that markup: the reader draws it
//! with matches highlighted, ¶ links and speaker buttons; build-index
//! renders it for every static document page with none of those.

use engine::{Block, Document, Range};
use yew::prelude::*;

use crate::highlight::segments;

#[derive(Clone, PartialEq)]
pub struct BodyProps<'a> {
    /// Borrowed: a static page renders every document of a corpus, and a
    /// copy of each only to hand it over would be wasted.
    pub doc: &'a Document,
    /// Match ranges by block index (the reader's highlights of a query).
    pub highlights: Vec<(usize, Vec<Range>)>,
    /// Number of the body's first match (the title's matches come first).
    pub first_hit: usize,
    /// The match the reader is at (`mark.current`).
    pub current_hit: Option<usize>,
    /// The block a paragraph link points at (`.target`).
    pub target: Option<usize>,
    /// Block `i` gets `id="{id_prefix}{i}"`: the reader's paragraph
    /// permalink on a document's own page.
    pub id_prefix: AttrValue,
    /// The level a level-1 heading of the body gets (the title above it
    /// holds the level before).
    pub top_heading: u8,
    /// The ¶ link after block `i`'s text, when the page has them.
    pub permalink: Option<Callback<usize, Html>>,
    /// Makes a person's speaker label a button that emits their canonical
    /// name (the reader filters by it); a plain label without it.
    pub on_speaker: Option<Callback<String>>,
}

/// `text` with numbered `mark.hit` elements, advancing `counter`.
pub fn numbered_hits(
    text: &str,
    ranges: &[Range],
    counter: &mut usize,
    current: Option<usize>,
) -> Html {
    segments(text, ranges)
        .into_iter()
        .map(|(hit, piece)| {
            if hit {
                let k = *counter;
                *counter += 1;
                let mark = html! {
                    <mark id={format!("hit-{k}")} class="hit">{ piece.to_string() }</mark>
                };
                crate::with_classes(mark, "hit", &[(Some(k) == current).then_some("current")])
            } else {
                html! { { piece.to_string() } }
            }
        })
        .collect()
}

struct Ctx<'a> {
    props: &'a BodyProps<'a>,
    counter: usize,
}

impl Ctx<'_> {
    fn text(&mut self, i: usize, text: &str) -> Html {
        // A search through the list, not a map built for it: a map type of
        // its own would cost the reader's wasm its copy of the B-tree code.
        let ranges = self
            .props
            .highlights
            .iter()
            .rev()
            .find(|(j, _)| *j == i)
            .map_or(&[][..], |(_, r)| r.as_slice());
        numbered_hits(text, ranges, &mut self.counter, self.props.current_hit)
    }

    fn permalink(&self, i: usize) -> Html {
        self.props
            .permalink
            .as_ref()
            .map(|p| p.emit(i))
            .unwrap_or_default()
    }

    fn id(&self, i: usize) -> String {
        format!("{}{i}", self.props.id_prefix)
    }

    fn target(&self, i: usize) -> Option<&'static str> {
        (self.props.target == Some(i)).then_some("target")
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
        let target = ctx.target(idx);
        lis.push(crate::with_classes(
            html! {
                <li id={ctx.id(idx)}>
                    if let Some(m) = marker {
                        <span class="marker">{ m }</span>{ " " }
                    }
                    { body }
                    { permalink }
                    { children }
                </li>
            },
            "",
            &[target],
        ));
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
    let id = ctx.id(i);
    let target = ctx.target(i);
    match block {
        Block::Heading { level, text, .. } => {
            let body = ctx.text(i, text);
            let permalink = ctx.permalink(i);
            let top = ctx.props.top_heading.clamp(1, 6);
            let tag = format!("h{}", (level.saturating_sub(1) + top).clamp(top, 6));
            let heading = html! {
                <@{tag} {id} class="doc-heading">{ body }{ permalink }</@>
            };
            crate::with_classes(heading, "doc-heading", &[target])
        }
        Block::Paragraph { text, .. } => {
            let body = ctx.text(i, text);
            let permalink = ctx.permalink(i);
            crate::with_classes(html! { <p {id}>{ body }{ permalink }</p> }, "", &[target])
        }
        Block::ListItem { .. } => Html::default(),
        Block::Turn { .. } => render_turn(i, block, continues, ctx),
    }
}

/// A speaker turn: its label as printed (a person's is a button where the
/// page can filter by them), shown only on the first paragraph of a run by
/// one speaker; notes on every paragraph that has them.
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
    let button = ctx
        .props
        .on_speaker
        .as_ref()
        .filter(|_| !*role && !speaker.is_empty());
    let who = match (continues, button) {
        (true, _) => Html::default(),
        (false, None) => html! { <span class="turn-label">{ name }</span> },
        (false, Some(on_speaker)) => {
            let onclick = on_speaker.reform({
                let speaker = speaker.clone();
                move |_: MouseEvent| speaker.clone()
            });
            html! {
                <button type="button" class="turn-speaker" title={format!("Documents where {speaker} speaks")} {onclick}>
                    { name }
                </button>
            }
        }
    };
    let target = ctx.target(i);
    let turn = html! {
        <div id={ctx.id(i)} class="turn">
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
    };
    crate::with_classes(
        turn,
        "turn",
        &[continues.then_some("turn-continued"), target],
    )
}

/// The document's blocks; a run of list items becomes one nested list.
pub fn document_body(props: &BodyProps<'_>) -> Html {
    let blocks = &props.doc.blocks;
    let mut ctx = Ctx {
        props,
        counter: props.first_hit,
    };
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
            body.push(render_list(&run, min_depth, &mut ctx));
        } else {
            let block = &blocks[i];
            let continues = block.continues_turn(i.checked_sub(1).and_then(|k| blocks.get(k)));
            body.push(render_block(i, block, continues, &mut ctx));
            i += 1;
        }
    }
    html! { <div class="doc-body">{ for body }</div> }
}
