//! Corrections a person makes to a document, and importing a saved one.
//!
//! Pure functions over [`Document`], shared by the page (and testable natively).
//! Every edit keeps the document's invariants: annotations flat and sorted,
//! ids unique (`a1`, `a2`, … renumbered in text order, references kept),
//! UTF-16 offsets consistent, counts right. Edited or added annotations are
//! marked [`Origin::Manual`].
use super::export::sha256_hex;
use super::model::{Annotation, Counts, Document, EntityType, Kind, Metric, Origin, FORMAT};
use std::collections::HashMap;
use std::fmt;

/// A label a person can give a span: a kind, and a type for entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub kind: Kind,
    pub etype: Option<EntityType>,
}

impl Label {
    /// The nine labels, in the order of the keyboard shortcuts 1–9.
    pub const ALL: [Label; 9] = [
        Label {
            kind: Kind::Metric,
            etype: None,
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Place),
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Org),
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Company),
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Person),
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Project),
        },
        Label {
            kind: Kind::Entity,
            etype: Some(EntityType::Document),
        },
        Label {
            kind: Kind::Slogan,
            etype: None,
        },
        Label {
            kind: Kind::Time,
            etype: None,
        },
    ];

    /// `metric`, `place`, …: the entity type if any, else the kind.
    pub fn as_str(self) -> &'static str {
        self.etype.map_or(self.kind.as_str(), EntityType::as_str)
    }

    pub fn of(a: &Annotation) -> Label {
        Label {
            kind: a.kind,
            etype: a.etype,
        }
    }
}

/// Why an edit or an import was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The span is empty or outside the text.
    BadSpan {
        start: usize,
        end: usize,
        chars: usize,
    },
    /// No annotation has this id.
    NoSuchAnnotation(String),
    /// The file is not JSON, or not a pizhu document.
    NotPizhu(String),
    /// The format version is not one this page reads.
    WrongFormat(String),
    /// The text does not match its hash (the file was changed or cut).
    HashMismatch,
    /// An annotation points outside the text, or its text does not match.
    BadAnnotation(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::BadSpan { start, end, chars } => {
                write!(
                    f,
                    "span {start}..{end} is empty or outside the text ({chars} characters)"
                )
            }
            EditError::NoSuchAnnotation(id) => write!(f, "no annotation with id {id}"),
            EditError::NotPizhu(e) => write!(f, "not a pizhu JSON file ({e})"),
            EditError::WrongFormat(v) => {
                write!(f, "unsupported format {v:?} (this version reads {FORMAT})")
            }
            EditError::HashMismatch => write!(
                f,
                "the text does not match its text_sha256: the file was changed"
            ),
            EditError::BadAnnotation(e) => write!(f, "invalid annotation: {e}"),
        }
    }
}

impl std::error::Error for EditError {}

/// Recomputes ids (keeping references), UTF-16 offsets, texts and counts after an edit.
pub fn normalise(doc: &mut Document) {
    doc.annotations.sort_by_key(|a| (a.start, a.end));
    let chars: Vec<char> = doc.text.chars().collect();
    // prefix sums of UTF-16 units
    let mut u16_at = Vec::with_capacity(chars.len() + 1);
    let mut n = 0;
    u16_at.push(0);
    for c in &chars {
        n += c.len_utf16();
        u16_at.push(n);
    }
    let renames: HashMap<String, String> = doc
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), format!("a{}", i + 1)))
        .collect();
    let mut counts = Counts::default();
    for a in doc.annotations.iter_mut() {
        a.id = renames[&a.id].clone();
        a.utf16_start = u16_at[a.start];
        a.utf16_end = u16_at[a.end];
        a.text = chars[a.start..a.end].iter().collect();
        if let Some(m) = a.metric.as_mut() {
            m.period = m.period.as_ref().and_then(|p| renames.get(p).cloned());
        }
        match a.kind {
            Kind::Metric => counts.metric += 1,
            Kind::Entity => counts.entity += 1,
            Kind::Slogan => counts.slogan += 1,
            Kind::Time => counts.time += 1,
        }
    }
    doc.counts = counts;
    doc.chars = chars.len();
    doc.utf16_len = n;
}

/// Adds an annotation over `start..end` (scalar offsets) with `label`; annotations
/// it overlaps are removed, so the result stays flat. Returns the new id.
pub fn add(
    doc: &mut Document,
    start: usize,
    end: usize,
    label: Label,
) -> Result<String, EditError> {
    add_with(doc, start, end, label, &guess_metric)
}

