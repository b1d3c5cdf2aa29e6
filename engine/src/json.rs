//! JSON in the browser: reading the index's JSON (the manifest, the
//! document chunks, the first page) field by field from a parsed
//! [`miniserde::json::Value`], and writing the little the browser writes
//! ([`Out`]).
//!
//! The writers of the index serialise with serde's derive; the readers do
//! not deserialise with it. A derived reader is a visitor per type, each
//! with its own copy of serde_json's parsing loops: in the reader's wasm
//! that came to most of 38 KB gzip (docs/benchmarks.md, "Third pass").
//! Here the JSON is parsed once into a `Value` and each type reads its
//! fields through the few non-generic functions below. The parser is
//! miniserde's, not serde_json's: it is built for small code (one parser,
//! no per-type instances), and with the browser's JSON writing below it
//! takes serde_json out of the wasm (8.7 KB gzip); natively it parses the
//! 100k manifest in 1.0 ms against serde_json's 0.5 ms. The rules follow
//! what the derived readers accepted: a field without a default must be
//! present; `Option` fields may be missing or `null`; a field of the wrong
//! JSON type is an error naming it. Each reader's tests check it against
//! serde's derived reader on the same JSON.

use miniserde::json::{Number, Value};
use std::collections::BTreeMap;

mod write;
pub use write::Out;

/// A JSON object being read, with what it is for error messages.
pub struct Fields<'a> {
    obj: &'a BTreeMap<String, Value>,
    what: &'a str,
}

/// Parses `bytes` as JSON. miniserde's errors carry no position; the
/// callers' messages name the file.
pub fn parse(bytes: &[u8]) -> Result<Value, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    miniserde::json::from_str(text).map_err(|_| "syntax error".to_string())
}

fn as_u64(v: &Value) -> Option<u64> {
    match v {
        Value::Number(Number::U64(n)) => Some(*n),
        _ => None,
    }
}

fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(Number::U64(n)) => i64::try_from(*n).ok(),
        Value::Number(Number::I64(n)) => Some(*n),
        _ => None,
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(Number::U64(n)) => Some(*n as f64),
        Value::Number(Number::I64(n)) => Some(*n as f64),
        Value::Number(Number::F64(n)) => Some(*n),
        _ => None,
    }
}

fn as_str(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        _ => None,
    }
}

/// `v` as an object; `what` names it in errors.
pub fn object<'a>(v: &'a Value, what: &'a str) -> Result<Fields<'a>, String> {
    match v {
        Value::Object(obj) => Ok(Fields { obj, what }),
        _ => Err(format!("{what}: expected an object")),
    }
}

/// `v` as an array of objects, each read by `read`.
pub fn array_of<T>(
    v: &Value,
    what: &str,
    read: impl Fn(&Fields<'_>) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let Value::Array(items) = v else {
        return Err(format!("{what}: expected an array"));
    };
    items
        .iter()
        .map(|item| read(&object(item, what)?))
        .collect()
}

