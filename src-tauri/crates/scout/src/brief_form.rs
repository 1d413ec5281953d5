//! A brief as a form a brand manager fills in: [`BriefForm`] (the lists of a brief, as
//! plain strings and weighted terms) and [`BriefChoices`] (the languages, markets and
//! jurisdictions `scout-core` accepts, from its own tables). Saving goes through the same
//! `Brief` parsing and validation as a TOML import, so the form and TOML agree; what the
//! form does not show (sensitivity, notes, a competitor's aliases and handles) is kept
//! from the stored brief.

use scout_core::brand::Brief;
use scout_core::brand::choices::{self, CodeChoice};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[cfg(feature = "specta")]
use specta::Type;

use crate::error::{Error, Result};
use crate::views::BriefSummary;
use crate::workspace::Workspace;

/// A topic or value keyword with its weight (1 unless the brand weighs it more).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct TermView {
    /// The keyword or phrase.
    pub term: String,
    /// Its weight in the relevance score.
    pub weight: f64,
}

/// The fields of a brief, as the Brands form edits them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BriefForm {
    /// The brief's name.
    pub name: String,
    /// Topics the creator should talk about.
    pub topics: Vec<TermView>,
    /// Brand values the creator should share.
    pub values: Vec<TermView>,
    /// ISO 639-1 language codes.
    pub languages: Vec<String>,
    /// ISO 3166-1 alpha-2 market codes.
    pub markets: Vec<String>,
    /// Competitors: a name, `@handle` or `#hashtag` each.
    pub competitors: Vec<String>,
    /// Topics the brand must never appear next to.
    pub banned_topics: Vec<String>,
    /// Disclosure rules to judge sponsored posts by (`US`, `UK`, `FR`, `EU`).
    pub jurisdictions: Vec<String>,
}

/// One accepted code with its English name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct CodeChoiceView {
    /// The code (`en`, `GB`, `UK`).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// What the form's code fields accept, from `scout-core`'s tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(Type))]
pub struct BriefChoices {
    /// ISO 639-1 languages.
    pub languages: Vec<CodeChoiceView>,
    /// ISO 3166-1 countries.
    pub markets: Vec<CodeChoiceView>,
    /// Jurisdictions with disclosure rules.
    pub jurisdictions: Vec<CodeChoiceView>,
}

fn views(list: Vec<CodeChoice>) -> Vec<CodeChoiceView> {
    list.into_iter()
        .map(|c| CodeChoiceView {
            code: c.code,
            name: c.name,
        })
        .collect()
}

/// The codes a brief accepts.
pub fn brief_choices() -> BriefChoices {
    BriefChoices {
        languages: views(choices::languages()),
        markets: views(choices::markets()),
        jurisdictions: views(choices::jurisdictions()),
    }
}

/// A competitor as the form writes it: its plain form (`Name`, `@handle`, `#tag`) when it
/// has one, else its name (its aliases and handles are kept on save).
fn competitor_text(c: &scout_core::brand::brief::Competitor) -> String {
    match serde_json::to_value(c) {
        Ok(Value::String(s)) => s,
        _ => c.name.clone(),
    }
}

fn form_of(brief: &Brief) -> BriefForm {
    let terms = |v: &[scout_core::brand::brief::Term]| {
        v.iter()
            .map(|t| TermView {
                term: t.term.clone(),
                weight: t.weight,
            })
            .collect()
    };
    BriefForm {
        name: brief.name.clone(),
        topics: terms(&brief.topics),
        values: terms(&brief.values),
        languages: brief.languages.clone(),
        markets: brief.markets.clone(),
        competitors: brief.competitors.iter().map(competitor_text).collect(),
        banned_topics: brief.banned_topics.clone(),
        jurisdictions: brief
            .jurisdictions
            .iter()
            .map(|j| j.code().to_string())
            .collect(),
    }
}

impl Workspace {
    /// A stored brief as the form shows it.
    pub fn brief_form(&self, name: &str) -> Result<BriefForm> {
        Ok(form_of(&self.load_brief(name)?.brief))
    }

