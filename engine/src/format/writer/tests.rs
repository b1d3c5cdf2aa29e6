use super::*;

#[test]
fn shortest_after_is_the_shortest_separating_prefix() {
    assert_eq!(shortest_after("abandon", "abandoned"), "abandone");
    assert_eq!(shortest_after("apple", "banana"), "b");
    assert_eq!(shortest_after("zz", "é"), "é");
    assert_eq!(shortest_after("juarez", "juárez"), "juá");
}

#[test]
fn doc_chunk_size_grows_with_the_square_root_of_the_corpus() {
    assert_eq!(auto_doc_chunk_bytes(0), 2048);
    assert_eq!(auto_doc_chunk_bytes(100_000_000), 7500);
    assert_eq!(auto_doc_chunk_bytes(1 << 40), 12288);
}
