use super::*;
use engine::Block;

fn doc(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        lang: "en".into(),
        blocks: vec![Block::Paragraph {
            text: text.into(),
            line: 1,
        }],
        ..Default::default()
    }
}

/// What every document of the test corpus also says: in real text the
/// words of the language are in most documents, which is how they are
/// told apart from what a document is about.
const FILLER: &str = "That is what they said in a note from the office by the end of the \
    year, and more on it next week: it is not over, with all of us on it.";

fn subject(id: &str, title: &str, text: &str) -> Document {
    doc(id, title, &format!("{text} {FILLER}"))
}

/// Documents on four subjects and two that share at most a word with any
/// other.
fn corpus() -> Vec<Document> {
    vec![
        subject(
            "border/seizures",
            "Fentanyl seizures at the border",
            "Agents reported fentanyl seizures by cartel smugglers at the border crossing.",
        ),
        subject(
            "border/cartels",
            "Cartels and fentanyl",
            "The cartel smugglers move fentanyl across the border; agents count the seizures.",
        ),
        subject(
            "copy/cartels",
            "Cartels and fentanyl",
            "The cartel smugglers move fentanyl across the border; agents count the seizures.",
        ),
        subject(
            "weather/snow",
            "Snow in the mountains",
            "The forecast: snow and rain in the mountains, and more snow next week.",
        ),
        subject(
            "weather/storms",
            "Winter storms",
            "Heavy snow and rain closed the mountains roads, and the forecast sees more storms.",
        ),
        subject(
            "vote/ballots",
            "Counting ballots",
            "Officials counted ballots from voters in the mountains villages overnight.",
        ),
        subject(
            "misc/recipe",
            "A recipe",
            "Knead the dough, bake the bread in a hot oven, serve it with the forecast on the radio.",
        ),
    ]
}

fn ids(list: &[Related]) -> Vec<&str> {
    list.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn the_obviously_similar_document_ranks_first() {
    let docs = corpus();
    let related = compute(&docs);
    assert_eq!(related[0][0].id, "border/cartels", "{:?}", related[0]);
    assert_eq!(related[0][0].title, "Cartels and fentanyl");
    assert_eq!(ids(&related[3]), ["weather/storms"]);
    assert_eq!(ids(&related[4]), ["weather/snow"]);
}

#[test]
fn a_document_is_never_related_to_itself_or_to_a_copy() {
    let docs = corpus();
    let related = compute(&docs);
    for (d, list) in docs.iter().zip(&related) {
        assert!(list.len() <= MAX_RELATED);
        assert!(list.iter().all(|r| r.id != d.id), "{}: {list:?}", d.id);
    }
    // The copy of "border/cartels" is neither its neighbour nor listed
    // beside it for another document.
    assert_eq!(ids(&related[1]), ["border/seizures"]);
    assert_eq!(ids(&related[2]), ["border/seizures"]);
    assert_eq!(ids(&related[0]), ["border/cartels"]);
}

#[test]
fn weak_similarity_gives_no_related_document() {
    let docs = corpus();
    let related = compute(&docs);
    // Ballots and bread share one word each with the weather documents
    // (and the words of the language with everyone).
    assert!(related[5].is_empty(), "{:?}", related[5]);
    assert!(related[6].is_empty(), "{:?}", related[6]);
    assert!(related[3].iter().all(|r| r.id.starts_with("weather/")));
}

#[test]
fn the_reason_names_the_shared_words_that_weigh_most() {
    let related = compute(&corpus());
    let reason = &related[3][0].reason;
    assert!(reason.starts_with("Shared words: "), "{reason}");
    let words: Vec<&str> = reason["Shared words: ".len()..].split(", ").collect();
    assert_eq!(words.len(), 3, "{reason}");
    assert!(
        words
            .iter()
            .all(|w| ["snow", "mountains", "rain", "forecast"].contains(w)),
        "{reason}"
    );
}

#[test]
fn the_reason_names_shared_people_first_and_places_when_they_weigh_more() {
    let mut docs = corpus();
    docs[0].people = vec!["Ken Salazar".into(), "Greg Abbott".into()];
    docs[1].people = vec!["Ken Salazar".into()];
    docs[0].places = vec!["El Paso".into()];
    docs[1].places = vec!["El Paso".into()];
    // The weather documents share a place, but mostly words.
    docs[3].places = vec!["Denver".into()];
    docs[4].places = vec!["Denver".into()];
    // Ballots and bread share only places.
    docs[5].places = vec!["Boulder".into(), "Golden".into()];
    docs[6].places = vec!["Golden".into(), "Boulder".into()];
    let related = compute(&docs);
    assert_eq!(
        related[0][0].reason,
        "Shared people: Ken Salazar; places: El Paso"
    );
    assert!(related[3][0].reason.starts_with("Shared words: "));
    assert_eq!(related[5][0].reason, "Shared places: Boulder, Golden");
}

#[test]
fn metadata_alone_can_relate_two_documents() {
    let mut docs = corpus();
    docs[5].people = vec!["Maria Campos".into()];
    docs[6].people = vec!["Maria Campos".into()];
    docs[5].topics = vec!["Local news".into()];
    docs[6].topics = vec!["Local news".into()];
    let related = compute(&docs);
    assert_eq!(ids(&related[5]), ["misc/recipe"]);
    assert_eq!(
        related[5][0].reason,
        "Shared people: Maria Campos; topics: Local news"
    );
}

#[test]
fn packed_documents_get_the_same_lists_in_id_order() {
    let docs = corpus();
    let store = crate::PackedStore::new().unwrap();
    let packed: Vec<PackedDoc> = docs.iter().map(|d| store.push(d).unwrap()).collect();
    let mut reader = store.into_reader().unwrap();
    let mut lists = compute_packed(&packed, &mut reader).unwrap();
    let expected = compute(&docs);
    for e in &expected {
        assert_eq!(&lists.next_list().unwrap(), e);
    }
    assert!(lists.next_list().unwrap().is_empty());
    assert_eq!(lists.with_related(), 5);
    let json: usize = expected
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::to_vec(l).unwrap().len())
        .sum();
    assert_eq!(lists.bytes(), json as u64);
}

#[test]
fn a_bundle_without_related_documents_reads_as_before() {
    let d = doc("a/b", "T", "x");
    let json = engine::docstore::encode_doc(&d).unwrap();
    assert!(!String::from_utf8_lossy(&json).contains("related"));
    let mut with = d.clone();
    with.related = vec![Related {
        id: "c/d".into(),
        title: "U".into(),
        reason: "Shared words: x".into(),
    }];
    let json = engine::docstore::encode_doc(&with).unwrap();
    assert_eq!(engine::docstore::decode_doc(&json).unwrap(), with);
}

#[test]
fn a_passing_mention_in_a_long_document_relates_nothing() {
    let mut docs = corpus();
    // 200 words of its own, and the border documents' words once each.
    let own: Vec<String> = (0..200).map(|i| format!("harvest{i}")).collect();
    let text = format!("{} fentanyl cartel smugglers seizures.", own.join(" "));
    docs.push(subject("farm/harvest", "The harvest", &text));
    let related = compute(&docs);
    assert!(related[7].is_empty(), "{:?}", related[7]);
    assert!(related[0].iter().all(|r| r.id != "farm/harvest"));
}
