//! Scout's domain: the types every other crate speaks and the pure checks run on them.
//!
//! Main types: [`Platform`], [`AccountRef`], [`Profile`], [`Post`], [`Comment`],
//! [`SampledAccount`], [`Snapshot`], [`Tier`] / [`TierBounds`], [`Finding`],
//! [`ShortlistStatus`]. Checks live in [`metrics`], [`checks`] and [`brand`]; the team
//! sync's operations, clock and conflict rules in [`sync`]; the campaign-mix planner
//! (estimates, optimiser, campaign results) in [`plan`].
//!
//! Invariants: no I/O, no clock (`now` is always a parameter), no randomness
//! without a seed, no async. Every score is explainable: a [`Finding`] carries
//! its value, the range it was compared with, a verdict, a confidence and the
//! evidence ids behind it.
#![deny(missing_docs)]

pub mod brand;
pub mod checks;
pub mod finding;
pub mod metrics;
pub mod model;
pub mod plan;
pub mod platform;
pub mod shortlist;
pub mod sync;
pub mod tier;

pub use finding::{Evidence, EvidenceKind, Finding, Range, Verdict};
pub use model::{
    AccountKey, AccountRef, Comment, MissingPart, Part, Post, PostKind, Profile, SampledAccount,
    Snapshot,
};
pub use platform::Platform;
pub use shortlist::ShortlistStatus;
pub use tier::{Tier, TierBounds};
