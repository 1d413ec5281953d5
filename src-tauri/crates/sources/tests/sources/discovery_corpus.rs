//! Every discovery capture in `$SCOUT_CORPUS/fixtures/` through the discovery
//! parsers, with figures counted from the files by hand (python `json.load` and
//! counting; noted beside each assertion). Each test returns early when
//! `SCOUT_CORPUS` is unset (CI sets it); the repository's own discovery fixtures
//! are covered by `discovery_replay`.

use scout_core::Platform;
use scout_sources::discovery::bluesky::{
    ActorsPage, Likes, PostsPage, Profiles, RepostedBy, Suggestions, actors_page, likes,
    posts_page, profiles, quotes, reposted_by, suggestions,
};
use scout_sources::discovery::linkinbio::{parse_next_data, parse_page};
use scout_sources::discovery::mastodon::{
    Account, SearchResults, Status, Tag, directory, search_results, tag_timeline, trend_tags,
};
use scout_sources::discovery::twitch::{
    CategoryPick, SearchCategories, SearchChannels, Streams, pick_categories, search_channels,
    stream_candidates,
};
use scout_sources::discovery::youtube::{
    SearchList, client_version, renderer_channels, search_list,
};
use scout_sources::discovery::{Hit, Searchability, searchability};
use scout_sources::link_header::{next_max_id, next_offset};
use serde::de::DeserializeOwned;

use crate::replay::corpus_fixture;

