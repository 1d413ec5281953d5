//! Campaign-mix plans: fees creators quoted ([`QuotedFee`]), saved plans ([`PlanRow`]) with
//! their creators ([`PlanItemRow`]), and posts linked to a running campaign.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::Store;
use crate::codec::{Time, to_json};
use crate::error::{Result, StoreError};
use crate::ids::{AccountId, ShortlistId};

/// Id of a row in `plans`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlanId(pub i64);

impl PlanId {
    /// The raw rowid.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// A fee a creator quoted per post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotedFee {
    /// The account.
    pub account: AccountId,
    /// Fee per post, in the rate card's currency.
    pub fee: f64,
    /// The deliverable quoted for (`post`, `short_video`, …), if given.
    pub format: Option<String>,
    /// Free note (who quoted, when).
    pub note: Option<String>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// One creator of a saved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanItemRow {
    /// The account.
    pub account: AccountId,
    /// Posts bought.
    pub posts: u32,
    /// Planned cost.
    pub cost: f64,
    /// `quoted` or `estimated`.
    pub fee_source: String,
    /// Planned value for the plan's objective.
    pub value: f64,
    /// Planned authentic engagements per post.
    pub engagements: Option<f64>,
    /// Planned reach per post.
    pub reach: Option<f64>,
}

/// A saved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRow {
    /// Row id.
    pub id: PlanId,
    /// The shortlist planned.
    pub shortlist: ShortlistId,
    /// Name, unique per shortlist.
    pub name: String,
    /// Objective key.
    pub objective: String,
    /// Budget.
    pub budget: f64,
    /// The request as asked (JSON).
    pub request: serde_json::Value,
    /// The plan as solved (JSON).
    pub result: serde_json::Value,
    /// `draft`, `running` or `done`.
    pub status: String,
    /// Campaign start, once running.
    pub starts_at: Option<DateTime<Utc>>,
    /// Campaign end, once running.
    pub ends_at: Option<DateTime<Utc>>,
    /// What identifies the campaign's posts (brand names, handles, hashtags), once running.
    pub campaign: Option<serde_json::Value>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A plan to save.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan<'a> {
    /// The shortlist.
    pub shortlist: ShortlistId,
    /// Name (saving the same name again replaces the plan).
    pub name: &'a str,
    /// Objective key.
    pub objective: &'a str,
    /// Budget.
    pub budget: f64,
    /// Request JSON.
    pub request: &'a serde_json::Value,
    /// Result JSON.
    pub result: &'a serde_json::Value,
    /// The creators bought.
    pub items: &'a [PlanItemRow],
}

fn plan_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlanRow> {
    let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
        let s: String = r.get(i)?;
        serde_json::from_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let campaign: Option<String> = r.get(10)?;
    Ok(PlanRow {
        id: PlanId(r.get(0)?),
        shortlist: ShortlistId(r.get(1)?),
        name: r.get(2)?,
        objective: r.get(3)?,
        budget: r.get(4)?,
        request: json(5)?,
        result: json(6)?,
        status: r.get(7)?,
        starts_at: r.get::<_, Option<Time>>(8)?.map(|t| t.0),
        ends_at: r.get::<_, Option<Time>>(9)?.map(|t| t.0),
        campaign: campaign.and_then(|s| serde_json::from_str(&s).ok()),
        created_at: r.get::<_, Time>(11)?.0,
        updated_at: r.get::<_, Time>(12)?.0,
    })
}

const PLAN_COLUMNS: &str = "id, shortlist_id, name, objective, budget, request_json, result_json, status, starts_at, ends_at, campaign_json, created_at, updated_at";

