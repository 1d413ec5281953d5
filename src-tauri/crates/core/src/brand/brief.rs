//! The brand brief: what one client wants from a creator, as a scout keeps it per client.
//!
//! Main types: [`Brief`] (stored as JSON, imported and exported as TOML), [`Term`] (a topic or
//! value keyword with an optional weight), [`Competitor`], [`Sensitivity`] (brand-safety
//! sensitivity per [`SafetyCategory`]), [`SensitivityLevel`], [`Jurisdiction`], and the errors
//! [`BriefError`] / [`BriefProblem`].
//!
//! In TOML, topics and values may be plain strings or `{ term, weight }` tables, competitors may
//! be plain strings (`"Glossier"`, `"@glossier"`, `"#glossier"`) or tables. Unknown keys are an
//! error that names the key, at every level.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A shipped, commented example brief (also what `scout brief new` can start from).
pub const EXAMPLE_BRIEF_TOML: &str = include_str!("../../data/brand/example_brief.toml");

/// One client's brief: the topics and values the brand wants, who it must not be near, and the
/// rules it answers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// The brief's name, unique per workspace (usually the client or campaign).
    pub name: String,
    /// Free notes for the scout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Topics the creator should talk about (keywords and phrases, optionally weighted).
    #[serde(default)]
    pub topics: Vec<Term>,
    /// Brand values the creator should share (scored like topics).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Term>,
    /// Target languages, ISO 639-1 codes (`en`, `fr`), optionally with a region (`pt-BR`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Target markets, ISO 3166-1 alpha-2 country codes (`FR`, `GB`; `UK` is accepted).
    #[serde(default)]
    pub markets: Vec<String>,
    /// Competitors: names, handles and hashtags.
    #[serde(default)]
    pub competitors: Vec<Competitor>,
    /// Topics the brand must never appear next to (matched like safety phrases).
    #[serde(default)]
    pub banned_topics: Vec<String>,
    /// Jurisdictions whose disclosure rules apply.
    #[serde(default)]
    pub jurisdictions: Vec<Jurisdiction>,
    /// Brand-safety sensitivity per category.
    #[serde(default)]
    pub sensitivity: Sensitivity,
}