/// [`add`], with `guess` giving a new metric its attributes from its text
/// (the page has its worker read the span: see `web::state`).
pub fn add_with(
    doc: &mut Document,
    start: usize,
    end: usize,
    label: Label,
    guess: &dyn Fn(&str) -> Metric,
) -> Result<String, EditError> {
    if start >= end || end > doc.chars {
        return Err(EditError::BadSpan {
            start,
            end,
            chars: doc.chars,
        });
    }
    doc.annotations.retain(|a| a.end <= start || a.start >= end);
    let metric = (label.kind == Kind::Metric).then(|| {
        let text: String = doc.text.chars().skip(start).take(end - start).collect();
        guess(&text)
    });
    doc.annotations.push(Annotation {
        id: "new".into(),
        kind: label.kind,
        etype: label.etype,
        start,
        end,
        utf16_start: 0,
        utf16_end: 0,
        text: String::new(),
        metric,
        time: None,
        group: None,
        norm: None,
        origin: Origin::Manual,
    });
    normalise(doc);
    Ok(doc
        .annotations
        .iter()
        .find(|a| a.start == start && a.end == end)
        .map(|a| a.id.clone())
        .unwrap_or_default())
}

/// A metric for a span a person marked: the engine's reading of the span alone, if any.
pub fn guess_metric(text: &str) -> Metric {
    let doc = super::annotate("", text);
    doc.annotations
        .into_iter()
        .find_map(|a| a.metric)
        .unwrap_or_default()
}

fn find(doc: &mut Document, id: &str) -> Result<usize, EditError> {
    doc.annotations
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| EditError::NoSuchAnnotation(id.into()))
}

/// Gives annotation `id` a new label (a metric keeps its attributes only while it stays a metric).
pub fn relabel(doc: &mut Document, id: &str, label: Label) -> Result<(), EditError> {
    relabel_with(doc, id, label, &guess_metric)
}

/// [`relabel`], with `guess` as in [`add_with`].
pub fn relabel_with(
    doc: &mut Document,
    id: &str,
    label: Label,
    guess: &dyn Fn(&str) -> Metric,
) -> Result<(), EditError> {
    let i = find(doc, id)?;
    let a = &mut doc.annotations[i];
    if Label::of(a) == label {
        return Ok(());
    }
    a.kind = label.kind;
    a.etype = label.etype;
    a.origin = Origin::Manual;
    a.group = None;
    if label.kind != Kind::Metric {
        a.metric = None;
    } else if a.metric.is_none() {
        a.metric = Some(guess(&a.text));
    }
    if label.kind != Kind::Time {
        a.time = None;
    }
    normalise(doc);
    Ok(())
}

/// Deletes annotation `id`; metrics that pointed at it as their period lose the link.
pub fn remove(doc: &mut Document, id: &str) -> Result<(), EditError> {
    let i = find(doc, id)?;
    doc.annotations.remove(i);
    for a in doc.annotations.iter_mut() {
        if let Some(m) = a.metric.as_mut() {
            if m.period.as_deref() == Some(id) {
                m.period = None;
            }
        }
    }
    normalise(doc);
    Ok(())
}

/// Sets a metric's value, unit and indicator (an empty indicator removes it).
pub fn set_metric(
    doc: &mut Document,
    id: &str,
    value: f64,
    unit: &str,
    indicator: &str,
) -> Result<(), EditError> {
    let i = find(doc, id)?;
    let a = &mut doc.annotations[i];
    if !value.is_finite() {
        return Err(EditError::BadAnnotation(
            "the value must be a number".into(),
        ));
    }
    let m = a.metric.get_or_insert_with(Metric::default);
    m.value = value;
    m.unit = unit.trim().to_string();
    let ind = indicator.trim();
    m.indicator = (!ind.is_empty()).then(|| ind.to_string());
    a.origin = Origin::Manual;
    Ok(())
}

