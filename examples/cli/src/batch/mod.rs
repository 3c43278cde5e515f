//! `yibao batch`: a CSV or JSON Lines file of residents in, one answer per row out.
//!
//! # Design
//! Three stages run at once, joined by bounded channels so that memory stays a few
//! chunks whatever the file's size:
//!
//! 1. a reader thread cuts the input into chunks of whole records ([`reader`]: where the
//!    CSV parser ends a record, so a quoted field holding a line end stays one record;
//!    lines for JSON Lines);
//! 2. the calling thread splits each chunk into pieces of [`PIECE_LINES`] records and
//!    lets rayon read, quote and format them on every core ([`row`], [`answer`]);
//!    rayon's indexed `collect` keeps the pieces in input order;
//! 3. a writer thread writes the pieces in order and adds up their totals ([`tally`]),
//!    so the next chunk is computed while the last one is written.
//!
//! A row never stops the batch: whatever is wrong with it becomes its output row
//! (`status` `error`, the contract's error code and message, its line number). Only what
//! makes every row unreadable (an unreadable file, a header without the needed columns,
//! an unwritable output) ends it, with exit status 1, and so does an input that is not
//! empty but gives no row at all: exit 0 always means that rows were read.
//!
//! Everything a person reads (the `error_message` column, the notices and the summary
//! on stderr, the progress bar) is in the `--lang` of the command line, Chinese by
//! default; codes, ids and column names are the same in both.

mod answer;
mod reader;
mod row;
mod tally;

use crate::args::{BatchFlags, Format};
use crate::run::Exit;
use crate::words::{words, Words};
use answer::{Evaluated, MoneyText, Writer};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use reader::{Chunker, Piece, Records};
use row::{FieldReader, Fields, Header};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::Instant;
use tally::{Households, PieceHouseholds, Tally};
use yibao::message::Message;
use yibao::{Engine, Error, Lang};

/// Bytes of input read per chunk: some 64 000 rows of a typical file.
pub const DEFAULT_CHUNK_BYTES: usize = 4 << 20;

/// Records per unit of parallel work: small enough to balance the cores within a chunk,
/// large enough that the per-piece costs (a buffer, a tally) do not show.
const PIECE_LINES: usize = 2048;

/// Chunks waiting between two stages. One keeps every stage busy (each stage also holds
/// the chunk it works on); more would only hold more memory.
const IN_FLIGHT: usize = 1;

/// What a piece of rows came to.
struct Done<'e> {
    /// Its output lines.
    out: Vec<u8>,
    /// Its totals.
    tally: Tally,
    /// Its households (empty when the file has no household column).
    households: PieceHouseholds<'e>,
}

/// A chunk's answers, on their way to the writer.
struct Written<'e> {
    pieces: Vec<Done<'e>>,
    /// Input bytes the chunk covered (for the progress bar).
    input_bytes: u64,
}

/// Buffers handed back for reuse: fresh multi-megabyte buffers for every chunk would
/// cost page faults and the kernel's zeroing of every page, a tenth of the run.
struct Recycler {
    spare: Mutex<Vec<Vec<u8>>>,
    /// The most kept; the rest are freed.
    keep: usize,
}

impl Recycler {
    fn new(keep: usize) -> Recycler {
        Recycler {
            spare: Mutex::new(Vec::new()),
            keep,
        }
    }

    /// An empty buffer, recycled when one is spare.
    fn get(&self) -> Vec<u8> {
        self.spare
            .lock()
            .ok()
            .and_then(|mut s| s.pop())
            .unwrap_or_default()
    }

    /// Hands a buffer back.
    fn put(&self, mut v: Vec<u8>) {
        v.clear();
        if let Ok(mut s) = self.spare.lock() {
            if s.len() < self.keep {
                s.push(v);
            }
        }
    }
}

/// How rows are read.
#[derive(Clone, Copy)]
enum Input<'h> {
    Csv(&'h Header),
    Jsonl,
}

