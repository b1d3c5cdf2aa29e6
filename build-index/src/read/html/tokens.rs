//! The token stream of a page, from html5ever's spec-compliant tokenizer:
//! tags with attributes and text with every character reference decoded
//! (all named references of the HTML standard), script and style content
//! never read as markup, each token with the 1-based line it starts on.
//! Malformed markup never fails: the tokenizer recovers as browsers do.
//!
//! The tokenizer alone (not the tree builder): the block reader needs the
//! order of tags and text with their lines, which a tree loses.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token as HtmlToken, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

#[derive(Debug)]
pub(super) enum Token {
    /// Text, character references already decoded.
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
}

pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[derive(Default)]
struct Sink {
    out: RefCell<Vec<(Token, u32)>>,
}

fn line_of(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).max(1)
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: HtmlToken, line_number: u64) -> TokenSinkResult<()> {
        let mut out = self.out.borrow_mut();
        match token {
            HtmlToken::CharacterTokens(t) => {
                // The tokenizer reports the line it has reached: the run
                // started as many lines earlier as it holds line breaks.
                let breaks = t.chars().filter(|&c| c == '\n').count() as u64;
                let line = line_of(line_number.saturating_sub(breaks));
                match out.last_mut() {
                    Some((Token::Text(prev), _)) => prev.push_str(&t),
                    _ => out.push((Token::Text(t.to_string()), line)),
                }
            }
            HtmlToken::TagToken(tag) => {
                let name = tag.name.to_string();
                let line = line_of(line_number);
                if tag.kind == TagKind::EndTag {
                    out.push((Token::End(name), line));
                    return TokenSinkResult::Continue;
                }
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                let raw = !tag.self_closing;
                out.push((
                    Token::Start {
                        name,
                        attrs,
                        self_closing: tag.self_closing,
                    },
                    line,
                ));
                // What the tree builder would tell the tokenizer: these
                // elements hold raw text, not markup.
                if raw {
                    match &*tag.name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => return TokenSinkResult::Plaintext,
                        _ => {}
                    }
                }
            }
            HtmlToken::NullCharacterToken
            | HtmlToken::CommentToken(_)
            | HtmlToken::DoctypeToken(_)
            | HtmlToken::EOFToken
            | HtmlToken::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

/// Splits a page into tokens, each with the 1-based line it starts on.
pub(super) fn tokenize(src: &str) -> Vec<(Token, u32)> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(src));
    // Only `Script` results pause the tokenizer, and this sink never asks
    // for one: a single feed reads the whole page.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.out.into_inner()
}

/// Decodes the character references of a fragment of HTML text ("a &lt;b&gt;
/// &eacute;"), as the tokenizer does for a page.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    tokenize(s)
        .into_iter()
        .filter_map(|(t, _)| match t {
            Token::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

pub(super) fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
