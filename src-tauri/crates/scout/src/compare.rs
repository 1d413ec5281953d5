//! The Compare page: two to four creators side by side. Each column is the Creator page's
//! own [`CreatorDetail`] (so followers, tier, the declared engagement rate with its basis,
//! statistic and band, the authentic ER range, Authenticity and Fit are the figures every
//! other surface shows), plus the planner's cost estimate for one post
//! ([`Workspace::estimate_of`], `scout_core::plan::estimate`) and, for every figure that
//! is missing, the reason in words taken from the check that would have produced it.

use scout_core::Verdict;
use scout_core::checks::{engagement_rate, score, suspicious_share};
use scout_store::AccountId;
use serde::{Deserialize, Serialize};

#[cfg(feature = "specta")]
use specta::Type;

use crate::error::{Error, Result};
use crate::plan::CostEstimateView;
use crate::views::CreatorDetail;
use crate::workspace::Workspace;

/// Fewest creators a comparison takes.
pub const MIN_COMPARE: usize = 2;
/// Most creators a comparison takes.
pub const MAX_COMPARE: usize = 4;

/// One creator's column on the Compare page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CompareEntry {
    /// The creator asked for.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub creator_id: i64,
    /// The Creator page's figures (`None` when the creator has no snapshot yet).
    pub detail: Option<CreatorDetail>,
    /// Cost of one post and cost per authentic engagement, when a fee is known.
    pub cost: Option<CostEstimateView>,
    /// Why a figure is missing: one entry per missing figure.
    pub missing: Vec<MissingFigure>,
}

/// A figure the Compare page cannot show for a creator, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct MissingFigure {
    /// Which figure: `snapshot`, `engagement_rate`, `authentic_er`, `authenticity`, `fit`,
    /// `cost_per_engagement`.
    pub figure: String,
    /// The reason, in plain words.
    pub reason: String,
}

fn missing(figure: &str, reason: impl Into<String>) -> MissingFigure {
    MissingFigure {
        figure: figure.to_string(),
        reason: reason.into(),
    }
}