/// Everything a worker needs, shared by every piece.
#[derive(Clone, Copy)]
struct Job<'a> {
    engine: &'a Engine,
    /// Output buffers, recycled by the writer.
    outputs: &'a Recycler,
    policy: Option<&'a str>,
    input: Input<'a>,
    output: Format,
    households: bool,
    /// The language of the `error_message` column.
    lang: Lang,
}

/// Runs `yibao batch`, saying everything in `lang`.
pub fn run(engine: &Engine, flags: &BatchFlags, lang: Lang) -> Exit {
    match batch(engine, flags, lang) {
        Ok(()) => Exit::Ok,
        Err(message) => {
            // Messages may quote the input: `Words::get` masks every ID number.
            eprintln!("yibao batch: {}", message.get(lang));
            Exit::Request
        }
    }
}

/// An input or output error, with the system's own words (`e`) after ours.
fn io_error(e: &io::Error, zh: &str, en: &str) -> Words {
    words!("{zh}：{e}", "{en}: {e}")
}

fn batch(engine: &Engine, flags: &BatchFlags, lang: Lang) -> Result<(), Words> {
    let started = Instant::now();
    if let Some(p) = &flags.policy {
        engine.policy(p).map_err(|e| Words::of_error(&e))?;
    }
    let input_format = flags
        .input_format
        .or_else(|| flags.input.as_deref().map(Format::of_path))
        .unwrap_or(Format::Csv);
    let output_format = flags
        .output_format
        .or_else(|| flags.output.as_deref().map(Format::of_path))
        .unwrap_or(Format::Csv);

    let (source, input_size): (Box<dyn Read + Send>, Option<u64>) = match &flags.input {
        None => (Box::new(io::stdin()), None),
        Some(path) => {
            let shown = path.display();
            let file = File::open(path).map_err(|e| {
                io_error(
                    &e,
                    &format!("无法打开 {shown}"),
                    &format!("cannot open {shown}"),
                )
            })?;
            let size = file.metadata().ok().map(|m| m.len());
            (Box::new(file), size)
        }
    };
    let mut sink: Box<dyn Write + Send> = match &flags.output {
        None => Box::new(io::stdout()),
        Some(path) => Box::new(File::create(path).map_err(|e| cannot_create(path, &e))?),
    };

    let chunk_bytes = flags.chunk_bytes.unwrap_or(DEFAULT_CHUNK_BYTES);
    let mut header_bytes = 0u64;
    let mut chunker = match input_format {
        Format::Jsonl => Source::Lines(Chunker::new(source, chunk_bytes)),
        Format::Csv => Source::Records(Box::new(Records::new(source, chunk_bytes))),
    };
    let header = match &mut chunker {
        Source::Lines(_) => None,
        Source::Records(records) => {
            let (_, raw) = records
                .header()
                .map_err(|e| cannot_read(&e))?
                .ok_or_else(|| {
                    words!(
                        "输入为空：CSV 文件须以表头行开始",
                        "the input is empty: a CSV file starts with a header line"
                    )
                })?;
            header_bytes = u64::try_from(raw.len()).unwrap_or(0);
            let text = std::str::from_utf8(&raw)
                .map_err(|_| words!("表头行不是 UTF-8 文本", "the header line is not UTF-8"))?;
            let header = Header::parse(text, flags.policy.is_some())?;
            if let Some(notice) = header.ignored_notice() {
                eprintln!("yibao batch: {}", notice.get(lang));
            }
            Some(header)
        }
    };
    if let (Some(h), Some(path)) = (&header, &flags.household_totals) {
        if !h.has_household() {
            let path = path.display();
            let notice = words!(
                "输入没有 household 列：{path} 中不会列出任何户",
                "the input has no `household` column: {path} will list no household"
            );
            eprintln!("yibao batch: {}", notice.get(lang));
        }
    }
    let households = match &header {
        Some(h) => h.has_household(),
        // JSON Lines rows name their keys row by row: a household map is kept when
        // asked for, and its summary shown when any row had a key.
        None => true,
    };
    if output_format == Format::Csv {
        write_line(&mut sink, answer::CSV_COLUMNS.join(",").as_bytes())?;
    }

    let progress = progress_bar(flags, input_size, lang);
    progress.inc(header_bytes);
    let inputs = Recycler::new(IN_FLIGHT + 2);
    let outputs = Recycler::new(64 * (IN_FLIGHT + 2));
    let job = Job {
        engine,
        outputs: &outputs,
        policy: flags.policy.as_deref(),
        input: match &header {
            Some(h) => Input::Csv(h),
            None => Input::Jsonl,
        },
        output: output_format,
        households,
        lang,
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(flags.threads.unwrap_or(0))
        .build()
        .map_err(|e| {
            words!(
                "无法启动工作线程：{e}",
                "cannot start the worker threads: {e}"
            )
        })?;

    let mut input_bytes = 0u64;
    let (totals, all_households) = std::thread::scope(|scope| {
        let (to_compute, from_reader) = sync_channel::<io::Result<Piece>>(IN_FLIGHT);
        let (to_writer, from_compute) = sync_channel::<Written>(IN_FLIGHT);
        let inputs = &inputs;
        let reader = scope.spawn(move || read_all(chunker, inputs, &to_compute));
        let progress_w = progress.clone();
        let outputs = &outputs;
        let writer =
            scope.spawn(move || write_all(sink, outputs, &from_compute, &progress_w, lang));
        let computed = compute_all(job, &pool, inputs, &from_reader, &to_writer);
        // Closing the channel tells the writer that no more chunks come.
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(words!("写出线程出错", "the writer thread failed")));
        let bytes_read = reader.join().unwrap_or(0);
        computed.and(written).map(|(t, h)| (t, h, bytes_read))
    })
    .map(|(t, h, bytes_read)| {
        input_bytes = bytes_read;
        (t, h)
    })?;
    // Exit 0 means rows were read: a file that gives none (a header alone, blank lines,
    // a file whose records could not be told apart) is not a batch that went well.
    if totals.rows == 0 && (header.is_some() || input_bytes > 0) {
        return Err(match header {
            Some(_) => words!(
                "输入只有表头行，没有数据行",
                "the input has a header line but no rows"
            ),
            None => words!(
                "输入不为空，但没有任何一行数据",
                "the input is not empty but holds no row"
            ),
        });
    }
    progress.finish_and_clear();

    let shown_households = all_households.as_ref().filter(|h| h.len() > 0);
    if let (Some(path), Some(h)) = (&flags.household_totals, &all_households) {
        let mut file = io::BufWriter::new(File::create(path).map_err(|e| cannot_create(path, &e))?);
        h.write(&mut file, Format::of_path(path)).map_err(|e| {
            let shown = path.display();
            io_error(
                &e,
                &format!("无法写入 {shown}"),
                &format!("cannot write {shown}"),
            )
        })?;
    }
    let seconds = started.elapsed().as_secs_f64();
    eprint!(
        "{}",
        tally::summary(&totals, shown_households, seconds, lang)
    );
    Ok(())
}

