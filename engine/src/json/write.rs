//! Writing JSON in the browser: the results export, the CSL-JSON citation
//! and the embed messages.
//!
//! serde's derived writers cost the reader's wasm a serializer instance per
//! type and output style; these few are built as an [`Out`] tree instead
//! and written by one function. Objects keep the order their fields are
//! given in (CSL-JSON lists fields in the order citeproc documents them),
//! and numbers are whole or printed beforehand (`Out::Number`), so no float
//! formatting is needed.

/// A JSON value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Null,
    Bool(bool),
    Int(i64),
    /// A number already printed as JSON (e.g. by `crate::fixed`).
    Number(String),
    Str(String),
    List(Vec<Out>),
    /// Fields in the order they are written.
    Object(Vec<(&'static str, Out)>),
}

impl Out {
    pub fn str(s: &str) -> Out {
        Out::Str(s.to_string())
    }

    /// `null` when `None`.
    pub fn opt_str(s: Option<&str>) -> Out {
        s.map_or(Out::Null, Out::str)
    }

    pub fn strs<S: AsRef<str>>(items: &[S]) -> Out {
        Out::List(items.iter().map(|s| Out::str(s.as_ref())).collect())
    }

    /// Compact JSON, as `JSON.stringify(v)` writes it.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// JSON indented by two spaces, as `JSON.stringify(v, null, 2)` writes it.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    /// `indent`: the depth when pretty, `None` when compact.
    fn write(&self, out: &mut String, indent: Option<usize>) {
        match self {
            Out::Null => out.push_str("null"),
            Out::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Out::Int(n) => out.push_str(&n.to_string()),
            Out::Number(n) => out.push_str(n),
            Out::Str(s) => push_string(out, s),
            Out::List(items) => {
                write_items(out, indent, ('[', ']'), items.iter().map(|v| (None, v)))
            }
            Out::Object(fields) => write_items(
                out,
                indent,
                ('{', '}'),
                fields.iter().map(|(k, v)| (Some(*k), v)),
            ),
        }
    }
}

fn write_items<'a>(
    out: &mut String,
    indent: Option<usize>,
    (open, close): (char, char),
    items: impl Iterator<Item = (Option<&'a str>, &'a Out)>,
) {
    out.push(open);
    let inner = indent.map(|d| d + 1);
    let mut any = false;
    for (key, value) in items {
        if any {
            out.push(',');
        }
        any = true;
        new_line(out, inner);
        if let Some(key) = key {
            push_string(out, key);
            out.push(':');
            if indent.is_some() {
                out.push(' ');
            }
        }
        value.write(out, inner);
    }
    if any {
        new_line(out, indent);
    }
    out.push(close);
}

/// `s` as a JSON string. Written here rather than through miniserde's
/// writer, whose one entry point brings its float printing into the wasm.
fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[c as usize >> 4]));
                out.push(char::from(HEX[c as usize & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn new_line(out: &mut String, indent: Option<usize>) {
    if let Some(depth) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// The same value as serde_json builds it.
    fn as_value(o: &Out) -> Value {
        match o {
            Out::Null => Value::Null,
            Out::Bool(b) => Value::Bool(*b),
            Out::Int(n) => Value::from(*n),
            Out::Number(n) => serde_json::from_str(n).unwrap(),
            Out::Str(s) => Value::from(s.as_str()),
            Out::List(items) => Value::Array(items.iter().map(as_value).collect()),
            Out::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), as_value(v)))
                    .collect(),
            ),
        }
    }

    const KEYS: [&str; 4] = ["a", "type", "date-parts", "é\"x"];

    fn any_out() -> impl Strategy<Value = Out> {
        let leaf = prop_oneof![
            Just(Out::Null),
            any::<bool>().prop_map(Out::Bool),
            any::<i64>().prop_map(Out::Int),
            (0u32..100_000).prop_map(|n| Out::Number(crate::fixed(f64::from(n) / 1000.0, 3))),
            "(.|[\\x00-\\x1f\"\\\\]){0,12}".prop_map(Out::Str),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Out::List),
                proptest::collection::vec((0..KEYS.len(), inner), 0..5).prop_map(|fs| {
                    // Keys unique, as in every object written.
                    let mut seen = Vec::new();
                    Out::Object(
                        fs.into_iter()
                            .filter(|(k, _)| {
                                !seen.contains(k) && {
                                    seen.push(*k);
                                    true
                                }
                            })
                            .map(|(k, v)| (KEYS[k], v))
                            .collect(),
                    )
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn both_styles_read_back_as_what_was_written(o in any_out()) {
            let want = as_value(&o);
            prop_assert_eq!(serde_json::from_str::<Value>(&o.compact()).unwrap(), want.clone());
            prop_assert_eq!(serde_json::from_str::<Value>(&o.pretty()).unwrap(), want);
        }
    }

    #[test]
    fn pretty_is_laid_out_as_serde_json_lays_it_out() {
        let o = Out::Object(vec![
            ("query", Out::str("a \"b\"\n")),
            ("empty", Out::List(vec![])),
            ("none", Out::Object(vec![])),
            (
                "n",
                Out::List(vec![Out::Int(-3), Out::Number("0.250".into())]),
            ),
            ("ok", Out::Bool(true)),
        ]);
        // serde_json's `to_string_pretty` layout, which this replaces.
        let want = "{\n  \"query\": \"a \\\"b\\\"\\n\",\n  \"empty\": [],\n  \"none\": {},\n  \"n\": [\n    -3,\n    0.250\n  ],\n  \"ok\": true\n}";
        assert_eq!(o.pretty(), want);
        assert_eq!(Out::str("\u{1}\t\\é").compact(), r#""\u0001\t\\é""#);
        assert_eq!(
            o.compact(),
            r#"{"query":"a \"b\"\n","empty":[],"none":{},"n":[-3,0.250],"ok":true}"#
        );
    }
}