impl Brief {
    /// An empty brief with a name (every list empty, medium sensitivity).
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            notes: None,
            topics: Vec::new(),
            values: Vec::new(),
            languages: Vec::new(),
            markets: Vec::new(),
            competitors: Vec::new(),
            banned_topics: Vec::new(),
            jurisdictions: Vec::new(),
            sensitivity: Sensitivity::default(),
        }
    }

    /// Parse a TOML brief, tidy it (trim, case of codes, `@`/`#` prefixes) and validate it.
    ///
    /// Unknown keys are an error naming the key (``unknown field `colour` ``).
    pub fn from_toml(text: &str) -> Result<Brief, BriefError> {
        let brief: Brief = toml::from_str(text).map_err(|e| BriefError::Parse(e.to_string()))?;
        let brief = brief.normalized();
        brief.validate()?;
        Ok(brief)
    }

    /// Read a brief stored as JSON (the store keeps briefs as opaque JSON), tidy and validate it.
    pub fn from_json_value(value: serde_json::Value) -> Result<Brief, BriefError> {
        let brief: Brief =
            serde_json::from_value(value).map_err(|e| BriefError::Parse(e.to_string()))?;
        let brief = brief.normalized();
        brief.validate()?;
        Ok(brief)
    }

    /// The brief as JSON, for the store.
    pub fn to_json_value(&self) -> serde_json::Value {
        // A Brief is plain data (strings, numbers, lists, maps with string keys): serialising
        // it to a JSON value cannot fail.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The brief as TOML, readable by [`Brief::from_toml`].
    pub fn to_toml(&self) -> Result<String, BriefError> {
        toml::to_string_pretty(self).map_err(|e| BriefError::Write(e.to_string()))
    }

    /// A tidied copy: trimmed strings, lowercase language codes (region upper), uppercase
    /// market codes, handles and hashtags without their `@` / `#`, empty entries kept so that
    /// [`Brief::validate`] can name them.
    #[must_use]
    pub fn normalized(mut self) -> Self {
        self.name = self.name.trim().to_string();
        self.notes = self
            .notes
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        for t in self.topics.iter_mut().chain(self.values.iter_mut()) {
            t.term = t.term.trim().to_string();
        }
        self.languages = self
            .languages
            .iter()
            .map(|l| normalize_language(l))
            .collect();
        self.markets = self
            .markets
            .iter()
            .map(|m| m.trim().to_ascii_uppercase())
            .collect();
        for c in &mut self.competitors {
            c.name = c.name.trim().to_string();
            for h in &mut c.handles {
                *h = h.trim().trim_start_matches('@').to_string();
            }
            for h in &mut c.hashtags {
                *h = h.trim().trim_start_matches('#').to_string();
            }
            for a in &mut c.aliases {
                *a = a.trim().to_string();
            }
        }
        for b in &mut self.banned_topics {
            *b = b.trim().to_string();
        }
        dedup_keep_order(&mut self.languages);
        dedup_keep_order(&mut self.markets);
        dedup_keep_order(&mut self.banned_topics);
        let mut seen = Vec::new();
        self.jurisdictions.retain(|j| {
            let fresh = !seen.contains(j);
            seen.push(*j);
            fresh
        });
        self
    }

    /// Check every field; all problems are reported at once.
    pub fn validate(&self) -> Result<(), BriefError> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(BriefProblem::EmptyName);
        } else if self.name.chars().any(char::is_control) {
            problems.push(BriefProblem::ControlCharInName);
        }
        for (field, terms) in [("topics", &self.topics), ("values", &self.values)] {
            for t in terms {
                if t.term.trim().is_empty() {
                    problems.push(BriefProblem::EmptyEntry { field });
                }
                if !(t.weight.is_finite() && t.weight > 0.0 && t.weight <= MAX_WEIGHT) {
                    problems.push(BriefProblem::BadWeight {
                        term: t.term.clone(),
                        weight: t.weight,
                    });
                }
            }
        }
        for code in &self.languages {
            if language_primary(code).is_none() {
                problems.push(BriefProblem::UnknownLanguage { code: code.clone() });
            }
        }
        for code in &self.markets {
            if market_alpha2(code).is_none() {
                problems.push(BriefProblem::UnknownMarket { code: code.clone() });
            }
        }
        for c in &self.competitors {
            if c.name.trim().is_empty() {
                problems.push(BriefProblem::EmptyEntry {
                    field: "competitors",
                });
            }
            for h in c.handles.iter().chain(c.hashtags.iter()) {
                if h.is_empty() || h.chars().any(char::is_whitespace) {
                    problems.push(BriefProblem::BadHandle {
                        competitor: c.name.clone(),
                        handle: h.clone(),
                    });
                }
            }
            if !c.match_name
                && c.handles.is_empty()
                && c.hashtags.is_empty()
                && c.aliases.is_empty()
            {
                problems.push(BriefProblem::UnmatchableCompetitor {
                    competitor: c.name.clone(),
                });
            }
        }
        if self.banned_topics.iter().any(String::is_empty) {
            problems.push(BriefProblem::EmptyEntry {
                field: "banned_topics",
            });
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(BriefError::Invalid {
                name: self.name.clone(),
                problems,
            })
        }
    }

    /// Target languages as ISO 639-1 primary codes (`pt-BR` → `pt`), valid ones only.
    pub fn target_languages(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .languages
            .iter()
            .filter_map(|l| language_primary(l))
            .collect();
        dedup_keep_order(&mut out);
        out
    }

    /// Target markets as ISO 3166-1 alpha-2 codes (`UK` → `GB`), valid ones only.
    pub fn target_markets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .markets
            .iter()
            .filter_map(|m| market_alpha2(m))
            .collect();
        dedup_keep_order(&mut out);
        out
    }
}

/// Largest weight a term may carry.
const MAX_WEIGHT: f64 = 100.0;