fn cannot_create(path: &std::path::Path, e: &io::Error) -> Words {
    let shown = path.display();
    io_error(
        e,
        &format!("无法创建 {shown}"),
        &format!("cannot create {shown}"),
    )
}

fn cannot_read(e: &io::Error) -> Words {
    io_error(e, "无法读取输入", "cannot read the input")
}

fn cannot_write(e: &io::Error) -> Words {
    io_error(e, "无法写出结果", "cannot write the output")
}

fn progress_bar(flags: &BatchFlags, size: Option<u64>, lang: Lang) -> ProgressBar {
    if flags.no_progress || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match size {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = match (size.is_some(), lang) {
        (true, Lang::Zh) => {
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes}（剩余 {eta}）{msg}"
        }
        (true, Lang::En) => {
            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}"
        }
        (false, Lang::Zh) => "{spinner} [{elapsed_precise}] 已读 {bytes} {msg}",
        (false, Lang::En) => "{spinner} [{elapsed_precise}] {bytes} read {msg}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn write_line(sink: &mut impl Write, bytes: &[u8]) -> Result<(), Words> {
    sink.write_all(bytes)
        .and_then(|()| sink.write_all(b"\n"))
        .map_err(|e| cannot_write(&e))
}

/// Where rows come from: CSV records or JSON Lines.
enum Source<R> {
    Records(Box<Records<R>>),
    Lines(Chunker<R>),
}

