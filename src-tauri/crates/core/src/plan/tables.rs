//! The planner's data tables: the [`RateCard`] (`core/data/rate_card.toml`) and the
//! [`ReachTable`] (`core/data/reach.toml`), each parsed and validated from TOML;
//! `default()` is the shipped file. A user's edited copy replaces the shipped one
//! (the façade reads `<data dir>/rate_card.toml` and `<data dir>/reach.toml`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Platform, Tier};

/// The shipped rate card.
pub const RATE_CARD_TOML: &str = include_str!("../../data/rate_card.toml");
/// The shipped reach table.
pub const REACH_TOML: &str = include_str!("../../data/reach.toml");

/// A planner table that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Not valid TOML, or a required entry is missing.
    #[error("{file} is not valid: {source}; compare it with the shipped {file}")]
    Parse {
        /// `rate_card.toml` or `reach.toml`.
        file: &'static str,
        /// The parser's message.
        source: toml::de::Error,
    },
    /// An entry has an impossible value.
    #[error("{file} entry `{path}` is invalid: {problem}; fix that entry and load the table again")]
    Invalid {
        /// `rate_card.toml` or `reach.toml`.
        file: &'static str,
        /// Dotted path of the entry.
        path: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// What a sponsored deliverable is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A feed post (photo, carousel, text post).
    Post,
    /// A short vertical video (Reel, TikTok, Short).
    ShortVideo,
    /// A long video (YouTube integration).
    LongVideo,
    /// A sponsored live stream.
    Stream,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [
        Format::Post,
        Format::ShortVideo,
        Format::LongVideo,
        Format::Stream,
    ];

    /// Snake-case key as in the TOML.
    pub fn key(self) -> &'static str {
        match self {
            Format::Post => "post",
            Format::ShortVideo => "short_video",
            Format::LongVideo => "long_video",
            Format::Stream => "stream",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Post => "post",
            Format::ShortVideo => "short video",
            Format::LongVideo => "long video",
            Format::Stream => "stream",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let k = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Format::ALL
            .into_iter()
            .find(|f| f.key() == k)
            .ok_or_else(|| {
                format!("unknown format '{s}': use post, short_video, long_video or stream")
            })
    }
}

/// What a price is counted per thousand of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceBasis {
    /// Per 1,000 followers.
    Followers,
    /// Per 1,000 median views per video.
    Views,
}

/// A price per 1,000 with its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// Lowest ordinary price.
    pub low: f64,
    /// The estimate used.
    pub point: f64,
    /// Highest ordinary price.
    pub high: f64,
}

/// Prices of one format on one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormatRates {
    /// Per 1,000 followers or views.
    pub basis: PriceBasis,
    /// Short citation.
    pub cite: String,
    /// Where the numbers come from.
    pub source: String,
    /// How they were derived.
    #[serde(default)]
    pub note: Option<String>,
    /// One price per tier; a missing tier has no estimate.
    pub tiers: BTreeMap<Tier, Price>,
}

/// A platform's formats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformRates {
    /// The format a plan assumes unless told otherwise.
    pub default_format: Format,
    /// Prices per format.
    pub formats: BTreeMap<Format, FormatRates>,
}

/// A published CPM range, shown beside estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpmBand {
    /// Low end, currency per 1,000 impressions.
    pub low: f64,
    /// High end.
    pub high: f64,
    /// Where it comes from.
    pub source: String,
}

/// The rate card: expected cost per post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateCard {
    /// Version, stated in every plan.
    pub version: String,
    /// ISO currency code of every price (and of budgets).
    pub currency: String,
    /// Prices per platform.
    pub platforms: BTreeMap<Platform, PlatformRates>,
    /// Published CPM ranges per platform.
    #[serde(default)]
    pub cpm: BTreeMap<Platform, CpmBand>,
}

fn invalid(file: &'static str, path: impl Into<String>, problem: impl Into<String>) -> TableError {
    TableError::Invalid {
        file,
        path: path.into(),
        problem: problem.into(),
    }
}

const RATES: &str = "rate_card.toml";
const REACH: &str = "reach.toml";

impl Default for RateCard {
    fn default() -> Self {
        Self::from_toml(RATE_CARD_TOML)
            .expect("the shipped rate_card.toml parses and validates (tested)")
    }
}

impl RateCard {
    /// Parse and validate a rate card.
    pub fn from_toml(text: &str) -> Result<Self, TableError> {
        let card: RateCard = toml::from_str(text).map_err(|source| TableError::Parse {
            file: RATES,
            source,
        })?;
        card.validate()?;
        Ok(card)
    }

