//! Metrics: quantities with units, and what they measure (ANNOTATION_GUIDE.md §1).
//!
//! Rule: a number, then an optional multiplier (`万`, `亿`), an optional
//! approximator between number and unit (`余`, `多`), then a unit or counter
//! from the table below (longest match). The span is number..unit; words such
//! as `超`, `近`, `约` before it and `以上`, `左右` after it go in `approx`.
//! A number inside a time expression or a slogan is never a metric.
use super::model::{Candidate, Kind, MetricCandidate, Role};
use super::numbers::{arabic_len, parse_arabic};
use super::Context;
use std::ops::Range;

/// (surface, canonical unit, factor to base units)
const UNITS: &[(&str, &str, f64)] = &[
    ("个百分点", "pp", 1.0),
    ("百分点", "pp", 1.0),
    ("%", "%", 1.0),
    ("美元", "USD", 1.0),
    ("元", "CNY", 1.0),
    ("吨", "t", 1.0),
    ("亩", "mu", 1.0),
    ("家", "enterprise", 1.0),
    ("个", "item", 1.0),
    ("项", "item", 1.0),
];

const MULTIPLIERS: &[(&str, f64)] = &[
    ("万亿", 1e12),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("万", 1e4),
    ("千", 1e3),
];
const LEAD_APPROX: &[&str] = &["超过", "超", "近", "逾", "约", "达"];
const TRAIL_APPROX: &[&str] = &["以上", "左右"];
const CHANGE_WORDS: &[&str] = &[
    "增长", "增加", "下降", "减少", "提高", "提升", "回落", "增速", "增幅", "降低",
];
const STRIP_VERBS: &[&str] = &[
    "完成", "实现", "达到", "新增", "累计", "达", "为", "共", "有", "超过", "突破",
];

fn overlaps(r: &Range<usize>, others: &[Candidate]) -> bool {
    others
        .iter()
        .any(|o| o.range.start < r.end && r.start < o.range.end)
}

fn starts_with_any<'a>(s: &str, words: &'a [&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.starts_with(w))
}

fn ends_with_any<'a>(s: &str, words: &'a [&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| s.ends_with(w))
}

/// Finds metric candidates on the analysis view.
pub fn extract(ctx: &Context, times: &[Candidate], slogans: &[Candidate]) -> Vec<Candidate> {
    let text = ctx.text;
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let n = arabic_len(rest);
        let prev = text[..i].chars().next_back();
        if n == 0 || prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.') {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let Some(mut value) = parse_arabic(&rest[..n]) else {
            i += n;
            continue;
        };
        let mut j = i + n;
        if let Some((m, f)) = MULTIPLIERS.iter().find(|(m, _)| text[j..].starts_with(m)) {
            value *= f;
            j += m.len();
        }
        let mut approx = None;
        if let Some(a) = starts_with_any(&text[j..], &["余", "多"]) {
            approx = Some(a.to_string());
            j += a.len();
        }
        let Some((surface, unit, factor)) = UNITS.iter().find(|(s, _, _)| text[j..].starts_with(s))
        else {
            i += n;
            continue;
        };
        let end = j + surface.len();
        let range = i..end;
        if overlaps(&range, times) || overlaps(&range, slogans) {
            i = end;
            continue;
        }
        let before = &text[..i];
        if approx.is_none() {
            approx = ends_with_any(before, LEAD_APPROX)
                .or_else(|| starts_with_any(&text[end..], TRAIL_APPROX))
                .map(str::to_string);
        }
        let clause = clause_before(text, i);
        let role = role_of(clause, unit);
        let mut c = Candidate::new(range, Kind::Metric);
        c.metric = Some(MetricCandidate {
            value: value * factor,
            unit: unit.to_string(),
            indicator: indicator_of(clause),
            role,
            approx,
            ..Default::default()
        });
        out.push(c);
        i = end;
    }
    out
}

/// The text of the clause before byte `i`, back to the previous clause delimiter.
fn clause_before(text: &str, i: usize) -> &str {
    let start = text[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            matches!(
                c,
                '。' | '，' | ',' | '；' | ';' | '：' | ':' | '\n' | '！' | '？' | '、'
            )
        })
        .map_or(0, |(k, c)| k + c.len_utf8());
    &text[start..i]
}

