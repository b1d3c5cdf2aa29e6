//! A speaker's turn may run over several paragraphs, each its own block so
//! its permalink stays put; readers label only the first block of the run
//! (`Block::continues_turn`).

use engine::Block;

fn turn(speaker: &str, label: &str, role: bool) -> Block {
    Block::Turn {
        speaker: speaker.into(),
        label: label.into(),
        role,
        notes: Vec::new(),
        text: "Words.".into(),
        line: 0,
    }
}

#[test]
fn a_turn_goes_on_while_the_same_person_or_role_speaks() {
    let sessions = turn("Jeff Sessions", "ATTORNEY GENERAL SESSIONS", false);
    let also_sessions = turn("Jeff Sessions", "MR SESSIONS", false);
    let elias = turn("Elias", "MR ELIAS", false);
    let question = turn("QUESTION", "QUESTION", true);
    assert!(!sessions.continues_turn(None));
    assert!(sessions.continues_turn(Some(&sessions)));
    assert!(also_sessions.continues_turn(Some(&sessions)));
    assert!(!elias.continues_turn(Some(&sessions)));
    assert!(question.continues_turn(Some(&turn("Question", "Question", true))));
    assert!(!question.continues_turn(Some(&turn("MODERATOR", "MODERATOR", true))));
    assert!(!question.continues_turn(Some(&sessions)));
    let paragraph = Block::Paragraph {
        text: "Applause.".into(),
        line: 0,
    };
    assert!(!sessions.continues_turn(Some(&paragraph)));
    assert!(!paragraph.continues_turn(Some(&sessions)));
}