fn dedup_keep_order(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

/// Lowercase language, uppercase region: ` PT_br ` → `pt-BR`.
fn normalize_language(code: &str) -> String {
    let code = code.trim().replace('_', "-");
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default().to_ascii_lowercase();
    let rest: Vec<String> = parts
        .map(|p| {
            if p.len() == 2 {
                p.to_ascii_uppercase()
            } else {
                p.to_string()
            }
        })
        .collect();
    if rest.is_empty() {
        primary
    } else {
        format!("{primary}-{}", rest.join("-"))
    }
}

/// The ISO 639-1 code of a language tag (`pt-BR` → `pt`, `fra` → `fr`), if it is one.
pub fn language_primary(code: &str) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 => isolang::Language::from_639_1(&primary).map(|_| primary),
        3 => isolang::Language::from_639_3(&primary)
            .and_then(|l| l.to_639_1())
            .map(str::to_string),
        _ => None,
    }
}

/// The ISO 3166-1 alpha-2 code of a market (`uk` → `GB`, `fr` → `FR`), if it is one.
pub fn market_alpha2(code: &str) -> Option<String> {
    let code = code.trim();
    if code.eq_ignore_ascii_case("UK") {
        // ISO 3166 reserves UK for the United Kingdom; people write it more often than GB.
        return Some("GB".to_string());
    }
    if code.len() != 2 {
        return None;
    }
    celes::Country::from_alpha2(code)
        .ok()
        .map(|c| c.alpha2.to_ascii_uppercase())
}

/// A topic or value keyword/phrase with a weight (default 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The keyword or phrase, as the scout wrote it.
    pub term: String,
    /// Its weight in the relevance score (default 1).
    pub weight: f64,
}

impl Term {
    /// A term with weight 1.
    pub fn new(term: impl Into<String>) -> Self {
        Self {
            term: term.into(),
            weight: 1.0,
        }
    }

    /// A weighted term.
    pub fn weighted(term: impl Into<String>, weight: f64) -> Self {
        Self {
            term: term.into(),
            weight,
        }
    }
}

impl Serialize for Term {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Table<'a> {
            term: &'a str,
            weight: f64,
        }
        if (self.weight - 1.0).abs() < f64::EPSILON {
            s.serialize_str(&self.term)
        } else {
            Table {
                term: &self.term,
                weight: self.weight,
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            term: String,
            #[serde(default = "one")]
            weight: f64,
        }
        struct TermVisitor;
        impl<'de> Visitor<'de> for TermVisitor {
            type Value = Term;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a table { term = \"…\", weight = 2.0 }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Term, E> {
                Ok(Term::new(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Term, A::Error> {
                let t = Table::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Term {
                    term: t.term,
                    weight: t.weight,
                })
            }
        }
        d.deserialize_any(TermVisitor)
    }
}

fn one() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

/// A competitor: its name (matched on word boundaries unless `match_name = false`), other
/// names, handles (`@name`) and hashtags (`#name`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Competitor {
    /// Display name (`Glossier`).
    pub name: String,
    /// Other spellings or product names matched like the name.
    pub aliases: Vec<String>,
    /// Handles without `@`.
    pub handles: Vec<String>,
    /// Hashtags without `#`.
    pub hashtags: Vec<String>,
    /// Whether the name itself is matched in text (turn off for names that are common words,
    /// such as "Dove", and rely on handles and hashtags).
    pub match_name: bool,
}

impl Competitor {
    /// A competitor from a plain string: `"@x"` is a handle, `"#x"` a hashtag, anything else a
    /// name.
    pub fn from_plain(s: &str) -> Self {
        let s = s.trim();
        if let Some(h) = s.strip_prefix('@') {
            Self {
                name: h.to_string(),
                handles: vec![h.to_string()],
                ..Self::named("")
            }
        } else if let Some(h) = s.strip_prefix('#') {
            Self {
                name: h.to_string(),
                hashtags: vec![h.to_string()],
                ..Self::named("")
            }
        } else {
            Self::named(s)
        }
    }

