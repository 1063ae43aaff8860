//! Exports to the formats of annotation tools users already have.
//!
//! | format | offsets | shape |
//! |---|---|---|
//! | [`Format::Pizhu`] | scalar + UTF-16 | [`Document`] as JSON (docs/FORMAT.md) |
//! | [`Format::Doccano`] | Unicode scalar (Python `str`) | JSONL: `{"text", "label": [[start, end, label]]}` |
//! | [`Format::LabelStudio`] | UTF-16 (JavaScript strings) | tasks JSON with `predictions` |
//! | [`Format::Brat`] | Unicode scalar | standoff `.ann` beside the `.txt` |
//! | [`Format::Csv`] | Unicode scalar | one row per metric, RFC 4180 |
use super::model::{Annotation, Document, Kind, Origin};
use serde_json::json;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pizhu,
    Doccano,
    LabelStudio,
    Brat,
    Csv,
}

/// One file of an export: the suffix to add to the document's name, and its content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// e.g. `.json`, `.doccano.jsonl`, `.ann`
    pub suffix: &'static str,
    pub mime: &'static str,
    pub content: String,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Pizhu,
        Format::Doccano,
        Format::LabelStudio,
        Format::Brat,
        Format::Csv,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pizhu => "pizhu",
            Format::Doccano => "doccano",
            Format::LabelStudio => "labelstudio",
            Format::Brat => "brat",
            Format::Csv => "csv",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The files this format writes for `doc`.
    pub fn export(self, doc: &Document) -> Vec<ExportFile> {
        match self {
            Format::Pizhu => vec![ExportFile {
                suffix: ".json",
                mime: "application/json",
                content: doc.to_json(),
            }],
            Format::Doccano => vec![ExportFile {
                suffix: ".doccano.jsonl",
                mime: "application/jsonl",
                content: doccano(doc),
            }],
            Format::LabelStudio => {
                vec![ExportFile {
                    suffix: ".labelstudio.json",
                    mime: "application/json",
                    content: label_studio(doc),
                }]
            }
            Format::Brat => vec![
                ExportFile {
                    suffix: ".ann",
                    mime: "text/plain",
                    content: brat(doc),
                },
                ExportFile {
                    suffix: ".txt",
                    mime: "text/plain",
                    content: doc.text.clone(),
                },
            ],
            Format::Csv => vec![ExportFile {
                suffix: ".metrics.csv",
                mime: "text/csv",
                content: metrics_csv(doc),
            }],
        }
    }
}

/// The label of an annotation in flat label sets: its entity type, else its kind.
pub fn label(a: &Annotation) -> &'static str {
    match a.etype {
        Some(t) => t.as_str(),
        None => a.kind.as_str(),
    }
}

/// doccano sequence labelling JSONL: one line, offsets in Unicode scalars.
pub fn doccano(doc: &Document) -> String {
    let labels: Vec<_> = doc
        .annotations
        .iter()
        .map(|a| json!([a.start, a.end, label(a)]))
        .collect();
    let mut s =
        serde_json::to_string(&json!({ "text": doc.text, "label": labels, "name": doc.name }))
            .expect("json");
    s.push('\n');
    s
}

/// Label Studio tasks (a JSON array of one task) with the annotations as
/// `predictions`; `start`/`end` in UTF-16 code units, as Label Studio counts them.
pub fn label_studio(doc: &Document) -> String {
    let result: Vec<_> = doc
        .annotations
        .iter()
        .map(|a| {
            let mut value = json!({
                "start": a.utf16_start, "end": a.utf16_end, "text": a.text, "labels": [label(a)],
            });
            if let Some(m) = &a.metric {
                value["meta"] = json!({ "value": m.value, "unit": m.unit, "indicator": m.indicator, "role": m.role.as_str() });
            }
            json!({
                "id": a.id, "from_name": "label", "to_name": "text", "type": "labels", "value": value,
                "origin": if a.origin == Origin::Manual { "manual" } else { "prediction" },
            })
        })
        .collect();
    let task = json!([{
        "data": { "text": doc.text, "name": doc.name },
        "predictions": [{ "model_version": doc.engine, "result": result }],
    }]);
    let mut s = serde_json::to_string_pretty(&task).expect("json");
    s.push('\n');
    s
}