fn json<T: DeserializeOwned>(rel: &str) -> Option<T> {
    let bytes = corpus_fixture(rel)?;
    Some(serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

fn text(rel: &str) -> Option<String> {
    corpus_fixture(rel).map(|b| String::from_utf8(b).unwrap_or_else(|e| panic!("{rel}: {e}")))
}

#[test]
fn bluesky_actor_search_pages() {
    // 3 actors, no cursor: one page.
    let Some(page) = json::<ActorsPage>("bluesky/searchActors_JBGruber_atrrr.json") else {
        return;
    };
    let (c, next) = actors_page(&page, "JBGruber");
    assert_eq!(c.len(), 3);
    assert!(next.is_none(), "the last page has no cursor");
    assert_eq!(c[0].handle, "r-bloggers.bsky.social");
    assert_eq!(c[0].display_name.as_deref(), Some("R-Bloggers"));
    assert!(c[0].followers.is_none(), "searchActors carries no counts");
    assert!(
        c[0].links
            .iter()
            .any(|l| l.url.to_lowercase().contains("r-bloggers.com")),
        "{:?}",
        c[0].links
    );
    assert_eq!(
        c[0].hits,
        vec![Hit::ProfileSearch {
            query: "JBGruber".into()
        }]
    );

    // 50 actors and the older score::handle cursor.
    let page: ActorsPage = json("bluesky/searchActors_atproto-dart.json").unwrap();
    let (c, next) = actors_page(&page, "x");
    assert_eq!(c.len(), 50);
    assert_eq!(next.as_deref(), Some(".7::teslime.bsky.social"));

    // Typeahead and suggestions have the same actor list shape.
    let page: ActorsPage = json("bluesky/searchActorsTypeahead_2025_bskyr.json").unwrap();
    assert_eq!(actors_page(&page, "x").0.len(), 10);
    let page: ActorsPage = json("bluesky/getSuggestions_2025_bskyr.json").unwrap();
    let (c, next) = actors_page(&page, "x");
    assert_eq!((c.len(), next.as_deref()), (50, Some("50")));
}

#[test]
fn bluesky_profiles_fill_counts() {
    let Some(answer) =
        json::<Profiles>("bluesky/getProfiles_chriskenny.bsky.social_2025_bskyr.json")
    else {
        return;
    };
    let mut c = vec![scout_sources::discovery::Candidate::new(
        Platform::Bluesky,
        "did:plc:wpe35pganb6d4pg4ekmfy6u5",
        "chriskenny.bsky.social",
        "u",
    )];
    profiles(&mut c, &answer);
    assert_eq!(c[0].followers, Some(554));
    let answer: Profiles = json("bluesky/getProfiles_shinyakato.dev_atproto-dart.json").unwrap();
    assert_eq!(answer.profiles[0].followers_count, Some(4945));
}

#[test]
fn bluesky_suggested_follows() {
    let Some(s) = json::<Suggestions>(
        "bluesky/getSuggestedFollowsByActor_chriskenny.bsky.social_2025_bskyr.json",
    ) else {
        return;
    };
    // 12 suggestions marked isFallback: generic, weak evidence.
    let c = suggestions(&s, "chriskenny.bsky.social");
    assert_eq!(c.len(), 12);
    assert!(c.iter().all(|c| c.hits
        == vec![Hit::Suggested {
            of: "chriskenny.bsky.social".into(),
            fallback: true
        }]));
    // 10 specific suggestions (no isFallback), counts included in this older capture.
    let s: Suggestions = json("bluesky/getSuggestedFollowsByActor_atproto-dart.json").unwrap();
    let c = suggestions(&s, "x");
    assert_eq!(c.len(), 10);
    assert!(!s.is_fallback);
    assert_eq!(
        c.iter().take(3).map(|c| c.followers).collect::<Vec<_>>(),
        vec![Some(103), Some(2309), Some(1381)]
    );
}

#[test]
fn bluesky_post_search_authors() {
    // #rstats, 100 posts by 53 authors, cursor "100"; 97 posts carry the tag.
    let Some(page) = json::<PostsPage>("bluesky/searchPosts_hashtag-rstats_limit100_atrrr.json")
    else {
        return;
    };
    let (c, next) = posts_page(&page, "#rstats", &["rstats".into()]);
    assert_eq!(c.len(), 53, "one candidate per author");
    assert_eq!(next.as_deref(), Some("100"));
    let tag_hits = c
        .iter()
        .flat_map(|c| &c.hits)
        .filter(|h| matches!(h, Hit::Hashtag { tag, .. } if tag == "rstats"))
        .count();
    assert_eq!(tag_hits, 97);
    assert!(c.iter().all(|c| !c.post_texts.is_empty()));

    for (rel, posts, authors, cursor) in [
        (
            "bluesky/searchPosts_rstats_limit100_atrrr.json",
            100,
            45,
            Some("100"),
        ),
        (
            "bluesky/searchPosts_redistricting_2025_bskyr.json",
            25,
            18,
            Some("25"),
        ),
        (
            "bluesky/searchPosts_all-filters_sort-top_atrrr.json",
            1,
            1,
            None,
        ),
    ] {
        let page: PostsPage = json(rel).unwrap();
        assert_eq!(page.posts.len(), posts, "{rel}");
        let (c, next) = posts_page(&page, "q", &[]);
        assert_eq!(c.len(), authors, "{rel}");
        assert_eq!(next.as_deref(), cursor, "{rel}");
    }
}

#[test]
fn bluesky_engagers() {
    let Some(l) = json::<Likes>("bluesky/getLikes_3k7qmjev5lr2s_2025_bskyr.json") else {
        return;
    };
    let c = likes(&l, "soubhikbarari", Some("https://bsky.app/x"));
    assert_eq!(c.len(), 4);
    assert!(matches!(&c[0].hits[0], Hit::Engaged { how, .. } if how == "like"));
    assert!(l.cursor.is_none());
    let l: Likes = json("bluesky/getLikes_3kbi55xm6u62v_atrrr.json").unwrap();
    assert_eq!(
        (likes(&l, "x", None).len(), l.cursor.as_deref()),
        (25, Some("2023-10-16T19:38:58.807Z"))
    );
    let r: RepostedBy = json("bluesky/getRepostedBy_2025_bskyr.json").unwrap();
    let c = reposted_by(&r, "x", None);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].handle, "jaeyeonkim.bsky.social");
    let q: PostsPage = json("bluesky/getQuotes_2025_bskyr.json").unwrap();
    assert_eq!(quotes(&q, "x", None).len(), 2);
}

