//! The analysis view on messy input: every noise kind, and the offset map back.
use pizhu::engine::text::{clean, t2s};

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let entry = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

/// `PIZHU_DUMP=DIR cargo test --test input_text -- --ignored` writes the
/// analysis view of each seed to DIR, to look at.
#[test]
#[ignore]
fn dump_seeds() {
    let dir = std::env::var("PIZHU_DUMP").unwrap_or_else(|_| "/tmp/pizhu-clean".into());
    std::fs::create_dir_all(&dir).unwrap();
    for p in ["000", "001", "002", "003", "004"] {
        let c = clean(&seed(p));
        std::fs::write(format!("{dir}/{p}.txt"), &c.text).unwrap();
    }
}

#[test]
fn t2s_table_is_there() {
    assert_eq!(t2s::to_simplified("國貿"), "国贸");
}

/// The original text under the view's byte range `r` (as found in `view`).
fn orig_of<'a>(t: &'a str, view: &str, needle: &str) -> &'a str {
    let c = clean(t);
    assert!(c.text.contains(needle), "{needle:?} not in {:?}", c.text);
    assert_eq!(c.text, view, "view of {t:?}");
    let s = c.text.find(needle).unwrap();
    &t[c.to_original(s..s + needle.len())]
}

#[test]
fn pinyin_annotations_are_removed_and_spans_cover_them() {
    let t = "網(wǎng)上投稿,資產(chǎn)激活,發（fā）展";
    assert_eq!(orig_of(t, "网上投稿,资产激活,发展", "资产"), "資產(chǎn)");
    assert_eq!(orig_of(t, "网上投稿,资产激活,发展", "网上"), "網(wǎng)上");
    // Not pinyin: upper case, digits, words without tone marks.
    let t = "國內生產總值(GDP)增長(2024)(note)";
    assert_eq!(clean(t).text, "国内生产总值(GDP)增长(2024)(note)");
}

#[test]
fn html_tags_entities_and_debris() {
    let t = "<p>增长&nbsp;12%</p><p>收入&amp;支出&lt;p&gt;15億元</p>";
    let c = clean(t);
    assert_eq!(c.text, "增长12%\n收入&支出\n15亿元\n");
    let t = "“早改早收益,善改添動能?!?/p>\n\n改革,改到痛點。";
    assert_eq!(clean(t).text, "“早改早收益,善改添动能\n\n\n改革,改到痛点。");
    let t = "標題<h3>正文&lt;p第一段<script>var x=1;</script><!-- c -->完";
    assert_eq!(clean(t).text, "标题\n正文第一段完");
    // Not tags.
    assert_eq!(clean("a < b, c > d, x&y").text, "a < b, c > d, x&y");
}

#[test]
fn layout_breaks_inside_words_are_joined_but_paragraphs_stay() {
    let t = "业街区”,成为全市首个“双省级”街区。盘活国贸三角\n\n洲广场,南山夜市。\n\n重点改革激活力\n\n2025年冬,咸安。";
    let c = clean(t);
    assert_eq!(
        c.text,
        "业街区”,成为全市首个“双省级”街区。盘活国贸三角洲广场,南山夜市。\n\n重点改革激活力\n\n2025年冬,咸安。"
    );
    let s = c.text.find("三角洲").unwrap();
    assert_eq!(&t[c.to_original(s..s + "三角洲".len())], "三角\n\n洲");
    // A chain of short wrapped lines; a page header in between is dropped.
    let t = "完善招商机制,成立4支招商小分队,给\n\n力资金保障员到北京\n\n等地\n\n4版 | 咸宁日报\n\n开展招商。";
    assert_eq!(
        clean(t).text,
        "完善招商机制,成立4支招商小分队,给力资金保障员到北京等地开展招商。"
    );
    // Titles and short lines keep their breaks.
    let t = "报料台\n网上投稿\n## 三抓一优 做强绿色工业\n\n签约了";
    assert_eq!(clean(t).text, t);
}

#[test]
fn numbers_width_and_spaces() {
    let t = "投資１７６０ ０元,增長１２．３％,500 億,ＧＤＰ, 3 小時";
    let c = clean(t);
    assert_eq!(c.text, "投资17600元,增长12.3%,500亿,GDP, 3小时");
    let s = c.text.find("17600元").unwrap();
    assert_eq!(&t[c.to_original(s..s + "17600元".len())], "１７６０ ０元");
    // ASCII punctuation stays as is; Chinese punctuation too.
    assert_eq!(clean("a, b. c! “是”,(1)").text, "a, b. c! “是”,(1)");
    // Ordinary spaces between numbers stay.
    assert_eq!(clean("2024 2025").text, "2024 2025");
}

#[test]
fn offset_map_is_monotonic_on_every_seed() {
    for p in ["000", "001", "002", "003", "004"] {
        let t = seed(p);
        let c = clean(&t);
        let mut last = 0;
        for (i, ch) in c.text.char_indices() {
            let r = c.to_original(i..i + ch.len_utf8());
            assert!(r.start >= last, "seed {p}: map goes back at {i}");
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
            last = r.end;
        }
        assert!(
            !c.text.contains("(wǎng)") && !c.text.contains("/p>"),
            "seed {p}"
        );
    }
}

#[test]
fn lines_starting_with_a_comma_continue_the_line_before() {
    let t = "两带建设(咸宁生态文化城镇带,幕阜山绿色产业带)\n\n、三大服务业(大文化、大健康)\n\n1 看速度——经济增长";
    assert_eq!(
        clean(t).text,
        "两带建设(咸宁生态文化城镇带,幕阜山绿色产业带)、三大服务业(大文化、大健康)\n\n1 看速度——经济增长"
    );
}

#[test]
fn pieces_of_the_view_map_to_the_original_text() {
    let t = "全口徑資產(chǎn)500億元,全口徑資產(chǎn)清理達1262億元";
    let c = clean(t);
    let at = c.text.find("1262").unwrap();
    assert_eq!(c.original_of(t, "全口径资产", at), Some("全口徑資產(chǎn)"));
    assert_eq!(c.original_of(t, "清理", 0), Some("清理"));
    assert_eq!(c.original_of(t, "没有", at), None);
}

#[test]
fn long_noisy_input_is_fast_and_total() {
    // Many spaces, tags, ampersands and brackets: linear time, nothing panics.
    let unit = "a 1 b <p x &amp; (wǎng) 12 3元 &lt; /p> 網(wǎng)\n\n";
    let t = unit.repeat(20_000);
    let start = std::time::Instant::now();
    let c = clean(&t);
    assert!(start.elapsed().as_secs() < 10);
    assert!(!c.text.is_empty());
    let _ = c.to_original(0..c.text.len());
    for t in [
        "<", "&", "(", "/", "<!--", "&#", "<script>", "(ā", "1 ", " 2",
    ] {
        let _ = clean(t);
    }
}
