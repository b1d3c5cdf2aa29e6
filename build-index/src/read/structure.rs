//! The body as typed blocks: headings, paragraphs, list items and speaker
//! turns.
//!
//! A document is a transcript when at least two of its paragraphs open with
//! a speaker label in capitals ("SECRETARY BLINKEN: …", "QUESTION: …").
//! In a transcript, the paragraphs after a turn continue that speaker's turn
//! until the next label. Parenthesised notes at the start of a turn
//! ("(Via interpreter)", "(In English)") become annotations of the turn, not
//! speakers. Credit lines ("Presenter: …") are mixed-case and stay
//! paragraphs. Speaker display names are resolved later by `metadata`.

use crate::read::draft::{RawBlock, RawKind};
use crate::read::segment::{is_credit_line, is_non_speaker_label, TURN};
use engine::Block;
use regex::Regex;
use std::sync::LazyLock;

static ROLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:question|questions|q|moderator|answer|a|participant|participants|reporter|reporters|journalist|audience member|audience|interviewer|interpreter|operator|staff|voice|announcer|narrator|panelist|host|guest|caller|questioner|speaker|voices|unidentified\b.*|unknown\b.*|(?:male|female) (?:voice|speaker)|off-mic|crowd|press)$")
        .unwrap_or_else(|e| panic!("{e}"))
});
static MIXED_ROLE_TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(question|q|moderator|answer|a|participant|reporter|audience member|interviewer|interpreter|operator)\s*:\s*(.*)$")
        .unwrap_or_else(|e| panic!("{e}"))
});
/// A short parenthesised note: "(Via interpreter)", "(In English)".
static LEADING_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(([^()]{2,40})\)\s*").unwrap_or_else(|e| panic!("{e}")));
static INLINE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((via interpreter|through (?:an )?interpreter|as interpreted|in english|in spanish|in french|en español|translated)\.?\)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// True for labels that name a role, not a person.
pub fn is_role_label(label: &str) -> bool {
    ROLE_LABEL.is_match(label.trim())
}

/// Splits "LABEL: text" into (label, text) when the paragraph opens a turn.
pub fn turn_parts(text: &str) -> Option<(String, String)> {
    if let Some(c) = TURN.captures(text) {
        let label = c[1].trim();
        if label.split_whitespace().count() <= 6 && !is_non_speaker_label(label) {
            return Some((label.to_string(), c[2].trim().to_string()));
        }
    }
    let c = MIXED_ROLE_TURN.captures(text)?;
    Some((c[1].to_string(), c[2].trim().to_string()))
}

/// Moves leading parenthesised notes of a turn's text into `notes`, and
/// records interpreter notes printed inside the text.
fn take_notes(text: &str, notes: &mut Vec<String>) -> String {
    let mut rest = text;
    while let Some(c) = LEADING_NOTE.captures(rest) {
        let note = c[1].trim().trim_end_matches('.').to_string();
        if !notes.contains(&note) {
            notes.push(note);
        }
        rest = &rest[c.get(0).map_or(0, |m| m.end())..];
    }
    for c in INLINE_NOTE.captures_iter(rest) {
        let note = c[1].to_string();
        let note = note[..1].to_uppercase() + &note[1..];
        if !notes.iter().any(|n| n.eq_ignore_ascii_case(&note)) {
            notes.push(note);
        }
    }
    rest.to_string()
}

/// Converts raw blocks into the model's blocks. Turn `speaker` is the
/// printed label here; `metadata` replaces it with the display name.
pub fn build_blocks(raw: &[RawBlock]) -> Vec<Block> {
    let turns = raw
        .iter()
        .filter(|b| b.kind == RawKind::Paragraph && turn_parts(&b.text).is_some())
        .count();
    let transcript = turns >= 2;
    let mut out = Vec::with_capacity(raw.len());
    // (label, role) of the turn that is speaking.
    let mut speaking: Option<(String, bool)> = None;
    for b in raw {
        if b.text.trim().is_empty() {
            continue;
        }
        match &b.kind {
            RawKind::Heading {
                explicit: false, ..
            } if transcript && speaking.is_some() => {
                push_turn_text(&mut out, speaking.as_ref(), &b.text, b.line);
            }
            RawKind::Heading { level, .. } => {
                speaking = None;
                out.push(Block::Heading {
                    level: (*level).max(1),
                    text: b.text.clone(),
                    line: b.line,
                });
            }
            RawKind::ListItem {
                ordered,
                depth,
                marker,
            } => out.push(Block::ListItem {
                ordered: *ordered,
                depth: *depth,
                marker: marker.clone(),
                text: b.text.clone(),
                line: b.line,
            }),
            RawKind::Paragraph if transcript => {
                if is_credit_line(&b.text) {
                    speaking = None;
                    out.push(Block::Paragraph {
                        text: b.text.clone(),
                        line: b.line,
                    });
                } else if let Some((label, text)) = turn_parts(&b.text) {
                    let role = is_role_label(&label);
                    speaking = Some((label.clone(), role));
                    let mut notes = Vec::new();
                    let text = take_notes(&text, &mut notes);
                    out.push(Block::Turn {
                        speaker: label.clone(),
                        label,
                        role,
                        notes,
                        text,
                        line: b.line,
                    });
                } else if speaking.is_some() {
                    push_turn_text(&mut out, speaking.as_ref(), &b.text, b.line);
                } else {
                    out.push(Block::Paragraph {
                        text: b.text.clone(),
                        line: b.line,
                    });
                }
            }
            RawKind::Paragraph => out.push(Block::Paragraph {
                text: b.text.clone(),
                line: b.line,
            }),
        }
    }
    out
}