#[test]
#[allow(clippy::many_single_char_names)]
fn mastodon_search_directory_tags_trends() {
    // 18 accounts, 2 of them bots (left out); one verified field (halcy.de).
    let Some(r) =
        json::<SearchResults>("mastodon/search-v2_q-halcy_mastodon.social_mastodonpy.json")
    else {
        return;
    };
    assert_eq!(r.accounts.len(), 18);
    let c = search_results(&r, "halcy", "mastodon.social");
    assert_eq!(c.len(), 16);
    let halcy = c
        .iter()
        .find(|c| c.id == "halcy@icosahedron.website")
        .unwrap();
    assert_eq!(halcy.followers, Some(3553));
    let verified: Vec<_> = halcy
        .links
        .iter()
        .filter(|l| l.verified_at.is_some())
        .collect();
    assert_eq!(verified.len(), 1);
    assert_eq!(verified[0].url, "https://halcy.de/");
    assert_eq!(verified[0].label.as_deref(), Some("Web"));
    assert!(halcy.last_active.is_some());
    // A local account gets the instance in its handle.
    assert!(c.iter().any(|c| c.id == "halcy@mastodon.social"));

    let r: SearchResults =
        json("mastodon/search-v2_q-mastodonpy_test_localinstance_mastodonpy.json").unwrap();
    assert_eq!(search_results(&r, "q", "localhost").len(), 2);
    let a: Vec<Account> =
        json("mastodon/accounts-search_chainsawriot_social.tchncs.de_rtoot.json").unwrap();
    assert_eq!(a.len(), 2);
    assert!(a[0].fields.iter().all(|f| f.verified_at.is_none()));

    // Directory: 3 accounts, the bot (botsin.space) left out.
    let d: Vec<Account> = json("mastodon/directory_mastodon.social_rtoot.json").unwrap();
    let c = directory(&d, "mastodon.social");
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|c| c.hits
        == vec![Hit::Directory {
            instance: "mastodon.social".into()
        }]));

    // Tag timeline: 5 statuses by 5 authors; the next max_id is the last status id,
    // the same one the captured Link header names.
    let s: Vec<Status> =
        json("mastodon/timelines-tag_ichbinhanna_mastodon.social_anonymous_rtoot.json").unwrap();
    let (c, next) = tag_timeline(&s, "IchBinHanna", "mastodon.social");
    assert_eq!(c.len(), 5);
    let link =
        text("mastodon/timelines-tag_ichbinhanna_mastodon.social_anonymous_rtoot.link-header.txt")
            .unwrap();
    let base = url::Url::parse("https://mastodon.social/api/v1/timelines/tag/ichbinhanna").unwrap();
    assert_eq!(next, next_max_id(&link, &base).unwrap());
    assert_eq!(next.as_deref(), Some("109302354165120279"));
    assert_eq!(c[0].handle, "amreibahr@mastodon.social");
    assert_eq!(c[0].language.as_deref(), Some("de"));
    assert!(
        matches!(&c[0].hits[0], Hit::Hashtag { tag, excerpt, url: Some(_) } if tag == "ichbinhanna" && excerpt.starts_with("Ich habe es satt"))
    );

    // Trends: caturday used 1075 times over the 7 days given.
    let t: Vec<Tag> = json("mastodon/trends-tags_mastodon.social_mastodonpy.json").unwrap();
    let tags = trend_tags(&t);
    assert_eq!(tags.len(), 10);
    assert_eq!(tags[0], ("caturday".to_string(), 1075));
    let link = text("mastodon/trends-tags_mastodon.social_mastodonpy.link-header.txt").unwrap();
    let base = url::Url::parse("https://mastodon.social/api/v1/trends/tags").unwrap();
    assert_eq!(
        next_max_id(&link, &base).unwrap(),
        None,
        "trends page by offset, not max_id"
    );
    assert_eq!(next_offset(&link, &base).unwrap(), Some(10));
    let t: Vec<Tag> = json("mastodon/trends_social.tchncs.de_rtoot.json").unwrap();
    assert_eq!(trend_tags(&t)[0], ("mytopshelf".to_string(), 71));
}

