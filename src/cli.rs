//! Subcommands for scripts, over the same report and search as the browser.

use crate::report::{self, Loaded, NodeId, export};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "senryaku",
    version,
    about = "A terminal browser for 「健康・医療戦略の実行状況及び今後の取組方針 2018」",
    long_about = "A terminal browser for Japan's Health and Medical Strategy follow-up report, \
                  「健康・医療戦略の実行状況及び今後の取組方針 2018」.\n\n\
                  With no subcommand, opens FILE (default: the embedded 2018 report) full-screen.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Report to open (UTF-8 or Shift_JIS text); default: the embedded 2018 report
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct FileArg {
    /// Report to read instead of the embedded 2018 report
    #[arg(long, short = 'f', value_name = "PATH", global = true)]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the outline: ids, labels and titles, indented
    Toc {
        #[command(flatten)]
        file: FileArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Print one measure, chapter or part by id (e.g. 1.4.2)
    Show {
        /// Positional id: part, part.chapter or part.chapter.measure
        id: String,
        #[command(flatten)]
        file: FileArg,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Print the whole report as JSON or Markdown
    Export {
        #[command(flatten)]
        file: FileArg,
        /// Output format
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

/// What went wrong, printed as one line; the exit status goes with it.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
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

impl From<report::LoadError> for Failure {
    fn from(e: report::LoadError) -> Self {
        Failure::error(e.to_string())
    }
}

fn load(file: &FileArg) -> Result<Loaded, Failure> {
    Ok(report::load(file.file.as_deref())?)
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
    r.parts
        .iter()
        .enumerate()
        .map(|(pi, p)| TocEntry {
            id: NodeId::part(pi + 1).to_string(),
            label: &p.label,
            title: &p.title,
            measures: None,
            chapters: Some(
                p.chapters
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| TocEntry {
                        id: NodeId::chapter(pi + 1, ci + 1).to_string(),
                        label: &c.label,
                        title: &c.title,
                        chapters: None,
                        measures: Some(
                            c.measures
                                .iter()
                                .enumerate()
                                .map(|(mi, m)| TocEntry {
                                    id: NodeId::measure(pi + 1, ci + 1, mi + 1).to_string(),
                                    label: &m.label,
                                    title: &m.title,
                                    chapters: None,
                                    measures: None,
                                })
                                .collect(),
                        ),
                    })
                    .collect(),
            ),
        })
        .collect()
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
        Command::Show { id, file, json } => {
            let loaded = load(&file)?;
            let node = parse_id(&loaded, &id)?;
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
        Command::Export { file, format } => {
            let loaded = load(&file)?;
            match format {
                Format::Json => emit_json(&export::json_report(&loaded.report)),
                Format::Markdown => emit(&export::markdown(&loaded.report)),
            }
        }
    }
}

/// Opens the full-screen browser.
pub fn browse(path: Option<&std::path::Path>) -> Result<(), Failure> {
    let loaded = report::load(path)?;
    let _ = loaded;
    Err(Failure::error(
        "the full-screen browser is not built yet; try `senryaku toc`",
    ))
}
