//! Annotates every seed (`seeds/*.txt`) once after a warm-up, for profilers:
//! `valgrind --tool=callgrind --toggle-collect='profile::run' target/release/examples/profile`
//! counts the instructions of `annotate` alone, without the one-time start-up
//! (segmenter, lexicons). `--tag` runs jieba tagging alone instead, for the ratio;
//! `--stages` runs the pipeline stage by stage (`profile::stages::*`), for a
//! breakdown. `--startup` builds the engine's tables instead, as the page's
//! worker does (`profile::startup_dict`: jieba's dictionary, `worker_warm_up`;
//! `profile::startup_tables`: the other tables and a first run on a short
//! text, `worker_warm_tables`).
use pizhu::engine::{self, segment, text};
use std::hint::black_box;

#[inline(never)]
fn run(seeds: &[(String, String)]) {
    for (name, t) in seeds {
        black_box(engine::annotate(name, black_box(t)));
    }
}

#[inline(never)]
fn run_tag(cleaned: &[String]) {
    for c in cleaned {
        black_box(segment::tag(black_box(c)));
    }
}

/// The pipeline of `engine::annotate`, stage by stage, each stage a function of
/// its own so that a profiler attributes every instruction to one stage.
mod stages {
    use pizhu::engine::{
        export, metrics, model::Candidate, resolve, segment, slogans, text, time, Context, Document,
    };

    #[inline(never)]
    pub fn clean(t: &str) -> text::CleanText {
        text::clean(t)
    }
    #[inline(never)]
    pub fn tag(t: &str, chars: &pizhu::engine::CharIndex) -> Vec<segment::Token> {
        segment::tag_indexed(t, chars)
    }
    #[inline(never)]
    pub fn times(c: &Context) -> Vec<Candidate> {
        time::extract(c)
    }
    #[inline(never)]
    pub fn slogans(c: &Context) -> Vec<Candidate> {
        slogans::extract(c)
    }
    #[inline(never)]
    pub fn entities(c: &Context) -> Vec<Candidate> {
        pizhu::engine::entities::extract(c)
    }
    #[inline(never)]
    pub fn metrics(c: &Context, t: &[Candidate], s: &[Candidate]) -> Vec<Candidate> {
        metrics::extract(c, t, s)
    }
    #[inline(never)]
    pub fn flatten(all: Vec<Candidate>) -> Vec<Candidate> {
        resolve::flatten(all)
    }
    #[inline(never)]
    pub fn link(c: &Context, flat: Vec<Candidate>) -> Vec<Candidate> {
        metrics::link_periods(c, flat)
    }
    #[inline(never)]
    pub fn export(n: &str, t: &str, c: &text::CleanText, flat: Vec<Candidate>) -> Document {
        export::document(n, t, c, flat)
    }

    /// `engine::annotate`, written out.
    pub fn annotate(name: &str, t: &str) -> Document {
        let clean = clean(t);
        let tokens = tag(&clean.text, clean.chars());
        let ctx = Context {
            text: &clean.text,
            tokens: &tokens,
            chars: clean.chars(),
        };
        let ti = times(&ctx);
        let sl = slogans(&ctx);
        let en = entities(&ctx);
        let me = metrics(&ctx, &ti, &sl);
        let all: Vec<Candidate> = [ti, sl, en, me].concat();
        let flat = link(&ctx, flatten(all));
        export(name, t, &clean, flat)
    }
}

#[inline(never)]
fn run_stages(seeds: &[(String, String)]) {
    for (name, t) in seeds {
        black_box(stages::annotate(name, black_box(t)));
    }
}

#[inline(never)]
fn startup_dict() {
    segment::warm_up();
}

#[inline(never)]
fn startup_tables() {
    engine::warm_up();
}

fn main() {
    if std::env::args().any(|a| a == "--startup") {
        startup_dict();
        startup_tables();
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let seeds: Vec<(String, String)> = paths
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).expect("a UTF-8 seed"))
        })
        .collect();
    engine::annotate("warm-up", &seeds[0].1);
    if std::env::args().any(|a| a == "--tag") {
        let cleaned: Vec<String> = seeds.iter().map(|(_, t)| text::clean(t).text).collect();
        run_tag(&cleaned);
    } else if std::env::args().any(|a| a == "--stages") {
        run_stages(&seeds);
    } else {
        run(&seeds);
    }
}