    /// Check every number.
    pub fn validate(&self) -> Result<(), TableError> {
        if self.currency.trim().len() != 3 {
            return Err(invalid(
                RATES,
                "currency",
                "must be a three-letter code such as USD",
            ));
        }
        for (p, pr) in &self.platforms {
            if !pr.formats.contains_key(&pr.default_format) {
                return Err(invalid(
                    RATES,
                    format!("platforms.{}.default_format", p.key()),
                    format!("no prices for {} on {p}", pr.default_format.key()),
                ));
            }
            for (f, fr) in &pr.formats {
                for (t, price) in &fr.tiers {
                    let ok = [price.low, price.point, price.high]
                        .iter()
                        .all(|v| v.is_finite() && *v >= 0.0)
                        && price.low <= price.point
                        && price.point <= price.high
                        && price.point > 0.0;
                    if !ok {
                        return Err(invalid(
                            RATES,
                            format!(
                                "platforms.{}.formats.{}.tiers.{}",
                                p.key(),
                                f.key(),
                                t.key()
                            ),
                            "need 0 <= low <= point <= high and point > 0",
                        ));
                    }
                }
            }
        }
        for (p, band) in &self.cpm {
            if !(band.low.is_finite()
                && band.high.is_finite()
                && 0.0 <= band.low
                && band.low <= band.high)
            {
                return Err(invalid(
                    RATES,
                    format!("cpm.{}", p.key()),
                    "need 0 <= low <= high",
                ));
            }
        }
        Ok(())
    }

    /// The prices of a platform and format, if the card has them.
    pub fn rates(&self, platform: Platform, format: Format) -> Option<&FormatRates> {
        self.platforms.get(&platform)?.formats.get(&format)
    }

    /// The platform's default format.
    pub fn default_format(&self, platform: Platform) -> Option<Format> {
        self.platforms.get(&platform).map(|p| p.default_format)
    }
}

/// One follower band of a reach table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReachBand {
    /// First follower count of the band.
    pub from: u64,
    /// Median share of followers reached by one post.
    pub rate: f64,
    /// Low end, when the source gives a range.
    #[serde(default)]
    pub low: Option<f64>,
    /// High end, when the source gives a range.
    #[serde(default)]
    pub high: Option<f64>,
}

/// Reach rates of one platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformReach {
    /// Use the creator's own median views per video when known.
    pub prefer_views: bool,
    /// Short citation.
    pub cite: String,
    /// Where the numbers come from.
    pub source: String,
    /// How they were derived.
    #[serde(default)]
    pub note: Option<String>,
    /// Follower bands, ascending by `from`.
    pub bands: Vec<ReachBand>,
}

impl PlatformReach {
    /// The band a follower count falls in.
    pub fn band(&self, followers: u64) -> Option<&ReachBand> {
        self.bands.iter().rev().find(|b| followers >= b.from)
    }
}

/// The suspicious share assumed for an audience that was not measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssumedShare {
    /// Low end.
    pub low: f64,
    /// The value used.
    pub point: f64,
    /// High end.
    pub high: f64,
    /// Where it comes from.
    pub source: String,
}

/// The reach table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReachTable {
    /// Version, stated in every plan.
    pub version: String,
    /// The audience assumption for unmeasured samples.
    pub audience: AssumedShare,
    /// Rates per platform.
    pub platforms: BTreeMap<Platform, PlatformReach>,
}

impl Default for ReachTable {
    fn default() -> Self {
        Self::from_toml(REACH_TOML).expect("the shipped reach.toml parses and validates (tested)")
    }
}

fn fraction(x: f64) -> bool {
    x.is_finite() && (0.0..=1.0).contains(&x)
}

impl ReachTable {
    /// Parse and validate a reach table.
    pub fn from_toml(text: &str) -> Result<Self, TableError> {
        let t: ReachTable = toml::from_str(text).map_err(|source| TableError::Parse {
            file: REACH,
            source,
        })?;
        t.validate()?;
        Ok(t)
    }

    /// Check every number.
    pub fn validate(&self) -> Result<(), TableError> {
        let a = &self.audience;
        if !(fraction(a.low)
            && fraction(a.point)
            && fraction(a.high)
            && a.low <= a.point
            && a.point <= a.high)
        {
            return Err(invalid(
                REACH,
                "audience",
                "need 0 <= low <= point <= high <= 1",
            ));
        }
        for (p, pr) in &self.platforms {
            let mut last: Option<u64> = None;
            for (i, b) in pr.bands.iter().enumerate() {
                let path = format!("platforms.{}.bands[{i}]", p.key());
                if i == 0 && b.from != 0 {
                    return Err(invalid(
                        REACH,
                        path,
                        "the first band must start at from = 0",
                    ));
                }
                if last.is_some_and(|l| b.from <= l) {
                    return Err(invalid(REACH, path, "bands must ascend by `from`"));
                }
                last = Some(b.from);
                let lo = b.low.unwrap_or(b.rate);
                let hi = b.high.unwrap_or(b.rate);
                if !(fraction(b.rate)
                    && b.rate > 0.0
                    && fraction(lo)
                    && fraction(hi)
                    && lo <= b.rate
                    && b.rate <= hi)
                {
                    return Err(invalid(
                        REACH,
                        path,
                        "need 0 <= low <= rate <= high <= 1 and rate > 0",
                    ));
                }
            }
        }
        Ok(())
    }

    /// A platform's reach rates.
    pub fn platform(&self, platform: Platform) -> Option<&PlatformReach> {
        self.platforms.get(&platform)
    }
}
