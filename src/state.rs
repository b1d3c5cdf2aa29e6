//! View state and the URL hash.
//!
//! The hash is the single source of truth for what the reader shows
//! (ARCHITECTURE.md, "URL hash"): every user action becomes a new
//! [`ViewState`], which is written to the hash; the hash, read back on
//! `hashchange`, becomes the state again. Encoding is
//! `application/x-www-form-urlencoded`, as `URLSearchParams` does it, with
//! repeated keys for several values of one facet.

use engine::FacetMap;
use engine::{Facet, Sort};
use std::rc::Rc;
use yew::Reducible;

/// Everything a URL can say about a view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub q: String,
    /// facet name → selected values, each list in selection order.
    pub filters: FacetMap<Vec<String>>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    /// Open document id (reading view).
    pub doc: Option<String>,
    /// Block index to scroll to in the open document.
    pub p: Option<usize>,
}

impl ViewState {
    /// Parses a hash with or without the leading `#`. Unknown keys and
    /// malformed values are ignored: a hand-edited URL degrades, never fails.
    pub fn from_hash(hash: &str) -> ViewState {
        let mut view = ViewState::default();
        let body = hash.strip_prefix('#').unwrap_or(hash);
        for (key, value) in form_urlencoded::parse(body.as_bytes()) {
            let value = value.into_owned();
            match &*key {
                "q" => view.q = value,
                "from" if !value.is_empty() => view.from = Some(value),
                "to" if !value.is_empty() => view.to = Some(value),
                "sort" => view.sort = Sort::from_name(&value),
                "doc" if !value.is_empty() => view.doc = Some(value),
                "p" => view.p = value.parse().ok(),
                name => {
                    if let Some(facet) = Facet::from_name(name).filter(|_| !value.is_empty()) {
                        let values = view.filters.or_default(facet);
                        if !values.contains(&value) {
                            values.push(value);
                        }
                    }
                }
            }
        }
        view
    }

    /// The hash for this view, with the leading `#` (just `#` when empty, so
    /// that writing it clears a previous hash without reloading the page).
    pub fn to_hash(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", &self.q));
        }
        for facet in Facet::ALL {
            if let Some(values) = self.filters.get(&facet) {
                for v in values {
                    pairs.push((facet.name(), v));
                }
            }
        }
        if let Some(from) = &self.from {
            pairs.push(("from", from));
        }
        if let Some(to) = &self.to {
            pairs.push(("to", to));
        }
        if self.sort != Sort::Relevance {
            pairs.push(("sort", self.sort.name()));
        }
        if let Some(doc) = &self.doc {
            pairs.push(("doc", doc));
        }
        let p = self.p.map(|p| p.to_string());
        if let Some(p) = &p {
            pairs.push(("p", p));
        }
        let mut out = form_urlencoded::Serializer::for_suffix(String::from("#"), 1);
        out.extend_pairs(pairs);
        out.finish()
    }

    /// The same search without the open document: where "back to results" goes.
    pub fn results_view(&self) -> ViewState {
        ViewState {
            doc: None,
            p: None,
            ..self.clone()
        }
    }

    /// This search with `id` open (and optionally a block).
    pub fn with_doc(&self, id: &str, p: Option<usize>) -> ViewState {
        ViewState {
            doc: Some(id.to_string()),
            p,
            ..self.clone()
        }
    }

    /// The part of the state the result list depends on.
    pub fn search_key(&self) -> SearchKey {
        SearchKey {
            q: self.q.clone(),
            filters: self.filters.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            sort: self.sort,
        }
    }

    /// The results view of a search (no document open).
    pub fn of_search(key: &SearchKey) -> ViewState {
        ViewState {
            q: key.q.clone(),
            filters: key.filters.clone(),
            from: key.from.clone(),
            to: key.to.clone(),
            sort: key.sort,
            doc: None,
            p: None,
        }
    }

    /// Only the filters (facet values, date range): what the facet panel
    /// and the filter chips show, so typing does not redraw them.
    pub fn filters_only(&self) -> ViewState {
        ViewState {
            filters: self.filters.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            ..ViewState::default()
        }
    }

    pub fn has_filters(&self) -> bool {
        self.filters.values().any(|v| !v.is_empty()) || self.from.is_some() || self.to.is_some()
    }

    pub fn is_selected(&self, facet: Facet, value: &str) -> bool {
        self.filters
            .get(&facet)
            .is_some_and(|v| v.iter().any(|x| x == value))
    }
}

/// What a search depends on; results are cached and compared by this.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchKey {
    pub q: String,
    pub filters: FacetMap<Vec<String>>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
}

/// How a new state reaches the browser history: typing replaces the
/// current entry (one entry per search, not per keystroke); discrete
/// actions push, so Back undoes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HistoryMode {
    #[default]
    Push,
    /// The first keystroke of a new search: a new entry, like `Push`, but
    /// written once typing pauses (with the query typed by then). A history
    /// write costs a round trip to the browser process, which would
    /// otherwise delay that keystroke's results.
    PushTyping,
    Replace,
    /// The state came from the hash itself: nothing to write.
    None,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub view: ViewState,
    pub history: HistoryMode,
}