    /// Save a brief from the form. `previous` is the name it was opened under: the stored
    /// brief's other fields (sensitivity, notes, competitors' aliases and handles) are
    /// kept, and a renamed brief replaces the old name. Every problem is reported at once,
    /// in the words of a TOML import (an unknown language names the code).
    pub fn save_brief_form(
        &self,
        form: &BriefForm,
        previous: Option<&str>,
    ) -> Result<BriefSummary> {
        let previous = previous.map(str::trim).filter(|p| !p.is_empty());
        let stored = match previous {
            Some(p) => Some(self.load_brief(p)?.brief),
            None => None,
        };
        if previous != Some(form.name.trim()) && self.store().brand(form.name.trim())?.is_some() {
            return Err(Error::Invalid(format!(
                "a brief named '{}' already exists: open it, or choose another name",
                form.name.trim()
            )));
        }
        let mut value = stored
            .as_ref()
            .map_or_else(|| json!({}), Brief::to_json_value);
        let kept: Vec<(String, Value)> = stored
            .as_ref()
            .map(|b| {
                b.competitors
                    .iter()
                    .map(|c| {
                        (
                            competitor_text(c),
                            serde_json::to_value(c).unwrap_or(Value::Null),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let terms = |v: &[TermView]| -> Value {
            v.iter()
                .map(|t| json!({ "term": t.term, "weight": t.weight }))
                .collect()
        };
        let competitors: Vec<Value> = form
            .competitors
            .iter()
            .map(|c| {
                kept.iter()
                    .find(|(text, _)| text == c.trim())
                    .map_or_else(|| Value::String(c.clone()), |(_, v)| v.clone())
            })
            .collect();
        let obj = value
            .as_object_mut()
            .ok_or_else(|| Error::Invalid("the stored brief is not an object".into()))?;
        obj.insert("name".into(), json!(form.name));
        obj.insert("topics".into(), terms(&form.topics));
        obj.insert("values".into(), terms(&form.values));
        obj.insert("languages".into(), json!(form.languages));
        obj.insert("markets".into(), json!(form.markets));
        obj.insert("competitors".into(), Value::Array(competitors));
        obj.insert("banned_topics".into(), json!(form.banned_topics));
        obj.insert("jurisdictions".into(), json!(form.jurisdictions));
        let brief = Brief::from_json_value(value).map_err(|e| Error::Invalid(e.to_string()))?;
        let toml = brief.to_toml().map_err(|e| Error::Invalid(e.to_string()))?;
        let saved = self.save_brief_toml(&toml)?;
        if let Some(p) = previous.filter(|p| *p != saved.name) {
            self.delete_brief(p)?;
        }
        Ok(saved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str) -> BriefForm {
        BriefForm {
            name: name.into(),
            topics: vec![
                TermView {
                    term: "trail running".into(),
                    weight: 2.0,
                },
                TermView {
                    term: "marathon".into(),
                    weight: 1.0,
                },
            ],
            values: vec![TermView {
                term: "sustainability".into(),
                weight: 1.0,
            }],
            languages: vec!["en".into(), "fr".into()],
            markets: vec!["GB".into(), "fr".into()],
            competitors: vec!["Salomon".into(), "@hoka".into(), "#brooksrunning".into()],
            banned_topics: vec!["gambling".into()],
            jurisdictions: vec!["UK".into(), "FR".into()],
        }
    }

    #[test]
    fn a_form_saves_a_brief_that_reads_back_and_keeps_what_the_form_does_not_show() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        let saved = ws.save_brief_form(&form("Trail Co"), None).unwrap();
        assert_eq!(saved.name, "Trail Co");
        assert_eq!(saved.jurisdictions, ["UK", "FR"]);
        let back = ws.brief_form("Trail Co").unwrap();
        assert_eq!(back.topics, form("Trail Co").topics);
        assert_eq!(
            back.markets,
            ["GB", "FR"],
            "codes tidied as an import tidies them"
        );
        assert_eq!(back.competitors, ["Salomon", "@hoka", "#brooksrunning"]);
        assert_eq!(back.banned_topics, ["gambling"]);

        // A power user's TOML with a sensitivity and a competitor table …
        ws.save_brief_toml(
            "name = \"Trail Co\"\ntopics = [\"trail\"]\n\n[[competitors]]\nname = \"Salomon\"\naliases = [\"Salomon Running\"]\nhandles = [\"salomon\"]\n\n[sensitivity]\ndrugs_alcohol_tobacco = \"high\"\n",
        )
        .unwrap();
        // … edited in the form and renamed: both survive, the old name is gone.
        let mut f = ws.brief_form("Trail Co").unwrap();
        assert_eq!(f.competitors, ["Salomon"]);
        f.name = "Trail Co 2027".into();
        f.languages = vec!["de".into()];
        ws.save_brief_form(&f, Some("Trail Co")).unwrap();
        let toml = ws.brief_toml("Trail Co 2027").unwrap();
        assert!(toml.contains("Salomon Running"), "{toml}");
        assert!(toml.contains("drugs_alcohol_tobacco = \"high\""), "{toml}");
        assert!(toml.contains("\"de\""), "{toml}");
        assert!(ws.brief_toml("Trail Co").is_err());
    }

    #[test]
    fn an_unknown_language_or_market_is_refused_by_name_and_nothing_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::open(Some(dir.path().to_path_buf())).unwrap();
        let mut f = form("Trail Co");
        f.languages = vec!["english".into()];
        f.markets = vec!["ZZ".into()];
        let err = ws.save_brief_form(&f, None).unwrap_err().to_string();
        assert!(err.contains("english") && err.contains("ZZ"), "{err}");
        assert!(ws.briefs().unwrap().is_empty());

        ws.save_brief_form(&form("Trail Co"), None).unwrap();
        let err = ws.save_brief_form(&form("Trail Co"), None).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
    }

    #[test]
    fn the_choices_are_the_codes_core_accepts() {
        let c = brief_choices();
        assert!(c.languages.iter().any(|l| l.code == "fr"));
        assert!(c.markets.iter().any(|m| m.code == "GB"));
        assert_eq!(
            c.jurisdictions
                .iter()
                .map(|j| j.code.as_str())
                .collect::<Vec<_>>(),
            ["US", "UK", "FR", "EU"]
        );
    }
}
