//! `scout`: the headless command line over the same workspace as the desktop app.
//!
//! Every subcommand converts its arguments, calls [`scout::Workspace`] and prints
//! the result; no business logic lives here. On failure it prints one line to
//! stderr and exits non-zero; nothing already stored is lost.

mod backup;
mod discover;
mod list;
mod plan_cmd;
mod print;
mod team;
mod words;

use anyhow::{Context, Result, bail};

/// mimalloc instead of the system allocator: bulk work (a demo or import of many
/// creators) allocates from several threads at once, where glibc's malloc and free
/// were a fifth of the CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use scout::{Cancel, Workspace};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Parser)]
#[command(name = "scout", version, about = "Discover and vet social-media creators, locally.", long_about = None)]
struct Cli {
    /// Workspace folder (default: the OS app-data folder, shared with the desktop app).
    #[arg(long, global = true, env = "SCOUT_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find creators by topic across sources, or like known ones (--like); ranked with reasons.
    Discover(discover::DiscoverArgs),
    /// Which accounts on other platforms are the same creator, how sure, and why.
    Identity(discover::IdentityArgs),
    /// Fetch creators from their public sources, store a dated snapshot and run every check.
    Vet {
        /// Profile URLs or handles (`https://bsky.app/profile/alice.bsky.social`, `@bob@mastodon.social`, `youtube.com/@name`, …).
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// List stored creators: one page, sorted and filtered.
    List(list::ListArgs),
    /// Show one creator's figures and findings.
    Show {
        /// A stored creator's handle or profile URL.
        input: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Shortlists: named lists of creators with a review status and notes.
    #[command(subcommand)]
    Shortlist(ShortlistCmd),
    /// Export data for spreadsheets.
    #[command(subcommand)]
    Export(ExportCmd),
    /// Vetting reports: PDF and CSV with evidence and method, and their verification.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Load the demo workspace (about 60 generated creators, marked as demo data).
    Demo {
        /// Remove the demo creators instead.
        #[arg(long)]
        clear: bool,
        /// How many creators to generate (the same seeded generator; beyond 60 each
        /// carries three snapshots and smaller samples).
        #[arg(long, default_value_t = scout::demo::DEFAULT_CREATORS)]
        creators: usize,
    },
    /// Re-vet every shortlisted creator, adding a snapshot to grow their history.
    Refresh,
    /// Re-parse stored raw responses with the current parsers and re-run the checks.
    Reparse,
    /// API keys and tokens in the OS keychain.
    #[command(subcommand)]
    Keys(KeysCmd),
    /// The bot-likeness model.
    #[command(subcommand)]
    Bots(BotsCmd),
    /// Brand briefs (one per client).
    #[command(subcommand)]
    Brief(BriefCmd),
    /// The benchmark table the checks compare with: print it, or see where an edited copy goes.
    #[command(subcommand)]
    Benchmarks(BenchCmd),
    /// Plan a campaign mix over a shortlist: which creators, how many posts, within a budget.
    Plan(plan_cmd::PlanArgs),
    /// Record the fee a creator quoted per post (replaces the rate card's estimate in plans).
    Fee {
        /// A stored creator's handle or profile URL.
        creator: String,
        /// Fee per post, in the rate card's currency.
        amount: Option<f64>,
        /// Deliverable quoted for: `post`, `short_video`, `long_video` or `stream`.
        #[arg(long)]
        format: Option<String>,
        /// Remove the quoted fee.
        #[arg(long)]
        clear: bool,
    },
    /// The planner's rate card and reach table: export them to edit, or see where edits go.
    #[command(subcommand)]
    Rates(plan_cmd::RatesCmd),
    /// Run a saved plan as a campaign: start it with dates, link posts, see what it delivered.
    #[command(subcommand)]
    Campaign(plan_cmd::CampaignCmd),
    /// Team sync: share shortlists with colleagues through a team server.
    #[command(subcommand)]
    Team(team::TeamCmd),
    /// Back the whole workspace up to one file (creators, snapshots, shortlists, briefs, plans).
    Backup {
        /// The file to write.
        file: std::path::PathBuf,
    },
    /// Replace the workspace with a backup file (checked first; the old state is kept aside).
    Restore {
        /// A file written by `scout backup` or the app's Settings → Back up.
        file: std::path::PathBuf,
    },
    /// Score a creator against a brand brief.
    Fit {
        /// A stored creator's handle or profile URL.
        creator: String,
        /// The brief's name.
        #[arg(long)]
        brief: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ShortlistCmd {
    /// Create a shortlist.
    New {
        /// Unique name.
        name: String,
        /// Client the shortlist is for.
        #[arg(long)]
        client: Option<String>,
    },
    /// Add stored creators (vet them first).
    Add {
        /// Shortlist name.
        name: String,
        /// Creators (handles or URLs).
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Remove creators.
    Remove {
        /// Shortlist name.
        name: String,
        /// Creators (handles or URLs).
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// List shortlists.
    List,
    /// Show a shortlist's entries.
    Show {
        /// Shortlist name.
        name: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set an entry's status (candidate, vetting, approved, rejected).
    Status {
        /// Shortlist name.
        name: String,
        /// Creator.
        input: String,
        /// New status.
        status: String,
    },
    /// Set an entry's note.
    Note {
        /// Shortlist name.
        name: String,
        /// Creator.
        input: String,
        /// The note text.
        note: String,
    },
    /// Delete a shortlist (the creators stay stored).
    Delete {
        /// Shortlist name.
        name: String,
    },
}

#[derive(Args)]
struct CsvArgs {
    /// Only this shortlist's creators.
    #[arg(long)]
    shortlist: Option<String>,
    /// Output file (default: stdout).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Excel in European locales: UTF-8 BOM and `;` separators.
    #[arg(long)]
    excel_eu: bool,
    /// Head the columns with their stable machine keys (`engagement_rate`) instead of
    /// the words a spreadsheet user reads, for scripts (see the README's column list).
    #[arg(long)]
    keys: bool,
    /// Which table.
    #[arg(long, value_enum, default_value = "creators")]
    table: CsvTable,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvTable {
    Creators,
    Findings,
    Posts,
}

#[derive(Subcommand)]
enum ExportCmd {
    /// CSV: one row per creator (or per finding / post with --table).
    Csv(CsvArgs),
}

#[derive(Subcommand)]
enum ReportCmd {
    /// A PDF vetting report of a shortlist, with a JSON audit bundle beside it.
    Pdf {
        /// Shortlist name.
        #[arg(long)]
        shortlist: String,
        /// Brand brief for the Fit scores.
        #[arg(long)]
        brief: Option<String>,
        /// Output PDF path (the bundle is written as NAME.bundle.json beside it).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Fixed report date (RFC 3339) for byte-identical output.
        #[arg(long)]
        date: Option<String>,
        /// Author named on the cover.
        #[arg(long)]
        author: Option<String>,
        /// Client named on the cover and in the footer; stored on the shortlist, so
        /// later reports (and the app's) name it too. `--client ""` clears it.
        #[arg(long)]
        client: Option<String>,
        /// A saved plan of the shortlist, shown as its own section (with its campaign results once it runs).
        #[arg(long)]
        plan: Option<String>,
    },
    /// CSV of a shortlist.
    Csv {
        /// Shortlist name.
        #[arg(long)]
        shortlist: String,
        /// Brand brief for the Fit column.
        #[arg(long)]
        brief: Option<String>,
        /// Output file.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Excel in European locales: UTF-8 BOM and `;` separators.
        #[arg(long)]
        excel_eu: bool,
    },
    /// Check that the PDF beside a bundle is the one the bundle describes.
    Verify {
        /// The `.bundle.json` file.
        bundle: PathBuf,
    },
}

#[derive(Subcommand)]
enum KeysCmd {
    /// Store a source's keys; secrets are read from stdin or a hidden prompt, never argv.
    Set {
        /// youtube, twitch or instagram.
        source: String,
    },
    /// Remove a source's keys.
    Clear {
        /// youtube, twitch or instagram.
        source: String,
    },
    /// Which keys are set (never their values) and what they add.
    Status {
        /// Limit to one source.
        source: Option<String>,
    },
}

#[derive(Subcommand)]
enum BotsCmd {
    /// Print one bot-likeness probability per account record, one per line, in order.
    Score {
        /// Record format.
        #[arg(long, value_enum, default_value = "instafake")]
        format: BotFormat,
        /// JSON array of records.
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum BotFormat {
    /// InstaFake field names (userFollowerCount, userBiographyLength, …).
    Instafake,
}

#[derive(Subcommand)]
enum BenchCmd {
    /// Write the shipped table (with the source of every number) to edit it.
    Export {
        /// Output file (default: stdout). Save it as `benchmarks.toml` in the data folder to use it.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Where an edited table is read from, and which table is in force.
    Path,
}

#[derive(Subcommand)]
enum BriefCmd {
    /// Create a brief from a name and lists.
    New {
        /// Name.
        name: String,
        /// Topics (comma-separated).
        #[arg(long, value_delimiter = ',')]
        topics: Vec<String>,
        /// Target languages (ISO 639-1, comma-separated).
        #[arg(long, value_delimiter = ',')]
        languages: Vec<String>,
        /// Target markets (country codes).
        #[arg(long, value_delimiter = ',')]
        markets: Vec<String>,
        /// Competitors (names, handles, hashtags).
        #[arg(long, value_delimiter = ',')]
        competitors: Vec<String>,
        /// Banned topics.
        #[arg(long = "banned", value_delimiter = ',')]
        banned_topics: Vec<String>,
        /// Jurisdictions: US, UK, FR, EU.
        #[arg(long, value_delimiter = ',')]
        jurisdictions: Vec<String>,
    },
    /// Edit a brief's TOML in $EDITOR.
    Edit {
        /// Name.
        name: String,
    },
    /// Print a brief as TOML.
    Show {
        /// Name.
        name: String,
    },
    /// List briefs.
    List,
    /// Import (create or replace) a brief from a TOML file.
    Import {
        /// TOML file.
        file: PathBuf,
    },
    /// Write a brief as TOML.
    Export {
        /// Name.
        name: String,
        /// Output file (default: stdout).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Delete a brief.
    Delete {
        /// Name.
        name: String,
    },
}

fn main() {
    // `scout list | head` closes stdout early: end quietly like other Unix tools
    // instead of reporting a panic from println!.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SCOUT_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // One line: the outermost context and the root cause.
            let msg = match e.chain().nth(1) {
                Some(cause) if !e.to_string().contains(&cause.to_string()) => {
                    format!("{e}: {cause}")
                }
                _ => e.to_string(),
            };
            eprintln!("scout: {}", msg.replace('\n', " "));
            std::process::exit(1);
        }
    }
}

fn open(dir: Option<PathBuf>) -> Result<Workspace> {
    Workspace::open(dir).context("cannot open the workspace")
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

#[allow(clippy::too_many_lines)]
fn run(cli: Cli) -> Result<i32> {
    let ws = || open(cli.data_dir.clone());
    match cli.command {
        Command::Vet { inputs } => vet(&ws()?, inputs),
        Command::Discover(args) => discover::discover(&ws()?, &args),
        Command::Identity(args) => discover::identity(&ws()?, &args),
        Command::Refresh => {
            let ws = ws()?;
            let inputs = ws.shortlisted_inputs()?;
            if inputs.is_empty() {
                println!("No shortlisted creators to refresh.");
                return Ok(0);
            }
            vet(&ws, inputs)
        }
        Command::Reparse => {
            let n = ws()?.reparse_all()?;
            println!(
                "Re-parsed {} from their stored raw responses; checks re-run.",
                words::n(n.snapshots, words::SNAPSHOT)
            );
            if n.skipped > 0 {
                println!(
                    "{} (demo data) and {} left as {}.",
                    words::n(n.skipped, words::SNAPSHOT_WITHOUT_RAW),
                    if n.skipped == 1 { "was" } else { "were" },
                    if n.skipped == 1 { "it is" } else { "they are" },
                );
            }
            Ok(0)
        }
        Command::List(args) => list::run(&ws()?, &args),
        Command::Show { input, json } => {
            let ws = ws()?;
            let row = ws.find_creator(&input)?;
            let summary = ws.creator_summary(row.id)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                let detail = ws.creator(row.id, None)?;
                print::creator(&detail);
            }
            Ok(0)
        }
        Command::Shortlist(cmd) => shortlist(&ws()?, cmd),
        Command::Team(cmd) => team::run(&ws()?, cmd, &runtime()?),
        Command::Backup { file } => backup::backup(&ws()?, &file),
        Command::Restore { file } => backup::restore(&ws()?, &file),
        Command::Export(ExportCmd::Csv(args)) => {
            let ws = ws()?;
            let table = match args.table {
                CsvTable::Creators => scout::CsvTable::Creators,
                CsvTable::Findings => scout::CsvTable::Findings,
                CsvTable::Posts => scout::CsvTable::Posts,
            };
            if let Some(path) = &args.output {
                let r = ws.export_csv_table_with(
                    table,
                    args.shortlist.as_deref(),
                    None,
                    path,
                    &scout::csv_options(args.excel_eu, args.keys),
                )?;
                eprintln!("Wrote {} to {}", words::n(r.count, words::ROW), r.path);
            } else {
                let bytes = ws.csv_bytes_with(
                    table,
                    args.shortlist.as_deref(),
                    None,
                    &scout::csv_options(args.excel_eu, args.keys),
                )?;
                std::io::stdout().write_all(&bytes)?;
            }
            Ok(0)
        }
        Command::Report(cmd) => report(&ws, cmd),
        Command::Demo { clear, creators } => {
            let ws = ws()?;
            if clear {
                ws.clear_demo()?;
                println!("Demo creators removed.");
            } else {
                let info = ws.load_demo_n(creators)?;
                println!(
                    "Demo workspace loaded in {}: {} creators (generated, marked as demo data). Try `scout list`.",
                    info.data_dir, info.creators
                );
            }
            Ok(0)
        }
        Command::Keys(cmd) => keys(&ws()?, cmd),
        Command::Plan(args) => plan_cmd::plan(&ws()?, args),
        Command::Fee {
            creator,
            amount,
            format,
            clear,
        } => plan_cmd::fee(&ws()?, &creator, amount, format.as_deref(), clear),
        Command::Rates(cmd) => plan_cmd::rates(&ws()?, cmd),
        Command::Campaign(cmd) => plan_cmd::campaign(&ws()?, cmd),
        Command::Bots(BotsCmd::Score {
            format: BotFormat::Instafake,
            file,
        }) => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let probs = scout::bots::score_instafake_json(&text).with_context(|| {
                format!(
                    "{} is not a JSON array of InstaFake records",
                    file.display()
                )
            })?;
            let mut out = std::io::stdout().lock();
            for p in probs {
                writeln!(out, "{p:.6}")?;
            }
            Ok(0)
        }
        Command::Brief(cmd) => brief(&ws()?, cmd),
        Command::Benchmarks(BenchCmd::Export { output }) => {
            let text = scout_core::checks::benchmarks::DEFAULT_TOML;
            match output {
                Some(p) => {
                    std::fs::write(&p, text)
                        .with_context(|| format!("cannot write {}", p.display()))?;
                    println!("Wrote the shipped benchmark table to {}", p.display());
                }
                None => print!("{text}"),
            }
            Ok(0)
        }
        Command::Benchmarks(BenchCmd::Path) => {
            let ws = ws()?;
            let path = ws.data_dir().join(scout::BENCHMARKS_FILE);
            let in_use = if path.exists() {
                "in use"
            } else {
                "absent: the shipped table is in use"
            };
            println!(
                "{} ({in_use}; table version {})",
                path.display(),
                ws.benchmarks().version
            );
            Ok(0)
        }
        Command::Fit {
            creator,
            brief,
            json,
        } => {
            let ws = ws()?;
            let row = ws.find_creator(&creator)?;
            let fit = ws.fit_json(row.id, &brief)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&fit)?);
            } else {
                print::fit(&row, &brief, &fit);
            }
            Ok(0)
        }
    }
}

fn vet(ws: &Workspace, inputs: Vec<String>) -> Result<i32> {
    let tty = std::io::stderr().is_terminal();
    let multi = MultiProgress::new();
    if !tty {
        multi.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let overall = multi.add(ProgressBar::new(inputs.len() as u64));
    overall.set_style(
        ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} creators {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let bars: Arc<Mutex<HashMap<usize, ProgressBar>>> = Arc::default();
    let spinner = ProgressStyle::with_template("  {spinner} {prefix:.bold} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let (multi2, bars2, overall2) = (multi.clone(), bars.clone(), overall.clone());
    let on_event = Arc::new(move |ev: scout::views::VetEvent| {
        let idx = ev.index as usize;
        let Ok(mut map) = bars2.lock() else { return };
        let bar = map.entry(idx).or_insert_with(|| {
            let b = multi2.insert_before(&overall2, ProgressBar::new_spinner());
            b.set_style(spinner.clone());
            b.set_prefix(ev.input.clone());
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        match ev.stage {
            scout::views::VetStage::Done => {
                bar.finish_with_message(format!("✓ {}", ev.message));
                overall2.inc(1);
            }
            scout::views::VetStage::Failed => {
                bar.finish_with_message(format!("✗ {}", ev.message));
                overall2.inc(1);
            }
            _ => bar.set_message(ev.message.clone()),
        }
    });
    let rt = runtime()?;
    let outcomes = rt.block_on(ws.vet(inputs, on_event, Cancel::new()));
    overall.finish_and_clear();
    let mut failed = 0;
    for o in &outcomes {
        match (&o.handle, &o.error) {
            (Some(h), None) => println!("vetted {} → {h}", o.input),
            (_, Some(e)) => {
                failed += 1;
                let e = e.replace('\n', " ");
                // An input error already quotes the input; say it once.
                if e.contains(&format!("'{}'", o.input.trim())) {
                    eprintln!("scout: {e}");
                } else {
                    eprintln!("scout: {}: {e}", o.input);
                }
            }
            _ => {}
        }
    }
    if failed == 0 {
        Ok(0)
    } else if failed == outcomes.len() {
        Ok(1)
    } else {
        Ok(2)
    }
}

fn shortlist(ws: &Workspace, cmd: ShortlistCmd) -> Result<i32> {
    match cmd {
        ShortlistCmd::New { name, client } => {
            ws.create_shortlist(&name, client.as_deref())?;
            println!("Created shortlist '{name}'.");
        }
        ShortlistCmd::Add { name, inputs } => {
            let ids = inputs
                .iter()
                .map(|i| ws.find_creator(i).map(|r| r.id))
                .collect::<Result<Vec<_>, _>>()?;
            ws.add_to_shortlist(&name, &ids)?;
            println!("Added {} to '{name}'.", words::n(ids.len(), words::CREATOR));
        }
        ShortlistCmd::Remove { name, inputs } => {
            for i in &inputs {
                let r = ws.find_creator(i)?;
                ws.remove_from_shortlist(&name, r.id)?;
            }
            println!(
                "Removed {} from '{name}'.",
                words::n(inputs.len(), words::CREATOR)
            );
        }
        ShortlistCmd::List => {
            let lists = ws.shortlists()?;
            if lists.is_empty() {
                println!("No shortlists yet. Create one with `scout shortlist new NAME`.");
            }
            for s in lists {
                println!(
                    "{:<28} {:>4} creators  {:>3} approved  {}",
                    s.name,
                    s.entries,
                    s.approved,
                    s.client
                        .as_deref()
                        .map(|c| format!("client: {c}"))
                        .unwrap_or_default()
                );
            }
        }
        ShortlistCmd::Show { name, json } => {
            let d = ws.shortlist(&name)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d)?);
            } else {
                print::shortlist(&d);
            }
        }
        ShortlistCmd::Status {
            name,
            input,
            status,
        } => {
            let r = ws.find_creator(&input)?;
            ws.set_entry_status(&name, r.id, &status)?;
            println!("{} is now {status} on '{name}'.", r.handle);
        }
        ShortlistCmd::Note { name, input, note } => {
            let r = ws.find_creator(&input)?;
            ws.set_entry_note(&name, r.id, &note)?;
            println!("Note saved for {} on '{name}'.", r.handle);
        }
        ShortlistCmd::Delete { name } => {
            ws.delete_shortlist(&name)?;
            println!("Deleted shortlist '{name}'.");
        }
    }
    Ok(0)
}

fn report(ws: &dyn Fn() -> Result<Workspace>, cmd: ReportCmd) -> Result<i32> {
    match cmd {
        ReportCmd::Pdf {
            shortlist,
            brief,
            output,
            date,
            author,
            client,
            plan,
        } => {
            if let Some(client) = &client {
                ws()?.set_shortlist_client(&shortlist, Some(client))?;
            }
            let date = date
                .map(|d| {
                    chrono::DateTime::parse_from_rfc3339(&d).map(|d| d.with_timezone(&chrono::Utc))
                })
                .transpose()
                .context("--date must be an RFC 3339 time such as 2026-11-27T09:00:00Z")?;
            let r = ws()?.report_pdf_plan(
                &shortlist,
                brief.as_deref(),
                &output,
                date,
                author.as_deref(),
                plan.as_deref(),
            )?;
            println!(
                "Wrote {} ({} pages, {} bytes) and {}",
                r.path,
                r.count,
                r.bytes,
                r.bundle_path.unwrap_or_default()
            );
        }
        ReportCmd::Csv {
            shortlist,
            brief,
            output,
            excel_eu,
        } => {
            let r = ws()?.export_csv_table(
                scout::CsvTable::Creators,
                Some(&shortlist),
                brief.as_deref(),
                &output,
                excel_eu,
            )?;
            println!("Wrote {} to {}", words::n(r.count, words::ROW), r.path);
        }
        ReportCmd::Verify { bundle } => {
            return match scout::verify_report(&bundle) {
                Ok(msg) => {
                    println!("{msg}");
                    Ok(0)
                }
                Err(e) => {
                    eprintln!("scout: {e}");
                    Ok(1)
                }
            };
        }
    }
    Ok(0)
}

fn read_secret(label: &str) -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let s =
            rpassword::prompt_password(format!("{label}: ")).context("cannot read the secret")?;
        Ok(s)
    } else {
        let mut line = String::new();
        stdin.lock().read_line_into(&mut line)?;
        Ok(line)
    }
}

trait ReadLineInto {
    fn read_line_into(&mut self, buf: &mut String) -> std::io::Result<usize>;
}

impl<R: std::io::BufRead> ReadLineInto for R {
    fn read_line_into(&mut self, buf: &mut String) -> std::io::Result<usize> {
        let n = self.read_line(buf)?;
        let t = buf.trim_end_matches(['\r', '\n']).len();
        buf.truncate(t);
        Ok(n)
    }
}

fn keys(ws: &Workspace, cmd: KeysCmd) -> Result<i32> {
    match cmd {
        KeysCmd::Set { source } => {
            let names = scout::keys::secrets_of(&source).with_context(|| {
                format!("'{source}' has no keys: expected youtube, twitch or instagram")
            })?;
            for name in names {
                let secret = read_secret(name.label())?;
                ws.set_key(name.key(), &secret)?;
                println!("Stored the {} in the OS keychain.", name.label());
            }
        }
        KeysCmd::Clear { source } => {
            let names = scout::keys::secrets_of(&source).with_context(|| {
                format!("'{source}' has no keys: expected youtube, twitch or instagram")
            })?;
            for name in names {
                ws.clear_key(name.key())?;
            }
            let what = if names.len() == 1 { "key" } else { "keys" };
            println!("Cleared the {source} {what} from the OS keychain.");
        }
        KeysCmd::Status { source } => {
            let all = ws.key_status();
            if let Some(s) = source
                .as_deref()
                .filter(|s| scout::keys::secrets_of(s).is_none())
            {
                bail!("'{s}' has no keys: expected youtube, twitch or instagram");
            }
            for k in all
                .iter()
                .filter(|k| source.as_deref().is_none_or(|s| s == k.source))
            {
                println!(
                    "{:<10} {:<32} {:<8} {}",
                    k.source,
                    k.label,
                    if k.set { "set" } else { "not set" },
                    k.adds
                );
            }
        }
    }
    Ok(0)
}

fn brief(ws: &Workspace, cmd: BriefCmd) -> Result<i32> {
    match cmd {
        BriefCmd::New {
            name,
            topics,
            languages,
            markets,
            competitors,
            banned_topics,
            jurisdictions,
        } => {
            let toml = scout::brief_toml_from_lists(
                &name,
                &topics,
                &languages,
                &markets,
                &competitors,
                &banned_topics,
                &jurisdictions,
            )?;
            ws.save_brief_toml(&toml)?;
            println!("Saved brief '{name}'.");
        }
        BriefCmd::Edit { name } => {
            let current = ws.brief_toml(&name)?;
            let dir = tempfile_dir()?;
            let path = dir.join(format!("{}.toml", sanitize(&name)));
            std::fs::write(&path, current)?;
            let editor = std::env::var("VISUAL")
                .or_else(|_| std::env::var("EDITOR"))
                .unwrap_or_else(|_| "vi".into());
            let status = std::process::Command::new(&editor)
                .arg(&path)
                .status()
                .with_context(|| format!("cannot start editor '{editor}'"))?;
            if !status.success() {
                bail!("the editor exited with {status}; the brief was not changed");
            }
            let edited = std::fs::read_to_string(&path)?;
            ws.save_brief_toml(&edited)?;
            println!("Saved brief '{name}'.");
        }
        BriefCmd::Show { name } => print!("{}", ws.brief_toml(&name)?),
        BriefCmd::List => {
            let briefs = ws.briefs()?;
            if briefs.is_empty() {
                println!("No briefs yet. Import one with `scout brief import FILE.toml`.");
            }
            for b in briefs {
                println!(
                    "{:<24} topics: {}  competitors: {}",
                    b.name,
                    b.topics.join(", "),
                    b.competitors.join(", ")
                );
            }
        }
        BriefCmd::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let b = ws
                .save_brief_toml(&text)
                .with_context(|| format!("{} is not a valid brief", file.display()))?;
            println!("Imported brief '{}'.", b.name);
        }
        BriefCmd::Export { name, output } => {
            let toml = ws.brief_toml(&name)?;
            match output {
                Some(p) => {
                    std::fs::write(&p, toml)?;
                    println!("Wrote {}", p.display());
                }
                None => print!("{toml}"),
            }
        }
        BriefCmd::Delete { name } => {
            ws.delete_brief(&name)?;
            println!("Deleted brief '{name}'.");
        }
    }
    Ok(0)
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("scout-edit-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
