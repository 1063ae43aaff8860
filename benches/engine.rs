//! Engine and CLI benchmarks (`cargo bench --bench engine`, or `scripts/bench`).
//!
//! Plain wall-clock medians of several runs (the machine may be shared, so the
//! median rather than the mean), over the sample articles in `seeds/*.txt`:
//! 1. jieba tagging alone vs the full `annotate` (how much the extractors cost);
//! 2. one copy of each seed vs ten copies in one text (is the engine linear?);
//! 3. the `pizhu` binary on a JSONL corpus of the seeds with 1 vs 2 threads.
//!
//! Options (after `--`): `--runs N` (default 9), `--copies N` seeds per CLI
//! corpus (default: two corpora, 40 and 400 seeds), `--skip-cli`;
//! `--annotate-only` prints only the full-annotate median (in ms), for
//! `tests/e2e/bench-browser.mjs`, which alternates it with the same
//! measurement in wasm so that wasm/native compares the same minutes;
//! `--write-cleaned DIR` writes the texts jieba gets (the seeds after
//! `text::clean`) to DIR, for `benches/stock-jieba` (`scripts/bench --stock-jieba`).
use pizhu::engine::{self, segment, text};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median over `runs` of the time `f` takes.
fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("a UTF-8 seed"))
        })
        .collect()
}

fn main() {
    let mut runs = 9;
    let mut copies: Option<usize> = None;
    let mut cli = true;
    let mut annotate_only = false;
    let mut write_cleaned: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--copies" => {
                copies = Some(
                    args.next()
                        .and_then(|n| n.parse().ok())
                        .expect("--copies N"),
                )
            }
            "--skip-cli" => cli = false,
            "--annotate-only" => annotate_only = true,
            "--write-cleaned" => write_cleaned = args.next().map(PathBuf::from),
            _ => {} // `cargo bench` passes --bench
        }
    }
    let seeds = seeds();
    let bytes: usize = seeds.iter().map(|(_, t)| t.len()).sum();
    let annotate_all = || {
        for (n, t) in &seeds {
            black_box(engine::annotate(n, black_box(t)));
        }
    };
    if let Some(dir) = write_cleaned {
        for (n, t) in &seeds {
            let path = dir.join(format!("{n}.txt"));
            std::fs::write(&path, text::clean(t).text).expect("--write-cleaned DIR: writable");
        }
        return;
    }
    if annotate_only {
        annotate_all(); // (the segmenter, the lexicons and the caches)
        println!("{:.2}", ms(time(runs, annotate_all)));
        return;
    }
    println!(
        "pizhu engine benchmarks: {} seeds ({:.1} KB), median of {runs} runs, one thread",
        seeds.len(),
        bytes as f64 / 1e3
    );
    // Build the segmenter and the lexicons before timing anything.
    let t = Instant::now();
    engine::annotate("warm-up", &seeds[0].1);
    println!(
        "  start-up (segmenter + lexicons, once per process): {:.0} ms",
        ms(t.elapsed())
    );

    // 1. tag alone vs annotate, side by side: each run times both, so that a
    //    machine whose speed drifts slows both alike (the ratio is the median
    //    of the runs' ratios)
    let cleaned: Vec<String> = seeds.iter().map(|(_, t)| text::clean(t).text).collect();
    let tag_all = || {
        for c in &cleaned {
            black_box(segment::tag(black_box(c)));
        }
    };
    let (mut tags, mut annotates, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        tag_all();
        let tag = t.elapsed();
        let t = Instant::now();
        annotate_all();
        let annotate = t.elapsed();
        tags.push(tag);
        annotates.push(annotate);
        ratios.push(annotate.as_secs_f64() / tag.as_secs_f64());
    }
    ratios.sort_by(f64::total_cmp);
    let (tag, annotate) = (median(tags), median(annotates));
    println!(
        "1. jieba tag alone (pizhu's: vendored jieba-rs, pruned dictionary): {:.1} ms, full annotate: {:.1} ms for all seeds -> annotate/tag = {:.2} (median of the runs' ratios; {:.2}-{:.2})",
        ms(tag),
        ms(annotate),
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1]
    );
    println!(
        "   throughput: {:.1} seeds/s, {:.2} MB/s (annotate, one thread)",
        seeds.len() as f64 / annotate.as_secs_f64(),
        bytes as f64 / annotate.as_secs_f64() / 1e6
    );

    // 2. one copy vs ten copies of each seed in one text
    let tens: Vec<String> = seeds
        .iter()
        .map(|(_, t)| [t.as_str(); 10].join("\n"))
        .collect();
    let ten_runs = runs.div_ceil(3).max(3);
    // (each seed once is the "full annotate" figure above)
    let one = annotate;
    let ten = time(ten_runs, || {
        for (t, (n, _)) in tens.iter().zip(&seeds) {
            black_box(engine::annotate(n, black_box(t)));
        }
    });
    println!(
        "2. each seed once: {:.1} ms, each seed as 10 copies in one text: {:.1} ms (median of {ten_runs}) -> 10 copies / 1 = {:.2} (10 is linear)",
        ms(one),
        ms(ten),
        ten.as_secs_f64() / one.as_secs_f64()
    );

    // 3. the CLI with 1 vs 2 threads on a JSONL corpus of the seeds: a small
    //    one, where the single-threaded start-up (jieba's dictionary, the
    //    lexicons) weighs, and one at corpus scale
    if cli {
        for copies in copies.map_or(vec![40, 400], |n| vec![n]) {
            cli_scaling(&seeds, runs.div_ceil(2).max(3), copies);
        }
    }
}

