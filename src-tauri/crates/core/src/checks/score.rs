//! The authenticity score 0–100 with its breakdown: [`AuthenticityScore`],
//! computed by [`authenticity_score`] from the other checks' findings and the
//! published weights (`score.weights` in the benchmark table).
//!
//! Each weighted check earns points for its verdict (ok / watch / risk,
//! `score.*_points`). Checks with not enough data are left out and the
//! remaining weights renormalised to sum to 1, so the contributions
//! (normalised weight × points) sum to the score. Weighted checks that do not
//! apply to the platform (views to followers outside video platforms) are not
//! counted at all. The score's confidence is Σ (weight × confidence) over the
//! included checks / Σ weight over all applicable checks: missing checks and
//! thin samples both lower it. With less than `score.min_weight_covered` of the
//! applicable weight covered there is no score.

use serde::{Deserialize, Serialize};

use super::benchmarks::ScoreParams;
use crate::{Finding, Range, Verdict};

/// Check id of the score.
pub const CHECK: &str = "authenticity_score";
/// Method version.
pub const METHOD: &str = "authenticity_score/1";

/// One check's part in the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Check id.
    pub check: String,
    /// Its verdict.
    pub verdict: Verdict,
    /// Its confidence.
    pub confidence: f64,
    /// Published weight.
    pub weight: f64,
    /// Weight / sum of the included weights.
    pub normalised_weight: f64,
    /// Points for the verdict.
    pub points: f64,
    /// `normalised_weight × points`; the contributions sum to the score.
    pub contribution: f64,
}

/// The score, its verdict, its confidence and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthenticityScore {
    /// 0–100; `None` when too little of the weight had data.
    pub score: Option<f64>,
    /// Verdict from the score bands (not enough data without a score).
    pub verdict: Verdict,
    /// Confidence 0..=1.
    pub confidence: f64,
    /// Share of the applicable weight that had data.
    pub covered_weight: f64,
    /// Included checks, in weight order (heaviest first, then by id).
    pub breakdown: Vec<Contribution>,
    /// Weighted checks that applied but had not enough data.
    pub excluded: Vec<String>,
}

/// A 0–100 score as every surface shows it: whole points. Verdicts are taken on
/// this value, so a score shown as "70" is never judged "watch".
pub fn shown(score: f64) -> f64 {
    score.round()
}

/// Combine the findings into the score.
pub fn authenticity_score(findings: &[Finding], params: &ScoreParams) -> AuthenticityScore {
    let mut weighted: Vec<(&String, f64)> = params
        .weights
        .iter()
        .map(|(k, w)| (k, *w))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut applicable = 0.0;
    let mut included: Vec<(&Finding, f64, f64)> = Vec::new();
    let mut excluded = Vec::new();
    for (check, w) in weighted {
        let Some(f) = findings.iter().find(|f| &f.check == check) else {
            continue;
        };
        applicable += w;
        match params.points(f.verdict) {
            Some(points) => included.push((f, w, points)),
            None => excluded.push(check.clone()),
        }
    }
    let included_weight: f64 = included.iter().map(|(_, w, _)| w).sum();
    let covered = if applicable > 0.0 {
        included_weight / applicable
    } else {
        0.0
    };
    let confidence = if applicable > 0.0 {
        included
            .iter()
            .map(|(f, w, _)| w * f.confidence.clamp(0.0, 1.0))
            .sum::<f64>()
            / applicable
    } else {
        0.0
    };
    let breakdown: Vec<Contribution> = included
        .iter()
        .map(|(f, w, points)| {
            let normalised_weight = w / included_weight;
            Contribution {
                check: f.check.clone(),
                verdict: f.verdict,
                confidence: f.confidence,
                weight: *w,
                normalised_weight,
                points: *points,
                contribution: normalised_weight * points,
            }
        })
        .collect();
    if included.is_empty() || covered < params.min_weight_covered {
        return AuthenticityScore {
            score: None,
            verdict: Verdict::NotEnoughData,
            confidence: 0.0,
            covered_weight: covered,
            breakdown,
            excluded,
        };
    }
    let score: f64 = breakdown.iter().map(|c| c.contribution).sum();
    let verdict = params.verdict(score);
    AuthenticityScore {
        score: Some(score),
        verdict,
        confidence,
        covered_weight: covered,
        breakdown,
        excluded,
    }
}

impl AuthenticityScore {
    /// The score as a finding (the breakdown in the explanation).
    pub fn to_finding(&self, params: &ScoreParams) -> Finding {
        let parts: Vec<String> = self
            .breakdown
            .iter()
            .map(|c| format!("{} {} {:+.1}", c.check, c.verdict.label(), c.contribution))
            .collect();
        let left_out = if self.excluded.is_empty() {
            String::new()
        } else {
            format!("; left out for lack of data: {}", self.excluded.join(", "))
        };
        let explanation = match self.score {
            Some(s) => format!(
                "Score {s:.0}/100 from {} checks covering {:.0}% of the weight: {}{left_out}.",
                self.breakdown.len(),
                self.covered_weight * 100.0,
                parts.join(", ")
            ),
            None => format!(
                "Only {:.0}% of the score's weight had data (need {:.0}%){left_out}.",
                self.covered_weight * 100.0,
                params.min_weight_covered * 100.0
            ),
        };
        Finding {
            check: CHECK.to_string(),
            title: "Authenticity score".to_string(),
            value: self.score,
            expected: Some(Range::new(params.ok_at_least, 100.0)),
            verdict: self.verdict,
            confidence: self.confidence,
            evidence: Vec::new(),
            explanation,
            method_version: METHOD.to_string(),
        }
    }
}
