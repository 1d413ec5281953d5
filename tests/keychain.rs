//! The OS keychain through the real backend (no mock): CI runs this binary twice,
//! inside `keyctl session` (kernel keyutils) and inside `dbus-run-session` with an
//! unlocked GNOME Keyring (Secret Service), with `SCOUT_KEYCHAIN` naming the backend.

use scout::Workspace;
use scout_sources::{Credentials, SecretName};

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = Workspace::open(Some(dir.path().to_path_buf())).expect("workspace");
    (dir, ws)
}

#[test]
fn a_secret_is_stored_read_and_cleared_through_the_os_keychain() {
    let (_dir, ws) = workspace();
    let secret = format!(
        "scout-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    );
    ws.set_key("twitch-client-secret", &secret)
        .expect("store in the keychain");
    assert_eq!(
        scout::keys::Keychain
            .get(SecretName::TwitchClientSecret)
            .as_deref(),
        Some(secret.as_str())
    );
    let status = ws.key_status();
    let row = status
        .iter()
        .find(|k| k.name == "twitch-client-secret")
        .expect("listed");
    assert!(row.set, "status shows the key as set");
    assert!(
        !format!("{status:?}").contains(&secret),
        "status never carries the value"
    );
    ws.clear_key("twitch-client-secret").expect("clear");
    assert_eq!(
        scout::keys::Keychain.get(SecretName::TwitchClientSecret),
        None
    );
    assert!(
        !ws.key_status()
            .iter()
            .find(|k| k.name == "twitch-client-secret")
            .expect("listed")
            .set
    );
}

#[test]
fn an_empty_secret_is_refused_and_an_unknown_name_is_named() {
    let (_dir, ws) = workspace();
    let e = ws
        .set_key("youtube-api-key", "   ")
        .expect_err("empty refused");
    assert!(e.to_string().contains("empty"), "{e}");
    let e = ws.set_key("youtube-key", "x").expect_err("unknown refused");
    assert!(e.to_string().contains("youtube-key"), "{e}");
}

/// The `scout` CLI with keys in the OS keychain: a secret goes in through stdin only, is
/// read back from the keychain by a vet (the replay server sees it where the API expects
/// it), and appears nowhere else: not in the CLI's output or debug logs, not in any byte
/// of any file of the data folder, not in a stored raw response.
mod with_keys {
    use std::io::Write as _;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output, Stdio};
    use std::sync::{Arc, Mutex, PoisonError};

    use scout_tests::cli::{Scout, assert_close, scout_bin};
    use scout_tests::replay::{ReplayServer, Reply, Route, fixture};
    use serde_json::Value;

    /// A value no fixture, log line or schema contains by chance (letters and digits
    /// only, so it is never percent-encoded on its way to the server).
    fn distinctive(prefix: &str) -> String {
        let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
        format!("{prefix}{}x{nanos}", std::process::id())
    }

    /// `scout <args>` with `stdin` piped in (never argv), the keychain backend chosen by
    /// this process's `SCOUT_KEYCHAIN`.
    fn scout_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(scout_bin())
            .args(args)
            .env("SCOUT_DATA_DIR", dir)
            .env_remove("SCOUT_LOG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start scout");
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(stdin.as_bytes())
            .expect("write the secret to stdin");
        child.wait_with_output().expect("scout output")
    }

    fn text(out: &Output) -> String {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    /// `scout keys set <source>` with `lines` on stdin; nothing printed holds a secret.
    fn keys_set(dir: &Path, source: &str, lines: &[&str]) {
        let mut input = lines.join("\n");
        input.push('\n');
        let out = scout_with_stdin(dir, &["keys", "set", source], &input);
        let printed = text(&out);
        assert!(
            out.status.success(),
            "scout keys set {source} failed: {printed}"
        );
        for secret in lines {
            assert!(
                !printed.contains(secret),
                "keys set echoed a secret: {printed}"
            );
        }
    }

    /// `scout keys status <source>`: one line per secret, each `set` or `not set`.
    fn key_status(scout: &Scout, source: &str) -> Vec<bool> {
        scout
            .ok(&["keys", "status", source])
            .lines()
            .filter(|l| l.starts_with(source))
            .map(|l| {
                assert!(l.contains(" set ") || l.contains(" not set "), "{l}");
                !l.contains("not set")
            })
            .collect()
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("list the data folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                files_under(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// No file under `dir` (the database, its `-wal` / `-shm`, anything else) holds any
    /// of `secrets` in its raw bytes, and no stored raw response (decompressed) holds one
    /// in its URL or body. Returns how many files were read.
    fn assert_secrets_absent(dir: &Path, secrets: &[&str]) -> usize {
        let mut files = Vec::new();
        files_under(dir, &mut files);
        assert!(
            files
                .iter()
                .any(|f| f.file_name().is_some_and(|n| n == "scout.db")),
            "no scout.db in {files:?}"
        );
        for file in &files {
            let bytes =
                std::fs::read(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
            for secret in secrets {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "{} holds a secret",
                    file.display()
                );
            }
        }
        let store = scout_store::Store::open(&dir.join("scout.db")).expect("open the store");
        let mut responses = 0;
        for account in store.accounts().expect("accounts") {
            for meta in store.snapshots_of(account.id).expect("snapshots") {
                for raw in store.raw_responses(meta.id).expect("raw responses") {
                    responses += 1;
                    for secret in secrets {
                        assert!(
                            !raw.url.contains(secret),
                            "stored URL holds a secret: {}",
                            raw.role
                        );
                        assert!(
                            !raw.body
                                .windows(secret.len())
                                .any(|w| w == secret.as_bytes()),
                            "stored body of {} holds a secret",
                            raw.role
                        );
                    }
                }
            }
        }
        assert!(responses > 0, "the vet stored its raw responses");
        files.len()
    }

    fn show(scout: &Scout, input: &str) -> Value {
        let out = scout.ok(&["show", input, "--json"]);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("show --json is not JSON ({e}): {out}"))
    }

    fn f64_of(json: &Value, field: &str) -> f64 {
        json[field]
            .as_f64()
            .unwrap_or_else(|| panic!("{field} is not a number in {json}"))
    }

    fn missing_mentions(json: &Value, needle: &str) -> bool {
        json["missing"].as_array().is_some_and(|m| {
            m.iter()
                .filter_map(Value::as_str)
                .any(|s| s.contains(needle))
        })
    }

    /// The 8 Data API requests of `tests/fixtures/youtube/README.md`, each answering only
    /// when its `key` parameter is `key` (any other key is an unmatched request).
    fn youtube_api_routes(key: &str) -> Vec<Route> {
        let api = |method: &str| Route::get(format!("/youtube/v3/{method}"));
        let mut routes = vec![
            api("channels")
                .query("part", "snippet,statistics,contentDetails")
                .query("forHandle", "@miragrows")
                .query("key", key)
                .named("channels")
                .reply(Reply::fixture("youtube/api_channels_miragrows.json")),
            api("playlistItems")
                .query("part", "snippet")
                .query("playlistId", "UUm1raGr0wsScoutDemo0001")
                .query("maxResults", "50")
                .query("key", key)
                .named("playlistItems")
                .reply(Reply::fixture("youtube/api_playlist_items_miragrows.json")),
            api("videos")
                .query(
                    "part",
                    "snippet,statistics,contentDetails,paidProductPlacementDetails",
                )
                .query(
                    "id",
                    "mgVid000006,mgVid000005,mgVid000004,mgVid000003,mgVid000002,mgVid000001",
                )
                .query("maxResults", "50")
                .query("key", key)
                .named("videos")
                .reply(Reply::fixture("youtube/api_videos_miragrows.json")),
        ];
        for video in [
            "mgVid000004",
            "mgVid000006",
            "mgVid000001",
            "mgVid000005",
            "mgVid000003",
        ] {
            routes.push(
                api("commentThreads")
                    .query("part", "snippet")
                    .query("videoId", video)
                    .query("maxResults", "100")
                    .query("order", "relevance")
                    .query("textFormat", "plainText")
                    .query("key", key)
                    .named(format!("comments:{video}"))
                    .reply(Reply::fixture(&format!(
                        "youtube/api_comment_threads_{video}.json"
                    ))),
            );
        }
        routes
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_youtube_key_from_stdin_is_used_by_vet_and_stored_nowhere_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = distinctive("AIzaScoutKeychainTest");
        let plain = Scout::new(dir.path());

        keys_set(dir.path(), "youtube", &[&key]);
        let status = plain.ok(&["keys", "status"]);
        assert!(!status.contains(&key), "status printed the key");
        assert_eq!(key_status(&plain, "youtube"), vec![true], "{status}");

        let server = ReplayServer::start(youtube_api_routes(&key)).await;
        let scout = Scout::new(dir.path())
            .env("SCOUT_YOUTUBE_API_BASE_URL", &server.url("/youtube/v3"))
            .env("SCOUT_YOUTUBE_BASE_URL", &server.base_url)
            .env("SCOUT_LOG", "debug");
        let out = scout.run(&["vet", "https://www.youtube.com/@miragrows"]);
        let printed = text(&out);
        assert!(out.status.success(), "vet failed: {printed}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("DEBUG"),
            "SCOUT_LOG=debug gives verbose logs"
        );
        assert!(!printed.contains(&key), "the vet printed or logged the key");
        // Every request carried the key read from the keychain: all 8 routes (which
        // require it) answered once, and nothing else was asked.
        assert!(
            server.unmatched().is_empty(),
            "requests without the stored key: {}",
            server.unmatched().len()
        );
        for (route, hits) in server.all_hits() {
            assert_eq!(hits, 1, "{route}");
        }
        assert_eq!(server.total_hits(), 8, "8 quota units");

        // Figures with the key (README "With a key"). Per video, likes + comments:
        // 006 1210 + 96 = 1306, 005 612 + 41 = 653, 004 2211 + 187 = 2398,
        // 003 likes hidden (left out), 002 comments turned off (left out),
        // 001 881 + 55 = 936. Four videos: sum 5293; sorted 653, 936, 1306, 2398.
        let json = show(&scout, "https://www.youtube.com/@miragrows");
        assert!(!json.to_string().contains(&key));
        assert_eq!(json["followers"], 12_400.0);
        assert_eq!(json["posts_count"], 86.0);
        assert_eq!(json["posts_analyzed"], 6.0);
        assert_eq!(json["comments_sampled"], 10.0);
        assert_close(
            f64_of(&json["rate_summaries"], "per_follower_mean"),
            5_293.0 / 4.0 / 12_400.0,
            1e-9,
            "mean ER",
        );
        assert_close(
            f64_of(&json["rate_summaries"], "per_follower_median"),
            (936.0 + 1_306.0) / 2.0 / 12_400.0,
            1e-9,
            "median ER",
        );
        let per_view =
            (1_306.0 / 18_302.0 + 653.0 / 9_420.0 + 2_398.0 / 25_650.0 + 936.0 / 12_010.0) / 4.0;
        assert_close(
            f64_of(&json["rate_summaries"], "per_view_mean"),
            per_view,
            1e-9,
            "mean ER per view",
        );
        // Views 4125, 7710, 9420, 12010, 18302, 25650: median (9420 + 12010) / 2 = 10715.
        assert_close(
            f64_of(&json, "views_to_followers"),
            10_715.0 / 12_400.0,
            1e-9,
            "views to followers",
        );
        assert!(
            missing_mentions(&json, "hides like counts on 1 of 6 videos"),
            "{}",
            json["missing"]
        );
        assert!(
            !missing_mentions(&json, "no YouTube API key"),
            "{}",
            json["missing"]
        );

        let files = assert_secrets_absent(dir.path(), &[&key]);
        assert!(files >= 1);

        plain.ok(&["keys", "clear", "youtube"]);
        assert_eq!(key_status(&plain, "youtube"), vec![false]);
    }

    /// A loopback OAuth token endpoint that records each form body it receives and
    /// answers with `twitch/token.json`.
    async fn token_server() -> (String, Arc<Mutex<Vec<String>>>, tokio::task::JoinHandle<()>) {
        let bodies: Arc<Mutex<Vec<String>>> = Arc::default();
        let seen = Arc::clone(&bodies);
        let app = axum::Router::new().route(
            "/oauth2/token",
            axum::routing::post(move |body: String| {
                let seen = Arc::clone(&seen);
                async move {
                    seen.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(body);
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        fixture("twitch/token.json"),
                    )
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (format!("http://{addr}"), bodies, task)
    }

    /// `a=1&b=x` → the value of `key`.
    fn form_value(body: &str, key: &str) -> Option<String> {
        body.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == key).then(|| v.replace('+', " "))
        })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn twitch_keys_from_stdin_reach_the_token_endpoint_and_are_stored_nowhere_else() {
        /// The app token in `twitch/token.json`: held in memory only, redacted when stored.
        const ACCESS_TOKEN: &str = "8k3xq0w1rz5ty7ub2vn4mc6ld9hgfs";
        let dir = tempfile::tempdir().expect("temp dir");
        let client_id = distinctive("scoutclientid");
        let client_secret = distinctive("scoutclientsecret");
        let plain = Scout::new(dir.path());

        keys_set(dir.path(), "twitch", &[&client_id, &client_secret]);
        assert_eq!(key_status(&plain, "twitch"), vec![true, true]);

        let (auth_base, token_bodies, token_task) = token_server().await;
        let server = ReplayServer::start(vec![
            Route::get("/helix/users")
                .query("login", "scoutdemo")
                .named("users")
                .reply(Reply::fixture("twitch/users_scoutdemo.json")),
            Route::get("/helix/channels/followers")
                .query("broadcaster_id", "712345678")
                .query("first", "1")
                .named("followers")
                .reply(Reply::fixture("twitch/channel_followers_scoutdemo.json")),
            Route::get("/helix/videos")
                .query("user_id", "712345678")
                .query("first", "50")
                .named("videos")
                .reply(Reply::fixture("twitch/videos_scoutdemo.json")),
        ])
        .await;
        let scout = Scout::new(dir.path())
            .env("SCOUT_TWITCH_BASE_URL", &server.base_url)
            .env("SCOUT_TWITCH_AUTH_BASE_URL", &auth_base)
            .env("SCOUT_LOG", "debug");
        let out = scout.run(&["vet", "https://www.twitch.tv/scoutdemo"]);
        let printed = text(&out);
        assert!(out.status.success(), "vet failed: {printed}");
        for secret in [&client_id, &client_secret, ACCESS_TOKEN] {
            assert!(
                !printed.contains(secret),
                "the vet printed or logged a secret"
            );
        }
        assert!(server.unmatched().is_empty(), "{:?}", server.unmatched());
        assert_eq!(server.total_hits(), 3, "{:?}", server.all_hits());

        // The token request carried both keys as the keychain holds them.
        let bodies = token_bodies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        token_task.abort();
        assert_eq!(bodies.len(), 1, "one token per vet");
        assert_eq!(
            form_value(&bodies[0], "client_id").as_deref(),
            Some(client_id.as_str())
        );
        assert_eq!(
            form_value(&bodies[0], "client_secret").as_deref(),
            Some(client_secret.as_str())
        );
        assert_eq!(
            form_value(&bodies[0], "grant_type").as_deref(),
            Some("client_credentials")
        );

        // README figures: 48211 followers, 6 videos with views 1840, 12030, 960, 3275,
        // 702, 0 (median (960 + 1840) / 2 = 1400); no likes or comments, so no rate.
        let json = show(&scout, "https://www.twitch.tv/scoutdemo");
        assert_eq!(json["platform"], "twitch");
        assert_eq!(json["handle"], "scoutdemo");
        assert_eq!(json["followers"], 48_211.0);
        assert_eq!(json["posts_analyzed"], 6.0);
        assert!(
            json["rate_summaries"]["per_follower_mean"].is_null(),
            "{}",
            json["rate_summaries"]["per_follower_mean"]
        );
        assert_close(
            f64_of(&json, "views_to_followers"),
            1_400.0 / 48_211.0,
            1e-9,
            "views to followers",
        );
        // 2026-10-12T21:45:12Z … 2026-10-25T17:00:03Z: 12 days 19:14:51.
        let span_days = 12.0 + (19.0 * 3600.0 + 14.0 * 60.0 + 51.0) / 86_400.0;
        assert_close(
            f64_of(&json, "posts_per_week"),
            6.0 / (span_days / 7.0),
            1e-9,
            "posts per week",
        );
        assert!(
            missing_mentions(&json, "like counts"),
            "{}",
            json["missing"]
        );

        assert_secrets_absent(dir.path(), &[&client_id, &client_secret, ACCESS_TOKEN]);

        plain.ok(&["keys", "clear", "twitch"]);
        assert_eq!(key_status(&plain, "twitch"), vec![false, false]);
    }

    /// `scout discover "skincare" --platform twitch` with keys from the keychain, over the
    /// replay server (`tests/fixtures/twitch/README.md`, "Discovery"): channel search,
    /// the top categories, the category search, the live streams of the three categories
    /// read (one answers 429 throughout: said, and the rest kept; one answers 429 once:
    /// retried), follower totals; reasons and scores worked out by hand.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn twitch_discovery_reads_channels_categories_and_live_streams() {
        let dir = tempfile::tempdir().expect("temp dir");
        let client_id = distinctive("scoutdiscid");
        let client_secret = distinctive("scoutdiscsecret");
        let plain = Scout::new(dir.path());
        keys_set(dir.path(), "twitch", &[&client_id, &client_secret]);
        let (auth_base, _bodies, token_task) = token_server().await;
        let server = ReplayServer::start(vec![
            Route::get("/helix/search/channels")
                .query("query", "skincare")
                .reply(Reply::fixture(
                    "twitch/discovery/helix-search-channels_q-skincare.json",
                )),
            Route::get("/helix/games/top")
                .query("first", "100")
                .reply(Reply::fixture("twitch/discovery/helix-games-top_first100.json")),
            Route::get("/helix/search/categories")
                .query("query", "skincare")
                .reply(Reply::fixture(
                    "twitch/discovery/helix-search-categories_q-skincare.json",
                )),
            Route::get("/helix/streams")
                .query("game_id", "509658")
                .without_query("after")
                .reply(Reply::fixture(
                    "twitch/discovery/helix-streams_game-509658_p1.json",
                )),
            Route::get("/helix/streams")
                .query("game_id", "509658")
                .query("after", "eyJiIjp7IkN1cnNvciI6ImV5SnpJam8wTVM0eE5qVTJPVEk0TVRFNU5ESXlPQ3dpWkNJNlptRnNjMlVzSW5RaU9uUnlkV1Y5In0sImEiOnsiQ3Vyc29yIjoiIn19")
                .named("just chatting p2")
                .reply(Reply::status(429).header("Retry-After", "0"))
                .then(Reply::fixture(
                    "twitch/discovery/helix-streams_game-509658_p2.json",
                )),
            Route::get("/helix/streams")
                .query("game_id", "518203")
                .reply(Reply::fixture(
                    "twitch/discovery/helix-streams_game-518203_p1.json",
                )),
            Route::get("/helix/streams")
                .query("game_id", "509670")
                .named("science")
                .reply(Reply::status(429).header("Retry-After", "0")),
            Route::get("/helix/channels/followers")
                .query("first", "1")
                .named("followers")
                .reply(Reply::fixture("twitch/channel_followers_scoutdemo.json")),
        ])
        .await;
        let scout = Scout::new(dir.path())
            .env("SCOUT_TWITCH_BASE_URL", &server.base_url)
            .env("SCOUT_TWITCH_AUTH_BASE_URL", &auth_base)
            .env("SCOUT_LINKINBIO_BASE_URL", &server.base_url);
        let out = scout.run(&[
            "discover",
            "skincare",
            "--platform",
            "twitch",
            "--limit",
            "50",
            "--json",
        ]);
        let printed = text(&out);
        assert!(out.status.success(), "discover failed: {printed}");
        token_task.abort();
        for secret in [&client_id, &client_secret] {
            assert!(!printed.contains(secret.as_str()), "a secret was printed");
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let twitch = stderr
            .lines()
            .find(|l| l.trim_start().starts_with("twitch"))
            .unwrap_or_else(|| panic!("no twitch outcome in {stderr}"));
        assert!(twitch.contains("results"), "{twitch}");
        assert!(
            twitch.contains("the live streams in ‘Science & Technology’ failed on page 1")
                && twitch.contains("rate limited"),
            "the 429 is said: {twitch}"
        );
        assert!(
            twitch.contains("3 live in ‘Just Chatting’") && twitch.contains("1 live in ‘Sports’"),
            "{twitch}"
        );
        assert_eq!(server.hits("just chatting p2"), 2, "a 429 once is retried");
        assert_eq!(server.hits("followers"), 5, "one total per channel found");
        let results: Vec<Value> = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
        let handles: Vec<&str> = results
            .iter()
            .filter_map(|r| r["handle"].as_str())
            .collect();
        // GlowCast 3 + 1.5 + 1 = 5.5; MayaLuneLive 3; then 1.5 each by handle.
        assert_eq!(
            handles,
            [
                "glowcast",
                "mayalunelive",
                "dermadaily",
                "runwithsam",
                "soinsdenuit"
            ]
        );
        assert_eq!(results[0]["score"], 5.5);
        assert!(
            results.iter().all(|r| r["followers"] == 48_211.0),
            "{results:#?}"
        );
        let reasons: Vec<&str> = results[0]["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            reasons[1].starts_with(
                "streams in the Twitch category ‘Just Chatting’ (#1 by viewers on Twitch now)"
            ),
            "{reasons:?}"
        );
        assert!(
            reasons[2].starts_with("its channel title matches \"skincare\""),
            "{reasons:?}"
        );
        assert!(
            results[3]["reasons"][0]
                .as_str()
                .unwrap_or_default()
                .contains("‘Sports’ (#5 by viewers on Twitch now)"),
            "{}",
            results[3]
        );
        plain.ok(&["keys", "clear", "twitch"]);
    }
}