fn save_plan(c: &Connection, p: &NewPlan<'_>, now: DateTime<Utc>) -> Result<PlanId> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("a plan without a name"));
    }
    if !(p.budget.is_finite() && p.budget >= 0.0) {
        return Err(StoreError::invalid(format!("plan budget {}", p.budget)));
    }
    let existing: Option<(i64, String)> = c
        .query_row(
            "SELECT id, status FROM plans WHERE shortlist_id = ?1 AND name = ?2",
            params![p.shortlist, name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((_, status)) = &existing
        && status != "draft"
    {
        return Err(StoreError::invalid(format!(
            "plan '{name}' is {status}: its plan is kept as it was decided; save under another name"
        )));
    }
    let request = to_json(p.request, "plan request")?;
    let result = to_json(p.result, "plan result")?;
    let id = if let Some((id, _)) = existing {
        c.execute(
            "UPDATE plans SET objective = ?2, budget = ?3, request_json = ?4, result_json = ?5, updated_at = ?6 WHERE id = ?1",
            params![id, p.objective, p.budget, request, result, Time(now)],
        )?;
        c.execute("DELETE FROM plan_items WHERE plan_id = ?1", [id])?;
        id
    } else {
        c.execute(
            "INSERT INTO plans (shortlist_id, name, objective, budget, request_json, result_json, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![p.shortlist, name, p.objective, p.budget, request, result, Time(now)],
        )?;
        c.last_insert_rowid()
    };
    let mut ins = c.prepare_cached(
        "INSERT INTO plan_items (plan_id, account_id, posts, cost, fee_source, value, engagements, reach) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for it in p.items {
        ins.execute(params![
            id,
            it.account,
            it.posts,
            it.cost,
            it.fee_source,
            it.value,
            it.engagements,
            it.reach
        ])?;
    }
    Ok(PlanId(id))
}

impl Store {
    /// Set (replace) the fee a creator quoted per post.
    pub fn set_quoted_fee(
        &mut self,
        account: AccountId,
        fee: f64,
        format: Option<&str>,
        note: Option<&str>,
    ) -> Result<()> {
        if !(fee.is_finite() && fee > 0.0) {
            return Err(StoreError::invalid(format!(
                "a quoted fee of {fee}: it must be a positive amount"
            )));
        }
        self.write(|c, now| {
            c.execute(
                "INSERT INTO quoted_fees (account_id, fee, format, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (account_id) DO UPDATE SET fee = excluded.fee, format = excluded.format, note = excluded.note, updated_at = excluded.updated_at",
                params![account, fee, format, note, Time(now)],
            )?;
            Ok(())
        })
    }

    /// Remove a quoted fee (the rate card's estimate applies again).
    pub fn clear_quoted_fee(&mut self, account: AccountId) -> Result<()> {
        self.write(|c, _| {
            c.execute("DELETE FROM quoted_fees WHERE account_id = ?1", [account])?;
            Ok(())
        })
    }

    /// Quoted fees of the given accounts (one query).
    pub fn quoted_fees(&self, accounts: &[AccountId]) -> Result<HashMap<AccountId, QuotedFee>> {
        self.read(|c| {
            let ids = serde_json::to_string(&accounts.iter().map(|a| a.0).collect::<Vec<_>>())
                .map_err(|e| StoreError::invalid(e.to_string()))?;
            let mut stmt = c.prepare_cached(
                "SELECT account_id, fee, format, note, updated_at FROM quoted_fees
                 WHERE account_id IN (SELECT value FROM json_each(?1))",
            )?;
            let rows = stmt.query_map([ids], |r| {
                Ok(QuotedFee {
                    account: AccountId(r.get(0)?),
                    fee: r.get(1)?,
                    format: r.get(2)?,
                    note: r.get(3)?,
                    updated_at: r.get::<_, Time>(4)?.0,
                })
            })?;
            let mut out = HashMap::new();
            for row in rows {
                let row = row?;
                out.insert(row.account, row);
            }
            Ok(out)
        })
    }

    /// Save a plan with its creators in one transaction (a draft of the same name is replaced).
    pub fn save_plan(&mut self, plan: &NewPlan<'_>) -> Result<PlanId> {
        self.write(|c, now| save_plan(c, plan, now))
    }

    /// The plans of a shortlist, newest first.
    pub fn plans(&self, shortlist: ShortlistId) -> Result<Vec<PlanRow>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {PLAN_COLUMNS} FROM plans WHERE shortlist_id = ?1 ORDER BY created_at DESC, id DESC"
            ))?;
            let rows = stmt.query_map([shortlist], plan_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// A plan by shortlist and name.
    pub fn plan_by_name(&self, shortlist: ShortlistId, name: &str) -> Result<Option<PlanRow>> {
        self.read(|c| {
            Ok(c.query_row(
                &format!("SELECT {PLAN_COLUMNS} FROM plans WHERE shortlist_id = ?1 AND name = ?2"),
                params![shortlist, name.trim()],
                plan_row,
            )
            .optional()?)
        })
    }

    /// The creators of a plan.
    pub fn plan_items(&self, plan: PlanId) -> Result<Vec<PlanItemRow>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT account_id, posts, cost, fee_source, value, engagements, reach FROM plan_items WHERE plan_id = ?1 ORDER BY value DESC",
            )?;
            let rows = stmt.query_map([plan.0], |r| {
                Ok(PlanItemRow {
                    account: AccountId(r.get(0)?),
                    posts: r.get(1)?,
                    cost: r.get(2)?,
                    fee_source: r.get(3)?,
                    value: r.get(4)?,
                    engagements: r.get(5)?,
                    reach: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Delete a plan.
    pub fn delete_plan(&mut self, plan: PlanId) -> Result<()> {
        self.write(|c, _| {
            let n = c.execute("DELETE FROM plans WHERE id = ?1", [plan.0])?;
            if n == 0 {
                return Err(StoreError::not_found(format!("plan {}", plan.0)));
            }
            Ok(())
        })
    }

    /// Mark a plan running between two times, with what identifies its posts.
    pub fn start_campaign(
        &mut self,
        plan: PlanId,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        campaign: &serde_json::Value,
    ) -> Result<()> {
        if ends_at <= starts_at {
            return Err(StoreError::invalid(
                "a campaign that ends before it starts: give an end date after the start",
            ));
        }
        let campaign = to_json(campaign, "campaign")?;
        self.write(|c, now| {
            let n = c.execute(
                "UPDATE plans SET status = 'running', starts_at = ?2, ends_at = ?3, campaign_json = ?4, updated_at = ?5 WHERE id = ?1",
                params![plan.0, Time(starts_at), Time(ends_at), campaign, Time(now)],
            )?;
            if n == 0 {
                return Err(StoreError::not_found(format!("plan {}", plan.0)));
            }
            Ok(())
        })
    }

    /// Link a post (id or URL) of one of the plan's creators as a deliverable.
    pub fn link_plan_post(
        &mut self,
        plan: PlanId,
        account: AccountId,
        post_ref: &str,
    ) -> Result<()> {
        let post_ref = post_ref.trim();
        if post_ref.is_empty() {
            return Err(StoreError::invalid("an empty post link"));
        }
        self.write(|c, now| {
            c.execute(
                "INSERT OR IGNORE INTO plan_links (plan_id, account_id, post_ref, added_at) VALUES (?1, ?2, ?3, ?4)",
                params![plan.0, account, post_ref, Time(now)],
            )?;
            Ok(())
        })
    }

    /// Posts linked to a plan, per account.
    pub fn plan_links(&self, plan: PlanId) -> Result<Vec<(AccountId, String)>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT account_id, post_ref FROM plan_links WHERE plan_id = ?1 ORDER BY added_at",
            )?;
            let rows = stmt.query_map([plan.0], |r| Ok((AccountId(r.get(0)?), r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::rich_snapshot;

    #[test]
    fn fees_plans_and_links_round_trip_and_bad_input_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        s.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        let account = s.accounts().unwrap()[0].id;
        let sl = s.create_shortlist("Spring", None).unwrap();
        s.add_to_shortlist(sl, account).unwrap();

        s.set_quoted_fee(account, 750.0, Some("post"), Some("email 1 Dec"))
            .unwrap();
        s.set_quoted_fee(account, 800.0, None, None).unwrap();
        let fees = s.quoted_fees(&[account, AccountId(999)]).unwrap();
        assert_eq!(fees.len(), 1);
        assert!((fees[&account].fee - 800.0).abs() < 1e-9);
        assert!(s.set_quoted_fee(account, -5.0, None, None).is_err());
        assert!((s.quoted_fees(&[account]).unwrap()[&account].fee - 800.0).abs() < 1e-9);

        let req = serde_json::json!({"budget": 1000});
        let res = serde_json::json!({"total_cost": 800});
        let items = vec![PlanItemRow {
            account,
            posts: 1,
            cost: 800.0,
            fee_source: "quoted".into(),
            value: 420.0,
            engagements: Some(420.0),
            reach: Some(9000.0),
        }];
        let new = NewPlan {
            shortlist: sl,
            name: "Hybrid",
            objective: "engagement",
            budget: 1000.0,
            request: &req,
            result: &res,
            items: &items,
        };
        let id = s.save_plan(&new).unwrap();
        // Saving a draft of the same name replaces it.
        assert_eq!(s.save_plan(&new).unwrap(), id);
        assert_eq!(s.plans(sl).unwrap().len(), 1);
        assert_eq!(s.plan_items(id).unwrap(), items);
        let row = s.plan_by_name(sl, "hybrid").unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.result["total_cost"].as_i64()),
            ("draft", Some(800))
        );

        let t0 = DateTime::parse_from_rfc3339("2025-03-01T00:00:00Z")
            .unwrap()
            .to_utc();
        let t1 = DateTime::parse_from_rfc3339("2025-03-15T00:00:00Z")
            .unwrap()
            .to_utc();
        assert!(
            s.start_campaign(id, t1, t0, &serde_json::json!({}))
                .is_err()
        );
        s.start_campaign(id, t0, t1, &serde_json::json!({"brand": "Acme"}))
            .unwrap();
        let row = s.plan_by_name(sl, "Hybrid").unwrap().unwrap();
        assert_eq!(row.status, "running");
        assert_eq!(row.starts_at, Some(t0));
        // A running plan is kept as decided.
        let err = s.save_plan(&new).unwrap_err();
        assert!(err.to_string().contains("running"), "{err}");
        assert_eq!(s.plan_items(id).unwrap(), items);

        s.link_plan_post(id, account, "https://example.invalid/p/1")
            .unwrap();
        s.link_plan_post(id, account, "https://example.invalid/p/1")
            .unwrap();
        assert_eq!(s.plan_links(id).unwrap().len(), 1);
        assert!(s.link_plan_post(id, account, " ").is_err());

        s.delete_shortlist(sl).unwrap();
        assert!(s.plans(sl).unwrap().is_empty());
    }
}
