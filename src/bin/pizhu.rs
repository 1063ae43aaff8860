//! `pizhu`: the command-line interface, a thin adapter over the engine.
//!
//! ```text
//! pizhu annotate [--format pizhu|doccano|labelstudio|brat|csv] [--out DIR] FILE...
//! ```
//! With `--out`, writes `DIR/<file stem><suffix>` for each input (`.json` for
//! pizhu; brat writes `.ann` beside a copy of the `.txt`); without, prints
//! each export to standard output. The JSON is byte-identical to
//! what the page downloads for the same text.
#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use pizhu::engine::formats::Format;
    use pizhu::engine::{self, decode};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "usage: pizhu annotate [--format FORMAT] [--out DIR] FILE...\n\n\
        Annotates each FILE (.txt in UTF-8/UTF-16/GB18030/Big5, .html, .docx, .md)\n\
        and writes its annotations: to DIR/<file stem>.json\n\
        (or the format's suffix) with --out, else to standard output.\n\n\
        FORMAT: pizhu (default, JSON), doccano (JSONL), labelstudio (tasks JSON,\n\
        UTF-16 offsets), brat (.ann + .txt standoff), csv (metrics table).";

    #[derive(Debug)]
    enum CliError {
        Usage(String),
        Io(PathBuf, std::io::Error),
        Decode(PathBuf, decode::DecodeError),
    }

    impl std::fmt::Display for CliError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                CliError::Usage(m) => write!(f, "{m}\n\n{USAGE}"),
                CliError::Io(p, e) => write!(f, "{}: {e}", p.display()),
                CliError::Decode(p, e) => write!(f, "{}: {e}", p.display()),
            }
        }
    }

    struct Args {
        format: Format,
        out: Option<PathBuf>,
        files: Vec<PathBuf>,
    }

    fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, CliError> {
        match args.next().as_deref() {
            Some("annotate") => {}
            Some("-h" | "--help") | None => {
                return Err(CliError::Usage(
                    "pizhu annotates Chinese economic news.".into(),
                ))
            }
            Some(other) => return Err(CliError::Usage(format!("unknown command `{other}`"))),
        }
        let mut a = Args {
            format: Format::Pizhu,
            out: None,
            files: Vec::new(),
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--out" | "-o" => {
                    let dir = args
                        .next()
                        .ok_or_else(|| CliError::Usage("--out needs a directory".into()))?;
                    a.out = Some(dir.into());
                }
                "--format" | "-f" => {
                    let f = args
                        .next()
                        .ok_or_else(|| CliError::Usage("--format needs a value".into()))?;
                    a.format = Format::parse(&f)
                        .ok_or_else(|| CliError::Usage(format!("unknown format `{f}`")))?;
                }
                "-h" | "--help" => return Err(CliError::Usage("".into())),
                s if s.starts_with('-') && s.len() > 1 => {
                    return Err(CliError::Usage(format!("unknown option `{s}`")))
                }
                _ => a.files.push(arg.into()),
            }
        }
        if a.files.is_empty() {
            return Err(CliError::Usage("no input files".into()));
        }
        Ok(a)
    }

    fn stem(path: &Path) -> String {
        path.file_stem()
            .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned())
    }

    fn annotate_file(path: &Path) -> Result<engine::Document, CliError> {
        let bytes = std::fs::read(path).map_err(|e| CliError::Io(path.into(), e))?;
        let decoded = decode::decode_file(&path.to_string_lossy(), &bytes)
            .map_err(|e| CliError::Decode(path.into(), e))?;
        let mut doc = engine::annotate(&stem(path), &decoded.text);
        doc.source = decoded.source;
        Ok(doc)
    }

    fn run() -> Result<bool, CliError> {
        let args = parse_args(std::env::args().skip(1))?;
        if let Some(dir) = &args.out {
            std::fs::create_dir_all(dir).map_err(|e| CliError::Io(dir.clone(), e))?;
        }
        let mut all_ok = true;
        for path in &args.files {
            let doc = match annotate_file(path) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("pizhu: {e}");
                    all_ok = false;
                    continue;
                }
            };
            for file in args.format.export(&doc) {
                match &args.out {
                    Some(dir) => {
                        let target = dir.join(format!("{}{}", stem(path), file.suffix));
                        std::fs::write(&target, file.content)
                            .map_err(|e| CliError::Io(target, e))?;
                    }
                    None if file.suffix == ".txt" => {} // brat's copy of the text: only with --out
                    None => print!("{}", file.content),
                }
            }
        }
        Ok(all_ok)
    }

    pub fn main() -> ExitCode {
        match run() {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e @ CliError::Usage(_)) => {
                eprintln!("pizhu: {e}");
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("pizhu: {e}");
                ExitCode::from(1)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
