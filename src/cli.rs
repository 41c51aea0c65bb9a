//! Subcommands for scripts, over the same report and search as the browser.

use crate::report::{self, Loaded, NodeId, excerpt, export};
use crate::search;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `--version`: the version, and the licence of the dictionary built into the binary.
const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\nReading dictionary: mecab-ipadic-2.7.0-20070801 (IPADIC), Copyright 2000-2003 Nara \
     Institute of Science and Technology, with ICOT Free Software entries; used under its \
     licence, given whole in NOTICE."
);

#[derive(Debug, Parser)]
#[command(
    name = "senryaku",
    version,
    long_version = LONG_VERSION,
    about = "A terminal browser for 「健康・医療戦略の実行状況及び今後の取組方針 2018」",
    long_about = "A terminal browser for Japan's Health and Medical Strategy follow-up report, \
                  「健康・医療戦略の実行状況及び今後の取組方針 2018」.\n\n\
                  With no subcommand, opens FILE (default: the embedded 2018 report) full-screen.",
    args_conflicts_with_subcommands = true
)]
/// The command line.
pub struct Cli {
    /// Report to open (UTF-8 or Shift_JIS text); default: the embedded 2018 report
    pub file: Option<PathBuf>,
    /// A second edition: the two are compared, the newer shown with the older's plans beside
    /// its results (either order: the earlier fiscal years are the older)
    #[arg(value_name = "OTHER")]
    pub other: Option<PathBuf>,
    /// An earlier edition to compare the report with (as `senryaku OLD NEW`)
    #[arg(long, value_name = "OLD", conflicts_with = "other")]
    pub compare: Option<PathBuf>,
    /// Report to open, as every subcommand takes it
    #[arg(
        long = "file",
        short = 'f',
        value_name = "PATH",
        conflicts_with = "file"
    )]
    pub file_option: Option<PathBuf>,
    /// Refuse files larger than this many megabytes
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_size: u64,
    /// Leave the mouse to the terminal, so its own text selection works (Alt-m toggles)
    #[arg(long)]
    pub no_mouse: bool,
    /// How the browser copies excerpts (y, Y, c)
    #[arg(
        long,
        value_enum,
        env = "SENRYAKU_COPY_FORMAT",
        default_value = "plain"
    )]
    pub copy_format: CopyFormat,
    /// How wide the terminal draws East Asian Ambiguous glyphs (①, Ⅰ, ―): asked of the
    /// terminal at start (auto), or forced
    #[arg(long, value_enum, env = "SENRYAKU_AMBIGUOUS", default_value = "auto")]
    pub ambiguous: Ambiguous,
    /// Shell command that receives copied text on stdin, instead of tmux or a clipboard program
    /// (an OSC 52 sequence is still sent to the terminal)
    #[arg(long, value_name = "CMD", env = "SENRYAKU_CLIPBOARD")]
    pub clipboard_cmd: Option<String>,
    /// A subcommand; none opens the browser.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How wide Ambiguous glyphs are drawn.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Ambiguous {
    /// Ask the terminal (a cursor-position query at start); two columns if it does not say.
    Auto,
    /// Two columns, as CJK terminals draw them (the layout keeps the second blank either way).
    Wide,
    /// One column, as most Western terminal setups draw them.
    Narrow,
}

/// How the browser copies.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CopyFormat {
    /// Plain text, one bullet a line.
    Plain,
    /// A Markdown quote.
    Markdown,
}

impl From<CopyFormat> for excerpt::Format {
    fn from(f: CopyFormat) -> Self {
        match f {
            CopyFormat::Plain => excerpt::Format::Plain,
            CopyFormat::Markdown => excerpt::Format::Markdown,
        }
    }
}

/// A section of a measure on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SectionArg {
    /// Ⅰ: what was done.
    Results,
    /// Ⅱ: what is planned.
    Plans,
}

impl From<SectionArg> for report::Fy {
    fn from(s: SectionArg) -> Self {
        match s {
            SectionArg::Results => report::Fy::Results,
            SectionArg::Plans => report::Fy::Plans,
        }
    }
}

/// The `--file` option every subcommand takes.
#[derive(Debug, Args, Clone)]
pub struct FileArg {
    /// Report to read instead of the embedded 2018 report
    #[arg(long, short = 'f', value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,
    /// Refuse files larger than this many megabytes
    #[arg(long, value_name = "MB", default_value_t = 256, global = true)]
    pub max_size: u64,
}

