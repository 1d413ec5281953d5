//! YouTube web pages: the JSON YouTube embeds in a `<script>`
//! (`var ytInitialData = {…};`, `var ytInitialPlayerResponse = {…};`), read
//! with `scraper` and `serde_json`, then walked by `serde_json::Value` paths.
//!
//! Main items: [`embedded_json`], [`ChannelPage`] / [`channel_page`] (both
//! header layouts seen in captured pages: `c4TabbedHeaderRenderer`, 2021–2023,
//! and `pageHeaderRenderer` → `pageHeaderViewModel`, 2024 on), [`watch_channel_id`]
//! (the channel of a watch page) and [`approx_count`] ("1.38M subscribers" →
//! 1 380 000, rounded).

use serde_json::Value;

/// The JSON object assigned to `var_name` in a page's scripts
/// (`var ytInitialData = {…};` or `window["ytInitialData"] = {…};`).
/// `None` when no script assigns it; `Some(Err)` when the JSON is broken.
pub fn embedded_json(html: &str, var_name: &str) -> Option<Result<Value, serde_json::Error>> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("script").ok()?;
    for script in doc.select(&selector) {
        let text: String = script.text().collect();
        for (at, _) in text.match_indices(var_name) {
            let after = &text[at + var_name.len()..];
            // `ytInitialData = {`, `ytInitialData"] = {`: the value starts at the first `{` after `=`.
            let Some(eq) = after.find('=') else { continue };
            let between_ok = after[..eq]
                .chars()
                .all(|c| c == '"' || c == '\'' || c == ']' || c.is_whitespace());
            let value = after[eq + 1..].trim_start();
            if !between_ok || !value.starts_with('{') {
                continue;
            }
            let mut stream = serde_json::Deserializer::from_str(value).into_iter::<Value>();
            return stream.next();
        }
    }
    None
}

/// Text of a YouTube "text" object: `{"simpleText": …}`, `{"runs": [{"text": …}]}`
/// or `{"content": …}` (view models).
pub fn text_of(v: &Value) -> Option<String> {
    if let Some(s) = v.as_str() {
        return Some(s.to_string());
    }
    if let Some(s) = v.get("simpleText").and_then(Value::as_str) {
        return Some(s.to_string());
    }
    if let Some(s) = v.get("content").and_then(Value::as_str) {
        return Some(s.to_string());
    }
    let runs = v.get("runs")?.as_array()?;
    Some(
        runs.iter()
            .filter_map(|r| r.get("text").and_then(Value::as_str))
            .collect(),
    )
}

/// The target of a YouTube link: the `q` of a `/redirect?…&q=…` URL, or the URL itself.
pub fn link_target(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if parsed.path() == "/redirect" {
        return parsed
            .query_pairs()
            .find(|(k, _)| k == "q")
            .map(|(_, v)| v.into_owned());
    }
    matches!(parsed.scheme(), "http" | "https").then(|| url.to_string())
}

/// The last (largest) thumbnail URL of `{"thumbnails": [{url}]}` or `{"sources": [{url}]}`.
fn last_image(v: Option<&Value>) -> Option<String> {
    let list = v?
        .get("thumbnails")
        .or_else(|| v?.get("sources"))?
        .as_array()?;
    list.iter()
        .rev()
        .find_map(|t| t.get("url").and_then(Value::as_str))
        .map(str::to_string)
}

/// What a channel page's `ytInitialData` says about the channel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChannelPage {
    /// `UC…` id.
    pub channel_id: String,
    /// Channel name.
    pub title: Option<String>,
    /// Full description (`metadata.channelMetadataRenderer.description`).
    pub description: Option<String>,
    /// `@handle` without the `@`, when the page shows one.
    pub handle: Option<String>,
    /// Vanity URL (`/@handle` or legacy `/c/NAME`).
    pub vanity_url: Option<String>,
    /// Avatar.
    pub avatar_url: Option<String>,
    /// "1.38M subscribers" as shown; `None` when hidden.
    pub subscriber_text: Option<String>,
    /// "3.3K videos" as shown.
    pub video_count_text: Option<String>,
    /// Verified badge.
    pub verified: Option<bool>,
    /// Links in the header (redirects resolved).
    pub links: Vec<String>,
}