impl<R: Read> Source<R> {
    fn next_piece(&mut self, buf: Vec<u8>) -> io::Result<Option<Piece>> {
        match self {
            Source::Records(r) => r.next_piece(buf),
            Source::Lines(c) => c.next_piece(buf),
        }
    }

    fn bytes_read(&self) -> u64 {
        match self {
            Source::Records(r) => r.bytes_read(),
            Source::Lines(c) => c.bytes_read(),
        }
    }
}

/// Stage 1: the input, chunk by chunk, to the computing thread; returns the bytes read.
fn read_all<R: Read>(
    mut chunker: Source<R>,
    inputs: &Recycler,
    to: &SyncSender<io::Result<Piece>>,
) -> u64 {
    loop {
        let next = chunker.next_piece(inputs.get()).transpose();
        let stop = !matches!(next, Some(Ok(_)));
        let Some(item) = next else {
            return chunker.bytes_read();
        };
        // A closed channel means the batch stopped (an unwritable output): stop reading.
        if to.send(item).is_err() || stop {
            return chunker.bytes_read();
        }
    }
}

/// Stage 2: every chunk read, computed on the pool's threads, to the writer.
fn compute_all<'e>(
    job: Job<'e>,
    pool: &rayon::ThreadPool,
    inputs: &Recycler,
    from: &Receiver<io::Result<Piece>>,
    to: &SyncSender<Written<'e>>,
) -> Result<(), Words> {
    for piece in from {
        let piece = piece.map_err(|e| cannot_read(&e))?;
        let written = match piece {
            Piece::Overlong { line, bytes } => {
                let mut done = Done {
                    out: job.outputs.get(),
                    tally: Tally::default(),
                    households: PieceHouseholds::default(),
                };
                let e = overlong();
                let ev = Evaluated {
                    id: answer::Shown::None,
                    birth: None,
                    policy: None,
                    policy_text: None,
                    result: Err(e),
                };
                let mut money = MoneyText::default();
                Writer {
                    format: job.output,
                    money: &mut money,
                    lang: job.lang,
                }
                .row(&mut done.out, line, &ev);
                done.tally.failed(yibao::ErrorCode::InvalidRequest, line);
                Written {
                    pieces: vec![done],
                    input_bytes: bytes,
                }
            }
            Piece::Lines { data, first_line } => {
                let rows: Vec<(u64, &[u8])> = (first_line..).zip(split_lines(&data)).collect();
                let pieces = compute_rows(job, pool, &rows);
                let input_bytes = u64::try_from(data.len()).unwrap_or(0);
                drop(rows);
                inputs.put(data);
                Written {
                    pieces,
                    input_bytes,
                }
            }
            Piece::Records { data, records } => {
                let mut rows = Vec::with_capacity(records.len());
                let mut start = 0usize;
                for r in &records {
                    rows.push((r.line, data.get(start..r.end).unwrap_or_default()));
                    start = r.end;
                }
                let pieces = compute_rows(job, pool, &rows);
                let input_bytes = u64::try_from(data.len()).unwrap_or(0);
                drop(rows);
                inputs.put(data);
                Written {
                    pieces,
                    input_bytes,
                }
            }
        };
        if to.send(written).is_err() {
            // The writer stopped; it reports why.
            return Ok(());
        }
    }
    Ok(())
}