/// Reads a pizhu JSON export and checks it before anything is applied: format
/// version, text hash, every offset in range and every span's text matching.
pub fn import(json: &str) -> Result<Document, EditError> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| EditError::NotPizhu(e.to_string()))?;
    let format = v
        .get("format")
        .and_then(|f| f.as_str())
        .ok_or_else(|| EditError::NotPizhu("no \"format\" field".into()))?;
    if format != FORMAT {
        return Err(EditError::WrongFormat(format.into()));
    }
    let mut doc: Document =
        serde_json::from_value(v).map_err(|e| EditError::NotPizhu(e.to_string()))?;
    if sha256_hex(&doc.text) != doc.text_sha256 {
        return Err(EditError::HashMismatch);
    }
    let chars: Vec<char> = doc.text.chars().collect();
    for a in &doc.annotations {
        if a.start >= a.end || a.end > chars.len() {
            return Err(EditError::BadAnnotation(format!(
                "{} at {}..{} is outside the text",
                a.id, a.start, a.end
            )));
        }
        let t: String = chars[a.start..a.end].iter().collect();
        if t != a.text {
            return Err(EditError::BadAnnotation(format!(
                "{} says {:?} but the text there is {:?}",
                a.id, a.text, t
            )));
        }
        if a.metric.as_ref().is_some_and(|m| !m.value.is_finite()) {
            return Err(EditError::BadAnnotation(format!(
                "{} has a value that is not a number",
                a.id
            )));
        }
    }
    let mut sorted: Vec<_> = doc.annotations.iter().map(|a| (a.start, a.end)).collect();
    sorted.sort();
    if sorted.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(EditError::BadAnnotation("annotations overlap".into()));
    }
    normalise(&mut doc);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::annotate;

    const TEXT: &str = "𠀀2023年，咸安区一般公共预算收入15.48亿元，同比增长12.3%。";

    #[test]
    fn add_replaces_overlaps_and_marks_manual() {
        let mut d = annotate("t", TEXT);
        let before = d.annotations.len();
        let start = TEXT.chars().position(|c| c == '咸').unwrap();
        let id = add(&mut d, start, start + 3, Label::ALL[1]).unwrap();
        let a = d.annotations.iter().find(|a| a.id == id).unwrap();
        assert_eq!(
            (a.text.as_str(), a.etype, a.origin),
            ("咸安区", Some(EntityType::Place), Origin::Manual)
        );
        assert_eq!(a.utf16_start, start + 1); // 𠀀 is two UTF-16 units
        assert!(d.annotations.len() <= before + 1);
        assert!(d.annotations.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(
            add(&mut d, 5, 5, Label::ALL[0]),
            Err(EditError::BadSpan {
                start: 5,
                end: 5,
                chars: d.chars
            })
        );
    }

    #[test]
    fn added_metric_gets_its_value() {
        let mut d = annotate("t", "收入共计三十亿");
        d.annotations.clear();
        let id = add(&mut d, 4, 7, Label::ALL[0]).unwrap();
        let a = d.annotations.iter().find(|a| a.id == id).unwrap();
        assert_eq!(a.kind, Kind::Metric);
        assert!(a.metric.is_some());
    }

    #[test]
    fn relabel_delete_and_periods() {
        let mut d = annotate("t", TEXT);
        let metric = d
            .annotations
            .iter()
            .find(|a| a.text == "15.48亿元")
            .unwrap()
            .clone();
        let period = metric
            .metric
            .as_ref()
            .unwrap()
            .period
            .clone()
            .expect("the year scopes the figure");
        remove(&mut d, &period).unwrap();
        let m = d
            .annotations
            .iter()
            .find(|a| a.text == "15.48亿元")
            .unwrap();
        assert_eq!(m.metric.as_ref().unwrap().period, None);
        assert_eq!(
            d.counts.time,
            d.annotations
                .iter()
                .filter(|a| a.kind == Kind::Time)
                .count()
        );
        let id = m.id.clone();
        relabel(&mut d, &id, Label::ALL[7]).unwrap();
        let s = d
            .annotations
            .iter()
            .find(|a| a.text == "15.48亿元")
            .unwrap();
        assert_eq!(
            (s.kind, s.metric.is_none(), s.origin),
            (Kind::Slogan, true, Origin::Manual)
        );
        assert!(remove(&mut d, "a999").is_err());
    }

    #[test]
    fn set_metric_edits_value_unit_indicator() {
        let mut d = annotate("t", TEXT);
        let id = d
            .annotations
            .iter()
            .find(|a| a.text == "12.3%")
            .unwrap()
            .id
            .clone();
        set_metric(&mut d, &id, 12.5, "%", " 收入增速 ").unwrap();
        let m = d.annotations.iter().find(|a| a.id == id).unwrap();
        assert_eq!(
            m.metric.as_ref().unwrap().indicator.as_deref(),
            Some("收入增速")
        );
        assert_eq!(m.origin, Origin::Manual);
        assert!(set_metric(&mut d, &id, f64::NAN, "%", "").is_err());
    }

    #[test]
    fn import_round_trips_and_refuses_tampering() {
        let d = annotate("t", TEXT);
        let json = d.to_json();
        assert_eq!(import(&json).unwrap(), d);
        assert!(matches!(import("{not json"), Err(EditError::NotPizhu(_))));
        assert!(matches!(
            import("{\"format\":\"pizhu/9\"}"),
            Err(EditError::WrongFormat(_))
        ));
        assert!(matches!(import("[1,2]"), Err(EditError::NotPizhu(_))));
        let tampered = json.replace("15.48亿元", "15.49亿元");
        assert_eq!(import(&tampered), Err(EditError::HashMismatch));
        let mut bad = d.clone();
        bad.annotations[0].end = 10_000;
        assert!(matches!(
            import(&bad.to_json()),
            Err(EditError::BadAnnotation(_))
        ));
    }
}