impl Workspace {
    /// Two to four creators side by side, Fit scored against `brief` when given.
    pub fn compare(&self, creator_ids: &[i64], brief: Option<&str>) -> Result<Vec<CompareEntry>> {
        let mut ids: Vec<i64> = Vec::with_capacity(creator_ids.len());
        for id in creator_ids {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        if !(MIN_COMPARE..=MAX_COMPARE).contains(&ids.len()) {
            return Err(Error::Invalid(format!(
                "choose {MIN_COMPARE} to {MAX_COMPARE} different creators to compare ({} chosen)",
                ids.len()
            )));
        }
        let brief = brief.map(str::trim).filter(|b| !b.is_empty());
        let loaded = brief.map(|b| self.load_brief(b)).transpose()?;
        let (card, reach) = self.plan_tables()?;
        let accounts = ids
            .iter()
            .map(|id| self.account(*id))
            .collect::<Result<Vec<_>>>()?;
        let account_ids: Vec<AccountId> = accounts.iter().map(|a| a.id).collect();
        let fees = self.store().quoted_fees(&account_ids)?;
        let mut out = Vec::with_capacity(accounts.len());
        for account in &accounts {
            let creator_id = account.id.get();
            if account.latest.is_none() {
                out.push(CompareEntry {
                    creator_id,
                    detail: None,
                    cost: None,
                    missing: vec![missing(
                        "snapshot",
                        format!(
                            "@{} has not been vetted yet: vet it to see its figures",
                            account.handle
                        ),
                    )],
                });
                continue;
            }
            let detail = self.creator(creator_id, brief)?;
            let (_, estimate) = self.estimate_of(
                account,
                fees.get(&account.id),
                loaded.as_ref(),
                &card,
                &reach,
            )?;
            let cost = CostEstimateView::of(&estimate, &card.currency);
            let mut why = Vec::new();
            let finding_words = |check: &str| {
                detail
                    .findings
                    .iter()
                    .find(|f| f.check == check)
                    .map(|f| f.summary.clone())
            };
            if detail.row.engagement_rate.is_none() {
                why.push(missing(
                    "engagement_rate",
                    finding_words(engagement_rate::CHECK).unwrap_or_else(|| {
                        format!(
                            "fewer than {} original posts with counts",
                            engagement_rate::MIN_POSTS
                        )
                    }),
                ));
            }
            if detail.authentic_er_low.is_none() {
                why.push(missing(
                    "authentic_er",
                    finding_words(suspicious_share::AUTHENTIC_CHECK).unwrap_or_else(|| {
                        "no scored audience sample large enough to estimate it".to_string()
                    }),
                ));
            }
            if detail.row.authenticity.is_none() {
                why.push(missing(
                    "authenticity",
                    finding_words(score::CHECK)
                        .unwrap_or_else(|| "not enough data to score authenticity".to_string()),
                ));
            }
            match (brief, detail.fit.as_ref()) {
                (None, _) => why.push(missing("fit", "no brief chosen: choose one to score Fit")),
                (Some(b), None) => why.push(missing(
                    "fit",
                    format!("not enough data to score Fit against “{b}” (no posts)"),
                )),
                (Some(_), Some(f)) if f.verdict == Verdict::NotEnoughData => {
                    why.push(missing("fit", f.verdict_words.clone()));
                }
                _ => {}
            }
            if estimate.cpe.is_none() {
                let reason = if estimate.missing.is_empty() {
                    "no fee and no authentic engagement estimate".to_string()
                } else {
                    estimate.missing.join("; ")
                };
                why.push(missing("cost_per_engagement", reason));
            }
            out.push(CompareEntry {
                creator_id,
                detail: Some(detail),
                cost: Some(cost),
                missing: why,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the same figures, copied, not recomputed
mod tests {
    use super::*;
    use crate::views::CreatorQuery;

    #[test]
    fn a_micro_and_a_mega_side_by_side_show_the_creator_page_figures_and_the_planner_cost() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        ws.load_demo().unwrap();
        let rows = ws
            .list_creators(&CreatorQuery {
                limit: Some(200),
                ..CreatorQuery::default()
            })
            .unwrap()
            .rows;
        let micro = rows
            .iter()
            .find(|r| r.tier == Some(scout_core::Tier::Micro))
            .expect("a micro creator in the demo");
        let mega = rows
            .iter()
            .find(|r| r.tier == Some(scout_core::Tier::Mega))
            .expect("a mega creator in the demo");
        // A quoted fee for the micro: its cost per engagement is that fee over its
        // authentic engagements, exactly as the planner has it.
        ws.set_quoted_fee(micro.id, Some(250.0), None).unwrap();

        let got = ws.compare(&[micro.id, mega.id, micro.id], None).unwrap();
        assert_eq!(got.len(), 2, "a repeated id is compared once");
        assert_eq!(got[0].creator_id, micro.id);
        assert_eq!(got[1].creator_id, mega.id);
        for entry in &got {
            let page = ws.creator(entry.creator_id, None).unwrap();
            let detail = entry.detail.as_ref().unwrap();
            assert_eq!(
                detail.row, page.row,
                "the Creator page's row, not a recomputation"
            );
            assert_eq!(detail.authentic_er_low, page.authentic_er_low);
            assert_eq!(detail.engagement_rate_low, page.engagement_rate_low);
            assert!(
                entry
                    .missing
                    .iter()
                    .any(|m| m.figure == "fit" && m.reason.contains("no brief")),
                "{:?}",
                entry.missing
            );
        }
        let cost = got[0].cost.as_ref().unwrap();
        assert_eq!(cost.fee_source.as_deref(), Some("quoted"));
        assert_eq!(cost.cost_per_post, Some(250.0));
        let engagements = cost.engagements.expect("the micro's authentic engagements");
        assert!((cost.cpe.unwrap() - 250.0 / engagements).abs() < 1e-9);

        ws.create_shortlist("Side by side", None).unwrap();
        ws.add_to_shortlist("Side by side", &[micro.id, mega.id])
            .unwrap();
        let plan = ws
            .plan(&crate::plan::PlanRequest {
                shortlist: "Side by side".into(),
                budget: 1_000_000.0,
                objective: "engagement".into(),
                brief: None,
                max_posts: None,
                min_share: Vec::new(),
                max_share: Vec::new(),
                max_creators: None,
                include_risk: true,
                pin: Vec::new(),
                exclude: Vec::new(),
            })
            .unwrap();
        for entry in &got {
            let c = plan
                .candidates
                .iter()
                .find(|c| c.creator_id == entry.creator_id as f64)
                .unwrap();
            let cost = entry.cost.as_ref().unwrap();
            assert_eq!(cost.cpe, c.cpe, "Compare and the planner agree");
            assert_eq!(cost.cost_per_post, c.cost_per_post);
        }
    }

    #[test]
    fn fewer_than_two_more_than_four_or_unknown_creators_are_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        ws.load_demo().unwrap();
        let ids: Vec<i64> = ws
            .list_creators(&CreatorQuery {
                limit: Some(5),
                ..CreatorQuery::default()
            })
            .unwrap()
            .rows
            .iter()
            .map(|r| r.id)
            .collect();
        let err = ws.compare(&ids[..1], None).unwrap_err();
        assert!(err.to_string().contains("choose 2 to 4"), "{err}");
        let err = ws.compare(&ids[..5], None).unwrap_err();
        assert!(err.to_string().contains("(5 chosen)"), "{err}");
        let err = ws.compare(&ids[..2], Some("No such brand")).unwrap_err();
        assert!(err.to_string().contains("no brief named"), "{err}");

        let err = ws.compare(&[ids[0], 987_654], None).unwrap_err();
        assert_eq!(err.code(), "store.not_found", "{err}");
    }
}
