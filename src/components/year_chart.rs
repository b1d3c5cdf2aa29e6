use std::rc::Rc;

use yew::prelude::*;

use super::plural;

pub struct Props {
    /// The axis: every year with a dated document, ascending.
    pub years: Vec<i32>,
    /// Current counts per year ("2021" → n).
    pub counts: Vec<(String, u32)>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// A new year range, or (None, None) to clear it.
    pub on_range: Callback<(Option<String>, Option<String>)>,
}

const BAR_W: f64 = 10.0;
const GAP: f64 = 2.0;
const HEIGHT: f64 = 48.0;

fn year_of(date: &Option<String>) -> Option<i32> {
    date.as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
}

/// Documents per year as bars. Click a bar for that year, drag across bars
/// (or Shift+click, Shift+Enter) for a range; click the only selected year
/// again to clear. Drawn with SVG attributes only (no inline styles, for CSP).
/// A hook of the filter column rather than a component: a component type
/// costs the wasm its own copy of Yew's machinery.
#[hook]
pub fn use_year_chart(props: &Props) -> Html {
    // Year where a drag started and where it is now.
    let drag = use_state(|| None::<(i32, i32)>);
    if props.years.is_empty() {
        return html! { <p class="facet-empty">{ "No dated documents." }</p> };
    }
    let count = |y: i32| count_of(&props.counts, y);
    let max = props
        .years
        .iter()
        .map(|y| count(*y))
        .max()
        .unwrap_or(0)
        .max(1);
    let (sel_from, sel_to) = match *drag {
        Some((a, b)) => (Some(a.min(b)), Some(a.max(b))),
        None => (year_of(&props.from), year_of(&props.to)),
    };
    let has_range = sel_from.is_some() || sel_to.is_some();
    let selected =
        |y: i32| has_range && sel_from.is_none_or(|f| y >= f) && sel_to.is_none_or(|t| y <= t);

    let commit = committer(&props.on_range, year_of(&props.from), year_of(&props.to));
    // One tab stop for the chart (the selected year, else the newest with
    // documents); the arrow keys move between years that have documents.
    // Empty years are drawn, and take part in a drag, but are not stops:
    // they were 23 tab stops on a phone.
    let live: Rc<Vec<i32>> = Rc::new(
        props
            .years
            .iter()
            .copied()
            .filter(|y| count(*y) > 0)
            .collect(),
    );
    let stop = live
        .iter()
        .copied()
        .find(|y| selected(*y))
        .or_else(|| live.last().copied());
    let width = props.years.len() as f64 * (BAR_W + GAP) - GAP;
    let bars = props.years.iter().enumerate().map(|(i, &y)| {
        let n = count(y);
        let h = if n == 0 { 1.0 } else { (f64::from(n) / f64::from(max) * (HEIGHT - 4.0)).max(3.0) };
        let x = i as f64 * (BAR_W + GAP);
        let (onpointerdown, onpointerenter, onpointerup) =
            bar_pointer(y, &drag, year_of(&props.from), commit.clone());
        let onkeydown = bar_keys(y, live.clone(), year_of(&props.from), commit.clone());
        let label = format!("{y}: {}", plural(n as usize, "document", "documents"));
        let live_bar = n > 0;
        let bar = html! {
            <g
                id={format!("year-{y}")}
                class="year-bar"
                role={live_bar.then_some("button")}
                tabindex={live_bar.then(|| if stop == Some(y) { "0" } else { "-1" })}
                aria-label={live_bar.then(|| label.clone())}
                aria-pressed={live_bar.then(|| selected(y).to_string())}
                data-year={y.to_string()}
                {onpointerdown}
                {onpointerenter}
                {onpointerup}
                {onkeydown}
            >
                <title>{ label }</title>
                <rect class="hit-area" x={num(x)} y="0" width={num(BAR_W + GAP)} height={num(HEIGHT)} />
                <rect class="bar" x={num(x)} y={num(HEIGHT - h)} width={num(BAR_W)} height={num(h)} rx="1.5" />
            </g>
        };
        view::with_classes(bar, "year-bar", &[selected(y).then_some("selected"), (n == 0).then_some("empty")])
    });
    let onpointerleave = end_drag(&drag);
    let range_text = range_text(year_of(&props.from), year_of(&props.to));
    let clear = props.on_range.reform(|_: MouseEvent| (None, None));
    html! {
        <div class="year-chart">
            { view::with_classes(html! {
            <svg
                viewBox={format!("0 0 {} {}", num(width), num(HEIGHT))}
                preserveAspectRatio="none"
                role="group"
                aria-label="Documents per year. Choose a year with the arrow keys and Enter, or drag across bars for a range."
                {onpointerleave}
            >
                { for bars }
            </svg>
            }, "", &[has_range.then_some("has-range")]) }
            <div class="year-axis" aria-hidden="true">
                <span>{ props.years.first().copied().unwrap_or_default() }</span>
                <span>{ props.years.last().copied().unwrap_or_default() }</span>
            </div>
            <p class="year-range">
                <span>{ range_text }</span>
                if has_range && drag.is_none() {
                    <button type="button" class="link-button facet-clear" onclick={clear}>{ "Clear years" }</button>
                }
            </p>
        </div>
    }
}

