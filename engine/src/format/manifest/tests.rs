use super::*;

fn manifest(docs: usize, postings: usize) -> Manifest {
    let bodies = |n: usize| (0..n).map(|i| vec![i as u8; 3]).collect::<Vec<_>>();
    let doc_names = chunk_names(DOCS_STEM, "bin", &bodies(docs));
    let post_names = chunk_names(POSTINGS_STEM, "bin", &bodies(postings));
    let dict_names = chunk_names(TERMS_STEM, "bin", &bodies(1));
    let completion_names = chunk_names(COMPLETIONS_STEM, "bin", &bodies(2));
    Manifest {
        format_version: FORMAT_VERSION,
        generator: "test".into(),
        archive: ArchiveInfo::default(),
        search: SearchSettings::default(),
        doc_count: 2 * docs as u32,
        langs: vec!["en".into()],
        docmeta: "docmeta-0123abcd4567.bin".into(),
        ids: "ids-0123abcd4567.bin".into(),
        files: ["docmeta-0123abcd4567.bin", "ids-0123abcd4567.bin"]
            .map(|name| FileEntry {
                name: name.into(),
                size: 1,
                sha256: "0".repeat(64),
            })
            .into(),
        term_chunks: vec![TermChunkEntry {
            file: dict_names[0].clone(),
            first: "a".into(),
            last: "z".into(),
        }],
        completion_chunks: vec![
            TermChunkEntry {
                file: completion_names[0].clone(),
                first: "a".into(),
                last: "lz".into(),
            },
            TermChunkEntry {
                file: completion_names[1].clone(),
                first: "m".into(),
                last: "zz".into(),
            },
        ],
        posting_chunks: post_names
            .into_iter()
            .enumerate()
            .map(|(i, file)| PostingChunkEntry {
                file,
                first: if i == 0 {
                    String::new()
                } else {
                    format!("t{i:03}")
                },
            })
            .collect(),
        doc_chunks: doc_names
            .into_iter()
            .enumerate()
            .map(|(i, file)| DocChunkEntry {
                file,
                first: 2 * i as u32,
                last: 2 * i as u32 + 1,
            })
            .collect(),
    }
}

#[test]
fn column_tables_round_trip_across_several_hash_groups() {
    let m = manifest(40, 17);
    let json = m.to_json();
    assert_eq!(Manifest::parse(&json).unwrap(), m);
    // One hash per group of 16 chunks, shared by the group's names.
    let hashes = |n: usize| n.div_ceil(CHUNK_GROUP) * NAME_HASH_HEX;
    let text = String::from_utf8(json).unwrap();
    assert!(text.contains(&format!("\"counts\":[{}]", ["2"; 40].join(","))));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["doc_chunks"]["hashes"].as_str().unwrap().len(),
        hashes(40)
    );
    assert_eq!(
        v["posting_chunks"]["hashes"].as_str().unwrap().len(),
        hashes(17)
    );
    assert_eq!(
        hash_of_name(&m.doc_chunks[0].file),
        hash_of_name(&m.doc_chunks[15].file)
    );
    assert_ne!(
        hash_of_name(&m.doc_chunks[15].file),
        hash_of_name(&m.doc_chunks[16].file)
    );
}

#[test]
fn a_changed_chunk_renames_its_group_only() {
    let mut bodies: Vec<Vec<u8>> = (0..40).map(|i| vec![i as u8]).collect();
    let before = chunk_names(DOCS_STEM, "bin", &bodies);
    bodies[20][0] = 99;
    let after = chunk_names(DOCS_STEM, "bin", &bodies);
    assert_eq!(before[..16], after[..16]);
    assert!(before[16..32]
        .iter()
        .zip(&after[16..32])
        .all(|(a, b)| a != b));
    assert_eq!(before[32..], after[32..]);
    assert_eq!(
        before[17],
        "docs-017-".to_string() + hash_of_name(&before[17]).unwrap() + ".bin"
    );
}