fn push_turn_text(out: &mut Vec<Block>, speaking: Option<&(String, bool)>, text: &str, line: u32) {
    let Some((label, role)) = speaking else {
        out.push(Block::Paragraph {
            text: text.to_string(),
            line,
        });
        return;
    };
    let mut notes = Vec::new();
    let text = take_notes(text, &mut notes);
    out.push(Block::Turn {
        speaker: label.clone(),
        label: label.clone(),
        role: *role,
        notes,
        text,
        line,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str, line: u32) -> RawBlock {
        RawBlock::para(t, line)
    }

    #[test]
    fn labels_make_turns_and_following_paragraphs_continue_them() {
        let raw = vec![
            p("Opening remarks were brief.", 1),
            p("MINISTER ROE: (Via interpreter) Thank you. We begin.", 2),
            p("(In English) Second part.", 3),
            p("QUESTION: Why now?", 4),
        ];
        let b = build_blocks(&raw);
        assert!(matches!(&b[0], Block::Paragraph { .. }));
        match &b[1] {
            Block::Turn {
                speaker,
                label,
                role,
                notes,
                text,
                line,
            } => {
                assert_eq!(
                    (speaker.as_str(), label.as_str(), *role),
                    ("MINISTER ROE", "MINISTER ROE", false)
                );
                assert_eq!(notes, &vec!["Via interpreter".to_string()]);
                assert_eq!(text, "Thank you. We begin.");
                assert_eq!(*line, 2);
            }
            other => panic!("{other:?}"),
        }
        match &b[2] {
            Block::Turn {
                label, notes, text, ..
            } => {
                assert_eq!(label, "MINISTER ROE");
                assert_eq!(notes, &vec!["In English".to_string()]);
                assert_eq!(text, "Second part.");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&b[3], Block::Turn { role: true, .. }));
    }

    #[test]
    fn a_single_label_is_not_a_transcript() {
        let b = build_blocks(&[p("NOTE: the river rose.", 1), p("ROE: one line only.", 2)]);
        assert!(b.iter().all(|b| matches!(b, Block::Paragraph { .. })));
    }

    #[test]
    fn credits_and_notes_are_not_speakers() {
        let raw = vec![
            p("HOST: Welcome.", 1),
            p("GUEST ROE: Hello.", 2),
            p("Presenter: Jo Bloggs", 3),
        ];
        let b = build_blocks(&raw);
        assert_eq!(
            b[2],
            Block::Paragraph {
                text: "Presenter: Jo Bloggs".into(),
                line: 3
            }
        );
        assert!(
            is_role_label("QUESTION")
                && is_role_label("Moderator")
                && is_role_label("FEMALE SPEAKER")
                && !is_role_label("SECRETARY BLINKEN")
                && !is_role_label("GUEST ROE")
        );
    }

    #[test]
    fn lists_and_headings_pass_through() {
        let raw = vec![
            RawBlock {
                kind: RawKind::Heading {
                    level: 2,
                    explicit: true,
                },
                text: "Annex".into(),
                line: 1,
            },
            RawBlock {
                kind: RawKind::ListItem {
                    ordered: true,
                    depth: 1,
                    marker: Some("a)".into()),
                },
                text: "First".into(),
                line: 2,
            },
        ];
        let b = build_blocks(&raw);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 2,
                text: "Annex".into(),
                line: 1
            }
        );
        assert!(matches!(
            &b[1],
            Block::ListItem {
                ordered: true,
                depth: 1,
                ..
            }
        ));
    }
}
