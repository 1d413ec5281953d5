//! HTTP `Link` headers (RFC 8288), as Mastodon pages its lists with them.
//!
//! Main type: [`Links`], read by [`parse`] with the `http-link` crate (the
//! RFC 8288 appendix B algorithm: quoted parameters, several relation types in
//! one `rel`, targets relative to the request URL). [`next_max_id`] is the one
//! reader of a Mastodon "next page" cursor: the Mastodon connector (statuses),
//! discovery (tag timelines) and the corpus test all use it. Trending tags page
//! by `offset` instead ([`next_offset`]).
//!
//! A header Scout cannot read is an [`Err`] with the reason; callers that page
//! fall back to the body (the last item's id), which is what Mastodon's
//! `rel="next"` names for the endpoints Scout calls.

use url::Url;

/// One link of a header: its relation type (lower case) and absolute target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Relation type, e.g. `next`, `prev` (lower case).
    pub rel: String,
    /// Target URL, resolved against the request URL.
    pub target: Url,
}

/// The links of one `Link` header, in header order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Every link (one per relation type).
    pub links: Vec<Link>,
}

impl Links {
    /// The target of the first link with relation `rel` (case-insensitive).
    pub fn get(&self, rel: &str) -> Option<&Url> {
        self.links
            .iter()
            .find(|l| l.rel.eq_ignore_ascii_case(rel))
            .map(|l| &l.target)
    }

    /// The (percent-decoded) value of query parameter `key` in the `rel` link.
    pub fn query(&self, rel: &str, key: &str) -> Option<String> {
        self.get(rel)?
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }
}

/// Parse a `Link` header value received for a request to `base`.
///
/// # Errors
/// The header's syntax is not RFC 8288 (unclosed `<`, a missing separator, a
/// target that is not a URL); the message says which.
pub fn parse(header: &str, base: &Url) -> Result<Links, String> {
    let header = header.trim();
    if header.is_empty() {
        return Ok(Links::default());
    }
    let links = http_link::parse_link_header(header, base)
        .map_err(|e| format!("Link header: {e}"))?
        .into_iter()
        .filter(|l| !l.rel.is_empty())
        .map(|l| Link {
            rel: l.rel,
            target: l.target,
        })
        .collect();
    Ok(Links { links })
}

/// The `max_id` of the `rel="next"` link: the cursor of Mastodon's next page.
/// `Ok(None)` when there is no next page or it does not page by `max_id`.
///
/// # Errors
/// As [`parse`].
pub fn next_max_id(header: &str, base: &Url) -> Result<Option<String>, String> {
    Ok(parse(header, base)?.query("next", "max_id"))
}

/// The `offset` of the `rel="next"` link (Mastodon trends page by offset).
///
/// # Errors
/// As [`parse`], or an `offset` that is not a number.
pub fn next_offset(header: &str, base: &Url) -> Result<Option<u64>, String> {
    parse(header, base)?
        .query("next", "offset")
        .map(|o| {
            o.parse::<u64>()
                .map_err(|_| format!("Link header: offset '{o}' is not a number"))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://mastodon.social/api/v1/timelines/tag/x").unwrap()
    }

    #[test]
    fn next_and_prev() {
        let h = "<https://mastodon.social/api/v1/timelines/tag/x?limit=5&max_id=109302354165120279>; rel=\"next\", <https://mastodon.social/api/v1/timelines/tag/x?min_id=1>; rel=\"prev\"";
        let l = parse(h, &base()).unwrap();
        assert_eq!(l.links.len(), 2);
        assert_eq!(l.query("next", "limit").as_deref(), Some("5"));
        assert_eq!(l.query("prev", "min_id").as_deref(), Some("1"));
        assert_eq!(
            next_max_id(h, &base()).unwrap().as_deref(),
            Some("109302354165120279")
        );
        assert_eq!(next_offset(h, &base()).unwrap(), None);
    }

    #[test]
    fn offsets_relative_targets_and_several_rels() {
        let h = "</api/v1/trends/tags?offset=10>; rel=\"next last\"";
        let l = parse(h, &base()).unwrap();
        assert_eq!(
            l.get("LAST").map(Url::as_str),
            Some("https://mastodon.social/api/v1/trends/tags?offset=10")
        );
        assert_eq!(next_offset(h, &base()).unwrap(), Some(10));
        assert_eq!(next_max_id(h, &base()).unwrap(), None);
    }

    #[test]
    fn commas_inside_targets_and_quoted_params_do_not_split_links() {
        let h = "<https://a.example/x?ids=1,2&max_id=9>; rel=\"next\"; title=\"a, b\", <https://a.example/x?min_id=1>; rel=prev";
        let l = parse(h, &base()).unwrap();
        assert_eq!(l.links.len(), 2, "{l:?}");
        assert_eq!(l.query("next", "ids").as_deref(), Some("1,2"));
        assert_eq!(l.query("next", "max_id").as_deref(), Some("9"));
    }

    #[test]
    fn empty_and_malformed_headers() {
        assert_eq!(parse("  ", &base()).unwrap(), Links::default());
        assert_eq!(next_max_id("", &base()).unwrap(), None);
        let e = parse("https://a.example/x; rel=next", &base()).unwrap_err();
        assert!(e.starts_with("Link header: "), "{e}");
        assert!(parse("<https://a.example/x; rel=next", &base()).is_err());
        assert!(next_offset("<https://a.example/?offset=ten>; rel=next", &base()).is_err());
    }
}