/// A section and an item of a measure, as `show` and `note add` take them.
#[derive(Debug, Args, Clone)]
pub struct PlaceArgs {
    /// The section of this fiscal year, as the document names it (the 2018 report: 2017 for
    /// its results, 2018 for its plans)
    #[arg(long, value_name = "YEAR", group = "which")]
    pub fy: Option<u32>,
    /// The section of the measure
    #[arg(long, value_enum, group = "which")]
    pub section: Option<SectionArg>,
    /// The bullet of the section, 1-based; N.M for its M-th sub-item
    #[arg(long, value_name = "N[.M]", requires = "which")]
    pub item: Option<String>,
}

impl PlaceArgs {
    /// The section and the place in it the arguments name in measure `m` (`None`: the whole
    /// measure; no item: the whole section).
    fn resolve(
        &self,
        loaded: &Loaded,
        m: &report::Measure,
    ) -> Result<Option<(report::Fy, Option<report::At>)>, Failure> {
        let fy = match (self.fy, self.section) {
            (Some(year), _) => section_of_year(loaded, m, year)?,
            (None, Some(s)) => report::Fy::from(s),
            (None, None) => return Ok(None),
        };
        let at = match &self.item {
            None => None,
            Some(n) => Some(excerpt::parse_item(fy, n).ok_or_else(|| {
                Failure::error(format!("--item takes N or N.M (1-based), not {n:?}"))
            })?),
        };
        Ok(Some((fy, at)))
    }
}

