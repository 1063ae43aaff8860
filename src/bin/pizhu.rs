//! `pizhu`: the command-line interface, a thin adapter over the engine.
//!
//! ```text
//! pizhu annotate [--format FORMAT] [--out DIR] [--threads N] FILE|DIR...
//! pizhu annotate --jsonl [--format pizhu|doccano] [--out FILE] [--threads N] FILE|-...
//! ```
//! With `--out`, writes `DIR/<file stem><suffix>` for each input (`.json` for
//! pizhu; brat writes `.ann` beside a copy of the `.txt`); without, prints
//! each export to standard output. The JSON is byte-identical to
//! what the page downloads for the same text.
//!
//! A directory is read recursively (its `.txt`, `.html`, `.htm`, `.docx` and
//! `.md` files, in sorted order); with `--out` the files of its subdirectories
//! go to the same subdirectories of `DIR`. With `--jsonl`, each input line is a
//! JSON object with `text` (and optionally `name` or `id`), and each output
//! line is the compact pizhu JSON of that text, in input order.
//!
//! Documents are annotated on `--threads` threads (default: every core) and
//! written in input order; at most a few documents per thread are held in
//! memory at a time. A bad file or line is reported (name and reason) and the
//! others still come out; the exit status is then 1.
#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use pizhu::engine::formats::{ExportFile, Format};
    use pizhu::engine::{self, decode};
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    const USAGE: &str =
        "usage: pizhu annotate [--format FORMAT] [--out DIR] [--threads N] FILE|DIR...\n       \
        pizhu annotate --jsonl [--format pizhu|doccano] [--out FILE] [--threads N] FILE|-...\n\n\
        Annotates each FILE (.txt in UTF-8/UTF-16/GB18030/Big5, .html, .docx, .md)\n\
        and writes its annotations: to DIR/<file stem>.json\n\
        (or the format's suffix) with --out, else to standard output.\n\
        A DIR is read recursively: its .txt, .html, .htm, .docx and .md files,\n\
        in sorted order (subdirectories are mirrored under --out DIR).\n\n\
        --jsonl: each input (a file, or - for standard input) holds one JSON\n\
        object per line, {\"text\": ..., \"name\": ... or \"id\": ...}; writes one\n\
        compact JSON per line, in input order, to standard output or --out FILE.\n\
        --threads N: annotate on N threads (default: every core).\n\n\
        FORMAT: pizhu (default, JSON), doccano (JSONL), labelstudio (tasks JSON,\n\
        UTF-16 offsets), brat (.ann + .txt standoff), csv (metrics table).";

    /// File extensions read from a directory.
    const EXTENSIONS: [&str; 5] = ["txt", "html", "htm", "docx", "md"];

    #[derive(Debug)]
    enum CliError {
        Usage(String),
        Io(PathBuf, std::io::Error),
    }

    impl std::fmt::Display for CliError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                CliError::Usage(m) => write!(f, "{m}\n\n{USAGE}"),
                CliError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            }
        }
    }

    struct Args {
        format: Format,
        out: Option<PathBuf>,
        jsonl: bool,
        threads: usize,
        inputs: Vec<String>,
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
            jsonl: false,
            threads: 0,
            inputs: Vec::new(),
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--out" | "-o" => {
                    let dir = args
                        .next()
                        .ok_or_else(|| CliError::Usage("--out needs a path".into()))?;
                    a.out = Some(dir.into());
                }
                "--format" | "-f" => {
                    let f = args
                        .next()
                        .ok_or_else(|| CliError::Usage("--format needs a value".into()))?;
                    a.format = Format::parse(&f)
                        .ok_or_else(|| CliError::Usage(format!("unknown format `{f}`")))?;
                }
                "--jsonl" => a.jsonl = true,
                "--threads" | "-j" => {
                    let n = args
                        .next()
                        .ok_or_else(|| CliError::Usage("--threads needs a number".into()))?;
                    a.threads = match n.parse() {
                        Ok(n) if n > 0 => n,
                        _ => {
                            return Err(CliError::Usage(format!(
                                "--threads needs a number of at least 1, not `{n}`"
                            )))
                        }
                    };
                }
                "-h" | "--help" => return Err(CliError::Usage("".into())),
                s if s.starts_with('-') && s.len() > 1 => {
                    return Err(CliError::Usage(format!("unknown option `{s}`")))
                }
                _ => a.inputs.push(arg),
            }
        }
        if a.inputs.is_empty() {
            return Err(CliError::Usage("no input files".into()));
        }
        if a.jsonl && !matches!(a.format, Format::Pizhu | Format::Doccano) {
            return Err(CliError::Usage(format!(
                "--jsonl writes pizhu or doccano, not {}",
                a.format.as_str()
            )));
        }
        if a.threads == 0 {
            a.threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        }
        Ok(a)
    }

    fn stem(path: &Path) -> String {
        path.file_stem()
            .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned())
    }

    // ---- inputs -------------------------------------------------------------

    /// One unit of work, in input order.
    enum Job {
        /// A file to annotate; `sub` is its directory relative to the directory
        /// argument it was found in (empty for a file argument).
        File { path: PathBuf, sub: PathBuf },
        /// One line of a JSONL input: `origin:line` names it in messages.
        Line {
            origin: Arc<str>,
            line: usize,
            bytes: Vec<u8>,
        },
        /// An input that could not be read at all.
        Failed(String),
    }

    impl Job {
        /// How messages name this job.
        fn label(&self) -> String {
            match self {
                Job::File { path, .. } => path.display().to_string(),
                Job::Line { origin, line, .. } => format!("{origin}:{line}"),
                Job::Failed(m) => m.clone(),
            }
        }
    }

    /// The files of `dir`, recursively, sorted; hidden entries are skipped.
    fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        fn go(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
            for entry in std::fs::read_dir(root.join(rel))? {
                let entry = entry?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let rel = rel.join(&name);
                let ft = entry.file_type()?;
                if ft.is_dir() {
                    go(root, &rel, out)?;
                } else if has_text_extension(&rel) && root.join(&rel).is_file() {
                    out.push(rel);
                }
            }
            Ok(())
        }
        let mut out = Vec::new();
        go(dir, Path::new(""), &mut out)?;
        out.sort();
        Ok(out)
    }

    fn has_text_extension(path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
    }

    /// The jobs of file and directory arguments (the list of paths, not their content).
    fn file_jobs(inputs: &[String]) -> Vec<Job> {
        let mut jobs = Vec::new();
        for input in inputs {
            let path = PathBuf::from(input);
            if !path.is_dir() {
                jobs.push(Job::File {
                    path,
                    sub: PathBuf::new(),
                });
                continue;
            }
            match walk(&path) {
                Ok(files) if files.is_empty() => jobs.push(Job::Failed(format!(
                    "{input}: no .txt, .html, .htm, .docx or .md files in this directory"
                ))),
                Ok(files) => jobs.extend(files.into_iter().map(|rel| Job::File {
                    path: path.join(&rel),
                    sub: rel.parent().map(Path::to_path_buf).unwrap_or_default(),
                })),
                Err(e) => jobs.push(Job::Failed(format!("{input}: {e}"))),
            }
        }
        jobs
    }

    /// Reads the JSONL inputs line by line, handing each line to `send`; stops
    /// early (returning false) when `send` does.
    fn read_jsonl(inputs: &[String], mut send: impl FnMut(Job) -> bool) -> bool {
        for input in inputs {
            let (origin, reader): (Arc<str>, Box<dyn Read>) = if input == "-" {
                ("stdin".into(), Box::new(std::io::stdin()))
            } else {
                match std::fs::File::open(input) {
                    Ok(f) => (input.as_str().into(), Box::new(f)),
                    Err(e) => {
                        if !send(Job::Failed(format!("{input}: {e}"))) {
                            return false;
                        }
                        continue;
                    }
                }
            };
            let mut reader = BufReader::with_capacity(1 << 16, reader);
            let mut line = 0;
            loop {
                let mut bytes = Vec::new();
                line += 1;
                match reader.read_until(b'\n', &mut bytes) {
                    Ok(0) => break,
                    Ok(_) => {
                        let job = Job::Line {
                            origin: origin.clone(),
                            line,
                            bytes,
                        };
                        if !send(job) {
                            return false;
                        }
                    }
                    Err(e) => {
                        if !send(Job::Failed(format!("{origin}:{line}: {e}"))) {
                            return false;
                        }
                        break;
                    }
                }
            }
        }
        true
    }

    // ---- work ---------------------------------------------------------------

    /// What a job produced: the files to write (or nothing, for a blank
    /// line), how many input bytes it read, or why it failed.
    struct Done {
        result: Result<Output, String>,
        bytes: u64,
    }

    enum Output {
        Files {
            files: Vec<ExportFile>,
            stem: String,
            sub: PathBuf,
        },
        Line(String),
        Nothing,
    }

    fn annotate_file(path: &Path, sub: PathBuf, format: Format) -> (Result<Output, String>, u64) {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return (Err(format!("{}: {e}", path.display())), 0),
        };
        let n = bytes.len() as u64;
        let decoded = match decode::decode_file(&path.to_string_lossy(), &bytes) {
            Ok(d) => d,
            Err(e) => return (Err(format!("{}: {e}", path.display())), n),
        };
        drop(bytes);
        if decoded.replaced > 0 {
            eprintln!(
                "{}: warning: {} invalid byte sequence(s) in {} replaced by U+FFFD",
                path.display(),
                decoded.replaced,
                decoded.source.encoding
            );
        }
        let mut doc = engine::annotate(&stem(path), &decoded.text);
        doc.source = decoded.source;
        let files = format.export(&doc);
        (
            Ok(Output::Files {
                files,
                stem: stem(path),
                sub,
            }),
            n,
        )
    }

    /// One JSONL input line.
    #[derive(serde::Deserialize)]
    #[serde(expecting = "a JSON object with \"text\"")]
    struct LineIn {
        text: String,
        name: Option<String>,
        id: Option<serde_json::Value>,
    }

    /// serde_json's message without its position inside the line (always line 1).
    fn json_error(e: &serde_json::Error) -> String {
        let m = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        match m.strip_suffix(&at) {
            Some(head) => format!("{head} (column {})", e.column()),
            None => m,
        }
    }

    fn annotate_line(
        origin: &str,
        line: usize,
        bytes: &[u8],
        format: Format,
    ) -> Result<Output, String> {
        let at = |m: String| format!("{origin}:{line}: {m}");
        let s = std::str::from_utf8(bytes).map_err(|e| at(format!("not UTF-8 ({e})")))?;
        let s = s.trim_end_matches(['\n', '\r']);
        if s.trim().is_empty() {
            return Ok(Output::Nothing);
        }
        let input: LineIn =
            serde_json::from_str(s).map_err(|e| at(format!("bad JSON: {}", json_error(&e))))?;
        let name = match (input.name, input.id) {
            (Some(name), _) => name,
            (None, Some(serde_json::Value::String(id))) => id,
            (None, Some(serde_json::Value::Number(id))) => id.to_string(),
            (None, None | Some(serde_json::Value::Null)) => {
                format!("{}-{line}", stem(Path::new(origin)))
            }
            (None, Some(_)) => return Err(at("`id` must be a string or a number".into())),
        };
        let doc = engine::annotate(&name, &input.text);
        let mut out = match format {
            Format::Doccano => pizhu::engine::formats::doccano(&doc),
            _ => {
                let mut s = serde_json::to_string(&doc).expect("a Document always serialises");
                s.push('\n');
                s
            }
        };
        if !out.ends_with('\n') {
            out.push('\n');
        }
        Ok(Output::Line(out))
    }

    fn work(job: Job, format: Format) -> Done {
        match job {
            Job::File { path, sub } => {
                let (result, bytes) = annotate_file(&path, sub, format);
                Done { result, bytes }
            }
            Job::Line {
                origin,
                line,
                bytes,
            } => Done {
                result: annotate_line(&origin, line, &bytes, format),
                bytes: bytes.len() as u64,
            },
            Job::Failed(m) => Done {
                result: Err(m),
                bytes: 0,
            },
        }
    }

    // ---- progress -----------------------------------------------------------

    /// A one-line progress bar on standard error, drawn only when it is a terminal.
    struct Progress {
        on: bool,
        total: Option<usize>,
        docs: usize,
        bytes: u64,
        start: Instant,
        last: Option<Instant>,
    }

    impl Progress {
        fn new(total: Option<usize>) -> Self {
            Progress {
                on: std::io::stderr().is_terminal(),
                total,
                docs: 0,
                bytes: 0,
                start: Instant::now(),
                last: None,
            }
        }

        fn step(&mut self, bytes: u64, doc: bool) {
            self.docs += usize::from(doc);
            self.bytes += bytes;
            if !self.on {
                return;
            }
            let now = Instant::now();
            let finished = self.total == Some(self.docs);
            if finished
                || self
                    .last
                    .is_none_or(|t| now - t >= Duration::from_millis(100))
            {
                self.last = Some(now);
                self.draw();
            }
        }

        fn draw(&self) {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            let rate = self.bytes as f64 / secs / 1e6;
            let line = match self.total {
                Some(total) if total > 0 => {
                    const W: usize = 30;
                    let filled = W * self.docs.min(total) / total;
                    let bar: String = (0..W)
                        .map(|i| match i.cmp(&filled) {
                            std::cmp::Ordering::Less => '=',
                            std::cmp::Ordering::Equal => '>',
                            std::cmp::Ordering::Greater => ' ',
                        })
                        .collect();
                    format!("[{bar}] {}/{total} docs {rate:.1} MB/s", self.docs)
                }
                _ => format!("{} docs {rate:.1} MB/s", self.docs),
            };
            eprint!("\r{line}\x1b[K");
        }

        /// Prints an error on its own line, above the bar.
        fn error(&self, message: &str) {
            if self.on && self.last.is_some() {
                eprint!("\r\x1b[K");
            }
            eprintln!("pizhu: {message}");
            if self.on && self.last.is_some() {
                self.draw();
            }
        }

        fn finish(&self) {
            if self.on && self.last.is_some() {
                eprint!("\r\x1b[K");
            }
        }
    }

    // ---- output -------------------------------------------------------------

    /// Writes results in input order.
    struct Writer {
        out: Option<PathBuf>,
        jsonl: bool,
        stdout: Box<dyn Write>,
    }

    impl Writer {
        fn new(args: &Args) -> Result<Self, CliError> {
            let stdout: Box<dyn Write> = match (&args.out, args.jsonl) {
                (Some(file), true) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(file).map_err(|e| CliError::Io(file.clone(), e))?,
                )),
                _ => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            if let (Some(dir), false) = (&args.out, args.jsonl) {
                std::fs::create_dir_all(dir).map_err(|e| CliError::Io(dir.clone(), e))?;
            }
            Ok(Writer {
                out: args.out.clone(),
                jsonl: args.jsonl,
                stdout,
            })
        }

        fn stdout_error(&self, e: std::io::Error) -> CliError {
            match (&self.out, self.jsonl) {
                (Some(file), true) => CliError::Io(file.clone(), e),
                _ => CliError::Io("standard output".into(), e),
            }
        }

        fn write(&mut self, output: Output) -> Result<(), CliError> {
            match output {
                Output::Nothing => {}
                Output::Line(line) => self
                    .stdout
                    .write_all(line.as_bytes())
                    .map_err(|e| self.stdout_error(e))?,
                Output::Files { files, stem, sub } => {
                    for file in files {
                        match &self.out {
                            Some(dir) => {
                                let dir = dir.join(&sub);
                                if !sub.as_os_str().is_empty() {
                                    std::fs::create_dir_all(&dir)
                                        .map_err(|e| CliError::Io(dir.clone(), e))?;
                                }
                                let target = dir.join(format!("{stem}{}", file.suffix));
                                std::fs::write(&target, file.content)
                                    .map_err(|e| CliError::Io(target, e))?;
                            }
                            // brat's copy of the text: only with --out
                            None if file.suffix == ".txt" => {}
                            None => self
                                .stdout
                                .write_all(file.content.as_bytes())
                                .map_err(|e| self.stdout_error(e))?,
                        }
                    }
                }
            }
            Ok(())
        }

        fn finish(mut self) -> Result<(), CliError> {
            self.stdout.flush().map_err(|e| self.stdout_error(e))
        }
    }

    // ---- the pipeline -------------------------------------------------------

    fn run() -> Result<bool, CliError> {
        let args = parse_args(std::env::args().skip(1))?;
        let mut writer = Writer::new(&args)?;
        let format = args.format;
        let threads = args.threads;
        // Documents read but not yet written: bounds memory whatever the corpus size.
        let window = threads * 4;

        let file_jobs = (!args.jsonl).then(|| file_jobs(&args.inputs));
        let mut progress = Progress::new(file_jobs.as_ref().map(Vec::len));
        let mut all_ok = true;

        std::thread::scope(|scope| -> Result<(), CliError> {
            // Tokens: one per document in flight; the producer takes one before
            // reading a document, the writer gives it back after writing it.
            let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
            for _ in 0..window {
                token_tx.send(()).expect("the receiver is alive");
            }
            let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Job)>(window);
            let (done_tx, done_rx) = mpsc::channel::<(usize, Done)>();

            let inputs = &args.inputs;
            scope.spawn(move || {
                let mut index = 0;
                let mut send = |job: Job| {
                    if token_rx.recv().is_err() {
                        return false; // the writer has stopped
                    }
                    let ok = job_tx.send((index, job)).is_ok();
                    index += 1;
                    ok
                };
                match file_jobs {
                    Some(jobs) => {
                        for job in jobs {
                            if !send(job) {
                                break;
                            }
                        }
                    }
                    None => {
                        read_jsonl(inputs, send);
                    }
                }
            });

            let job_rx = Arc::new(Mutex::new(job_rx));
            for _ in 0..threads {
                let job_rx = Arc::clone(&job_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || loop {
                    let next = job_rx.lock().expect("no worker panics holding it").recv();
                    let Ok((index, job)) = next else { break };
                    let label = job.label();
                    // An engine panic fails this document, not the run.
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        work(job, format)
                    }))
                    .unwrap_or_else(|_| Done {
                        result: Err(format!("{label}: internal error (the engine panicked)")),
                        bytes: 0,
                    });
                    if done_tx.send((index, done)).is_err() {
                        break;
                    }
                });
            }
            drop(done_tx);

            // Write in input order, holding back results that arrive early.
            let mut pending = BTreeMap::new();
            let mut next = 0;
            for (index, done) in done_rx {
                pending.insert(index, done);
                while let Some(done) = pending.remove(&next) {
                    next += 1;
                    let doc = !matches!(done.result, Ok(Output::Nothing));
                    match done.result {
                        Ok(output) => writer.write(output)?,
                        Err(message) => {
                            progress.error(&message);
                            all_ok = false;
                        }
                    }
                    progress.step(done.bytes, doc);
                    // The producer may have finished: then nobody listens.
                    let _ = token_tx.send(());
                }
            }
            Ok(())
        })?;
        progress.finish();
        writer.finish()?;
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
            // the reader went away (`pizhu annotate … | head`): stop quietly, as
            // other command-line tools do
            Err(CliError::Io(_, e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                ExitCode::SUCCESS
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
