//! Units and counters of the genre, mapped to the canonical units of
//! ANNOTATION_GUIDE.md §1. Simplified and Traditional surfaces both appear
//! (the text-cleaning step may or may not have converted the text).

/// What kind of quantity a unit measures; it decides which numbers may use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// 元, 美元.
    Money,
    /// %, 个百分点, 基点.
    Ratio,
    /// Physical measures: 吨, 亩, 平方米, 兆瓦 ...
    Measure,
    /// Counters of discrete things: 个, 家, 人, 户 ...
    Count,
    /// 分钟, 小时, 天, 周, 个月, 年.
    Duration,
    /// 倍.
    Times,
}

/// One unit surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    pub surface: &'static str,
    pub canon: &'static str,
    pub factor: f64,
    pub class: Class,
}

const fn u(surface: &'static str, canon: &'static str, factor: f64, class: Class) -> Unit {
    Unit {
        surface,
        canon,
        factor,
        class,
    }
}

use Class::*;

/// The unit table; lookups take the longest surface that matches.
pub const UNITS: &[Unit] = &[
    // money
    u("元", "CNY", 1.0, Money),
    u("块钱", "CNY", 1.0, Money),
    u("美元", "USD", 1.0, Money),
    u("个亿", "CNY", 1e8, Money),
    u("個億", "CNY", 1e8, Money),
    u("个亿元", "CNY", 1e8, Money),
    // ratios
    u("%", "%", 1.0, Ratio),
    u("％", "%", 1.0, Ratio),
    u("个百分点", "pp", 1.0, Ratio),
    u("個百分點", "pp", 1.0, Ratio),
    u("百分点", "pp", 1.0, Ratio),
    u("百分點", "pp", 1.0, Ratio),
    u("个基点", "bp", 1.0, Ratio),
    u("個基點", "bp", 1.0, Ratio),
    u("基点", "bp", 1.0, Ratio),
    u("基點", "bp", 1.0, Ratio),
    // mass
    u("吨", "t", 1.0, Measure),
    u("噸", "t", 1.0, Measure),
    u("公斤", "kg", 1.0, Measure),
    u("千克", "kg", 1.0, Measure),
    u("斤", "斤", 1.0, Measure),
    // area
    u("亩", "mu", 1.0, Measure),
    u("畝", "mu", 1.0, Measure),
    u("平方米", "m2", 1.0, Measure),
    u("平米", "m2", 1.0, Measure),
    u("平方公里", "km2", 1.0, Measure),
    u("平方千米", "km2", 1.0, Measure),
    u("公顷", "ha", 1.0, Measure),
    u("公頃", "ha", 1.0, Measure),
    // length
    u("公里", "km", 1.0, Measure),
    u("千米", "km", 1.0, Measure),
    u("米", "m", 1.0, Measure),
    // volume
    u("立方米", "m3", 1.0, Measure),
    u("立方", "m3", 1.0, Measure),
    // energy and power
    u("千瓦时", "kWh", 1.0, Measure),
    u("千瓦時", "kWh", 1.0, Measure),
    u("度电", "kWh", 1.0, Measure),
    u("度電", "kWh", 1.0, Measure),
    u("千瓦", "kW", 1.0, Measure),
    u("兆瓦", "MW", 1.0, Measure),
    // people and households
    u("人次", "人次", 1.0, Count),
    u("人", "person", 1.0, Count),
    u("名", "person", 1.0, Count),
    u("位", "person", 1.0, Count),
    u("户", "household", 1.0, Count),
    u("戶", "household", 1.0, Count),
    u("家", "enterprise", 1.0, Count),
    // items
    u("个", "item", 1.0, Count),
    u("個", "item", 1.0, Count),
    u("项", "item", 1.0, Count),
    u("項", "item", 1.0, Count),
    u("大项", "item", 1.0, Count),
    u("小项", "item", 1.0, Count),
    u("件", "item", 1.0, Count),
    u("件次", "item", 1.0, Count),
    u("款", "item", 1.0, Count),
    u("批", "item", 1.0, Count),
    u("批次", "item", 1.0, Count),
    u("笔", "item", 1.0, Count),
    u("筆", "item", 1.0, Count),
    u("宗", "item", 1.0, Count),
    u("处", "item", 1.0, Count),
    u("處", "item", 1.0, Count),
    u("所", "item", 1.0, Count),
    u("套", "item", 1.0, Count),
    u("张", "item", 1.0, Count),
    u("張", "item", 1.0, Count),
    u("间", "item", 1.0, Count),
    u("間", "item", 1.0, Count),
    u("座", "item", 1.0, Count),
    u("条", "item", 1.0, Count),
    u("條", "item", 1.0, Count),
    u("栋", "item", 1.0, Count),
    u("棟", "item", 1.0, Count),
    u("台", "item", 1.0, Count),
    u("臺", "item", 1.0, Count),
    u("种", "item", 1.0, Count),
    u("種", "item", 1.0, Count),
    u("类", "item", 1.0, Count),
    u("類", "item", 1.0, Count),
    u("道", "item", 1.0, Count),
    u("桌", "item", 1.0, Count),
    u("层", "item", 1.0, Count),
    u("層", "item", 1.0, Count),
    u("组", "item", 1.0, Count),
    u("組", "item", 1.0, Count),
    u("支", "item", 1.0, Count),
    u("例", "item", 1.0, Count),
    u("场", "item", 1.0, Count),
    u("場", "item", 1.0, Count),
    // counters kept as written
    u("次", "次", 1.0, Count),
    u("头", "头", 1.0, Count),
    u("頭", "头", 1.0, Count),
    u("辆", "辆", 1.0, Count),
    u("輛", "辆", 1.0, Count),
    u("架", "架", 1.0, Count),
    u("艘", "艘", 1.0, Count),
    u("只", "只", 1.0, Count),
    u("株", "株", 1.0, Count),
    u("棵", "棵", 1.0, Count),
    u("省", "省", 1.0, Count),
    u("县", "县", 1.0, Count),
    u("縣", "县", 1.0, Count),
    u("国", "国", 1.0, Count),
    u("國", "国", 1.0, Count),
    // durations
    u("分钟", "minute", 1.0, Duration),
    u("分鐘", "minute", 1.0, Duration),
    u("小时", "hour", 1.0, Duration),
    u("小時", "hour", 1.0, Duration),
    u("个小时", "hour", 1.0, Duration),
    u("個小時", "hour", 1.0, Duration),
    u("天", "day", 1.0, Duration),
    u("日", "day", 1.0, Duration),
    u("个工作日", "day", 1.0, Duration),
    u("個工作日", "day", 1.0, Duration),
    u("工作日", "day", 1.0, Duration),
    u("个日夜", "day", 1.0, Duration),
    u("個日夜", "day", 1.0, Duration),
    u("日夜", "day", 1.0, Duration),
    u("周", "week", 1.0, Duration),
    u("週", "week", 1.0, Duration),
    u("个星期", "week", 1.0, Duration),
    u("個星期", "week", 1.0, Duration),
    u("个月", "month", 1.0, Duration),
    u("個月", "month", 1.0, Duration),
    u("年", "year", 1.0, Duration),
    // multiples
    u("倍", "times", 1.0, Times),
];