/// Output format of `export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// JSON (see the README for its shape).
    Json,
    /// Markdown.
    Markdown,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the outline: ids, labels and titles, indented
    Toc {
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Print one measure (as the browser copies it), chapter or part by id (e.g. 1.4.2)
    Show {
        /// Positional id: part, part.chapter or part.chapter.measure
        id: String,
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Which section and item.
        #[command(flatten)]
        place: PlaceArgs,
        /// Write the excerpt as a Markdown quote
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Print JSON instead of text
        #[arg(long, conflicts_with_all = ["fy", "section", "item"])]
        json: bool,
    },
    /// Search titles, purposes and FY items; exit status 1 when nothing matches
    Search {
        /// Words to find: width, case, kana and spacing are ignored; ASCII letters are also tried as romaji
        query: String,
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Show at most N hits (0: all)
        #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
        limit: usize,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Align two editions' measures: same, renamed, moved, added or removed
    Compare {
        /// One edition
        first: PathBuf,
        /// The other (the earlier edition is the one whose fiscal years are earlier)
        second: PathBuf,
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// Instead of the table: this measure's plans in the older edition (its id there),
        /// each beside the result of the newer edition that carries it out
        #[arg(long, value_name = "ID")]
        measure: Option<String>,
        /// Refuse files larger than this many megabytes
        #[arg(long, value_name = "MB", default_value_t = 256)]
        max_size: u64,
    },
    /// Print the index of programs and acronyms, with the measures that mention each
    Programs {
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Add or remove a reviewer's note on a measure or an item
    Note {
        /// What to do.
        #[command(subcommand)]
        action: NoteAction,
    },
    /// The review sheet: every note on the report, with where it is
    Notes {
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Print JSON (as --format json)
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format
        #[arg(long, value_enum, default_value = "markdown")]
        format: SheetFormat,
    },
    /// Print the whole report as JSON or Markdown
    Export {
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Output format
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

/// `senryaku note …`.
#[derive(Debug, Subcommand)]
pub enum NoteAction {
    /// Add a note (addressed as `show` addresses a measure, section and item); prints its number
    Add {
        /// The measure (or chapter, part): part.chapter.measure
        id: String,
        /// The note's text ("" for a mark alone)
        text: String,
        /// Which report.
        #[command(flatten)]
        file: FileArg,
        /// Which section and item (none: the measure itself).
        #[command(flatten)]
        place: PlaceArgs,
        /// A mark
        #[arg(long, value_enum)]
        mark: Option<crate::notes::Mark>,
    },
    /// Remove a note by its number
    Rm {
        /// The note's number, as `senryaku notes` shows it
        note: i64,
        /// Which report.
        #[command(flatten)]
        file: FileArg,
    },
}

/// Formats of the review sheet.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SheetFormat {
    /// Markdown, grouped by part and measure.
    Markdown,
    /// CSV (UTF-8 with a byte-order mark, RFC 4180) for a spreadsheet.
    Csv,
    /// JSON: a list of notes.
    Json,
}

/// What went wrong, printed as one line; the exit status goes with it.
#[derive(Debug)]
pub struct Failure {
    /// One line for stderr.
    pub message: String,
    /// The exit status.
    pub code: u8,
}

impl Failure {
    fn error(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<crate::notes::NotesError> for Failure {
    fn from(e: crate::notes::NotesError) -> Self {
        Failure::error(e.to_string())
    }
}

impl From<report::LoadError> for Failure {
    fn from(e: report::LoadError) -> Self {
        Failure::error(e.to_string())
    }
}

fn load(file: &FileArg) -> Result<Loaded, Failure> {
    Ok(report::load_limited(
        file.file.as_deref(),
        file.max_size.saturating_mul(1 << 20),
    )?)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::error(format!("stdout: {e}"))),
    }
}

fn emit_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::error(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    emit(&s)
}

/// The section of a measure whose fiscal year is `year`: the measure's own headings first,
/// then the document's years. A year it does not have is an error naming the years it has.
fn section_of_year(loaded: &Loaded, m: &report::Measure, year: u32) -> Result<report::Fy, Failure> {
    use report::Fy;
    let (doc_results, doc_plans) = loaded.report.fiscal_years();
    for fy in [Fy::Results, Fy::Plans] {
        let doc = if fy == Fy::Results {
            doc_results
        } else {
            doc_plans
        };
        if m.section(fy).fiscal_year().or(doc) == Some(year) {
            return Ok(fy);
        }
    }
    let name = |y: Option<u32>| y.map_or("none".to_string(), |y| y.to_string());
    Err(Failure::error(format!(
        "{}: no fiscal year {year}; its sections are {} (results) and {} (plans)",
        loaded.origin.display_name(),
        name(doc_results),
        name(doc_plans)
    )))
}

fn parse_id(loaded: &Loaded, id: &str) -> Result<NodeId, Failure> {
    let node: NodeId = id.parse().map_err(|e| Failure::error(format!("{e}")))?;
    if loaded.report.get(node).is_none() {
        return Err(Failure::error(format!(
            "{}: no part, chapter or measure {node}",
            loaded.origin.display_name()
        )));
    }
    Ok(node)
}

#[derive(serde::Serialize)]
struct TocEntry<'a> {
    id: String,
    label: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    chapters: Option<Vec<TocEntry<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measures: Option<Vec<TocEntry<'a>>>,
}

fn toc_json(r: &report::Report) -> Vec<TocEntry<'_>> {
    // The preface first, as in the text toc and the browser's outline.
    let preface = (!r.preface.is_empty()).then(|| TocEntry {
        id: NodeId::PREFACE.to_string(),
        label: "",
        title: report::loc::PREFACE_TITLE,
        chapters: None,
        measures: None,
    });
    preface
        .into_iter()
        .chain(r.parts.iter().enumerate().map(|(pi, p)| toc_part(pi, p)))
        .collect()
}

fn toc_part(pi: usize, p: &report::Part) -> TocEntry<'_> {
    let entry = |id: NodeId, label, title| TocEntry {
        id: id.to_string(),
        label,
        title,
        chapters: None,
        measures: None,
    };
    TocEntry {
        chapters: Some(
            p.chapters
                .iter()
                .enumerate()
                .map(|(ci, c)| TocEntry {
                    measures: Some(
                        c.measures
                            .iter()
                            .enumerate()
                            .map(|(mi, m)| {
                                entry(NodeId::measure(pi + 1, ci + 1, mi + 1), &m.label, &m.title)
                            })
                            .collect(),
                    ),
                    ..entry(NodeId::chapter(pi + 1, ci + 1), &c.label, &c.title)
                })
                .collect(),
        ),
        ..entry(NodeId::part(pi + 1), &p.label, &p.title)
    }
}

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Toc { file, json } => {
            let loaded = load(&file)?;
            if json {
                emit_json(&toc_json(&loaded.report))
            } else {
                emit(&export::toc(&loaded.report))
            }
        }
        Command::Show {
            id,
            file,
            place,
            markdown,
            json,
        } => {
            let loaded = load(&file)?;
            let node = parse_id(&loaded, &id)?;
            let format = if markdown {
                excerpt::Format::Markdown
            } else {
                excerpt::Format::Plain
            };
            if let Some(m) = loaded.report.measure(node)
                && !json
            {
                let scope = match place.resolve(&loaded, m)? {
                    None => excerpt::Scope::Measure,
                    Some((fy, None)) => excerpt::Scope::Section(fy),
                    Some((_, Some(at))) => excerpt::Scope::Pieces(vec![at]),
                };
                let text = excerpt::excerpt(&loaded.report, node, &scope, format).map_err(|e| {
                    Failure::error(format!("{}: {e}", loaded.origin.display_name()))
                })?;
                return emit(&text);
            }
            if place.fy.is_some() || markdown {
                return Err(Failure::error(format!(
                    "{node} is not a measure: --fy and --markdown apply to measures"
                )));
            }
            if json {
                let value = export::json_node(&loaded.report, node)
                    .ok_or_else(|| Failure::error(format!("no node {node}")))?;
                emit_json(&value)
            } else {
                let text = export::node_text(&loaded.report, node)
                    .ok_or_else(|| Failure::error(format!("no node {node}")))?;
                emit(&text)
            }
        }
        Command::Search {
            query,
            file,
            limit,
            json,
        } => search(&query, &file, limit, json),
        Command::Compare {
            first,
            second,
            json,
            measure,
            max_size,
        } => compare(&first, &second, json, measure.as_deref(), max_size),
        Command::Programs { file, json } => {
            let loaded = load(&file)?;
            let index = search::Index::build(&loaded.report);
            let entries = crate::programs::extract(&loaded.report, &index);
            if json {
                return emit_json(&entries);
            }
            let mut out = String::new();
            for e in &entries {
                let ids: Vec<String> = e.measures.iter().map(|id| id.to_string()).collect();
                let long = match (&e.long_name, &e.english) {
                    (Some(l), Some(en)) => format!("  {l} ({en})"),
                    (Some(l), None) => format!("  {l}"),
                    _ => String::new(),
                };
                out.push_str(&format!(
                    "{}{}  [{}] {}\n",
                    e.term,
                    long,
                    e.kind.name(),
                    ids.join(" ")
                ));
            }
            emit(&out)
        }
        Command::Note { action } => note(action),
        Command::Notes { file, json, format } => {
            let format = if json { SheetFormat::Json } else { format };
            notes_sheet(&file, format)
        }
        Command::Export { file, format } => {
            let loaded = load(&file)?;
            match format {
                Format::Json => emit_json(&export::json_report(&loaded.report)),
                Format::Markdown => emit(&export::markdown(&loaded.report)),
            }
        }
    }
}