/// brat standoff `.ann` for the document's text (the `.txt` is `doc.text` as is).
/// Spans across line breaks become discontinuous fragments, as brat requires;
/// metric values go in `AnnotatorNotes`.
pub fn brat(doc: &Document) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = String::new();
    let mut note = 0;
    for (i, a) in doc.annotations.iter().enumerate() {
        let t = i + 1;
        let end = a.end.min(chars.len());
        let start = a.start.min(end);
        // fragments split at line breaks
        let mut frags = Vec::new();
        let mut s = start;
        for (k, &c) in chars.iter().enumerate().take(end).skip(start) {
            if c == '\n' {
                if k > s {
                    frags.push((s, k));
                }
                s = k + 1;
            }
        }
        if end > s {
            frags.push((s, end));
        }
        if frags.is_empty() {
            continue;
        }
        let offsets: Vec<String> = frags.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let text: Vec<String> = frags
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        let ty = brat_type(a);
        out.push_str(&format!(
            "T{t}\t{ty} {}\t{}\n",
            offsets.join(";"),
            text.join(" ")
        ));
        if let Some(m) = &a.metric {
            note += 1;
            let mut n = format!("value={} unit={} role={}", m.value, m.unit, m.role.as_str());
            if let Some(ind) = &m.indicator {
                n.push_str(&format!(" indicator={}", ind.replace(['\t', '\n'], " ")));
            }
            out.push_str(&format!("#{note}\tAnnotatorNotes T{t}\t{n}\n"));
        }
    }
    out
}

fn brat_type(a: &Annotation) -> &'static str {
    match (a.kind, a.etype) {
        (Kind::Entity, Some(t)) => match t {
            super::model::EntityType::Place => "Place",
            super::model::EntityType::Org => "Org",
            super::model::EntityType::Company => "Company",
            super::model::EntityType::Person => "Person",
            super::model::EntityType::Project => "Project",
            super::model::EntityType::Document => "Document",
        },
        (Kind::Entity, None) => "Entity",
        (Kind::Metric, _) => "Metric",
        (Kind::Slogan, _) => "Slogan",
        (Kind::Time, _) => "Time",
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per metric: where it is, what it says, what it measures.
pub fn metrics_csv(doc: &Document) -> String {
    let mut out = String::from("id,start,end,text,value,value_max,unit,indicator,role,approx,period,period_text,origin\r\n");
    for a in &doc.annotations {
        let Some(m) = &a.metric else { continue };
        let period_text = m
            .period
            .as_ref()
            .and_then(|p| doc.annotations.iter().find(|t| &t.id == p))
            .map_or("", |t| t.text.as_str());
        let row = [
            a.id.clone(),
            a.start.to_string(),
            a.end.to_string(),
            a.text.clone(),
            m.value.to_string(),
            m.value_max.map_or(String::new(), |v| v.to_string()),
            m.unit.clone(),
            m.indicator.clone().unwrap_or_default(),
            m.role.as_str().to_string(),
            m.approx.clone().unwrap_or_default(),
            m.period.clone().unwrap_or_default(),
            period_text.to_string(),
            if a.origin == Origin::Manual {
                "manual"
            } else {
                "auto"
            }
            .to_string(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::annotate;

    fn doc() -> Document {
        annotate("t", "𠀀收入15亿元,\n增长\"12%\"。")
    }

    #[test]
    fn doccano_counts_scalars() {
        let d = doc();
        let v: serde_json::Value = serde_json::from_str(doccano(&d).trim_end()).unwrap();
        assert_eq!(v["text"], d.text);
        assert_eq!(v["label"][0], json!([3, 7, "metric"]));
    }

    #[test]
    fn label_studio_counts_utf16() {
        let d = doc();
        let v: serde_json::Value = serde_json::from_str(&label_studio(&d)).unwrap();
        let r = &v[0]["predictions"][0]["result"][0];
        assert_eq!(r["value"]["start"], 4);
        assert_eq!(r["value"]["end"], 8);
        assert_eq!(r["value"]["labels"], json!(["metric"]));
        assert_eq!(r["type"], "labels");
        assert_eq!(v[0]["data"]["text"], d.text);
    }

    #[test]
    fn brat_lines_and_notes() {
        let ann = brat(&doc());
        let mut lines = ann.lines();
        assert_eq!(lines.next(), Some("T1\tMetric 3 7\t15亿元"));
        assert!(lines
            .next()
            .unwrap()
            .starts_with("#1\tAnnotatorNotes T1\tvalue=1500000000 unit=CNY"));
    }

    #[test]
    fn csv_quotes_fields() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        let csv = metrics_csv(&doc());
        assert!(csv.starts_with("id,start,end,text,value"));
        assert!(csv.contains("\r\na1,3,7,15亿元,1500000000,,CNY,"));
    }
}
