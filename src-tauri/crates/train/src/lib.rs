//! `scout-train`: reproducible training of the models Scout ships as data.
//!
//! Main items: [`bots::train`] (bot-likeness logistic regression on the InstaFake set,
//! producing a [`scout_core::checks::bots::BotModel`]), [`bots::cross_validate`],
//! [`cv::stratified_folds`] and [`cv::metrics`]. The binary wraps them as
//! `scout-train bots --data DIR --out FILE`. The labelled data stays outside the repository;
//! only the fitted weights (with their model card) are committed.

pub mod bots;
pub mod cv;