#[derive(serde::Serialize)]
struct JsonHit<'a> {
    measure: String,
    field: &'static str,
    label: String,
    title: &'a str,
    text: &'a str,
    score: i64,
    kind: search::MatchKind,
    ranges: Vec<[usize; 2]>,
    /// The defined term an alias hit was reached through.
    via: Option<&'a str>,
}

/// Should text output carry colour? Only to a terminal, and never under NO_COLOR.
fn use_colour() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `text` with the chars in `ranges` wrapped in `open`/`close`.
fn emphasise(text: &str, ranges: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut r = ranges.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        if r.peek().is_some_and(|(s, _)| *s == i) {
            out.push_str(open);
        }
        out.push(c);
        if let Some((_, e)) = r.peek()
            && *e == i + 1
        {
            out.push_str(close);
            r.next();
        }
    }
    out
}

fn search(query: &str, file: &FileArg, limit: usize, json: bool) -> Result<(), Failure> {
    let q = search::Query::parse(query);
    if q.is_empty() {
        return Err(Failure::error(
            "search needs a query: words, an acronym, kana or romaji",
        ));
    }
    if q.term_count() > search::MAX_TERMS {
        return Err(Failure::error(format!(
            "a query has at most {} terms; this one has {}",
            search::MAX_TERMS,
            q.term_count()
        )));
    }
    let loaded = load(file)?;
    let index = if q.needs_readings() {
        search::Index::build_with_readings(&loaded.report)
    } else {
        search::Index::build(&loaded.report)
    };
    let answered = answer(query, &q, &loaded, &index, limit, json);
    discard((loaded, index));
    answered
}

