//! The same article in Simplified and in Traditional yields the same annotations.
use pizhu::engine::text::{clean, t2s};
use pizhu::engine::{annotate, Annotation};
use std::collections::HashMap;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

/// Simplified → Traditional with the T→S table inverted (one Traditional
/// form per Simplified character, the first in code point order).
fn to_traditional(s: &str) -> String {
    let mut inv: HashMap<char, char> = HashMap::new();
    for &(t, simp) in t2s::char_pairs() {
        inv.entry(simp).or_insert(t);
    }
    let simp: Vec<char> = s.chars().collect();
    let mut trad: Vec<char> = simp.iter().map(|c| *inv.get(c).unwrap_or(c)).collect();
    // Where a chosen form starts a phrase that converts otherwise (`乾道` is
    // a name, not `干道`), keep the Simplified character.
    for _ in 0..3 {
        let t: String = trad.iter().collect();
        let back: Vec<char> = t2s::to_simplified(&t).chars().collect();
        assert_eq!(back.len(), simp.len());
        let mut changed = false;
        for i in 0..simp.len() {
            if back[i] != simp[i] {
                trad[i] = simp[i];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    trad.into_iter().collect()
}

fn key(a: &Annotation) -> String {
    format!(
        "{:?} {:?} {}..{} {:?} {:?}",
        a.kind,
        a.etype,
        a.start,
        a.end,
        a.metric.as_ref().map(|m| (m.value, &m.unit, m.role)),
        a.time.as_ref().map(|t| &t.value),
    )
}

/// Annotates both texts and checks they agree span by span.
fn same_annotations(name: &str, simplified: &str, traditional: &str) {
    assert_ne!(
        simplified, traditional,
        "{name}: the test needs two scripts"
    );
    let (vs, vt) = (clean(simplified).text, clean(traditional).text);
    if vs != vt {
        let a: Vec<char> = vs.chars().collect();
        let b: Vec<char> = vt.chars().collect();
        let i = (0..a.len().min(b.len()))
            .find(|&i| a[i] != b[i])
            .unwrap_or(0);
        let ctx = |v: &[char]| {
            v[i.saturating_sub(15)..(i + 15).min(v.len())]
                .iter()
                .collect::<String>()
        };
        panic!(
            "{name}: analysis views differ at {i}: {:?} vs {:?}",
            ctx(&a),
            ctx(&b)
        );
    }
    let a = annotate(name, simplified);
    let b = annotate(name, traditional);
    assert_eq!(a.annotations.len(), b.annotations.len(), "{name}");
    for (x, y) in a.annotations.iter().zip(&b.annotations) {
        assert_eq!(key(x), key(y), "{name}");
        assert_eq!(
            t2s::to_simplified(&y.text),
            t2s::to_simplified(&x.text),
            "{name}: span texts"
        );
        // Indicators are given as written: in each text's own script.
        let ix = x.metric.as_ref().and_then(|m| m.indicator.as_deref());
        let iy = y.metric.as_ref().and_then(|m| m.indicator.as_deref());
        assert_eq!(
            ix.map(t2s::to_simplified),
            iy.map(t2s::to_simplified),
            "{name}: indicators"
        );
        if let Some(iy) = iy {
            assert!(
                traditional.contains(iy),
                "{name}: {iy:?} is not from the text"
            );
        }
    }
}

#[test]
fn simplified_seeds_and_their_traditional_forms_agree() {
    for p in ["001", "002", "003", "004"] {
        let s = seed(p);
        same_annotations(p, &s, &to_traditional(&s));
    }
}

#[test]
fn traditional_seed000_and_its_simplified_form_agree() {
    // Seed 000 is Traditional, with pinyin annotations and HTML debris.
    let t = seed("000");
    same_annotations("000", &t2s::to_simplified(&t), &t);
    let a = annotate("000", &t);
    assert!(
        a.annotations.iter().any(|x| x.text == "500億元"),
        "metrics are found in the Traditional text"
    );
}

#[test]
fn conversion_is_idempotent() {
    for &(_, s) in t2s::char_pairs() {
        assert_eq!(t2s::char_to_simplified(s), s);
    }
}
