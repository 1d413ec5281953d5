//! The codes a brief accepts, listed for a form: every ISO 639-1 language
//! [`language_primary`](super::brief::language_primary) knows, every ISO 3166-1 country
//! [`market_alpha2`](super::brief::market_alpha2) knows, and every [`Jurisdiction`] with
//! disclosure rules. The brief's validation and these lists use the same tables, so a
//! code picked from a list is always accepted.

use super::brief::{Jurisdiction, language_primary, market_alpha2};

/// One accepted code with its name in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeChoice {
    /// The code as a brief stores it (`en`, `GB`, `UK`).
    pub code: String,
    /// Its English name (`English`, `United Kingdom…`).
    pub name: String,
}

/// Every ISO 639-1 language, by code.
pub fn languages() -> Vec<CodeChoice> {
    let mut out = Vec::new();
    for a in b'a'..=b'z' {
        for b in b'a'..=b'z' {
            let code = String::from_utf8(vec![a, b]).unwrap_or_default();
            if let Some(lang) = isolang::Language::from_639_1(&code) {
                debug_assert_eq!(language_primary(&code).as_deref(), Some(code.as_str()));
                out.push(CodeChoice {
                    code,
                    name: lang.to_name().to_string(),
                });
            }
        }
    }
    out
}

/// Every ISO 3166-1 country as a market, by name.
pub fn markets() -> Vec<CodeChoice> {
    let mut out: Vec<CodeChoice> = celes::Country::get_countries()
        .iter()
        .filter(|c| market_alpha2(c.alpha2).is_some())
        .map(|c| CodeChoice {
            code: c.alpha2.to_ascii_uppercase(),
            name: c.long_name.to_string(),
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Every jurisdiction whose disclosure rules Scout ships.
pub fn jurisdictions() -> Vec<CodeChoice> {
    Jurisdiction::ALL
        .iter()
        .map(|j| CodeChoice {
            code: j.code().to_string(),
            name: match j {
                Jurisdiction::Us => "United States (FTC Endorsement Guides)",
                Jurisdiction::Uk => "United Kingdom (ASA CAP Code, CMA)",
                Jurisdiction::Fr => "France (loi n° 2023-451, Influence Act)",
                Jurisdiction::Eu => "European Union (Unfair Commercial Practices Directive)",
            }
            .to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brand::brief::Brief;

    #[test]
    fn every_listed_code_is_accepted_by_a_brief_and_others_are_not() {
        let langs = languages();
        assert!(langs.len() > 150, "{}", langs.len());
        assert!(langs.iter().any(|l| l.code == "en" && l.name == "English"));
        assert!(!langs.iter().any(|l| l.code == "xx"));
        let markets = markets();
        assert!(markets.iter().any(|m| m.code == "GB"));
        assert!(markets.iter().any(|m| m.code == "FR"));
        let mut brief = Brief::new("All codes");
        brief.languages = langs.iter().map(|l| l.code.clone()).collect();
        brief.markets = markets.iter().map(|m| m.code.clone()).collect();
        brief.jurisdictions = Jurisdiction::ALL.to_vec();
        brief.validate().unwrap();
        assert_eq!(jurisdictions().len(), Jurisdiction::ALL.len());
        brief.languages = vec!["xx".into()];
        assert!(brief.validate().unwrap_err().to_string().contains("xx"));
    }
}