/// The document a loaded report is, for its notes.
fn doc_ref(loaded: &Loaded) -> (String, String, String) {
    (
        loaded.content_id.clone(),
        loaded.report.title.clone(),
        loaded.origin.display_name(),
    )
}

/// `note add` and `note rm`.
fn note(action: NoteAction) -> Result<(), Failure> {
    use crate::notes::{DocRef, NewNote, Store};
    match action {
        NoteAction::Add {
            id,
            text,
            file,
            place,
            mark,
        } => {
            let loaded = load(&file)?;
            let node = parse_id(&loaded, &id)?;
            let named = place.fy.is_some() || place.section.is_some();
            let resolved = match loaded.report.measure(node) {
                Some(m) => place.resolve(&loaded, m)?,
                None if named => {
                    return Err(Failure::error(format!(
                        "{node} is not a measure: --fy and --section apply to measures"
                    )));
                }
                None => None,
            };
            let at = match resolved {
                None => report::At::Title,
                Some((_, Some(at))) => at,
                Some((_, None)) => {
                    return Err(Failure::error(
                        "a note is on a measure or an item: give --item N with --fy or --section",
                    ));
                }
            };
            let loc = report::Loc { node, at };
            if loaded.report.text(loc).is_none() {
                return Err(Failure::error(format!(
                    "{}: no item {}",
                    loaded.origin.display_name(),
                    crate::notes::address(loc)
                )));
            }
            if text.trim().is_empty() && mark.is_none() {
                return Err(Failure::error("nothing to note: give a text or --mark"));
            }
            let quote = crate::notes::quote(&loaded.report, loc);
            let (doc_id, title, path) = doc_ref(&loaded);
            let store = Store::open_default()?;
            // A note is one line, and holds nothing that could reach a terminal as a control.
            let text: String = report::decode::strip_controls(&text)
                .chars()
                .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
                .collect();
            let n = store.add(
                DocRef {
                    id: &doc_id,
                    title: &title,
                    path: &path,
                },
                &NewNote {
                    loc,
                    quote: &quote,
                    mark,
                    text: &text,
                },
            )?;
            emit(&format!("note {} added: {}\n", n.id, n.address))
        }
        NoteAction::Rm { note, file } => {
            let loaded = load(&file)?;
            if !crate::notes::default_path()?.exists() {
                return Err(crate::notes::NotesError::NoSuchNote(note).into());
            }
            let store = Store::open_default()?;
            store.remove(&loaded.content_id, note)?;
            emit(&format!("note {note} removed\n"))
        }
    }
}

/// `notes`: the review sheet.
fn notes_sheet(file: &FileArg, format: SheetFormat) -> Result<(), Failure> {
    use crate::notes::{Store, place, sheet};
    let loaded = load(file)?;
    // No store yet: an empty sheet, and no store made for it.
    let path = crate::notes::default_path()?;
    let notes = if path.exists() {
        Store::open(&path)?.list(&loaded.content_id)?
    } else {
        Vec::new()
    };
    let placed = place(&loaded.report, notes);
    let rows = sheet::rows(&loaded.report, &loaded.origin.display_name(), &placed);
    match format {
        SheetFormat::Json => emit_json(&rows),
        SheetFormat::Markdown => emit(&sheet::markdown(&loaded.report, &rows)),
        SheetFormat::Csv => emit(&sheet::csv(&rows).map_err(Failure::error)?),
    }
}

/// `compare`: the earlier edition first, then the pairs as JSON or a table.
fn compare(
    first: &Path,
    second: &Path,
    json: bool,
    measure: Option<&str>,
    max_size: u64,
) -> Result<(), Failure> {
    let max = max_size.saturating_mul(1 << 20);
    let a = report::load_limited(Some(first), max)?;
    let b = report::load_limited(Some(second), max)?;
    let (old, new, same) = crate::compare::order(&a, &b, |l: &Loaded| l.report.fiscal_years());
    if same {
        warn_same_years(old);
    }
    let pairs = crate::compare::align(&old.report, &new.report);
    if let Some(id) = measure {
        return plans_beside_results(old, new, &pairs, id, json);
    }
    if json {
        return emit_json(&pairs);
    }
    let title = |r: &Loaded, id: Option<NodeId>| {
        id.and_then(|id| r.report.get(id))
            .map_or(String::new(), |n| n.title().to_string())
    };
    let id = |id: Option<NodeId>| id.map_or("-".to_string(), |i| i.to_string());
    let mut out = format!(
        "{} → {}\n",
        old.origin.display_name(),
        new.origin.display_name()
    );
    for p in &pairs {
        let name = match p.new {
            Some(_) => title(new, p.new),
            None => title(old, p.old),
        };
        let renamed = if p.change == crate::compare::Change::Renamed {
            format!("  (was {})", title(old, p.old))
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:<8} {:<8} {:<8} {:>5.2}  {name}{renamed}\n",
            id(p.old),
            id(p.new),
            p.change.name(),
            p.similarity
        ));
    }
    emit(&report::decode::strip_controls(&out))
}