#[test]
fn youtube_keyless_search() {
    // Channels filter, page 1: 20 channelRenderers; the first one's @handle is in
    // subscriberCountText and its "234k subscribers" in videoCountText.
    let Some(data) = json::<serde_json::Value>(
        "youtube/innertube-search_channels-filter_q-test_p1_newpipe.json",
    ) else {
        return;
    };
    let (c, next) = renderer_channels(&data, "test");
    assert_eq!(c.len(), 20);
    assert!(next.is_some());
    assert_eq!(c[0].id, "UCZRcA_nO3Kt-SOml2mY8D9g");
    assert_eq!(c[0].handle, "tutorialismic");
    assert_eq!(c[0].followers, Some(234_000));
    assert!(c[0].followers_rounded);
    assert_eq!(c[0].url, "https://www.youtube.com/@tutorialismic");

    // The continuation: 20 more under onResponseReceivedCommands, and a next token.
    let data: serde_json::Value =
        json("youtube/innertube-search_channels-filter_q-test_p2-continuation_newpipe.json")
            .unwrap();
    let (c, next) = renderer_channels(&data["onResponseReceivedCommands"], "test");
    assert_eq!(c.len(), 20);
    assert_eq!(c[0].display_name.as_deref(), Some("Hands On Test"));
    assert!(next.is_some());
    // The last page: "No more results", no token.
    let data: serde_json::Value =
        json("youtube/innertube-search_continuation_last-page_q-UCO6AK_newpipe.json").unwrap();
    let (c, next) = renderer_channels(&data["onResponseReceivedCommands"], "UCO6AK");
    assert!(next.is_none());
    assert!(c.len() < 20);

    let data: serde_json::Value =
        json("youtube/innertube-search_channels-filter_q-bbc_verified_newpipe.json").unwrap();
    let (c, _) = renderer_channels(&data, "bbc");
    assert_eq!(c.len(), 20);
    assert_eq!(
        (c[0].handle.as_str(), c[0].followers),
        ("BBCNews", Some(19_100_000))
    );

    // Unfiltered: 30 videoRenderers, their owners become candidates with the title as evidence.
    let data: serde_json::Value =
        json("youtube/innertube-search_all_q-test_p1_newpipe.json").unwrap();
    let (c, next) = renderer_channels(&data, "test");
    assert!(next.is_some());
    assert!(!c.is_empty() && c.len() <= 30);
    let f1 = c
        .iter()
        .find(|c| c.handle == "BMF1Show")
        .expect("the first video's owner");
    assert!(
        matches!(&f1.hits[0], Hit::PostSearch { excerpt, .. } if excerpt.starts_with("FIRST FOOTAGE"))
    );
    for rel in [
        "youtube/innertube-search_videos-filter_multiple-uploaders_newpipe.json",
        "youtube/innertube-search_videos-filter_q-hashtag-shorts_newpipe.json",
    ] {
        let data: serde_json::Value = json(rel).unwrap();
        assert!(!renderer_channels(&data, "q").0.is_empty(), "{rel}");
    }
    // A collaboration video credits two channels through its byline dialog.
    let data: serde_json::Value =
        json("youtube/innertube-search_videos-filter_multiple-uploaders_newpipe.json").unwrap();
    let (c, _) = renderer_channels(&data, "Nxk6aRHi664");
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(
        (c[0].handle.as_str(), c[0].followers),
        ("LeVortexARTE", Some(317_000))
    );

    // The 2021 results page: ytInitialData with 40 videoRenderers and the client version.
    let html = text("youtube/results-page_q-test_2021_newpipe.html").unwrap();
    assert_eq!(client_version(&html).as_deref(), Some("2.20210701.07.00"));
    let data = scout_sources::youtube::embedded_initial_data(&html).expect("ytInitialData");
    let (c, _) = renderer_channels(&data, "test");
    assert!(!c.is_empty());
}

#[test]
fn youtube_data_api_search() {
    // type=channel: 5 channels, nextPageToken CAUQAA.
    let Some(r) =
        json::<SearchList>("youtube/data-api-v3_search.list_channels_python-youtube.json")
    else {
        return;
    };
    let (c, next) = search_list(&r, "q");
    assert_eq!(c.len(), 5);
    assert_eq!(next.as_deref(), Some("CAUQAA"));
    assert_eq!(c[0].display_name.as_deref(), Some("NLaFourcadeVEVO"));
    assert!(matches!(c[0].hits[0], Hit::ProfileSearch { .. }));
    // Keywords: 25 videos; their owners, each with the video title.
    let r: SearchList =
        json("youtube/data-api-v3_search.list_keywords_p1_python-youtube.json").unwrap();
    let (c, next) = search_list(&r, "surfing");
    assert_eq!(r.items.len(), 25);
    assert!(c.len() <= 25 && !c.is_empty());
    assert_eq!(next.as_deref(), Some("CBkQAA"));
    assert!(
        matches!(&c[0].hits[0], Hit::PostSearch { excerpt, .. } if excerpt.starts_with("SURFING HAWAII"))
    );
    for rel in [
        "youtube/data-api-v3_search.list_keywords_p2_python-youtube.json",
        "youtube/data-api-v3_search.list_videos-by-channel_python-youtube.json",
    ] {
        let r: SearchList = json(rel).unwrap();
        assert!(!search_list(&r, "q").0.is_empty(), "{rel}");
    }
}