    /// A competitor known by name only.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            aliases: Vec::new(),
            handles: Vec::new(),
            hashtags: Vec::new(),
            match_name: true,
        }
    }

    fn is_plain(&self) -> bool {
        self.match_name
            && self.aliases.is_empty()
            && self.handles.is_empty()
            && self.hashtags.is_empty()
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompetitorTable {
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    handles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hashtags: Vec<String>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    match_name: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_true(b: &bool) -> bool {
    *b
}

impl Serialize for Competitor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let only_name = self.match_name && self.aliases.is_empty();
        if self.is_plain() {
            s.serialize_str(&self.name)
        } else if only_name && self.hashtags.is_empty() && self.handles == [self.name.clone()] {
            s.serialize_str(&format!("@{}", self.name))
        } else if only_name && self.handles.is_empty() && self.hashtags == [self.name.clone()] {
            s.serialize_str(&format!("#{}", self.name))
        } else {
            CompetitorTable {
                name: self.name.clone(),
                aliases: self.aliases.clone(),
                handles: self.handles.clone(),
                hashtags: self.hashtags.clone(),
                match_name: self.match_name,
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Competitor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CompetitorVisitor;
        impl<'de> Visitor<'de> for CompetitorVisitor {
            type Value = Competitor;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a name, \"@handle\" or \"#hashtag\" string, or a table { name, aliases, handles, hashtags, match_name }",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Competitor, E> {
                Ok(Competitor::from_plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Competitor, A::Error> {
                let t = CompetitorTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Competitor {
                    name: t.name,
                    aliases: t.aliases,
                    handles: t.handles,
                    hashtags: t.hashtags,
                    match_name: t.match_name,
                })
            }
        }
        d.deserialize_any(CompetitorVisitor)
    }
}

/// A jurisdiction whose influencer-disclosure rules a brief follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Jurisdiction {
    /// United States: FTC Endorsement Guides.
    Us,
    /// United Kingdom: ASA (CAP Code) and CMA.
    Uk,
    /// France: loi n° 2023-451 ("Influence Act").
    Fr,
    /// European Union: Unfair Commercial Practices Directive.
    Eu,
}

impl Jurisdiction {
    /// All jurisdictions.
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::Us,
        Jurisdiction::Uk,
        Jurisdiction::Fr,
        Jurisdiction::Eu,
    ];

    /// The code used in briefs and data files (`US`, `UK`, `FR`, `EU`).
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::Us => "US",
            Jurisdiction::Uk => "UK",
            Jurisdiction::Fr => "FR",
            Jurisdiction::Eu => "EU",
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl From<Jurisdiction> for &'static str {
    fn from(j: Jurisdiction) -> Self {
        j.code()
    }
}

/// A jurisdiction code Scout has no rules for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown jurisdiction '{0}': expected one of US, UK, FR, EU")]
pub struct UnknownJurisdiction(pub String);

impl FromStr for Jurisdiction {
    type Err = UnknownJurisdiction;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "US" => Ok(Jurisdiction::Us),
            "UK" | "GB" => Ok(Jurisdiction::Uk),
            "FR" => Ok(Jurisdiction::Fr),
            "EU" => Ok(Jurisdiction::Eu),
            _ => Err(UnknownJurisdiction(s.to_string())),
        }
    }
}

impl TryFrom<String> for Jurisdiction {
    type Error = UnknownJurisdiction;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// A brand-safety content category: the twelve of the GARM Brand Safety Floor + Suitability
/// Framework (June 2022 edition), plus the brief's own banned topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SafetyCategory {
    /// Adult & explicit sexual content.
    Adult,
    /// Arms & ammunition.
    Arms,
    /// Crime & harmful acts to individuals and society, human-rights violations.
    Crime,
    /// Death, injury or military conflict.
    DeathInjury,
    /// Online piracy.
    Piracy,
    /// Hate speech & acts of aggression.
    Hate,
    /// Obscenity and profanity.
    Profanity,
    /// Illegal drugs, tobacco, e-cigarettes, vaping, alcohol.
    DrugsAlcoholTobacco,
    /// Spam or harmful content.
    Spam,
    /// Terrorism.
    Terrorism,
    /// Debated sensitive social issues.
    DebatedSocialIssues,
    /// Misinformation.
    Misinformation,
    /// A topic the brief itself bans.
    BannedTopic,
}