/// Warns of two editions that name the same fiscal years (they are compared as given), on
/// stderr; returns the warning for the browser's status bar.
fn warn_same_years(edition: &Loaded) -> String {
    let (a, b) = edition.report.fiscal_years();
    let years = |y: Option<u32>| y.map_or("?".to_string(), |y| y.to_string());
    let warning = format!(
        "warning: both editions name fiscal years {} and {}; compared as given",
        years(a),
        years(b)
    );
    let _ = writeln!(io::stderr(), "senryaku: {warning}");
    warning
}

/// `compare --measure ID`: the older edition's plans of a measure, each with the newer
/// edition's result that carries it out.
fn plans_beside_results(
    old: &Loaded,
    new: &Loaded,
    pairs: &[crate::compare::Pair],
    id: &str,
    json: bool,
) -> Result<(), Failure> {
    let old_id = parse_id(old, id)?;
    let Some(m_old) = old.report.measure(old_id) else {
        return Err(Failure::error(format!(
            "{}: {old_id} is not a measure",
            old.origin.display_name()
        )));
    };
    let new_id = pairs
        .iter()
        .find(|p| p.old == Some(old_id))
        .and_then(|p| p.new)
        .ok_or_else(|| {
            Failure::error(format!(
                "{}: measure {old_id} is not in {}",
                old.origin.display_name(),
                new.origin.display_name()
            ))
        })?;
    let m_new = new
        .report
        .measure(new_id)
        .ok_or_else(|| Failure::error(format!("no measure {new_id}")))?;
    let carried = crate::compare::carried_out(&m_old.plans.items, &m_new.results.items);
    fn text(items: &[report::Item], i: usize) -> &str {
        items.get(i).map_or("", |it| it.text.as_str())
    }
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            plan: usize,
            result: Option<usize>,
            similarity: f64,
            plan_text: &'a str,
            result_text: Option<&'a str>,
        }
        #[derive(serde::Serialize)]
        struct Out<'a> {
            old: String,
            new: String,
            plans_heading: &'a str,
            results_heading: &'a str,
            pairs: Vec<Row<'a>>,
        }
        let rows = carried
            .iter()
            .map(|c| Row {
                plan: c.plan + 1,
                result: c.result.map(|r| r + 1),
                similarity: c.similarity,
                plan_text: text(&m_old.plans.items, c.plan),
                result_text: c.result.map(|r| text(&m_new.results.items, r)),
            })
            .collect();
        return emit_json(&Out {
            old: old_id.to_string(),
            new: new_id.to_string(),
            plans_heading: &m_old.plans.heading,
            results_heading: &m_new.results.heading,
            pairs: rows,
        });
    }
    let mut out = format!(
        "[{old_id} → {new_id}] {}\n{} ({}) → {} ({})\n",
        m_new.title,
        m_old.plans.heading,
        old.origin.display_name(),
        m_new.results.heading,
        new.origin.display_name()
    );
    for c in &carried {
        out.push_str(&format!(
            "\n{:>3} plan     ・{}\n",
            c.plan + 1,
            text(&m_old.plans.items, c.plan)
        ));
        match c.result {
            Some(r) => out.push_str(&format!(
                "{:>3} result   ・{}  ({:.2})\n",
                r + 1,
                text(&m_new.results.items, r),
                c.similarity
            )),
            None => out.push_str("    result   (none carries it out)\n"),
        }
    }
    emit(&report::decode::strip_controls(&out))
}

/// Frees `big` on a thread of its own, so that the process exits as soon as its answer is
/// written: the destructors of a large report and index take longer than the kernel takes
/// to reclaim a process's memory, and the exit does not wait for the thread.
fn discard<T: Send + 'static>(big: T) {
    std::thread::spawn(move || drop(big));
}

