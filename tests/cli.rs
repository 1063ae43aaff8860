//! The `pizhu` command line, run as a built binary.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_pizhu");

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
    v.sort();
    v
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.unwrap_or_default().to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A JSONL corpus of the seeds (twice over), with ids.
fn corpus() -> String {
    let mut s = String::new();
    for (i, p) in seeds().iter().chain(seeds().iter()).enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        s += &serde_json::json!({ "id": i, "text": text }).to_string();
        s.push('\n');
    }
    s
}

#[test]
fn directory_is_read_recursively_in_sorted_order() {
    let dir = scratch("dir");
    let seeds = seeds();
    std::fs::create_dir_all(dir.join("in/sub")).unwrap();
    std::fs::copy(&seeds[0], dir.join("in/b.txt")).unwrap();
    std::fs::copy(&seeds[1], dir.join("in/a.txt")).unwrap();
    std::fs::copy(&seeds[2], dir.join("in/sub/c.md")).unwrap();
    std::fs::write(dir.join("in/notes.csv"), "not read").unwrap();

    let whole = run(&["annotate", dir.join("in").to_str().unwrap()], None);
    assert!(whole.status.success(), "{}", stderr(&whole));
    // the same as naming the files in sorted order
    let named = run(
        &[
            "annotate",
            dir.join("in/a.txt").to_str().unwrap(),
            dir.join("in/b.txt").to_str().unwrap(),
            dir.join("in/sub/c.md").to_str().unwrap(),
        ],
        None,
    );
    assert!(named.status.success());
    assert_eq!(whole.stdout, named.stdout);

    // --out mirrors the subdirectories
    let out = dir.join("out");
    let o = run(
        &[
            "annotate",
            "--out",
            out.to_str().unwrap(),
            dir.join("in").to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["a.json", "b.json", "sub/c.json"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert!(!out.join("notes.json").exists());
}

#[test]
fn jsonl_keeps_input_order_whatever_the_threads() {
    let dir = scratch("jsonl");
    let input = dir.join("corpus.jsonl");
    std::fs::write(&input, corpus()).unwrap();
    let one = run(
        &[
            "annotate",
            "--jsonl",
            "--threads",
            "1",
            input.to_str().unwrap(),
        ],
        None,
    );
    assert!(one.status.success(), "{}", stderr(&one));
    let out4 = dir.join("out4.jsonl");
    let four = run(
        &[
            "annotate",
            "--jsonl",
            "--threads",
            "4",
            "--out",
            out4.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        None,
    );
    assert!(four.status.success(), "{}", stderr(&four));
    assert_eq!(one.stdout, std::fs::read(&out4).unwrap(), "1 vs 4 threads");

    let lines: Vec<&str> = std::str::from_utf8(&one.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), seeds().len() * 2);
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["name"], i.to_string(), "line {i} out of order");
    }
    // each line is the same document as the pretty JSON of the file
    let file = run(&["annotate", seeds()[0].to_str().unwrap()], None);
    let mut a: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&file.stdout).unwrap();
    a["name"] = b["name"].clone();
    assert_eq!(a, b);
}

#[test]
fn a_bad_line_is_named_and_the_others_come_out() {
    let input = "{\"text\": \"2023年全市地区生产总值增长5%。\", \"name\": \"one\"}\n\
                 {\"text\": 12}\n\
                 this is not json\n\
                 \n\
                 {\"name\": \"no text\"}\n\
                 {\"text\": \"一般公共预算收入15.48亿元。\"}\n";
    let o = run(
        &["annotate", "--jsonl", "--threads", "2", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "a failure is a non-zero exit");
    let err = stderr(&o);
    for line in ["stdin:2:", "stdin:3:", "stdin:5:"] {
        assert!(err.contains(line), "no message for {line}: {err}");
    }
    assert!(err.contains("missing field `text`"), "{err}");
    assert!(
        !err.contains("stdin:1:") && !err.contains("stdin:6:"),
        "{err}"
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let names: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["name"].to_string())
        .collect();
    assert_eq!(names, ["\"one\"", "\"stdin-6\""]);
}

#[test]
fn stdin_jsonl_matches_the_file() {
    let dir = scratch("stdin");
    let text = corpus();
    let input = dir.join("c.jsonl");
    std::fs::write(&input, &text).unwrap();
    let from_stdin = run(&["annotate", "--jsonl", "-"], Some(text.as_bytes()));
    let from_file = run(&["annotate", "--jsonl", input.to_str().unwrap()], None);
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert!(!from_stdin.stdout.is_empty());
    assert_eq!(from_stdin.stdout, from_file.stdout);
}

#[test]
fn a_bad_file_is_named_and_the_others_come_out() {
    let dir = scratch("badfile");
    let seeds = seeds();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = run(
        &[
            "annotate",
            "--threads",
            "3",
            seeds[0].to_str().unwrap(),
            empty.to_str().unwrap(),
            dir.join("missing.txt").to_str().unwrap(),
            seeds[1].to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    let good = run(
        &[
            "annotate",
            seeds[0].to_str().unwrap(),
            seeds[1].to_str().unwrap(),
        ],
        None,
    );
    assert!(good.status.success());
    assert_eq!(o.stdout, good.stdout);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let o = run(&["annotate", seeds()[0].to_str().unwrap()], None);
    assert!(o.status.success());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["annotate"][..],
        &["annotate", "--threads", "0", "x.txt"],
        &["annotate", "--jsonl", "--format", "csv", "-"],
    ] {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `pizhu annotate seeds/*.txt | head -c 10`: the reader stops early
    let mut child = Command::new(BIN)
        .arg("annotate")
        .args(seeds())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first, b"{\n  \"forma");
    assert!(out.status.success(), "{:?}", out.status);
    assert_eq!(stderr(&out), "");
}

/// The page's off-screen rehearsal (`src/web/rehearsal.rs`) shows a saved
/// answer of the engine: it must be what the engine answers for that text
/// today, or the rehearsal warms code paths the real answers no longer take.
/// (To regenerate: the file's `name` and `text` as one JSONL line through
/// `pizhu annotate --jsonl -`.)
#[test]
fn the_pages_rehearsal_is_the_engines_answer() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/rehearsal.json");
    let saved = std::fs::read_to_string(&path).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let line = serde_json::json!({ "name": doc["name"], "text": doc["text"] }).to_string();
    let o = run(
        &["annotate", "--jsonl", "-"],
        Some(format!("{line}\n").as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        saved,
        "regenerate {}",
        path.display()
    );
    // one block of the text view (`BLOCK_CHARS` in src/web/text_view.rs): the
    // rehearsal is taken away two tasks after it is shown, when the view has no
    // more blocks to add
    assert!(doc["chars"].as_u64().unwrap() < 1500);
    // every kind of annotation is in it, so every kind of highlight is rehearsed
    let counts = &doc["counts"];
    for kind in ["metric", "entity", "slogan", "time"] {
        assert!(
            counts[kind].as_u64().unwrap() > 0,
            "no {kind} in the rehearsal"
        );
    }
}