fn role_of(clause: &str, unit: &str) -> Role {
    if unit == "pp" || CHANGE_WORDS.iter().any(|w| clause.contains(w)) {
        Role::Change
    } else if clause.contains("占") || clause.contains("比重") {
        Role::Share
    } else {
        Role::Level
    }
}

/// The noun phrase before the number: the clause minus trailing verbs and approximators.
fn indicator_of(clause: &str) -> Option<String> {
    let mut s = clause.trim();
    loop {
        let before = s;
        for w in LEAD_APPROX.iter().chain(STRIP_VERBS) {
            if let Some(t) = s.strip_suffix(w) {
                s = t.trim_end();
            }
        }
        if s == before {
            break;
        }
    }
    let s = s.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    (!s.is_empty() && s.chars().count() <= 20).then(|| s.to_string())
}

/// Points each metric at the time expression that scopes it: the last one before
/// it in the same sentence, else the last one earlier in the same paragraph.
pub fn link_periods(ctx: &Context, mut flat: Vec<Candidate>) -> Vec<Candidate> {
    let times: Vec<Range<usize>> = flat
        .iter()
        .filter(|c| c.kind == Kind::Time)
        .map(|c| c.range.clone())
        .collect();
    if times.is_empty() {
        return flat;
    }
    for c in flat.iter_mut().filter(|c| c.kind == Kind::Metric) {
        let s = c.range.start;
        let para_start = ctx.text[..s].rfind('\n').map_or(0, |k| k + 1);
        let sent_start = ctx.text[..s]
            .rfind(['。', '！', '？', '；', '\n'])
            .map_or(0, |k| {
                k + ctx.text[k..].chars().next().map_or(1, char::len_utf8)
            });
        let pick = |from: usize| {
            times
                .iter()
                .rev()
                .find(|t| t.end <= s && t.start >= from)
                .cloned()
        };
        if let Some(m) = c.metric.as_mut() {
            m.period = pick(sent_start).or_else(|| pick(para_start));
        }
    }
    flat
}

#[cfg(test)]
mod tests {
    use crate::engine::annotate;

    fn metrics(text: &str) -> Vec<(String, f64, String)> {
        annotate("t", text)
            .annotations
            .into_iter()
            .filter_map(|a| a.metric.map(|m| (a.text, m.value, m.unit)))
            .collect()
    }

    #[test]
    fn money_percent_and_points() {
        let m = metrics("一般公共预算收入15.48亿元,同比增长12.3%,高于全省2.1个百分点。");
        assert_eq!(
            m,
            vec![
                ("15.48亿元".into(), 1_548_000_000.0, "CNY".into()),
                ("12.3%".into(), 12.3, "%".into()),
                ("2.1个百分点".into(), 2.1, "pp".into()),
            ]
        );
    }

    #[test]
    fn counters_and_thousands_separators() {
        let m = metrics("新签约项目117个，引进企业1,234家，粮食产量3.5万吨，种植1.2万亩。");
        assert_eq!(m[0], ("117个".into(), 117.0, "item".into()));
        assert_eq!(m[1], ("1,234家".into(), 1234.0, "enterprise".into()));
        assert_eq!(m[2], ("3.5万吨".into(), 35000.0, "t".into()));
        assert_eq!(m[3], ("1.2万亩".into(), 12000.0, "mu".into()));
    }

    #[test]
    fn offsets_after_astral_characters_count_scalars() {
        let doc = annotate("t", "𠀀𠀀收入15.48亿元");
        let a = &doc.annotations[0];
        assert_eq!((a.start, a.end), (4, 11));
        assert_eq!((a.utf16_start, a.utf16_end), (6, 13));
        assert_eq!(a.text, "15.48亿元");
    }

    #[test]
    fn indicator_and_role() {
        let doc = annotate("t", "全年完成固定资产投资120亿元，同比增长8%。");
        let m: Vec<_> = doc
            .annotations
            .iter()
            .filter_map(|a| a.metric.clone())
            .collect();
        assert!(
            m[0].indicator
                .as_deref()
                .is_some_and(|i| i.ends_with("固定资产投资")),
            "{:?}",
            m[0].indicator
        );
        assert_eq!(m[0].role, crate::engine::Role::Level);
        assert_eq!(m[1].role, crate::engine::Role::Change);
    }

    #[test]
    fn numbers_in_names_are_not_metrics() {
        assert!(metrics("PM2.5浓度下降").is_empty());
        assert!(metrics("拨打12345热线").is_empty());
    }
}