#[test]
fn twitch_channel_search() {
    // 20 channels, cursor "MjA=".
    let Some(r) = json::<SearchChannels>("twitch/helix-search-channels_ruby-twitch-api.json")
    else {
        return;
    };
    let (c, next) = search_channels(&r, "angel of death");
    assert_eq!(c.len(), 20);
    assert_eq!(next.as_deref(), Some("MjA="));
    assert_eq!(c[0].handle, "angelofdeath666x");
    assert_eq!(c[0].language.as_deref(), Some("ru"));
    assert!(c[0].last_active.is_none(), "offline: started_at is empty");
    assert_eq!(c[0].url, "https://www.twitch.tv/angelofdeath666x");
}

#[test]
fn twitch_categories_ordered_by_top_games_and_their_live_streams() {
    // search/categories "angel of death": 8 categories, box art already sized, pagination {}.
    let Some(found) = json::<SearchCategories>(
        "twitch/helix-search-categories_angel-of-death_ruby-twitch-api.json",
    ) else {
        return;
    };
    assert_eq!(found.data.len(), 8);
    assert!(found.pagination.cursor.is_none());
    let picks = pick_categories(&found, None, 3);
    let names: Vec<&str> = picks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Police Quest: In Pursuit of the Death Angel",
            "Astaroth: The Angel of Death",
            "Angels of Death"
        ],
        "without games/top: the search's order"
    );
    assert!(picks.iter().all(|p| p.rank.is_none()));
    // games/top first=5: Just Chatting, VALORANT, GTA V, LoL, God of War Ragnarök; a cursor.
    let top: SearchCategories = json("twitch/helix-games-top_first5_ruby-twitch-api.json").unwrap();
    assert_eq!(top.data.len(), 5);
    assert_eq!(
        top.pagination.cursor.as_deref(),
        Some("eyJzIjo1LCJkIjpmYWxzZSwidCI6dHJ1ZX0=")
    );
    assert_eq!(top.data[4].name, "God of War Ragnarök");
    assert!(
        top.data[0]
            .box_art_url
            .as_deref()
            .unwrap()
            .contains("{width}x{height}")
    );
    // None of the 8 is in the top 5: the order stays; the top list ranks itself.
    assert_eq!(pick_categories(&found, Some(&top), 3), picks);
    let ranked = pick_categories(&top, Some(&top), 2);
    assert_eq!(
        (ranked[0].name.as_str(), ranked[0].rank, ranked[1].rank),
        ("Just Chatting", Some(1), Some(2))
    );
    // streams?user_login=SunsetClub: 1 live stream, 2 viewers, en, 2021 (tag_ids, no tags).
    let streams: Streams = json("twitch/helix-streams_sunsetclub_ruby-twitch-api.json").unwrap();
    let cat = CategoryPick {
        id: "499973".into(),
        name: "Always On".into(),
        rank: None,
    };
    let (c, next) = stream_candidates(&streams, &cat, "nyc");
    assert!(next.is_none(), "pagination {{}}");
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].id.as_str(), c[0].handle.as_str()),
        ("508623691", "sunsetclub")
    );
    assert_eq!(c[0].display_name.as_deref(), Some("SunsetClub"));
    assert_eq!(c[0].language.as_deref(), Some("en"));
    assert_eq!(
        c[0].last_active.map(|t| t.to_rfc3339()),
        Some("2021-02-03T03:45:19+00:00".into())
    );
    assert!(
        c[0].followers.is_none(),
        "streams carry viewers, not followers"
    );
    assert!(matches!(
        &c[0].hits[..],
        [Hit::LiveInCategory { category, viewers: Some(2), title, .. }]
            if category == "Always On" && title.starts_with("LIVE view of the World Trade Center")
    ));
}

fn profiles_of(page: &scout_sources::discovery::linkinbio::LinkInBio) -> Vec<(String, String)> {
    page.profiles
        .iter()
        .map(|p| (p.network.clone(), p.handle.to_lowercase()))
        .collect()
}