/// An alert a page shows instead of a channel ("This account has been terminated…").
pub fn alert_text(data: &Value) -> Option<String> {
    let alerts = data.get("alerts")?.as_array()?;
    alerts.iter().find_map(|a| {
        let r = a
            .get("alertRenderer")
            .or_else(|| a.get("alertWithButtonRenderer"))?;
        r.get("text").and_then(text_of)
    })
}

/// Read the channel from a channel page's `ytInitialData`. `Err` names the missing path.
pub fn channel_page(data: &Value) -> Result<ChannelPage, String> {
    let meta = data.pointer("/metadata/channelMetadataRenderer");
    let header = data.get("header").ok_or("ytInitialData.header")?;
    let mut page = ChannelPage {
        description: meta
            .and_then(|m| m.get("description"))
            .and_then(Value::as_str)
            .map(str::to_string),
        vanity_url: meta
            .and_then(|m| m.get("vanityChannelUrl"))
            .and_then(Value::as_str)
            .map(str::to_string),
        avatar_url: last_image(meta.and_then(|m| m.get("avatar"))),
        title: meta
            .and_then(|m| m.get("title"))
            .and_then(Value::as_str)
            .map(str::to_string),
        channel_id: meta
            .and_then(|m| m.get("externalId"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        ..ChannelPage::default()
    };
    if let Some(c4) = header.get("c4TabbedHeaderRenderer") {
        read_c4_header(c4, &mut page);
    } else if let Some(vm) = header.pointer("/pageHeaderRenderer/content/pageHeaderViewModel") {
        read_page_header(vm, &mut page);
    } else {
        return Err(
            "ytInitialData.header (neither c4TabbedHeaderRenderer nor pageHeaderRenderer)".into(),
        );
    }
    if page.channel_id.is_empty() {
        return Err("ytInitialData.metadata.channelMetadataRenderer.externalId".into());
    }
    if page.handle.is_none() {
        page.handle = page
            .vanity_url
            .as_deref()
            .and_then(|u| u.rsplit('/').next())
            .and_then(|last| last.strip_prefix('@'))
            .map(str::to_string);
    }
    Ok(page)
}

/// `header.c4TabbedHeaderRenderer` (2021–2023 pages).
fn read_c4_header(c4: &Value, page: &mut ChannelPage) {
    if page.channel_id.is_empty() {
        page.channel_id = c4
            .get("channelId")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
    }
    if page.title.is_none() {
        page.title = c4.get("title").and_then(Value::as_str).map(str::to_string);
    }
    if page.avatar_url.is_none() {
        page.avatar_url = last_image(c4.get("avatar"));
    }
    page.subscriber_text = c4.get("subscriberCountText").and_then(text_of);
    page.video_count_text = c4.get("videosCountText").and_then(text_of);
    page.handle = c4
        .get("channelHandleText")
        .and_then(text_of)
        .map(|h| h.trim_start_matches('@').to_string());
    let badges = c4.get("badges").and_then(Value::as_array);
    page.verified = Some(badges.is_some_and(|b| {
        b.iter().any(|badge| {
            badge
                .pointer("/metadataBadgeRenderer/style")
                .and_then(Value::as_str)
                .is_some_and(|s| s.starts_with("BADGE_STYLE_TYPE_VERIFIED"))
        })
    }));
    for group in ["primaryLinks", "secondaryLinks"] {
        let links = c4
            .pointer(&format!("/headerLinks/channelHeaderLinksRenderer/{group}"))
            .and_then(Value::as_array);
        for link in links.into_iter().flatten() {
            let url = link
                .pointer("/navigationEndpoint/urlEndpoint/url")
                .and_then(Value::as_str);
            if let Some(target) = url.and_then(link_target)
                && !page.links.contains(&target)
            {
                page.links.push(target);
            }
        }
    }
}

/// `header.pageHeaderRenderer.content.pageHeaderViewModel` (2024 on).
fn read_page_header(vm: &Value, page: &mut ChannelPage) {
    let title = vm.pointer("/title/dynamicTextViewModel/text");
    if page.title.is_none() {
        page.title = title
            .and_then(|t| t.get("content"))
            .and_then(Value::as_str)
            .map(str::to_string);
    }
    let attachments = title
        .and_then(|t| t.get("attachmentRuns"))
        .and_then(Value::as_array);
    page.verified = Some(attachments.is_some_and(|runs| {
        runs.iter().any(|run| {
            run.pointer("/element/type/imageType/image/sources")
                .and_then(Value::as_array)
                .is_some_and(|s| {
                    s.iter().any(|src| {
                        src.pointer("/clientResource/imageName")
                            .and_then(Value::as_str)
                            .is_some_and(|n| {
                                n.starts_with("CHECK_CIRCLE") || n.starts_with("AUDIO_BADGE")
                            })
                    })
                })
        })
    }));
    if page.avatar_url.is_none() {
        page.avatar_url =
            last_image(vm.pointer("/image/decoratedAvatarViewModel/avatar/avatarViewModel/image"));
    }
    let rows = vm
        .pointer("/metadata/contentMetadataViewModel/metadataRows")
        .and_then(Value::as_array);
    for part in rows
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("metadataParts").and_then(Value::as_array))
        .flatten()
    {
        let Some(text) = part.get("text").and_then(text_of) else {
            continue;
        };
        let lower = text.to_lowercase();
        if let Some(handle) = text.strip_prefix('@') {
            page.handle = Some(handle.to_string());
        } else if lower.ends_with("subscribers") || lower.ends_with("subscriber") {
            page.subscriber_text = Some(text);
        } else if lower.ends_with("videos") || lower.ends_with("video") {
            page.video_count_text = Some(text);
        }
    }
    let runs = vm
        .pointer("/attribution/attributionViewModel/text/commandRuns")
        .and_then(Value::as_array);
    for run in runs.into_iter().flatten() {
        let url = run
            .pointer("/onTap/innertubeCommand/urlEndpoint/url")
            .or_else(|| {
                run.pointer("/onTap/innertubeCommand/commandMetadata/webCommandMetadata/url")
            })
            .and_then(Value::as_str);
        if let Some(target) = url.and_then(link_target)
            && !page.links.contains(&target)
        {
            page.links.push(target);
        }
    }
}

/// Find the first object under `key` anywhere in `v` (depth-first).
fn find_key<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|x| find_key(x, key))),
        Value::Array(items) => items.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