/// Commits a year range: the years at either end, in any order.
type Commit = Rc<dyn Fn(i32, i32)>;

/// A bar's keys: Enter or Space choose its year (with Shift, the range from
/// `anchor`); the arrows, Home and End move to the years with documents.
fn bar_keys(
    y: i32,
    live: Rc<Vec<i32>>,
    anchor: Option<i32>,
    commit: Commit,
) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        if key == "Enter" || key == " " {
            e.prevent_default();
            match (e.shift_key(), anchor) {
                (true, Some(a)) => commit(a, y),
                _ => commit(y, y),
            }
            return;
        }
        let at = live.iter().position(|v| *v == y).unwrap_or(0);
        let to = match key.as_str() {
            "ArrowLeft" | "ArrowDown" => at.checked_sub(1),
            "ArrowRight" | "ArrowUp" => Some(at + 1),
            "Home" => Some(0),
            "End" => live.len().checked_sub(1),
            _ => return,
        };
        e.prevent_default();
        if let Some(next) = to.and_then(|i| live.get(i)) {
            crate::dom::focus_without_scroll(&format!("year-{next}"));
        }
    })
}

/// A bar's pointer: press starts a drag, entering extends it, release
/// commits it (Shift+click: the range from `anchor`).
fn bar_pointer(
    y: i32,
    drag: &UseStateHandle<Option<(i32, i32)>>,
    anchor: Option<i32>,
    commit: Commit,
) -> (
    Callback<PointerEvent>,
    Callback<PointerEvent>,
    Callback<PointerEvent>,
) {
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            drag.set(Some((y, y)));
        })
    };
    let onpointerenter = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| {
            if let Some((a, _)) = *drag {
                drag.set(Some((a, y)));
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        let commit = commit.clone();
        Callback::from(move |e: PointerEvent| {
            let start = drag.map(|(a, _)| a).unwrap_or(y);
            drag.set(None);
            match (e.shift_key(), anchor) {
                (true, Some(a)) => commit(a, y),
                _ => commit(start, y),
            }
        })
    };
    (onpointerdown, onpointerenter, onpointerup)
}

/// Commits the range between two years; the one year already chosen
/// alone, chosen again, clears it.
fn committer(
    on_range: &Callback<(Option<String>, Option<String>)>,
    from: Option<i32>,
    to: Option<i32>,
) -> Commit {
    let on_range = on_range.clone();
    Rc::new(move |a: i32, b: i32| {
        let (lo, hi) = (a.min(b), a.max(b));
        if lo == hi && from == Some(lo) && to == Some(hi) {
            on_range.emit((None, None));
        } else {
            on_range.emit((Some(lo.to_string()), Some(hi.to_string())));
        }
    })
}

/// Leaving the chart drops a drag without committing it.
fn end_drag(drag: &UseStateHandle<Option<(i32, i32)>>) -> Callback<PointerEvent> {
    let drag = drag.clone();
    Callback::from(move |_: PointerEvent| drag.set(None))
}

/// Documents in year `y` among the current counts.
fn count_of(counts: &[(String, u32)], y: i32) -> u32 {
    counts
        .iter()
        .find(|(v, _)| v.parse::<i32>().ok() == Some(y))
        .map(|(_, c)| *c)
        .unwrap_or(0)
}

/// The chosen range in words.
fn range_text(from: Option<i32>, to: Option<i32>) -> String {
    match (from, to) {
        (Some(a), Some(b)) if a == b => format!("{a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "All years".to_string(),
    }
}

/// An SVG coordinate to two decimals ("12", "17.33"): integer formatting
/// only, which keeps Rust's float-printing machinery out of the wasm.
fn num(v: f64) -> String {
    let c = (v * 100.0).round() as i64;
    let (whole, frac) = (c / 100, (c % 100).abs());
    let sign = if c < 0 && whole == 0 { "-" } else { "" };
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn coordinates_print_like_floats_to_two_decimals() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(17.333_333), "17.33");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(46.0), "46");
    }
}
