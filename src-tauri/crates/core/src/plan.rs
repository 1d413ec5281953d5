//! The campaign-mix planner: rate card and reach tables ([`tables`]), estimates per
//! creator and post ([`estimate`]), the mixed-integer optimiser ([`optimise`]) and the
//! measured results of a running campaign ([`campaign`]).
//!
//! Pure like the checks: the façade passes the metrics, the suspicious share, Brand Fit,
//! the tables in force and `now`; nothing here reads files, the database or the clock.

pub mod campaign;
pub mod estimate;
pub mod optimise;
pub mod tables;

pub use estimate::{CreatorFacts, Estimate, FeeSource, Span, estimate};
pub use optimise::{Candidate, Constraints, Objective, PlanError, PlanResult, solve};
pub use tables::{Format, RateCard, ReachTable, TableError};

/// The value of one post for an objective, from its estimate (conversion needs Fit).
pub fn value_per_post(e: &Estimate, objective: Objective) -> Result<Span, String> {
    match objective {
        Objective::Awareness => e.reach.ok_or_else(|| {
            e.missing
                .iter()
                .find(|m| m.contains("reach") || m.contains("follower"))
                .cloned()
                .unwrap_or_else(|| "reach could not be estimated".into())
        }),
        Objective::Engagement => e.engagements.ok_or_else(|| {
            e.missing
                .iter()
                .find(|m| m.contains("engagement") || m.contains("rate"))
                .cloned()
                .unwrap_or_else(|| "authentic engagements could not be estimated".into())
        }),
        Objective::Conversion => {
            let eng = value_per_post(e, Objective::Engagement)?;
            let fit = e.fit.ok_or_else(|| {
                "no Brand Fit for the brief (choose a brief; Fit needs posts)".to_string()
            })?;
            Ok(eng.scale(fit / 100.0))
        }
    }
}

#[cfg(test)]
mod tests;
