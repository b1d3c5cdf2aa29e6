//! "Download results": the current result list as CSV or JSON, for research.

use engine::json::Out;

/// One exported result: the metadata a researcher would cite or sort by.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub rank: usize,
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub doc_type: Option<String>,
    pub source: Option<String>,
    pub speakers: Vec<String>,
    pub source_file: String,
    pub line_start: u32,
    pub line_end: u32,
    pub url: String,
    /// The relevance score (0 when the list is not ranked by a query).
    pub score: f32,
    /// The passage that matched, as the result card shows it.
    pub snippet: String,
}

/// RFC 4180 CSV with a header row; list fields joined with "; ". It opens
/// with a byte-order mark: without one, Excel reads UTF-8 as the system's
/// legacy code page and garbles ‘ – é.
pub fn to_csv(rows: &[ResultRow]) -> String {
    let mut out = String::from(
        "\u{feff}rank,id,title,date,type,source,speakers,source_file,line_start,line_end,url,score,snippet\r\n",
    );
    for r in rows {
        let cells = [
            r.rank.to_string(),
            r.id.clone(),
            r.title.clone(),
            r.date.clone().unwrap_or_default(),
            r.doc_type.clone().unwrap_or_default(),
            r.source.clone().unwrap_or_default(),
            r.speakers.join("; "),
            r.source_file.clone(),
            r.line_start.to_string(),
            r.line_end.to_string(),
            r.url.clone(),
            engine::fixed(f64::from(r.score), 3),
            r.snippet.clone(),
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_csv_cell(cell, &mut out);
        }
        out.push_str("\r\n");
    }
    out
}

fn push_csv_cell(cell: &str, out: &mut String) {
    // A leading = + - @ makes spreadsheets evaluate the cell as a formula.
    let formula = cell.starts_with(['=', '+', '-', '@']);
    if formula || cell.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

impl ResultRow {
    /// The row in JSON, its fields in the CSV's order. The score is a
    /// number with three decimals, printed without Rust's float formatting
    /// (see `engine::fixed`).
    fn to_json(&self) -> Out {
        Out::Object(vec![
            ("rank", Out::Int(self.rank as i64)),
            ("id", Out::str(&self.id)),
            ("title", Out::str(&self.title)),
            ("date", Out::opt_str(self.date.as_deref())),
            ("type", Out::opt_str(self.doc_type.as_deref())),
            ("source", Out::opt_str(self.source.as_deref())),
            ("speakers", Out::strs(&self.speakers)),
            ("source_file", Out::str(&self.source_file)),
            ("line_start", Out::Int(i64::from(self.line_start))),
            ("line_end", Out::Int(i64::from(self.line_end))),
            ("url", Out::str(&self.url)),
            (
                "score",
                Out::Number(engine::fixed(f64::from(self.score), 3)),
            ),
            ("snippet", Out::str(&self.snippet)),
        ])
    }
}

/// The view that produced the list travels with it: query, filters,
/// date range, sort and the address that reopens it.
pub struct ExportedView<'a> {
    pub query: &'a str,
    pub filters: &'a engine::FacetMap<Vec<String>>,
    pub date_from: Option<&'a str>,
    pub date_to: Option<&'a str>,
    pub sort: &'static str,
    /// The share link of the results view.
    pub url: &'a str,
}

/// The view's fields, then `total` and `results`.
pub fn to_json(view: &ExportedView<'_>, rows: &[ResultRow]) -> String {
    let filters = view
        .filters
        .iter()
        .map(|(facet, values)| (facet.name(), Out::strs(values)))
        .collect();
    Out::Object(vec![
        ("query", Out::str(view.query)),
        ("filters", Out::Object(filters)),
        ("date_from", Out::opt_str(view.date_from)),
        ("date_to", Out::opt_str(view.date_to)),
        ("sort", Out::str(view.sort)),
        ("url", Out::str(view.url)),
        ("total", Out::Int(rows.len() as i64)),
        (
            "results",
            Out::List(rows.iter().map(ResultRow::to_json).collect()),
        ),
    ])
    .pretty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str) -> ResultRow {
        ResultRow {
            rank: 1,
            id: "a/b".into(),
            title: title.into(),
            date: Some("2021-01-02".into()),
            doc_type: None,
            source: Some("State, Dept.".into()),
            speakers: vec!["A".into(), "B".into()],
            source_file: "x.txt".into(),
            line_start: 1,
            line_end: 9,
            url: "http://h/#doc=a%2Fb".into(),
            score: 2.5,
            snippet: "…the passage…".into(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let csv = to_csv(&[row("He said \"no\""), row("=HYPERLINK(1)")]);
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[1],
            "1,a/b,\"He said \"\"no\"\"\",2021-01-02,,\"State, Dept.\",A; B,x.txt,1,9,http://h/#doc=a%2Fb,2.500,…the passage…"
        );
        assert!(lines[2].starts_with("1,a/b,\"'=HYPERLINK(1)\","));
    }

    #[test]
    fn json_is_parseable_and_complete() {
        let filters =
            engine::FacetMap::from_iter([(engine::Facet::Source, vec!["Reuters".to_string()])]);
        let view = ExportedView {
            query: "q",
            filters: &filters,
            date_from: Some("2020"),
            date_to: None,
            sort: "relevance",
            url: "u",
        };
        let json = to_json(&view, &[row("t")]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["query"], "q");
        assert_eq!(v["filters"]["source"][0], "Reuters");
        assert_eq!(v["date_from"], "2020");
        assert_eq!(v["sort"], "relevance");
        assert_eq!(v["results"][0]["score"], 2.5);
        assert_eq!(v["results"][0]["type"], serde_json::Value::Null);
        assert_eq!(v["results"][0]["speakers"][1], "B");
        assert_eq!(v["total"], 1);
        assert_eq!(v["date_to"], serde_json::Value::Null);
        let r = &v["results"][0];
        assert_eq!(
            (&r["rank"], &r["id"], &r["title"]),
            (&1.into(), &"a/b".into(), &"t".into())
        );
        assert_eq!(
            (&r["date"], &r["source"]),
            (&"2021-01-02".into(), &"State, Dept.".into())
        );
        assert_eq!(
            (&r["source_file"], &r["line_start"], &r["line_end"]),
            (&"x.txt".into(), &1.into(), &9.into())
        );
        assert_eq!(
            (&r["url"], &r["snippet"]),
            (&"http://h/#doc=a%2Fb".into(), &"…the passage…".into())
        );
        assert!(json.contains("\"score\": 2.500"), "three decimals: {json}");
    }
}