fn cli_scaling(seeds: &[(String, String)], runs: usize, copies: usize) {
    let bin = env!("CARGO_BIN_EXE_pizhu");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-cli");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let corpus = dir.join("corpus.jsonl");
    let mut jsonl = String::new();
    for i in 0..copies {
        let (name, text) = &seeds[i % seeds.len()];
        jsonl += &serde_json::json!({ "name": format!("{name}-{i}"), "text": text }).to_string();
        jsonl.push('\n');
    }
    std::fs::write(&corpus, &jsonl).expect("corpus");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // (median wall clock, median CPU time of the process)
    let run = |threads: usize| {
        let mut cpu = Vec::new();
        let wall = time(runs, || {
            let before = children_cpu();
            let status = Command::new(bin)
                .args(["annotate", "--jsonl", "--threads", &threads.to_string()])
                .arg(&corpus)
                .stdout(Stdio::null())
                .status()
                .expect("run pizhu");
            assert!(status.success());
            if let (Some(a), Some(b)) = (before, children_cpu()) {
                cpu.push(b - a);
            }
        });
        (wall, (cpu.len() == runs).then(|| median(cpu)))
    };
    let (t1, cpu1) = run(1);
    let (t2, cpu2) = run(2);
    println!(
        "3. CLI `pizhu annotate --jsonl --threads N` on {copies} seeds ({:.1} MB), whole process, median of {runs}, {cores} cores:",
        jsonl.len() as f64 / 1e6
    );
    println!(
        "   1 thread: {:.0} ms ({:.1} docs/s), 2 threads: {:.0} ms ({:.1} docs/s) -> speed-up {:.2}x",
        ms(t1),
        copies as f64 / t1.as_secs_f64(),
        ms(t2),
        copies as f64 / t2.as_secs_f64(),
        t1.as_secs_f64() / t2.as_secs_f64()
    );
    if let (Some(c1), Some(c2)) = (cpu1, cpu2) {
        println!(
            "   CPU time (user + system): 1 thread {:.0} ms, 2 threads {:.0} ms; load average {}",
            ms(c1),
            ms(c2),
            load_average()
        );
    }
}

/// CPU time (user + system) of the waited-for children of this process, from
/// /proc/self/stat (Linux; in clock ticks, taken as 1/100 s).
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name (which is in parentheses): state is field 3
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    // cutime and cstime are fields 16 and 17, i.e. 13 and 14 after the state
    let ticks: u64 = f.get(13)?.parse::<u64>().ok()? + f.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}