/// Every change a user can make to the view.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Typing in the search box: leaves the reading view.
    SetQuery(String),
    ToggleFilter {
        facet: Facet,
        value: String,
    },
    /// Replace the selected values of one facet (e.g. only this speaker).
    SetFacet {
        facet: Facet,
        values: Vec<String>,
    },
    ClearFacet(Facet),
    /// Drops every facet filter and the date range, keeps the query.
    ClearFilters,
    SetRange {
        from: Option<String>,
        to: Option<String>,
    },
    SetSort(Sort),
    OpenDoc {
        id: String,
        p: Option<usize>,
    },
    CloseDoc,
    /// The hash changed under us (back/forward, a pasted link).
    FromHash(String),
}

impl ViewState {
    pub fn apply(&self, action: Action) -> (ViewState, HistoryMode) {
        let mut v = self.clone();
        let mut mode = HistoryMode::Push;
        match action {
            Action::SetQuery(q) => {
                // The first keystroke after a discrete state pushes, so Back
                // returns to it; later keystrokes of the same typing replace.
                mode = if self.q.is_empty() || self.doc.is_some() {
                    HistoryMode::PushTyping
                } else {
                    HistoryMode::Replace
                };
                v.q = q;
                v.doc = None;
                v.p = None;
            }
            Action::ToggleFilter { facet, value } => {
                let values = v.filters.or_default(facet);
                if let Some(i) = values.iter().position(|x| *x == value) {
                    values.remove(i);
                } else {
                    values.push(value);
                }
                if values.is_empty() {
                    v.filters.remove(&facet);
                }
                v.doc = None;
                v.p = None;
            }
            Action::SetFacet { facet, values } => {
                if values.is_empty() {
                    v.filters.remove(&facet);
                } else {
                    v.filters.insert(facet, values);
                }
                v.doc = None;
                v.p = None;
            }
            Action::ClearFacet(facet) => {
                if facet == Facet::Year {
                    v.from = None;
                    v.to = None;
                }
                v.filters.remove(&facet);
            }
            Action::ClearFilters => {
                v.filters.clear();
                v.from = None;
                v.to = None;
            }
            Action::SetRange { from, to } => {
                v.from = from;
                v.to = to;
            }
            Action::SetSort(sort) => v.sort = sort,
            Action::OpenDoc { id, p } => {
                v.doc = Some(id);
                v.p = p;
            }
            Action::CloseDoc => {
                v.doc = None;
                v.p = None;
            }
            Action::FromHash(hash) => {
                v = ViewState::from_hash(&hash);
                mode = HistoryMode::None;
            }
        }
        (v, mode)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (view, history) = self.view.apply(action);
        if view == self.view {
            return self;
        }
        Rc::new(AppState { view, history })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_field() {
        let mut view = ViewState {
            q: "border \"fentanyl precursors\" & más".into(),
            from: Some("2019".into()),
            to: Some("2021-06".into()),
            sort: Sort::Oldest,
            doc: Some("002-6329a5d890f25ed4/secretary-blinken".into()),
            p: Some(12),
            ..Default::default()
        };
        view.filters.insert(
            Facet::Source,
            vec!["U.S. Department of State".into(), "El País".into()],
        );
        view.filters
            .insert(Facet::Speaker, vec!["Antony J. Blinken".into()]);
        let hash = view.to_hash();
        assert!(hash.starts_with("#q=border+%22fentanyl"), "{hash}");
        assert_eq!(ViewState::from_hash(&hash), view);
    }

    #[test]
    fn repeated_keys_are_several_values_of_one_facet() {
        let view =
            ViewState::from_hash("#type=interview&type=transcript&type=interview&sort=newest");
        assert_eq!(view.filters[&Facet::Type], vec!["interview", "transcript"]);
        assert_eq!(view.sort, Sort::Newest);
    }

    #[test]
    fn malformed_hashes_degrade() {
        let view = ViewState::from_hash("#q=%zz%&p=abc&bogus=1&=&doc=&year=");
        assert_eq!(view.q, "%zz%");
        assert_eq!(view.p, None);
        assert_eq!(view.doc, None);
        assert!(view.filters.is_empty());
        assert_eq!(ViewState::from_hash("").to_hash(), "#");
        assert_eq!(ViewState::from_hash("#q=%").q, "%");
        assert_eq!(ViewState::from_hash("#q=%4").q, "%4");
        assert_eq!(ViewState::from_hash("#q=%C3%A9").q, "é");
    }

    #[test]
    fn typing_replaces_history_after_the_first_keystroke() {
        let start = ViewState::default();
        let (one, mode) = start.apply(Action::SetQuery("f".into()));
        assert_eq!(mode, HistoryMode::PushTyping);
        let (_, mode) = one.apply(Action::SetQuery("fe".into()));
        assert_eq!(mode, HistoryMode::Replace);
    }

    #[test]
    fn toggling_a_value_twice_removes_the_facet() {
        let start = ViewState::default();
        let toggle = Action::ToggleFilter {
            facet: Facet::Source,
            value: "A".into(),
        };
        let (on, _) = start.apply(toggle.clone());
        assert!(on.is_selected(Facet::Source, "A"));
        let (off, _) = on.apply(toggle);
        assert_eq!(off, start);
    }

    #[test]
    fn clearing_year_drops_the_range() {
        let view = ViewState::from_hash("#from=2019&to=2020&type=x");
        let (cleared, _) = view.apply(Action::ClearFacet(Facet::Year));
        assert_eq!(cleared.from, None);
        assert_eq!(cleared.to, None);
        assert!(cleared.is_selected(Facet::Type, "x"));
        let (all, _) = view.apply(Action::ClearFilters);
        assert!(!all.has_filters());
    }
}