impl<'a> Fields<'a> {
    /// The value of `key`; `None` when missing or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.obj.get(key).filter(|v| !matches!(v, Value::Null))
    }

    fn wrong(&self, key: &str, expected: &str) -> String {
        format!("{}: field `{key}` is not {expected}", self.what)
    }

    fn missing(&self, key: &str) -> String {
        format!("{}: missing field `{key}`", self.what)
    }

    /// The value of `key`, which must be there.
    pub fn need(&self, key: &str) -> Result<&'a Value, String> {
        self.get(key).ok_or_else(|| self.missing(key))
    }

    /// The object at `key`, when there.
    pub fn object(&self, key: &str) -> Result<Option<Fields<'a>>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => object(v, self.what).map(Some),
            Some(_) => Err(self.wrong(key, "an object")),
        }
    }

    /// The object at `key`, which must be there.
    pub fn need_object(&self, key: &str) -> Result<Fields<'a>, String> {
        self.object(key)?.ok_or_else(|| self.missing(key))
    }

    pub fn opt_str(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.wrong(key, "a string")),
        }
    }

    pub fn str(&self, key: &str) -> Result<String, String> {
        self.opt_str(key)?.ok_or_else(|| self.missing(key))
    }

    /// A string that defaults to empty when missing.
    pub fn str_or_empty(&self, key: &str) -> Result<String, String> {
        Ok(self.opt_str(key)?.unwrap_or_default())
    }

    pub fn opt_u64(&self, key: &str, max: u64) -> Result<Option<u64>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match as_u64(v) {
                Some(n) if n <= max => Ok(Some(n)),
                _ => Err(self.wrong(key, &format!("a whole number up to {max}"))),
            },
        }
    }

    pub fn u64(&self, key: &str) -> Result<u64, String> {
        self.opt_u64(key, u64::MAX)?
            .ok_or_else(|| self.missing(key))
    }

    pub fn u32(&self, key: &str) -> Result<u32, String> {
        self.u32_or(key, None)
    }

    /// A `u32` that takes `default` when missing (required when `None`).
    pub fn u32_or(&self, key: &str, default: Option<u32>) -> Result<u32, String> {
        match (self.opt_u64(key, u64::from(u32::MAX))?, default) {
            (Some(n), _) => Ok(n as u32),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(self.missing(key)),
        }
    }

    pub fn opt_u8(&self, key: &str) -> Result<Option<u8>, String> {
        Ok(self.opt_u64(key, u64::from(u8::MAX))?.map(|n| n as u8))
    }

    pub fn opt_i32(&self, key: &str) -> Result<Option<i32>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => as_i64(v)
                .and_then(|n| i32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a whole number")),
        }
    }

    pub fn f32_or(&self, key: &str, default: f32) -> Result<f32, String> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => as_f64(v)
                .map(|f| f as f32)
                .ok_or_else(|| self.wrong(key, "a number")),
        }
    }

    pub fn opt_bool(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(key, "true or false")),
        }
    }

    pub fn bool_or_false(&self, key: &str) -> Result<bool, String> {
        Ok(self.opt_bool(key)?.unwrap_or(false))
    }

    /// A list of strings; empty when missing if `default`, else required.
    pub fn strings(&self, key: &str, default: bool) -> Result<Vec<String>, String> {
        let Some(v) = self.get(key) else {
            return if default {
                Ok(Vec::new())
            } else {
                Err(self.missing(key))
            };
        };
        let Value::Array(items) = v else {
            return Err(self.wrong(key, "a list of strings"));
        };
        items
            .iter()
            .map(|s| {
                as_str(s)
                    .map(str::to_string)
                    .ok_or_else(|| self.wrong(key, "a list of strings"))
            })
            .collect()
    }

    /// A list of `u32`, required.
    pub fn u32s(&self, key: &str) -> Result<Vec<u32>, String> {
        let Value::Array(items) = self.need(key)? else {
            return Err(self.wrong(key, "a list of numbers"));
        };
        items
            .iter()
            .map(|n| {
                as_u64(n)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| self.wrong(key, "a list of numbers"))
            })
            .collect()
    }

    /// An object of strings; empty when missing.
    pub fn string_map(&self, key: &str) -> Result<BTreeMap<String, String>, String> {
        let Some(v) = self.get(key) else {
            return Ok(BTreeMap::new());
        };
        string_map(v).ok_or_else(|| self.wrong(key, "an object of strings"))
    }
}

/// `v` as an object whose values are all strings.
pub fn string_map(v: &Value) -> Option<BTreeMap<String, String>> {
    let Value::Object(obj) = v else {
        return None;
    };
    // Inserted one by one: collecting into a map sorts the pairs first,
    // with a copy of the standard sort for this one type.
    let mut out = BTreeMap::new();
    for (k, v) in obj.iter() {
        out.insert(k.clone(), as_str(v)?.to_string());
    }
    Some(out)
}