impl SafetyCategory {
    /// The twelve GARM categories (without [`SafetyCategory::BannedTopic`]).
    pub const GARM: [SafetyCategory; 12] = [
        SafetyCategory::Adult,
        SafetyCategory::Arms,
        SafetyCategory::Crime,
        SafetyCategory::DeathInjury,
        SafetyCategory::Piracy,
        SafetyCategory::Hate,
        SafetyCategory::Profanity,
        SafetyCategory::DrugsAlcoholTobacco,
        SafetyCategory::Spam,
        SafetyCategory::Terrorism,
        SafetyCategory::DebatedSocialIssues,
        SafetyCategory::Misinformation,
    ];

    /// Stable `snake_case` key (`death_injury`), as in data files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            SafetyCategory::Adult => "adult",
            SafetyCategory::Arms => "arms",
            SafetyCategory::Crime => "crime",
            SafetyCategory::DeathInjury => "death_injury",
            SafetyCategory::Piracy => "piracy",
            SafetyCategory::Hate => "hate",
            SafetyCategory::Profanity => "profanity",
            SafetyCategory::DrugsAlcoholTobacco => "drugs_alcohol_tobacco",
            SafetyCategory::Spam => "spam",
            SafetyCategory::Terrorism => "terrorism",
            SafetyCategory::DebatedSocialIssues => "debated_social_issues",
            SafetyCategory::Misinformation => "misinformation",
            SafetyCategory::BannedTopic => "banned_topic",
        }
    }

    /// Human label, after GARM's category names.
    pub fn label(self) -> &'static str {
        match self {
            SafetyCategory::Adult => "Adult & explicit sexual content",
            SafetyCategory::Arms => "Arms & ammunition",
            SafetyCategory::Crime => "Crime & harmful acts",
            SafetyCategory::DeathInjury => "Death, injury or military conflict",
            SafetyCategory::Piracy => "Online piracy",
            SafetyCategory::Hate => "Hate speech & acts of aggression",
            SafetyCategory::Profanity => "Obscenity & profanity",
            SafetyCategory::DrugsAlcoholTobacco => "Drugs, alcohol & tobacco",
            SafetyCategory::Spam => "Spam or harmful content",
            SafetyCategory::Terrorism => "Terrorism",
            SafetyCategory::DebatedSocialIssues => "Debated sensitive social issues",
            SafetyCategory::Misinformation => "Misinformation",
            SafetyCategory::BannedTopic => "Banned by the brief",
        }
    }

    /// Parse a key (`"death_injury"`).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::GARM
            .into_iter()
            .chain([SafetyCategory::BannedTopic])
            .find(|c| c.key() == key)
    }
}

impl fmt::Display for SafetyCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// How sensitive the brand is to a category: `high` tolerates no risk, `low` tolerates some.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum SensitivityLevel {
    /// The brand accepts occasional content of this kind (e.g. alcohol for a drinks brand).
    Low,
    /// The default: occasional mentions are worth a look, a pattern is a risk.
    #[default]
    Medium,
    /// The brand cannot be near this at all.
    High,
}

impl SensitivityLevel {
    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            SensitivityLevel::Low => "low",
            SensitivityLevel::Medium => "medium",
            SensitivityLevel::High => "high",
        }
    }
}

/// Brand-safety sensitivity per GARM category, with a default for the categories not named.
///
/// In TOML: `[sensitivity]` with `default = "medium"` and any of the category keys
/// (`adult`, `arms`, `crime`, `death_injury`, `piracy`, `hate`, `profanity`,
/// `drugs_alcohol_tobacco`, `spam`, `terrorism`, `debated_social_issues`, `misinformation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // the fields are the category keys documented on `SafetyCategory`
pub struct Sensitivity {
    /// Level for every category not named below.
    #[serde(default)]
    pub default: SensitivityLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adult: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arms: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crime: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_injury: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub piracy: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hate: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profanity: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drugs_alcohol_tobacco: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spam: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terrorism: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debated_social_issues: Option<SensitivityLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misinformation: Option<SensitivityLevel>,
}