#[test]
fn short_or_garbled_tables_are_errors_not_panics() {
    let text = String::from_utf8(manifest(20, 3).to_json()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let hashes = v["doc_chunks"]["hashes"].as_str().unwrap().to_string();
    for bad in [
        text.replace(&hashes, &hashes[..8]),
        text.replace("\"counts\":[2,", "\"counts\":[0,"),
        text.replace("\"first\":[\"\",\"t001\"", "\"first\":[\"t001\",\"t001\""),
    ] {
        assert!(Manifest::parse(bad.as_bytes()).is_err(), "{bad}");
    }
}

#[test]
fn an_older_manifest_is_a_version_error_that_says_rebuild() {
    let v1 = br#"{"format_version":1,"term_chunks":[{"file":"terms-000-5786fef7a51d.bin"}]}"#;
    let e = Manifest::parse(v1).unwrap_err();
    assert!(matches!(e, FormatError::Version { found: 1, .. }), "{e}");
    assert!(e.to_string().contains("rebuild the index"));
    // Version 2 had this manifest but per-document dates in docmeta.
    let v2 = String::from_utf8(manifest(2, 1).to_json())
        .unwrap()
        .replacen(
            &format!("\"format_version\":{FORMAT_VERSION}"),
            "\"format_version\":2",
            1,
        );
    assert!(matches!(
        Manifest::parse(v2.as_bytes()),
        Err(FormatError::Version { found: 2, .. })
    ));
}

/// The field-by-field reader (`ManifestWire::read`) against serde's
/// derived one: every setting set, and the defaults of an older manifest.
#[test]
fn the_manifest_reader_reads_every_setting_as_serde_does() {
    let mut m = manifest(3, 2);
    m.archive = ArchiveInfo {
        name: "N".into(),
        description: "D".into(),
        public_url: "https://example.org/a/".into(),
        lang: "es".into(),
        page_size: 25,
        embed: EmbedInfo {
            allowed_origins: vec!["https://h.example".into()],
            allow_filter_change: true,
        },
        examples: SearchExamples {
            words: Some("a b".into()),
            phrase: Some("\"a b\"".into()),
            exclude: Some("a -b".into()),
            either: Some("a OR b".into()),
            prefix: Some("bor".into()),
            fields: vec!["speaker:x".into()],
            dates: vec!["year:2021".into()],
        },
    };
    m.search = SearchSettings {
        one_typo_min_len: 4,
        two_typos_min_len: 7,
        weights: FieldWeights {
            title: 3.5,
            speaker: 1.0,
            body: 0.5,
            meta: 2.0,
            heading: 6.0,
        },
    };
    let json = m.to_json();
    assert_eq!(Manifest::parse(&json).unwrap(), m);
    assert_eq!(serde_json::from_slice::<Manifest>(&json).unwrap(), m);

    // Settings left out take their defaults, in both readers.
    let mut v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    v["archive"] = serde_json::json!({ "name": "N" });
    v["search"] = serde_json::json!({ "weights": { "title": 9.0 } });
    v.as_object_mut().unwrap().remove("completion_chunks");
    v.as_object_mut().unwrap().remove("langs");
    let older = serde_json::to_vec(&v).unwrap();
    let ours = Manifest::parse(&older).unwrap();
    assert_eq!(ours, serde_json::from_slice::<Manifest>(&older).unwrap());
    assert_eq!(ours.search.weights.title, 9.0);
    assert_eq!(ours.search.weights.heading, FieldWeights::default().heading);
    assert_eq!(ours.archive.page_size, 0);
    assert!(ours.completion_chunks.is_empty() && ours.langs.is_empty());

    // A field of the wrong type is named.
    v["archive"] = serde_json::json!({ "page_size": "ten" });
    let e = Manifest::parse(&serde_json::to_vec(&v).unwrap())
        .unwrap_err()
        .to_string();
    assert!(e.contains("page_size"), "{e}");
}