/// The channel of a watch page: `ytInitialPlayerResponse.videoDetails.channelId`,
/// else the `videoOwnerRenderer` in `ytInitialData`. `Err` says why not.
pub fn watch_channel_id(html: &str) -> Result<String, String> {
    if let Some(Ok(player)) = embedded_json(html, "ytInitialPlayerResponse") {
        if let Some(id) = player
            .pointer("/videoDetails/channelId")
            .and_then(Value::as_str)
        {
            return Ok(id.to_string());
        }
        let status = player
            .pointer("/playabilityStatus/status")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if status == "ERROR" || status == "LOGIN_REQUIRED" || status == "UNPLAYABLE" {
            let reason = player
                .pointer("/playabilityStatus/reason")
                .and_then(Value::as_str)
                .unwrap_or(status);
            return Err(format!("video unavailable: {reason}"));
        }
    }
    if let Some(Ok(data)) = embedded_json(html, "ytInitialData")
        && let Some(owner) = find_key(&data, "videoOwnerRenderer")
        && let Some(id) = owner
            .pointer("/navigationEndpoint/browseEndpoint/browseId")
            .and_then(Value::as_str)
    {
        return Ok(id.to_string());
    }
    Err("ytInitialPlayerResponse.videoDetails.channelId".into())
}

