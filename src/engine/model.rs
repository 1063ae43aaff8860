//! The data model: what the engine produces and what the JSON export holds.
//!
//! Kinds and types are enums with `as_str()`; the same string is the JSON value
//! and the CSS class in the page (`ann ann--metric`).
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The JSON format's name and version. Bump the number on any breaking change.
pub const FORMAT: &str = "pizhu/1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Metric,
    Entity,
    Slogan,
    Time,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Metric, Kind::Entity, Kind::Slogan, Kind::Time];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Metric => "metric",
            Kind::Entity => "entity",
            Kind::Slogan => "slogan",
            Kind::Time => "time",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Place,
    Org,
    Company,
    Person,
    Project,
    Document,
}

impl EntityType {
    pub const ALL: [EntityType; 6] = [
        EntityType::Place,
        EntityType::Org,
        EntityType::Company,
        EntityType::Person,
        EntityType::Project,
        EntityType::Document,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Place => "place",
            EntityType::Org => "org",
            EntityType::Company => "company",
            EntityType::Person => "person",
            EntityType::Project => "project",
            EntityType::Document => "document",
        }
    }
}

/// What a metric's number says about its indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A stock or a flow: `一般公共预算收入15.48亿元`.
    #[default]
    Level,
    /// Growth or decline: `同比增长12.3%`, `提高2个百分点`.
    Change,
    /// A part of a whole: `占GDP比重35%`.
    Share,
    /// A position in a ranking: `居全省第2位`.
    Rank,
    /// An explicit goal: `力争达到100亿元`.
    Target,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Level => "level",
            Role::Change => "change",
            Role::Share => "share",
            Role::Rank => "rank",
            Role::Target => "target",
        }
    }
}

/// Who made an annotation: the engine, or a person correcting it in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    #[default]
    Auto,
    Manual,
}

/// The attributes of a metric annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Metric {
    /// The number in base units (`15.48亿元` → 1548000000).
    pub value: f64,
    /// Upper end of a range (`0.4至0.6元`), in the same base units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// Canonical unit (`CNY`, `%`, `pp`, `t`, `mu`, `item`, ...).
    pub unit: String,
    /// What is measured, as written nearby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub role: Role,
    /// The approximator word (`超`, `近`, `余`, `以上`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// `id` of the time annotation that scopes this figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
}

/// The attributes of a time annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Time {
    /// ISO 8601 date or period where it can be resolved (`2023`, `2025-09`,
    /// `2025-01/2025-11`, `2025-Q1/2025-Q3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// True when `value` was resolved against a date found in the article
    /// (`今年`, `去年` resolved from the publication date).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub relative: bool,
}

/// One annotation, as exported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable within one document: `a1`, `a2`, ... in text order.
    pub id: String,
    pub kind: Kind,
    /// Entity type (entities only).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub etype: Option<EntityType>,
    /// Unicode scalar offset into the original text (inclusive).
    pub start: usize,
    /// Unicode scalar offset into the original text (exclusive).
    pub end: usize,
    /// The same span in UTF-16 code units, for JavaScript consumers.
    pub utf16_start: usize,
    pub utf16_end: usize,
    /// The original text of the span.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Metric>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
    /// Entities that name the same thing (a short form and its full name) share a group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Canonical form of the span (e.g. a Simplified slogan or entity name), if it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norm: Option<String>,
    #[serde(default)]
    pub origin: Origin,
}

/// Where the text came from: the file encoding and how the text was extracted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// `utf-8`, `utf-16le`, `gb18030`, `big5`, ...
    pub encoding: String,
    /// `plain`, `html`, `docx`, `markdown`, `paste`.
    pub extraction: String,
}

impl Default for Source {
    fn default() -> Self {
        Source {
            encoding: "utf-8".into(),
            extraction: "plain".into(),
        }
    }
}

/// Counts per kind, for summaries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Counts {
    pub metric: usize,
    pub entity: usize,
    pub slogan: usize,
    pub time: usize,
}

/// An annotated document: the JSON export (`format: "pizhu/1"`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub name: String,
    /// Engine that produced the automatic annotations.
    pub engine: String,
    /// Always `unicode_scalar` for `start`/`end`; `utf16_start`/`utf16_end` count UTF-16 code units.
    pub offset_unit: String,
    /// Length of `text` in Unicode scalar values.
    pub chars: usize,
    /// Length of `text` in UTF-16 code units.
    pub utf16_len: usize,
    /// SHA-256 of `text` (UTF-8 bytes), lower-case hex.
    pub text_sha256: String,
    pub source: Source,
    pub counts: Counts,
    pub annotations: Vec<Annotation>,
    /// The text exactly as given; every offset points into it.
    pub text: String,
}

impl Document {
    /// The document as pretty-printed JSON, the form both the CLI and the page write.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a Document always serialises");
        s.push('\n');
        s
    }
}

/// A span proposed by an extractor, on the analysis view (byte range).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub range: Range<usize>,
    pub kind: Kind,
    pub etype: Option<EntityType>,
    pub metric: Option<MetricCandidate>,
    pub time: Option<Time>,
    /// Entity group key (same key = same thing), resolved to an id at export.
    pub group: Option<String>,
    /// Canonical form, if it differs from the text.
    pub norm: Option<String>,
    /// Tie-breaker when two candidates overlap with the same length: higher wins.
    pub priority: i32,
}

impl Candidate {
    pub fn new(range: Range<usize>, kind: Kind) -> Self {
        Candidate {
            range,
            kind,
            etype: None,
            metric: None,
            time: None,
            group: None,
            norm: None,
            priority: 0,
        }
    }
    pub fn entity(range: Range<usize>, etype: EntityType) -> Self {
        Candidate {
            etype: Some(etype),
            ..Candidate::new(range, Kind::Entity)
        }
    }
    pub fn len(&self) -> usize {
        self.range.end - self.range.start
    }
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }
}

/// Metric attributes on a candidate; `period` is the byte range of the scoping time span.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MetricCandidate {
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub indicator: Option<String>,
    pub role: Role,
    pub approx: Option<String>,
    pub period: Option<Range<usize>>,
}
