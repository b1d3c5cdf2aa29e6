use super::*;

fn seg(text: &str) -> Vec<Draft> {
    segment(&crate::text::normalize(text), Gazetteer::get())
}

fn para(n: usize, topic: &str) -> String {
    (0..n)
        .map(|i| format!("The {topic} committee met for the {i}th time and agreed on new rules."))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn placeholder_compiles() {
    assert_eq!(
        seg(&format!("A title line here\n\n{}\n", para(4, "water"))).len(),
        1
    );
}