/// A count as YouTube displays it: `"1.38M subscribers"`, `"25m subscribers"`,
/// `"8.84k"`, `"1.38 million subscribers"`, `"1,234 subscribers"`, `"337 videos"`.
/// Returns the number and whether it was abbreviated (so rounded by YouTube).
pub fn approx_count(text: &str) -> Option<(u64, bool)> {
    let t = text.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (number, rest) = t.split_at(end);
    let number = number.trim_end_matches(['.', ',']);
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let lower = rest.to_lowercase();
    let word_end = lower
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(lower.len());
    let word = &lower[..word_end];
    let multiplier: u128 = match word {
        "k" | "thousand" => 1_000,
        "m" | "million" => 1_000_000,
        "b" | "billion" => 1_000_000_000,
        _ => 1,
    };
    let digits = number.replace(',', "");
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((&digits, ""));
    if frac_part.contains('.') {
        return None;
    }
    let int: u128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().ok()?
    };
    let scale = 10u128.checked_pow(u32::try_from(frac_part.len()).ok()?)?;
    let frac: u128 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().ok()?
    };
    let value = (int * scale + frac).checked_mul(multiplier)? / scale;
    Some((u64::try_from(value).ok()?, multiplier > 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approximate_counts() {
        assert_eq!(approx_count("1.38M subscribers"), Some((1_380_000, true)));
        assert_eq!(approx_count("25m subscribers"), Some((25_000_000, true)));
        assert_eq!(approx_count("5.04m subscribers"), Some((5_040_000, true)));
        assert_eq!(approx_count("8.84k subscribers"), Some((8_840, true)));
        assert_eq!(
            approx_count("1.38 million subscribers"),
            Some((1_380_000, true))
        );
        assert_eq!(approx_count("287K videos"), Some((287_000, true)));
        assert_eq!(approx_count("3.3K videos"), Some((3_300, true)));
        assert_eq!(approx_count("1,234 subscribers"), Some((1_234, false)));
        assert_eq!(approx_count("337 videos"), Some((337, false)));
        assert_eq!(approx_count("40 subscribers"), Some((40, false)));
        assert_eq!(approx_count("1.2B"), Some((1_200_000_000, true)));
        assert_eq!(approx_count("No subscribers"), None);
        assert_eq!(approx_count(""), None);
    }

    #[test]
    fn redirect_links() {
        let url = "https://www.youtube.com/redirect?event=channel_banner&redir_token=QUFF&q=http%3A%2F%2Fcodebind.com%2F";
        assert_eq!(link_target(url).as_deref(), Some("http://codebind.com/"));
        assert_eq!(
            link_target("https://example.org/x").as_deref(),
            Some("https://example.org/x")
        );
        assert_eq!(link_target("/channel/UC"), None);
    }

    #[test]
    fn embedded_json_forms() {
        let html = r#"<html><script>var x = 1;</script><script nonce="n">var ytInitialData = {"a":{"b":[1,2]}};</script></html>"#;
        let v = embedded_json(html, "ytInitialData").unwrap().unwrap();
        assert_eq!(v.pointer("/a/b/1").and_then(Value::as_u64), Some(2));
        let html = r#"<script>window["ytInitialData"] = {"c":true};window.other = 2;</script>"#;
        let v = embedded_json(html, "ytInitialData").unwrap().unwrap();
        assert_eq!(v.get("c"), Some(&Value::Bool(true)));
        assert!(embedded_json("<script>var y = {};</script>", "ytInitialData").is_none());
        assert!(
            embedded_json(
                r#"<script>var ytInitialData = {"a":</script>"#,
                "ytInitialData"
            )
            .unwrap()
            .is_err()
        );
    }
}
