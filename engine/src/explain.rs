//! Score explanations: why a document ranked where it did, as a tree of
//! (value, description) nodes — the idea of tantivy's `Explanation`.
//! Built only when a [`SearchRequest`](crate::SearchRequest) asks for it,
//! so ordinary searches pay nothing.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub value: f32,
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Explanation>,
}

impl Explanation {
    pub fn new(value: f32, description: impl Into<String>) -> Explanation {
        Explanation {
            value,
            description: description.into(),
            details: Vec::new(),
        }
    }

    pub fn push(&mut self, detail: Explanation) {
        self.details.push(detail);
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
        writeln!(
            f,
            "{:indent$}{:>9.3}  {}",
            "",
            self.value,
            self.description,
            indent = depth * 4
        )?;
        for d in &self.details {
            d.write(f, depth + 1)?;
        }
        Ok(())
    }
}

/// One line per node, children indented under their parent.
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_tree() {
        let mut e = Explanation::new(2.5, "total");
        let mut c = Explanation::new(2.0, "word \"border\"");
        c.push(Explanation::new(2.0, "term border (exact)"));
        e.push(c);
        e.push(Explanation::new(1.25, "proximity ×1.25"));
        let s = e.to_string();
        assert_eq!(s.lines().count(), 4);
        assert!(s.lines().nth(2).unwrap().starts_with("            2.000"));
    }
}
