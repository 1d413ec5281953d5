//! The channel uploads feed, `GET /feeds/videos.xml?channel_id=UC…` (Atom with
//! the `yt:` and Media RSS `media:` namespaces), read with quick-xml.
//!
//! Main items: [`parse_feed`] → [`Feed`] / [`Entry`]. Each entry carries
//! `media:statistics views` and `media:starRating count/average`.

use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One feed entry (a video).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// `yt:videoId`.
    pub video_id: String,
    /// `yt:channelId`.
    pub channel_id: Option<String>,
    /// `title`.
    pub title: String,
    /// `link rel="alternate" href` (`/watch?v=` or `/shorts/`).
    pub link: Option<String>,
    /// `published`.
    pub published: Option<DateTime<Utc>>,
    /// `media:group/media:description`.
    pub description: String,
    /// `media:statistics views`.
    pub views: Option<u64>,
    /// `media:starRating count`: number of ratings.
    pub rating_count: Option<u64>,
    /// `media:starRating average` (1–5; likes count as 5, dislikes as 1).
    pub rating_average: Option<f64>,
}

impl Entry {
    /// Likes implied by the star rating: `count × (average − 1) / 4`, rounded
    /// (a like is a 5-star rating, a dislike a 1-star one). With no average
    /// every rating counts as a like.
    pub fn likes(&self) -> Option<u64> {
        let count = self.rating_count?;
        match self.rating_average {
            Some(avg) if (1.0..=5.0).contains(&avg) => {
                Some((count as f64 * (avg - 1.0) / 4.0).round() as u64)
            }
            _ => Some(count),
        }
    }
}

/// A parsed uploads feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feed {
    /// Feed-level `title` (the channel name).
    pub title: Option<String>,
    /// Entries, newest first as YouTube sends them.
    pub entries: Vec<Entry>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(std::borrow::Cow::into_owned)
}

/// Parse a feed. `Err` says what was wrong with the XML.
pub fn parse_feed(xml: &str) -> Result<Feed, String> {
    // Text is not trimmed per event: entities split text into several events.
    let mut reader = Reader::from_str(xml);
    let mut feed = Feed::default();
    let mut entry: Option<Entry> = None;
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut text = String::new();
    let mut saw_feed = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("feed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                if name == b"feed" {
                    saw_feed = true;
                }
                if name == b"entry" {
                    entry = Some(Entry::default());
                }
                if let Some(current) = entry.as_mut() {
                    read_attrs(&e, current);
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                if let Some(current) = entry.as_mut() {
                    read_attrs(&e, current);
                }
            }
            Event::Text(t) => text.push_str(&t.decode().map_err(|e| format!("feed text: {e}"))?),
            Event::CData(t) => text.push_str(&t.decode().map_err(|e| format!("feed text: {e}"))?),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Ok(name) = r.decode() {
                    text.push_str(
                        quick_xml::escape::resolve_predefined_entity(&name).unwrap_or_default(),
                    );
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_vec();
                let value = std::mem::take(&mut text).trim().to_string();
                let parent = path
                    .len()
                    .checked_sub(2)
                    .and_then(|i| path.get(i))
                    .cloned()
                    .unwrap_or_default();
                path.pop();
                match (entry.as_mut(), name.as_slice()) {
                    (Some(current), b"entry") => {
                        let done = std::mem::take(current);
                        entry = None;
                        if !done.video_id.is_empty() {
                            feed.entries.push(done);
                        }
                    }
                    (Some(current), b"yt:videoId") => current.video_id = value.trim().to_string(),
                    (Some(current), b"yt:channelId") => {
                        current.channel_id = Some(value.trim().to_string());
                    }
                    (Some(current), b"title") if parent == b"entry" => current.title = value,
                    (Some(current), b"published") => {
                        current.published = DateTime::parse_from_rfc3339(value.trim())
                            .ok()
                            .map(|t| t.with_timezone(&Utc));
                    }
                    (Some(current), b"media:description") => current.description = value,
                    (None, b"title") if parent == b"feed" => feed.title = Some(value),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_feed {
        return Err("no <feed> element".into());
    }
    if !path.is_empty() {
        return Err("the feed XML ends before </feed> (truncated)".into());
    }
    Ok(feed)
}

/// Attributes Scout reads: `link href`, `media:statistics views`, `media:starRating count/average`.
fn read_attrs(e: &BytesStart<'_>, current: &mut Entry) {
    match e.name().as_ref() {
        b"link" => {
            let rel = attr(e, b"rel");
            if rel.as_deref().is_none_or(|r| r == "alternate") {
                current.link = attr(e, b"href");
            }
        }
        b"media:statistics" => {
            current.views = attr(e, b"views").and_then(|v| v.trim().parse().ok());
        }
        b"media:starRating" => {
            current.rating_count = attr(e, b"count").and_then(|v| v.trim().parse().ok());
            current.rating_average = attr(e, b"average").and_then(|v| v.trim().parse().ok());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_ENTRY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <title>Scout Demo</title>
 <entry>
  <id>yt:video:AAAAAAAAAAA</id>
  <yt:videoId>AAAAAAAAAAA</yt:videoId>
  <yt:channelId>UCxxxxxxxxxxxxxxxxxxxxxx</yt:channelId>
  <title>Fish &amp; chips</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=AAAAAAAAAAA"/>
  <published>2020-12-22T19:15:01+00:00</published>
  <media:group>
   <media:title>Fish &amp; chips</media:title>
   <media:description>a &lt;b&gt; c &#233;</media:description>
   <media:community>
    <media:starRating count="15020" average="4.95" min="1" max="5"/>
    <media:statistics views="304321"/>
   </media:community>
  </media:group>
 </entry>
</feed>"#;

    #[test]
    fn one_entry() {
        let feed = parse_feed(ONE_ENTRY).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Scout Demo"));
        let e = &feed.entries[0];
        assert_eq!(e.video_id, "AAAAAAAAAAA");
        assert_eq!(e.title, "Fish & chips");
        assert_eq!(e.description, "a <b> c é");
        assert_eq!(e.views, Some(304_321));
        // 15020 × (4.95 − 1) / 4 = 14832.25
        assert_eq!(e.likes(), Some(14_832));
        assert_eq!(
            e.published.unwrap().to_rfc3339(),
            "2020-12-22T19:15:01+00:00"
        );
    }

    #[test]
    fn not_a_feed() {
        assert!(parse_feed("<!DOCTYPE html><html><title>Error 404</title></html>").is_err());
    }

    #[test]
    fn a_feed_cut_between_entries_is_refused() {
        let cut = &ONE_ENTRY[..ONE_ENTRY.find("</feed>").unwrap()];
        let err = parse_feed(cut).unwrap_err();
        assert!(err.contains("truncated"), "{err}");
    }
}