/// Every row of a chunk, computed in pieces of [`PIECE_LINES`] on the pool's threads.
fn compute_rows<'e>(
    job: Job<'e>,
    pool: &rayon::ThreadPool,
    rows: &[(u64, &[u8])],
) -> Vec<Done<'e>> {
    pool.install(|| {
        rows.par_chunks(PIECE_LINES)
            .map_init(
                || (MoneyText::default(), FieldReader::default()),
                |(money, fields), part| compute_piece(job, money, fields, part),
            )
            .collect()
    })
}

/// The error of a line or record longer than [`reader::MAX_LINE`].
fn overlong() -> Error {
    Error::request(Message::RecordTooLong {
        max: reader::MAX_LINE,
    })
}

/// The lines of a chunk, without their line ends (LF, CRLF or CR alone; the last may
/// have none).
fn split_lines(data: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::with_capacity(data.len() / 48 + 1);
    lines.extend(reader::line_spans(data));
    lines
}

/// Reads, quotes and formats one piece of rows (each its line number and bytes).
fn compute_piece<'e>(
    job: Job<'e>,
    money: &mut MoneyText,
    reader: &mut FieldReader,
    rows: &[(u64, &[u8])],
) -> Done<'e> {
    let mut out = job.outputs.get();
    out.reserve(rows.len() * 160);
    let mut done = Done {
        out,
        tally: Tally::default(),
        households: PieceHouseholds::default(),
    };
    let mut writer = Writer {
        format: job.output,
        money,
        lang: job.lang,
    };
    for &(line_no, raw) in rows {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // The same limit whether or not the record happened to fit in one chunk.
        let fields = if raw.len() > reader::MAX_LINE {
            Err(overlong())
        } else {
            Ok(raw)
        };
        let fields = fields
            .and_then(|raw| {
                std::str::from_utf8(raw).map_err(|e| {
                    Error::request(Message::RowNotUtf8 {
                        byte: e.valid_up_to() + 1,
                    })
                })
            })
            .and_then(|text| match job.input {
                Input::Csv(h) => h.fields(reader, text.as_bytes()),
                Input::Jsonl => Fields::from_json(text),
            });
        let ev = match &fields {
            Ok(f) => answer::evaluate(job.engine, job.policy, f),
            Err(e) => Evaluated {
                id: answer::Shown::None,
                birth: None,
                policy: None,
                policy_text: None,
                result: Err(e.clone()),
            },
        };
        writer.row(&mut done.out, line_no, &ev);
        match &ev.result {
            Ok(o) => done.tally.quoted(ev.policy, o),
            Err(e) => done.tally.failed(e.code(), line_no),
        }
        if job.households {
            if let Some(key) = fields.as_ref().ok().and_then(|f| f.household.as_deref()) {
                done.households
                    .member(key, line_no, ev.policy, ev.result.as_ref().ok());
            }
        }
    }
    done
}

/// Stage 3: the answers, in input order, to the output; returns the totals.
fn write_all<'e>(
    mut sink: Box<dyn Write + Send>,
    outputs: &Recycler,
    from: &Receiver<Written<'e>>,
    progress: &ProgressBar,
    lang: Lang,
) -> Result<(Tally, Option<Households<'e>>), Words> {
    let mut totals = Tally::default();
    let mut households = Households::default();
    for chunk in from {
        for piece in chunk.pieces {
            sink.write_all(&piece.out).map_err(|e| match e.kind() {
                io::ErrorKind::BrokenPipe => words!(
                    "输出在写完之前被关闭",
                    "the output was closed before the end"
                ),
                _ => cannot_write(&e),
            })?;
            outputs.put(piece.out);
            totals.add(&piece.tally);
            households.add(piece.households);
        }
        progress.inc(chunk.input_bytes);
        let rows = totals.rows;
        progress.set_message(match lang {
            Lang::Zh => format!("{rows} 行"),
            Lang::En => format!("{rows} rows"),
        });
    }
    sink.flush().map_err(|e| cannot_write(&e))?;
    Ok((totals, Some(households)))
}