impl Sensitivity {
    /// The level that applies to a category; banned topics are always `high`.
    pub fn get(&self, category: SafetyCategory) -> SensitivityLevel {
        let explicit = match category {
            SafetyCategory::Adult => self.adult,
            SafetyCategory::Arms => self.arms,
            SafetyCategory::Crime => self.crime,
            SafetyCategory::DeathInjury => self.death_injury,
            SafetyCategory::Piracy => self.piracy,
            SafetyCategory::Hate => self.hate,
            SafetyCategory::Profanity => self.profanity,
            SafetyCategory::DrugsAlcoholTobacco => self.drugs_alcohol_tobacco,
            SafetyCategory::Spam => self.spam,
            SafetyCategory::Terrorism => self.terrorism,
            SafetyCategory::DebatedSocialIssues => self.debated_social_issues,
            SafetyCategory::Misinformation => self.misinformation,
            SafetyCategory::BannedTopic => return SensitivityLevel::High,
        };
        explicit.unwrap_or(self.default)
    }

    /// Set the level of one category (no effect for [`SafetyCategory::BannedTopic`]).
    pub fn set(&mut self, category: SafetyCategory, level: SensitivityLevel) {
        let slot = match category {
            SafetyCategory::Adult => &mut self.adult,
            SafetyCategory::Arms => &mut self.arms,
            SafetyCategory::Crime => &mut self.crime,
            SafetyCategory::DeathInjury => &mut self.death_injury,
            SafetyCategory::Piracy => &mut self.piracy,
            SafetyCategory::Hate => &mut self.hate,
            SafetyCategory::Profanity => &mut self.profanity,
            SafetyCategory::DrugsAlcoholTobacco => &mut self.drugs_alcohol_tobacco,
            SafetyCategory::Spam => &mut self.spam,
            SafetyCategory::Terrorism => &mut self.terrorism,
            SafetyCategory::DebatedSocialIssues => &mut self.debated_social_issues,
            SafetyCategory::Misinformation => &mut self.misinformation,
            SafetyCategory::BannedTopic => return,
        };
        *slot = Some(level);
    }
}

/// One thing wrong with a brief.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BriefProblem {
    /// The name is empty.
    #[error("the name is empty: give the brief a name")]
    EmptyName,
    /// The name contains control characters.
    #[error("the name contains control characters (tabs, line breaks): use plain text")]
    ControlCharInName,
    /// A list holds an empty entry.
    #[error("`{field}` has an empty entry: remove it or fill it in")]
    EmptyEntry {
        /// The field.
        field: &'static str,
    },
    /// A weight is not a positive number up to 100.
    #[error("the weight {weight} of '{term}' must be a number above 0 and at most 100")]
    BadWeight {
        /// The term.
        term: String,
        /// The weight given.
        weight: f64,
    },
    /// A language is not an ISO 639 code.
    #[error("'{code}' in `languages` is not an ISO 639-1 language code (use e.g. en, fr, pt-BR)")]
    UnknownLanguage {
        /// The code given.
        code: String,
    },
    /// A market is not an ISO 3166-1 alpha-2 code.
    #[error(
        "'{code}' in `markets` is not an ISO 3166-1 alpha-2 country code (use e.g. US, GB, FR)"
    )]
    UnknownMarket {
        /// The code given.
        code: String,
    },
    /// A competitor handle or hashtag is empty or has spaces.
    #[error(
        "competitor '{competitor}' has a handle or hashtag '{handle}' that is empty or contains spaces"
    )]
    BadHandle {
        /// The competitor.
        competitor: String,
        /// The handle or hashtag.
        handle: String,
    },
    /// A competitor with `match_name = false` and nothing else to match.
    #[error(
        "competitor '{competitor}' has match_name = false but no aliases, handles or hashtags: it can never be found"
    )]
    UnmatchableCompetitor {
        /// The competitor.
        competitor: String,
    },
}

/// Why a brief could not be read, written or accepted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BriefError {
    /// The text is not a brief (bad TOML/JSON, unknown key, wrong type). The message names the
    /// key and, for TOML, the line.
    #[error("could not read the brief: {0}")]
    Parse(String),
    /// The brief parsed but some fields are not valid.
    #[error("brief '{name}' is not valid: {}", join_problems(.problems))]
    Invalid {
        /// The brief's name.
        name: String,
        /// Every problem found.
        problems: Vec<BriefProblem>,
    },
    /// The brief could not be written as TOML.
    #[error("could not write the brief as TOML: {0}")]
    Write(String),
}

fn join_problems(problems: &[BriefProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