/// A counter followed by one of these characters is the first half of a word
/// (`项目`, `天然气`, `周年`), not a counter.
const NOT_AFTER: &[(&str, &str)] = &[
    ("项", "目"),
    ("項", "目"),
    ("天", "然下地津"),
    ("周", "年边邊末岁歲期转轉"),
    ("年", "月度底初末代级級中份前龄齡轻輕"),
    ("日", "期常报報"),
    ("所", "有以在属屬得谓謂长長"),
    ("条", "件例"),
    ("條", "件例"),
    ("支", "持出付柱撑撐部"),
    ("道", "路理德"),
    ("处", "理置"),
    ("處", "理置"),
    ("名", "单單称稱牌义義额額"),
    ("场", "景所地馆館"),
    ("場", "景所地館"),
    ("台", "阶階湾灣"),
    ("批", "准复復示"),
    ("组", "织織建成"),
    ("組", "織建成"),
    ("例", "如"),
    ("米", "粮"),
    ("国", "家际際内外"),
    ("國", "家際內外"),
    ("省", "级級委市内"),
    ("县", "级級委市域"),
    ("縣", "級委市域"),
    ("间", "隔断"),
    ("件", "事"),
    ("层", "面级級"),
    ("層", "面級"),
    ("户", "籍口型"),
    ("戶", "籍口型"),
    ("家", "庭长長乡鄉园園属屬"),
    ("人", "民才员員大士口类類均工"),
    ("位", "于於置"),
    ("座", "谈談"),
    ("套", "餐"),
    ("种", "植子类類养養"),
    ("種", "植子類養"),
    ("次", "要日年"),
    ("只", "有要是能"),
    ("头", "部"),
    ("张", "家"),
];