#[test]
fn link_in_bio_pages() {
    let Some(html) = text("linkinbio/linkbio_co_biosites.html") else {
        return;
    };
    // One person, different handles: karinhime1004 (X), karin_moon1004 (Instagram),
    // 1004karin (TikTok), @karin_1004 (YouTube), karin_moon (bigo).
    let page = parse_page(&html);
    assert_eq!(page.service.as_deref(), Some("linkbio.co"));
    let p = profiles_of(&page);
    for want in [
        ("x", "karinhime1004"),
        ("instagram", "karin_moon1004"),
        ("tiktok", "1004karin"),
        ("youtube", "karin_1004"),
    ] {
        assert!(
            p.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {p:?}"
        );
    }

    // lit.link: a personal and a shop Instagram account, and X.
    let page = parse_page(&text("linkinbio/litlink_mukuri_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("lit.link"));
    let p = profiles_of(&page);
    for want in [
        ("instagram", "mukuri"),
        ("instagram", "mukurishoten"),
        ("x", "mukuri"),
    ] {
        assert!(
            p.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {p:?}"
        );
    }
    assert!(page.links.iter().any(|l| l.contains("mukuri.thebase.in")));

    // Linktree (whole page, __NEXT_DATA__): YouTube and Instagram bellarmrz, and shop links.
    let page = parse_page(&text("linkinbio/linktree_bellarmrz_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("Linktree"));
    let p = profiles_of(&page);
    assert!(p.contains(&("youtube".into(), "bellarmrz".into())), "{p:?}");
    assert!(
        p.contains(&("instagram".into(), "bellarmrz".into())),
        "{p:?}"
    );
    assert!(page.links.iter().any(|l| l.contains("babeoriginal.com")));
    assert!(
        !page.links.iter().any(|l| l.contains("linktr.ee")),
        "the service's own links are left out: {:?}",
        page.links
    );

    // bio.site: the same handle on Instagram, TikTok and X; own site.
    let page = parse_page(&text("linkinbio/biosite_aidenarata_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("bio.site"));
    let p = profiles_of(&page);
    for want in [
        ("instagram", "aidenarata"),
        ("tiktok", "aidenarata"),
        ("x", "aidenarata"),
    ] {
        assert!(
            p.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {p:?}"
        );
    }
    assert!(
        page.links
            .iter()
            .any(|l| l.starts_with("https://aidenarata.com"))
    );

    // link.me: near-miss handles of one person.
    let page = parse_page(&text("linkinbio/linkme_hadilhoney_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("link.me"));
    let p = profiles_of(&page);
    for want in [
        ("instagram", "hadil.honey"),
        ("tiktok", "hadil.honeyy"),
        ("x", "hadilhoneyy"),
    ] {
        assert!(
            p.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {p:?}"
        );
    }

    // instabio (window.__data): etoile_griotte on TikTok, Instagram, X, YouTube.
    let page = parse_page(&text("linkinbio/instabio_etoilegriotte_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("instabio"));
    let p = profiles_of(&page);
    for want in [
        ("tiktok", "etoile_griotte"),
        ("instagram", "etoile_griotte"),
        ("x", "etoile_griotte"),
        ("youtube", "etoile_griotte"),
    ] {
        assert!(
            p.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} in {p:?}"
        );
    }

    // litt.ly (base64 JSON in script#data): the brand's Instagram and YouTube channel.
    let page = parse_page(&text("linkinbio/littly_yellowballoon_biosites.html").unwrap());
    assert_eq!(page.service.as_deref(), Some("litt.ly"));
    let p = profiles_of(&page);
    assert!(
        p.contains(&("instagram".into(), "yellowballoon_official".into())),
        "{p:?}"
    );
    assert!(
        p.contains(&("youtube".into(), "ucpiutxnim5egpz2u3hmksea".into())),
        "{p:?}"
    );

    // The Linktree __NEXT_DATA__ object alone (2021): 2 links + 3 social profiles.
    let page = parse_next_data(
        &text("linkinbio/linktree-next-data_kaiserlol_2021_linktree-scraper.json").unwrap(),
    )
    .unwrap();
    assert_eq!(
        page.page_url.as_deref(),
        Some("https://linktr.ee/kaiserlol")
    );
    assert_eq!(page.links.len(), 2, "{:?}", page.links);
    let p = profiles_of(&page);
    assert!(
        p.contains(&("instagram".into(), "someinstagramuser".into())),
        "{p:?}"
    );
    assert!(p.contains(&("x".into(), "sometwitteruser".into())), "{p:?}");
    assert!(
        p.contains(&("facebook".into(), "myprofile".into())),
        "{p:?}"
    );
}

#[test]
fn sources_without_search_say_so() {
    let none = scout_sources::NoCredentials;
    for p in [Platform::Tiktok, Platform::Instagram] {
        assert!(matches!(
            searchability(p, &none),
            Searchability::NotSearchable { .. }
        ));
    }
}

#[test]
fn bluesky_starter_packs_and_lists() {
    use scout_sources::discovery::bluesky::{
        ActorStarterPacks, ListPage, StarterPack, list_members, pick_starter_packs,
        starter_pack_members,
    };
    // 3 packs by pfrazee.com, joinedAllTimeCount 2, 5, 0: the 2 most joined are
    // "Paul’s Starter Pack" (5) then "Tech Folks" (2).
    let Some(packs) =
        json::<ActorStarterPacks>("bluesky/getActorStarterPacks_pfrazee.com_2025_bskyr.json")
    else {
        return;
    };
    assert_eq!(packs.starter_packs.len(), 3);
    assert!(packs.cursor.is_none());
    assert_eq!(
        pick_starter_packs(&packs, 2),
        [
            "at://did:plc:ragtjsm2j2vknwkz3zp4oxrd/app.bsky.graph.starterpack/3kvaqmutnga2z",
            "at://did:plc:ragtjsm2j2vknwkz3zp4oxrd/app.bsky.graph.starterpack/3l2stmy4ote2b",
        ]
    );
    // "Political Methodologists" by chriskenny.bsky.social: 12 in the sample, the
    // creator among them, so 11 members; the first is jakemgrumbach.bsky.social.
    let Some(pack) = json::<StarterPack>("bluesky/getStarterPack_3lb3g5veo2z2r_2025_bskyr.json")
    else {
        return;
    };
    let members = starter_pack_members(&pack);
    assert_eq!(members.len(), 11);
    assert!(members.iter().all(|c| c.handle != "chriskenny.bsky.social"));
    assert_eq!(members[0].handle, "jakemgrumbach.bsky.social");
    assert_eq!(
        members[0].hits,
        vec![Hit::StarterPack {
            name: "Political Methodologists".into(),
            by: "chriskenny.bsky.social".into(),
            url: Some("https://bsky.app/starter-pack/chriskenny.bsky.social/3lb3g5veo2z2r".into()),
        }]
    );
    assert!(
        members[0].followers.is_none(),
        "the sample carries no counts"
    );
    // "RStats" by smachlis.bsky.social: 25 items (the creator not among them), a TID cursor.
    let Some(list) = json::<ListPage>("bluesky/getList_3l7o5d7b7nl2q_atrrr.json") else {
        return;
    };
    let (members, next) = list_members(&list);
    assert_eq!(members.len(), 25);
    assert_eq!(next.as_deref(), Some("3lbvp43xat224"));
    assert_eq!(members[0].handle, "john-coene.com");
    assert!(matches!(
        &members[0].hits[0],
        Hit::Listed { list, by, url }
            if list == "RStats" && by == "smachlis.bsky.social"
                && url.as_deref() == Some("https://bsky.app/profile/smachlis.bsky.social/lists/3l7o5d7b7nl2q")
    ));
}

#[test]
fn bluesky_feed_creators_and_tagged_suggestions() {
    use scout_sources::discovery::bluesky::{
        FeedGenerators, TaggedSuggestions, feed_creators, tagged_actors,
    };
    // 8 feeds for "#rstats" by 7 creators (smachlis.bsky.social made two: "Fave data
    // hashtags", 2 likes, and "Fave Data Terms", 0 likes); the first is Andrew Heiss's
    // "#rstats" (242 likes).
    let Some(feeds) = json::<FeedGenerators>(
        "bluesky/unspecced-getPopularFeedGenerators_query-rstats_atrrr.json",
    ) else {
        return;
    };
    assert_eq!(feeds.feeds.len(), 8);
    let c = feed_creators(&feeds, "#rstats");
    assert_eq!(c.len(), 7);
    assert_eq!(c[0].handle, "andrew.heiss.phd");
    assert_eq!(
        c[0].hits,
        vec![Hit::FeedCreator {
            feed: "#rstats".into(),
            query: "#rstats".into(),
            likes: Some(242),
            url: Some("https://bsky.app/profile/andrew.heiss.phd/feed/aaaeckvqc3gzg".into()),
        }]
    );
    let sharon = c
        .iter()
        .find(|c| c.handle == "smachlis.bsky.social")
        .unwrap();
    assert_eq!(sharon.hits.len(), 2, "{:?}", sharon.hits);
    // 304 suggestions: 237 of accounts (`subjectType: "user"`), 150 distinct DIDs;
    // 9 accounts for "science"; none for a tag Bluesky does not curate.
    let Some(tagged) =
        json::<TaggedSuggestions>("bluesky/unspecced-getTaggedSuggestions_atproto-dart.json")
    else {
        return;
    };
    assert_eq!(tagged.suggestions.len(), 304);
    let science = tagged_actors(&tagged, &["science".into()]);
    assert_eq!(science.len(), 9);
    assert_eq!(science[0].id, "did:plc:hu2obebw3nhfj667522dahfg");
    assert_eq!(science[0].handle, science[0].id, "a DID until getProfiles");
    assert_eq!(
        science[0].hits,
        vec![Hit::TaggedSuggestion {
            tag: "science".into()
        }]
    );
    assert!(tagged_actors(&tagged, &["zerodechet".into()]).is_empty());
    let mut tags: Vec<String> = tagged.suggestions.iter().map(|s| s.tag.clone()).collect();
    tags.dedup();
    assert_eq!(tagged_actors(&tagged, &tags).len(), 150);
}

#[test]
fn mastodon_suggestions_and_tag_entity() {
    use scout_sources::discovery::mastodon::{Suggestion, suggestions, tag_uses};
    // 40 suggestions, no bots; the first is skeletor@mas.to (most_followed, most_interactions).
    let Some(s) =
        json::<Vec<Suggestion>>("mastodon/suggestions-v2_mastodon.social_mastodonpy.json")
    else {
        return;
    };
    let c = suggestions(&s, "mastodon.social");
    assert_eq!(c.len(), 40);
    assert_eq!(c[0].handle, "skeletor@mas.to");
    assert_eq!(
        c[0].hits,
        vec![Hit::InstanceSuggested {
            instance: "mastodon.social".into(),
            sources: vec!["most_followed".into(), "most_interactions".into()],
        }]
    );
    // #nowplaying: 200 + 272 + 345 + 366 + 226 + 217 + 214 = 1,840 uses over 7 days.
    let Some(tag) = json::<Tag>("mastodon/docs-example_entity-Tag.json") else {
        return;
    };
    assert_eq!(tag.name, "nowplaying");
    assert_eq!(tag_uses(&tag), 1_840);
}

#[test]
fn youtube_hashtag_browse() {
    use scout_sources::discovery::youtube::hashtag_browse;
    // 60 videos by 7 channels (UC5H_KXkPbEsGs0tFt8R35mA: 47 videos; Spinnin' Records,
    // UCpDJl2EmP7Oh90Vylx0dZtA: 8), first "Martin Garrix - Animals (Official Video)";
    // one continuation token.
    let Some(data) = json::<serde_json::Value>(
        "youtube/innertube-browse_hashtag-martingarrix_p1_invidious-mocks.json",
    ) else {
        return;
    };
    let (c, next) = hashtag_browse(&data, "#MartinGarrix");
    assert_eq!(c.len(), 7);
    assert!(next.is_some_and(|t| t.starts_with("4qmFsgLCCRIJRkVoYXNodGFn")));
    let spinnin = c
        .iter()
        .find(|c| c.id == "UCpDJl2EmP7Oh90Vylx0dZtA")
        .unwrap();
    assert_eq!(spinnin.display_name.as_deref(), Some("Spinnin' Records"));
    assert_eq!(spinnin.hits.len(), 8);
    assert_eq!(
        spinnin.hits[0],
        Hit::Hashtag {
            tag: "martingarrix".into(),
            excerpt: "Martin Garrix - Animals (Official Video)".into(),
            url: Some("https://www.youtube.com/watch?v=gCYcHz2k5x0".into()),
        }
    );
    assert_eq!(
        c.iter()
            .find(|c| c.id == "UC5H_KXkPbEsGs0tFt8R35mA")
            .unwrap()
            .hits
            .len(),
        47
    );
}
