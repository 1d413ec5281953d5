//! `scout-train` command line: `scout-train bots --data DIR --out FILE [--seed N]`.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use scout_core::checks::bots::{BotModel, Metrics};
use scout_train::bots::{TrainConfig, load_instafake, train};

#[derive(Parser)]
#[command(
    name = "scout-train",
    about = "Train the models Scout ships as data",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train and cross-validate the bot-likeness model on the InstaFake fake-account set.
    Bots {
        /// The InstaFake release folder (holding fake-v1.0/).
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Where to write the weights (JSON with the model card).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Seed for folds and feature masking.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Training date to record in the model card (e.g. 2026-11-27); omitted if not given.
        #[arg(long, value_name = "DATE")]
        trained_on: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Bots {
            data,
            out,
            seed,
            trained_on,
        } => {
            let rows = load_instafake(&data)?;
            let cfg = TrainConfig {
                seed,
                ..TrainConfig::default()
            };
            let model = train(&rows, &cfg, trained_on)?;
            let json = model.to_json()?;
            std::fs::write(&out, json)
                .with_context(|| format!("cannot write {}", out.display()))?;
            print_card(&model);
            println!("\nwrote {}", out.display());
            Ok(())
        }
    }
}

fn print_card(model: &BotModel) {
    let t = &model.training;
    let cv = &t.cross_validation;
    println!(
        "InstaFake fake-v1.0: {} fake, {} real accounts; {}-fold stratified CV, seed {}",
        t.fake_accounts, t.real_accounts, cv.folds, cv.seed
    );
    println!(
        "{:<14} {:>15} {:>15} {:>15} {:>15} {:>15}",
        "scenario", "accuracy", "precision", "recall", "F1", "ROC AUC"
    );
    let cell = |m: f64, s: f64| format!("{m:.3} ± {s:.3}");
    for s in &cv.scenarios {
        let (m, d) = (&s.mean, &s.std);
        println!(
            "{:<14} {:>15} {:>15} {:>15} {:>15} {:>15}",
            s.scenario,
            cell(m.accuracy, d.accuracy),
            cell(m.precision, d.precision),
            cell(m.recall, d.recall),
            cell(m.f1, d.f1),
            cell(m.roc_auc, d.roc_auc)
        );
    }
    let b: &Metrics = &cv.baseline_all_real;
    println!(
        "{:<14} {:>15.3} {:>15.3} {:>15.3} {:>15.3} {:>15.3}",
        "all-real", b.accuracy, b.precision, b.recall, b.f1, b.roc_auc
    );
    println!(
        "\ncoefficients (scaled columns, positive = more bot-like), intercept {:.3}:",
        model.intercept
    );
    for (name, c) in model.columns.iter().zip(&model.coefficients) {
        println!("  {name:<26} {c:>8.3}");
    }
}