/// The units of [`UNITS`] by the first character of their surface, in table
/// order, each with the characters that may not follow it ([`NOT_AFTER`]): a
/// lookup tries the few units that can match at a position instead of every
/// unit of the table (`unit_at` runs after every number of a text).
#[allow(clippy::type_complexity)]
static BY_FIRST: std::sync::LazyLock<rustc_hash::FxHashMap<char, Vec<(&'static Unit, String)>>> =
    std::sync::LazyLock::new(|| {
        let mut m: rustc_hash::FxHashMap<char, Vec<(&'static Unit, String)>> = Default::default();
        for u in UNITS {
            let first = u.surface.chars().next().expect("a unit has a surface");
            let not_after: String = NOT_AFTER
                .iter()
                .filter(|(surf, _)| *surf == u.surface)
                .map(|(_, after)| *after)
                .collect();
            m.entry(first).or_default().push((u, not_after));
        }
        m
    });

/// The longest unit at the start of `s`, unless it is the start of a longer word.
pub fn unit_at(s: &str) -> Option<Unit> {
    let first = s.chars().next()?;
    let (best, not_after) = BY_FIRST
        .get(&first)?
        .iter()
        .filter(|(x, _)| crate::engine::text::starts_with_word(s, x.surface))
        .max_by_key(|(x, _)| x.surface.len())?;
    let next = s[best.surface.len()..].chars().next();
    if let Some(n) = next {
        if crate::engine::text::has_char(not_after, n) {
            return None;
        }
    }
    Some(**best)
}

/// Units that may follow `每` and make a rate (`每立方米节省0.4元` → CNY/m3).
pub fn rate_denominator(s: &str) -> Option<(&'static str, usize)> {
    const DENOM: &[(&str, &str)] = &[
        ("立方米", "m3"),
        ("立方", "m3"),
        ("平方米", "m2"),
        ("亩", "mu"),
        ("畝", "mu"),
        ("户", "household"),
        ("戶", "household"),
        ("人", "person"),
        ("吨", "t"),
        ("噸", "t"),
        ("千瓦时", "kWh"),
        ("度", "kWh"),
        ("公斤", "kg"),
    ];
    DENOM
        .iter()
        .find(|(w, _)| s.starts_with(w))
        .map(|(w, c)| (*c, w.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_unit_wins() {
        assert_eq!(unit_at("个百分点,").unwrap().canon, "pp");
        assert_eq!(unit_at("个工作日内").unwrap().canon, "day");
        assert_eq!(unit_at("个项目").unwrap().canon, "item");
        assert_eq!(unit_at("平方米厂房").unwrap().canon, "m2");
        assert_eq!(unit_at("人次以上").unwrap().canon, "人次");
    }

    #[test]
    fn counters_that_start_words_are_refused() {
        assert!(unit_at("项目").is_none());
        assert!(unit_at("天然气").is_none());
        assert!(unit_at("周年").is_none());
        assert!(unit_at("年度").is_none());
        assert!(unit_at("年").is_some());
    }
}
