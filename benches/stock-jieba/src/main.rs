//! jieba-rs 0.11.0 as published (default dictionary): the median time of
//! `Jieba::tag` (HMM on) over every text given, in ms, as `benches/engine.rs`
//! times pizhu. `stock-jieba [--runs N] FILE...`; `--once` runs `run` once
//! after a warm-up (for `valgrind --tool=callgrind --toggle-collect='stock_jieba::run'`).
use std::hint::black_box;
use std::time::Instant;

#[inline(never)]
fn run(jieba: &jieba_rs::Jieba, texts: &[String]) {
    for t in texts {
        black_box(jieba.tag(black_box(t), true));
    }
}

fn main() {
    let mut runs = 9;
    let mut once = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--once" => once = true,
            _ => files.push(a),
        }
    }
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    let jieba = jieba_rs::Jieba::new();
    // (a warm-up outside `run`: jieba-rs builds its regexes at the first call)
    for t in &texts {
        black_box(jieba.tag(t, true));
    }
    if once {
        run(&jieba, &texts);
        return;
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            run(&jieba, &texts);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!("{:.2}", ms[ms.len() / 2]);
}