/// Prints the hits of a search, or says there are none.
fn answer(
    query: &str,
    q: &search::Query,
    loaded: &Loaded,
    index: &search::Index,
    limit: usize,
    json: bool,
) -> Result<(), Failure> {
    let report = &loaded.report;
    let results = index.search(report, q, limit);
    if results.hits.is_empty() {
        return Err(Failure {
            message: format!(
                "no match for {:?} in {}",
                query,
                loaded.origin.display_name()
            ),
            code: 1,
        });
    }
    let title_of = |id: NodeId| report.get(id).map_or("", report::Node::title);
    if json {
        let hits: Vec<JsonHit<'_>> = results
            .hits
            .iter()
            .map(|h| {
                let unit = index.units[h.unit];
                JsonHit {
                    measure: unit.node.to_string(),
                    field: unit.field().name(),
                    label: report.label_path(unit.node),
                    title: title_of(unit.node),
                    text: index.text(report, h.unit),
                    score: h.score,
                    kind: h.kind,
                    ranges: h.ranges.iter().map(|&(s, e)| [s, e]).collect(),
                    via: h.via.as_deref(),
                }
            })
            .collect();
        let written = emit_json(&hits);
        return written;
    }
    let colour = use_colour();
    let (open, close) = if colour {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let mut out = String::new();
    for h in &results.hits {
        let unit = index.units[h.unit];
        let via = h
            .via
            .as_ref()
            .map(|v| format!(" via {v}"))
            .unwrap_or_default();
        let head = format!(
            "{} {} {}  [{}]{via}",
            unit.node,
            report.label_path(unit.node),
            title_of(unit.node),
            unit.field().name()
        );
        if colour {
            out.push_str(&format!("\x1b[36m{head}\x1b[0m\n"));
        } else {
            out.push_str(&head);
            out.push('\n');
        }
        let snip = search::snippet::snippet(index.text(report, h.unit), &h.ranges, 76);
        out.push_str("    ");
        out.push_str(&emphasise(&snip.text, &snip.ranges, open, close));
        out.push('\n');
    }
    if results.total > results.hits.len() {
        out.push_str(&format!(
            "({} of {} hits; --limit 0 shows all)\n",
            results.hits.len(),
            results.total
        ));
    }
    emit(&out)
}

/// Opens the full-screen browser. Returns the exit status: 0, or 128 + the signal that ended it.
pub fn browse(cli: &Cli) -> Result<u8, Failure> {
    let path = cli.file.as_deref().or(cli.file_option.as_deref());
    use std::io::IsTerminal;
    let max = cli.max_size.saturating_mul(1 << 20);
    let loaded = report::load_limited(path, max)?;
    let other = match cli.other.as_deref().or(cli.compare.as_deref()) {
        Some(p) => Some(report::load_limited(Some(p), max)?),
        None => None,
    };
    // Two editions: the newer is shown, the older compared with it.
    let mut notice = None;
    let (loaded, old) = match other {
        Some(b) => {
            let years = |l: &Loaded| l.report.fiscal_years();
            let (older, _, same) = crate::compare::order(&loaded, &b, years);
            if same {
                notice = Some(warn_same_years(&loaded));
            }
            // `--compare OLD` names the older one when the years do not tell.
            let b_older = std::ptr::eq(older, &b) || (same && cli.compare.is_some());
            if b_older {
                (loaded, Some(b))
            } else {
                (b, Some(loaded))
            }
        }
        None => (loaded, None),
    };
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(Failure::error(
            "the browser needs a terminal; for scripts use `senryaku toc`, `show`, `search` or `export`",
        ));
    }
    let options = crate::tui::Options {
        copy_format: cli.copy_format.into(),
        clipboard: crate::clipboard::Config {
            command: cli.clipboard_cmd.clone(),
        },
        mouse: !cli.no_mouse,
        ambiguous: match cli.ambiguous {
            Ambiguous::Auto => None,
            Ambiguous::Wide => Some(false),
            Ambiguous::Narrow => Some(true),
        },
        notice,
    };
    match crate::tui::run(loaded, old, options) {
        Ok(crate::tui::Exit::Quit) => Ok(0),
        Ok(crate::tui::Exit::Signal(sig)) => Ok((128 + sig).clamp(0, 255) as u8),
        Err(e) => Err(Failure::error(format!("terminal: {e}"))),
    }
}
