//! The demo workspace: about sixty generated creators across every tier and platform.
//!
//! [`generate`] is a seeded, deterministic generator of [`DemoCreator`]s, each a
//! short history of dated [`Snapshot`]s. Follower counts are log-uniform within
//! each tier; engagement falls with tier (nano ≈ 5 %, mega ≈ 1 % per follower,
//! the shape every industry benchmark reports), with log-normal noise per post.
//! A handful carry planted anomalies that the authenticity checks should find:
//! bought followers (bot-like follower sample and a follower spike), an
//! engagement pod (the same accounts commenting first within minutes on every
//! post), bought likes (likes far out of proportion to replies, generic emoji
//! comments), a follow/unfollow sawtooth, a dead mega audience, and sponsored
//! posts without disclosure. Every demo account is stored with `is_demo = true`
//! and its bio says it is demo data.

use chrono::{DateTime, Duration, Utc};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};
use scout_core::{
    Comment, Part, Platform, Post, PostKind, Profile, SampledAccount, Snapshot, Tier, TierBounds,
};

/// Seed of the shipped demo workspace.
pub const DEMO_SEED: u64 = 0x5C0_u64;

/// A planted anomaly, so tests and the README can name what the demo shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anomaly {
    /// A large share of bot-like followers and a follower spike.
    BoughtFollowers,
    /// The same accounts comment first on every post within minutes.
    EngagementPod,
    /// Likes far above what replies suggest; generic emoji comments.
    BoughtLikes,
    /// Following count rises and drops between snapshots.
    FollowUnfollow,
    /// A huge audience that barely engages.
    DeadAudience,
    /// Paid posts without a disclosure label.
    UndisclosedAds,
}

/// One generated creator: its snapshots, oldest first, and any planted anomaly.
#[derive(Debug, Clone)]
pub struct DemoCreator {
    /// Snapshots, oldest first (the last one is the current state).
    pub snapshots: Vec<Snapshot>,
    /// The planted anomaly, if any.
    pub anomaly: Option<Anomaly>,
}

struct Niche {
    name: &'static str,
    words: &'static [&'static str],
    tags: &'static [&'static str],
    captions: &'static [&'static str],
}

const NICHES: &[Niche] = &[
    Niche {
        name: "skincare",
        words: &["glow", "skin", "beauty", "derm"],
        tags: &["skincare", "SkinCareRoutine", "beauty", "spf", "glowup"],
        captions: &[
            "My morning routine for sensitive skin: gentle cleanser, niacinamide serum and SPF 50.",
            "Tested three retinol serums for six weeks. Honest results and what irritated my skin.",
            "Why sunscreen is the one step you should never skip, even in winter.",
            "Drugstore vs luxury moisturiser: can you tell the difference?",
        ],
    },
    Niche {
        name: "fitness",
        words: &["fit", "lift", "run", "strong"],
        tags: &["fitness", "workout", "HomeWorkout", "running", "strength"],
        captions: &[
            "20-minute full body workout you can do at home with one kettlebell.",
            "Marathon training week 9: long run done, legs are complaining.",
            "Protein myths I believed for years and what the research says.",
            "Deadlift form check: three cues that fixed my lower back.",
        ],
    },
    Niche {
        name: "food",
        words: &["kitchen", "bakes", "eats", "cook"],
        tags: &["food", "recipe", "baking", "HomeCooking", "vegan"],
        captions: &[
            "One-pan lemon orzo with spinach, ready in 25 minutes.",
            "Sourdough day 3: finally got an open crumb. Recipe below.",
            "Budget meal prep for the week under 30 euros.",
            "The only brownie recipe you need: fudgy, crackly top, no mixer.",
        ],
    },
    Niche {
        name: "travel",
        words: &["wander", "trips", "roam", "maps"],
        tags: &[
            "travel",
            "TravelTips",
            "backpacking",
            "wanderlust",
            "slowtravel",
        ],
        captions: &[
            "Two weeks in Portugal by train: the route, the costs, the mistakes.",
            "How I pack for ten days with only a carry-on.",
            "Hidden beaches near Split that the tour boats skip.",
            "Night train from Vienna to Venice: worth it? Full review.",
        ],
    },
    Niche {
        name: "gaming",
        words: &["plays", "gg", "pixel", "quest"],
        tags: &[
            "gaming",
            "speedrun",
            "indiegames",
            "retrogaming",
            "streamer",
        ],
        captions: &[
            "New personal best in the any% speedrun, 41:07. The last boss almost got me.",
            "Five indie games from this month you probably missed.",
            "Ranking every level of the remaster from worst to best.",
            "Live tonight: blind playthrough, chat picks the difficulty.",
        ],
    },
    Niche {
        name: "tech",
        words: &["tech", "bytes", "dev", "gadget"],
        tags: &["tech", "gadgets", "coding", "productivity", "review"],
        captions: &[
            "I used a foldable phone for a month. What nobody tells you.",
            "Mechanical keyboard build: lubed switches and a sound test.",
            "Three small scripts that automate my whole week.",
            "Budget laptop showdown: which one survives a semester?",
        ],
    },
    Niche {
        name: "parenting",
        words: &["mama", "family", "littles", "home"],
        tags: &[
            "parenting",
            "momlife",
            "toddler",
            "FamilyTime",
            "montessori",
        ],
        captions: &[
            "Rainy-day activities for toddlers that need no screen.",
            "Our bedtime routine finally works. Here is what changed.",
            "Packing school lunches in five minutes: my system.",
            "Honest talk about the first year back at work.",
        ],
    },
    Niche {
        name: "fashion",
        words: &["style", "closet", "thread", "wear"],
        tags: &[
            "fashion",
            "ootd",
            "SustainableFashion",
            "thrift",
            "capsulewardrobe",
        ],
        captions: &[
            "Capsule wardrobe for autumn: 15 pieces, 30 outfits.",
            "Thrift haul: a wool coat for 12 euros and how I tailored it.",
            "How to spot quality in a knit sweater before you buy.",
            "Styling one white shirt five ways.",
        ],
    },
    Niche {
        name: "outdoors",
        words: &["trail", "peaks", "wild", "camp"],
        tags: &["hiking", "outdoors", "camping", "mountains", "leavenotrace"],
        captions: &[
            "Three-day hut trek in the Dolomites: route and gear list.",
            "What I carry in my day pack, gram by gram.",
            "Wild camping etiquette: leave no trace, really.",
            "Sunrise summit at 2,900 m. Worth the 3 a.m. alarm.",
        ],
    },
    Niche {
        name: "finance",
        words: &["money", "budget", "cents", "wealth"],
        tags: &[
            "PersonalFinance",
            "budgeting",
            "investing",
            "savings",
            "FIRE",
        ],
        captions: &[
            "How I split my salary: the 50/30/20 rule, adjusted for rent.",
            "Index funds explained in three minutes.",
            "I tracked every expense for a year. The surprises.",
            "Emergency fund first, investing second. Here is why.",
        ],
    },
];

const FIRST: &[&str] = &[
    "maya", "leo", "sofia", "noah", "amara", "jonas", "lucia", "theo", "ines", "kai", "zoe",
    "mateo", "elif", "ravi", "hana", "oscar", "nora", "diego", "lina", "felix", "yara", "emil",
    "aiko", "marco", "clara", "sami", "ivy", "tomas", "alma", "jun",
];
const LAST: &[&str] = &[
    "rivera",
    "berg",
    "costa",
    "nakamura",
    "okafor",
    "lindqvist",
    "moreau",
    "santos",
    "weber",
    "kowalski",
    "haddad",
    "fischer",
    "romero",
    "dubois",
    "tanaka",
];

/// Sentences real commenters write, per language; a comment joins one or two of them.
const REAL_SENTENCES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "Tried this yesterday and it worked.",
            "Thank you for the detail on step two!",
            "Where did you get that jacket?",
            "How long did the whole thing take you?",
            "This is exactly what I needed this week.",
            "Saving this for the weekend.",
            "Did you notice any difference after the first month?",
            "Could you do a version for beginners?",
            "Honestly the clearest explanation I have seen.",
            "The part about mistakes was so useful.",
            "Would love a follow-up in a few months.",
            "My sister sent me this and now I get why.",
            "What would you change if you did it again?",
            "I disagree a bit on the budget part, it cost me more.",
            "Finally someone shows the boring middle bit too.",
            "Is there a cheaper alternative you would recommend?",
            "Bookmarked, showing this to my partner tonight.",
            "The lighting in this one is gorgeous.",
            "Did it again today, second attempt went much better.",
            "Which brand was the one at the end?",
            "You convinced me to try it this month.",
            "I had the same problem last spring!",
            "The tip at 0:45 saved me so much time.",
            "Any advice for doing this with kids around?",
        ],
    ),
    (
        "de",
        &[
            "Habe das gestern ausprobiert, hat super geklappt.",
            "Danke für die ausführliche Erklärung!",
            "Wie lange hast du insgesamt gebraucht?",
            "Genau das habe ich diese Woche gebraucht.",
            "Gibt es eine günstigere Alternative?",
            "Speichere ich mir fürs Wochenende.",
            "Kannst du eine Version für Anfänger machen?",
            "Der Teil über Fehler war sehr hilfreich.",
            "Würde mich über ein Update in ein paar Monaten freuen.",
            "Welche Marke war das am Ende?",
            "Ich hatte letztes Jahr genau das gleiche Problem.",
            "Endlich zeigt jemand auch die langweiligen Schritte.",
            "Beim zweiten Versuch hat es viel besser funktioniert.",
            "Das Licht in diesem Video ist wunderschön.",
            "Hast du nach einem Monat einen Unterschied gemerkt?",
            "Meine Schwester hat mir das geschickt, jetzt verstehe ich warum.",
        ],
    ),
    (
        "es",
        &[
            "Lo probé ayer y funcionó muy bien.",
            "¡Gracias por explicar cada paso!",
            "¿Cuánto tiempo te llevó todo?",
            "Justo lo que necesitaba esta semana.",
            "¿Hay alguna alternativa más barata?",
            "Me lo guardo para el fin de semana.",
            "¿Podrías hacer una versión para principiantes?",
            "La parte de los errores me ayudó muchísimo.",
            "Me encantaría ver una actualización en unos meses.",
            "¿Qué marca era la del final?",
            "Tuve el mismo problema la primavera pasada.",
            "Por fin alguien enseña también la parte aburrida.",
            "La segunda vez me salió mucho mejor.",
            "La luz de este vídeo es preciosa.",
            "¿Notaste alguna diferencia después del primer mes?",
            "Mi hermana me lo mandó y ahora entiendo por qué.",
        ],
    ),
    (
        "fr",
        &[
            "J'ai essayé hier et ça a marché.",
            "Merci pour les détails de la deuxième étape !",
            "Combien de temps ça t'a pris en tout ?",
            "Exactement ce qu'il me fallait cette semaine.",
            "Tu connais une alternative moins chère ?",
            "Je garde ça pour le week-end.",
            "Tu pourrais faire une version pour débutants ?",
            "La partie sur les erreurs m'a beaucoup aidée.",
            "J'adorerais une suite dans quelques mois.",
            "C'était quelle marque à la fin ?",
            "J'ai eu exactement le même problème au printemps.",
            "Enfin quelqu'un qui montre aussi les étapes ennuyeuses.",
            "Le deuxième essai s'est beaucoup mieux passé.",
            "La lumière de cette vidéo est magnifique.",
            "Tu as vu une différence après le premier mois ?",
            "Ma sœur me l'a envoyé, maintenant je comprends pourquoi.",
        ],
    ),
];

/// Personal details that make real comments differ.
const TAILS: &[&str] = &[
    "(third attempt, finally!)",
    "from Lisbon",
    "greetings from Leeds",
    "day 4 and counting",
    "my kids loved it",
    "week 2 update soon",
    "after a 12h shift",
    "on a rainy Sunday",
    "with half the budget",
    "from a tiny flat",
    "second time this month",
    "my partner is hooked",
    "saving for payday",
    "in the mountains",
    "before school run",
    "late to this but",
    "new follower here",
    "been following since 2021",
    "from a night-shift nurse",
    "as a total beginner",
];

fn real_comment(rng: &mut ChaCha8Rng, language: &str) -> String {
    // Most commenters write in the creator's language; a few in English.
    let lang = if language != "en" && rng.random::<f64>() < 0.08 {
        "en"
    } else {
        language
    };
    let pool = REAL_SENTENCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(REAL_SENTENCES[0].1, |(_, p)| p);
    let first = *pool.choose(rng).unwrap_or(&"Thanks!");
    let second = *pool.choose(rng).unwrap_or(&"Thanks!");
    let tail = *TAILS.choose(rng).unwrap_or(&"");
    match rng.random_range(0..3) {
        0 if second != first => format!("{first} {second}"),
        1 => format!(
            "{first} {tail} {}",
            ["🙌", "!", "😊", "👍", "…"][rng.random_range(0..5)]
        ),
        _ => format!("{first} {tail}"),
    }
}

const GENERIC_COMMENTS: &[&str] = &[
    "Nice post!",
    "Great content 🔥",
    "😍😍😍",
    "Love it",
    "Amazing!!",
    "🔥🔥",
    "👏👏👏",
    "So cool",
    "Wow",
    "❤️",
    "Beautiful 😍",
    "Top!",
    "Incroyable",
    "Genial!",
    "Mega 👍",
];

/// Creators in the shipped demo workspace.
pub const DEFAULT_CREATORS: usize = 60;

/// How much each generated creator carries. The first [`DEFAULT_CREATORS`] are
/// always [`Shape::FULL`]; a larger workspace (`scout demo --creators N`) gives the
/// rest [`Shape::BULK`]: the same seeded distributions of platform, tier, followers,
/// engagement, cadence and anomalies, with three snapshots and smaller samples, so
/// 100,000 creators fit in minutes and a few gigabytes at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Snapshot ages in days, oldest first (the last is 0: now).
    pub history_days: &'static [i64],
    /// Older snapshots keep their posts (else profile counts only).
    pub posts_in_history: bool,
    /// Posts in a snapshot.
    pub posts: usize,
    /// Most-engaged posts that get comments.
    pub commented_posts: usize,
    /// Follower sample size where the platform gives one.
    pub follower_sample: usize,
}

impl Shape {
    /// The shipped demo: six weekly snapshots, 50 posts, comments on 10, 200 sampled followers.
    pub const FULL: Shape = Shape {
        history_days: &[35, 28, 21, 14, 7, 0],
        posts_in_history: true,
        posts: 50,
        commented_posts: 10,
        follower_sample: 200,
    };
    /// Bulk creators: three weekly snapshots, 24 posts, comments on 4, 60 sampled followers.
    pub const BULK: Shape = Shape {
        history_days: &[14, 7, 0],
        posts_in_history: false,
        posts: 24,
        commented_posts: 4,
        follower_sample: 60,
    };
}

/// Generate the demo workspace deterministically for `seed`, with the last snapshot at `now`.
pub fn generate(seed: u64, now: DateTime<Utc>, bounds: &TierBounds) -> Vec<DemoCreator> {
    Generator::new(seed, DEFAULT_CREATORS, now, bounds).collect()
}

/// A seeded stream of `n` demo creators (see [`Shape`]); the first
/// [`DEFAULT_CREATORS`] equal [`generate`]'s.
pub struct Generator {
    rng: ChaCha8Rng,
    plan: Vec<(Platform, Tier, Option<Anomaly>)>,
    next: usize,
    n: usize,
    now: DateTime<Utc>,
    bounds: TierBounds,
    used: std::collections::HashSet<String>,
}

impl Generator {
    /// `n` creators from `seed`.
    pub fn new(seed: u64, n: usize, now: DateTime<Utc>, bounds: &TierBounds) -> Self {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            plan: plan(),
            next: 0,
            n,
            now,
            bounds: *bounds,
            used: std::collections::HashSet::new(),
        }
    }
}

impl Iterator for Generator {
    type Item = DemoCreator;

    fn next(&mut self) -> Option<DemoCreator> {
        if self.next >= self.n {
            return None;
        }
        let i = self.next;
        self.next += 1;
        // Beyond the first sixty the plan repeats: the same platform and tier mix and
        // the same share of planted anomalies.
        let (platform, tier, anomaly) = self.plan[i % self.plan.len()];
        let shape = if i < DEFAULT_CREATORS {
            Shape::FULL
        } else {
            Shape::BULK
        };
        Some(creator(
            &mut self.rng,
            i,
            platform,
            tier,
            anomaly,
            self.now,
            &self.bounds,
            &mut self.used,
            shape,
        ))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.n - self.next;
        (left, Some(left))
    }
}

/// (platform, tier, anomaly) for each of the 60 demo creators.
fn plan() -> Vec<(Platform, Tier, Option<Anomaly>)> {
    use Anomaly as A;
    use Platform as P;
    use Tier as T;
    let mut plan = Vec::new();
    let per_platform: [(P, usize); 6] = [
        (P::Instagram, 16),
        (P::Tiktok, 12),
        (P::Youtube, 12),
        (P::Bluesky, 8),
        (P::Mastodon, 6),
        (P::Twitch, 6),
    ];
    // Tier mix: micro-heavy, as agency shortlists are.
    let tiers = [
        T::Micro,
        T::Nano,
        T::Mid,
        T::Micro,
        T::Macro,
        T::Mega,
        T::Micro,
        T::Mid,
        T::Nano,
        T::Mega,
    ];
    let mut k = 0;
    for (p, n) in per_platform {
        for _ in 0..n {
            plan.push((p, tiers[k % tiers.len()], None));
            k += 1;
        }
    }
    // Planted anomalies on chosen creators (index into the plan).
    let planted = [
        (0, T::Micro, A::BoughtFollowers),
        (3, T::Micro, A::EngagementPod),
        (17, T::Mid, A::BoughtLikes),
        (5, T::Mega, A::DeadAudience),
        (9, T::Mid, A::FollowUnfollow),
        (30, T::Micro, A::UndisclosedAds),
    ];
    for (idx, tier, a) in planted {
        plan[idx].1 = tier;
        plan[idx].2 = Some(a);
    }
    plan
}

fn tier_range(tier: Tier, b: &TierBounds) -> (f64, f64) {
    match tier {
        Tier::Nano => (1_500.0, b.micro as f64),
        Tier::Micro => (b.micro as f64, b.mid as f64),
        Tier::Mid => (b.mid as f64, b.macro_ as f64),
        Tier::Macro => (b.macro_ as f64, b.mega as f64),
        Tier::Mega => (b.mega as f64, b.mega as f64 * 12.0),
    }
}

/// Typical engagement per follower by tier (the falling curve the benchmarks report).
fn base_er(tier: Tier) -> f64 {
    match tier {
        Tier::Nano => 0.052,
        Tier::Micro => 0.034,
        Tier::Mid => 0.024,
        Tier::Macro => 0.017,
        Tier::Mega => 0.012,
    }
}

fn log_uniform(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> f64 {
    (lo.ln() + rng.random::<f64>() * (hi.ln() - lo.ln())).exp()
}

#[allow(clippy::too_many_arguments)]
fn creator(
    rng: &mut ChaCha8Rng,
    index: usize,
    platform: Platform,
    tier: Tier,
    anomaly: Option<Anomaly>,
    now: DateTime<Utc>,
    bounds: &TierBounds,
    used: &mut std::collections::HashSet<String>,
    shape: Shape,
) -> DemoCreator {
    let niche = &NICHES[index % NICHES.len()];
    let first = *FIRST.choose(rng).unwrap_or(&"alex");
    let last = *LAST.choose(rng).unwrap_or(&"lee");
    let word = *niche.words.choose(rng).unwrap_or(&"studio");
    let mut handle_base = match platform {
        Platform::Bluesky => format!("{first}{word}.bsky.social"),
        Platform::Mastodon => format!("{first}_{word}@mastodon.social"),
        Platform::Youtube => format!("{first}{last}{word}"),
        _ => format!("{first}.{word}"),
    };
    if index >= DEFAULT_CREATORS {
        // A large workspace runs out of name combinations: the index keeps handles unique.
        handle_base = match platform {
            Platform::Bluesky => format!("{first}{word}{index}.bsky.social"),
            Platform::Mastodon => format!("{first}_{word}{index}@mastodon.social"),
            Platform::Youtube => format!("{first}{last}{word}{index}"),
            _ => format!("{first}.{word}{index}"),
        };
    }
    while !used.insert(handle_base.clone()) {
        handle_base = match platform {
            Platform::Bluesky => format!("{first}{word}{}.bsky.social", rng.random_range(2..99)),
            Platform::Mastodon => {
                format!("{first}_{word}{}@mastodon.social", rng.random_range(2..99))
            }
            _ => format!("{handle_base}{}", rng.random_range(2..9)),
        };
    }
    let handle = handle_base;
    let (lo, hi) = tier_range(tier, bounds);
    let followers_now = log_uniform(rng, lo, hi * 0.97);
    let language = match index % 7 {
        3 => "de",
        5 => "es",
        6 => "fr",
        _ => "en",
    };

    let mut er = base_er(tier) * LogNormal::new(0.0, 0.25).map_or(1.0, |d| d.sample(rng));
    er *= match platform {
        Platform::Tiktok => 1.6,
        Platform::Instagram => 1.0,
        Platform::Youtube => 0.7,
        Platform::Bluesky | Platform::Mastodon => 0.8,
        Platform::Twitch => 0.5,
    };
    match anomaly {
        Some(Anomaly::BoughtFollowers) => er *= 0.12,
        Some(Anomaly::DeadAudience) => er *= 0.08,
        Some(Anomaly::BoughtLikes) => er *= 3.5,
        _ => {}
    }
    let view_ratio = match platform {
        Platform::Tiktok => 0.45,
        Platform::Youtube => 0.22,
        Platform::Twitch => 0.06,
        _ => 0.0,
    } * LogNormal::new(0.0, 0.3).map_or(1.0, |d| d.sample(rng));

    // Posting cadence and timeline: up to 60 posts back from `now`.
    let per_week = log_uniform(rng, 1.5, 9.0);
    let gap_hours = 168.0 / per_week;
    let n_posts = 60;
    let inactive_days = if index % 11 == 7 {
        rng.random_range(20..60)
    } else {
        0
    };
    let mut timeline: Vec<(DateTime<Utc>, f64)> = Vec::with_capacity(n_posts);
    let mut t = now - Duration::hours(rng.random_range(3..30)) - Duration::days(inactive_days);
    let post_noise = LogNormal::new(
        0.0,
        if anomaly == Some(Anomaly::EngagementPod) {
            0.05
        } else {
            0.55
        },
    )
    .expect("valid log-normal");
    for _ in 0..n_posts {
        timeline.push((t, post_noise.sample(rng)));
        let jitter = 0.5 + rng.random::<f64>();
        t -= Duration::minutes((gap_hours * 60.0 * jitter) as i64);
    }

    let pod: Vec<SampledAccount> = (0..6).map(|i| pod_member(rng, i)).collect();
    let history_days = shape.history_days;
    let mut snapshots = Vec::new();
    let growth = 0.006 + rng.random::<f64>() * 0.01; // per week
    for (si, days_ago) in history_days.iter().enumerate() {
        let at = now - Duration::days(*days_ago);
        let steps_back = (history_days.len() - 1 - si) as i32;
        let mut followers = followers_now / (1.0 + growth).powi(steps_back);
        if anomaly == Some(Anomaly::BoughtFollowers) && si < history_days.len() - 1 {
            // A bought batch of followers arrived in the last week.
            followers = followers_now / 1.85 / (1.0 + growth).powi(steps_back);
        }
        let following_base = (followers.sqrt() * 4.0).min(2_500.0);
        let following = if anomaly == Some(Anomaly::FollowUnfollow) {
            if si % 2 == 0 {
                following_base + 3_800.0
            } else {
                following_base + 300.0
            }
        } else {
            following_base * (1.0 + 0.01 * si as f64)
        };
        let latest = si == history_days.len() - 1;
        let profile = Profile {
            id: format!("demo-{}-{index:03}", platform.key()),
            handle: handle.clone(),
            display_name: Some(format!("{} {}", title_case(first), title_case(last))),
            bio: Some(format!(
                "{} · {} creator. Demo data: generated by Scout, not a real account.",
                title_case(niche.name),
                language_name(language)
            )),
            avatar_url: None,
            url: profile_url(platform, &handle),
            followers: Some(followers.round() as u64),
            following: Some(following.round() as u64),
            posts_count: Some((n_posts as f64 * 4.0 + (index as f64) * 7.0) as u64),
            total_likes: (platform == Platform::Tiktok).then_some((followers * 14.0) as u64),
            total_views: None,
            created_at: Some(now - Duration::days(400 + (index as i64) * 23)),
            verified: Some(tier >= Tier::Macro),
            is_private: Some(false),
            links: vec![format!(
                "https://linktr.ee/{}",
                handle.split(['.', '@']).next().unwrap_or("demo")
            )],
            country: Some(
                match language {
                    "de" => "DE",
                    "es" => "ES",
                    "fr" => "FR",
                    _ => "US",
                }
                .to_string(),
            ),
            labels: vec!["demo".to_string()],
        };
        let mut snap = Snapshot::new(platform, profile, at);
        let visible: Vec<_> = timeline
            .iter()
            .filter(|(pt, _)| *pt <= at)
            .take(if latest || shape.posts_in_history {
                shape.posts
            } else {
                0
            })
            .collect();
        for (pi, (pt, noise)) in visible.iter().enumerate() {
            let age_days = (at - *pt).num_hours().max(1) as f64 / 24.0;
            let maturity = (age_days / 3.0).clamp(0.35, 1.0);
            let post = make_post(
                rng,
                platform,
                niche,
                language,
                anomaly,
                index,
                pi,
                *pt,
                followers,
                er * noise * maturity,
                view_ratio,
            );
            snap.posts.push(post);
        }
        if !latest && !shape.posts_in_history {
            snap.mark_missing(Part::Posts, "older demo snapshot: posts were not kept");
        }
        if !latest {
            // Older demo snapshots keep the profile counts and posts only (the growth history).
            snap.mark_missing(
                Part::Comments,
                "older demo snapshot: comments were not kept",
            );
            snap.mark_missing(
                Part::FollowerSample,
                "older demo snapshot: follower sample not kept",
            );
            snapshots.push(snap);
            continue;
        }
        // Comments on the 10 most-engaged posts.
        let mut top: Vec<usize> = (0..snap.posts.len()).collect();
        top.sort_by_key(|&i| std::cmp::Reverse(snap.posts[i].interactions()));
        for &pi in top.iter().take(shape.commented_posts) {
            let post = snap.posts[pi].clone();
            let comments = make_comments(rng, &post, language, anomaly, &pod, si);
            snap.comments.extend(comments);
        }
        // Follower samples where the platform gives them.
        match platform {
            Platform::Bluesky | Platform::Mastodon | Platform::Instagram => {
                let bot_share = match anomaly {
                    Some(Anomaly::BoughtFollowers) => 0.46,
                    Some(Anomaly::DeadAudience) => 0.30,
                    _ => 0.04 + rng.random::<f64>() * 0.05,
                };
                snap.follower_sample = Some(
                    (0..shape.follower_sample)
                        .map(|k| sample_account(rng, k, bot_share, now))
                        .collect(),
                );
            }
            _ => snap.mark_missing(
                Part::FollowerSample,
                format!(
                    "{} does not publish who follows an account (the follower count is shown)",
                    platform.name()
                ),
            ),
        }
        if platform == Platform::Twitch {
            // As the real source: Twitch shows neither likes nor comments on videos,
            // so a demo Twitch creator has no comments either (they fed Brand Fit's
            // language part while every comment check said "not fetched").
            snap.comments.clear();
            snap.mark_missing(
                Part::Likes,
                "Twitch does not publish like counts for videos",
            );
            snap.mark_missing(Part::Comments, "Twitch does not show comments on videos");
        }
        snapshots.push(snap);
    }
    DemoCreator { snapshots, anomaly }
}

#[allow(clippy::too_many_arguments)]
fn make_post(
    rng: &mut ChaCha8Rng,
    platform: Platform,
    niche: &Niche,
    language: &str,
    anomaly: Option<Anomaly>,
    creator: usize,
    pi: usize,
    at: DateTime<Utc>,
    followers: f64,
    er: f64,
    view_ratio: f64,
) -> Post {
    let caption = *niche.captions.choose(rng).unwrap_or(&"New post");
    let tags: Vec<String> = niche
        .tags
        .choose_multiple(rng, 3)
        .map(|t| format!("#{t}"))
        .collect();
    let sponsored = pi % 9 == 4;
    let brand = ["Lumina", "Northpeak", "Brightbite", "Kinetic", "Papermint"][creator % 5];
    let mut text = format!("{caption} {}", tags.join(" "));
    let mut label = None;
    if sponsored {
        let undisclosed = anomaly == Some(Anomaly::UndisclosedAds);
        let code = format!("{}{}", brand.to_uppercase(), 10 + pi % 15);
        text = if undisclosed {
            format!(
                "{caption} Loving my new favourites from @{} — use code {code} for 15% off! {}",
                brand.to_lowercase(),
                tags.join(" ")
            )
        } else {
            let label_word = match language {
                "de" => "Anzeige",
                "fr" => "Collaboration commerciale",
                "es" => "#publi",
                _ => "#ad",
            };
            format!(
                "{label_word} | {caption} Made in partnership with @{}. Code {code} gives 15% off. {}",
                brand.to_lowercase(),
                tags.join(" ")
            )
        };
        if platform == Platform::Instagram && !undisclosed {
            label = Some(true);
        }
    } else if platform == Platform::Instagram {
        label = Some(false);
    }
    let interactions = (followers * er).max(0.0);
    let (likes_share, reply_share, repost_share, quote_share) = match platform {
        Platform::Youtube | Platform::Tiktok => (0.93, 0.022, 0.048, 0.0),
        Platform::Instagram => (0.94, 0.06, 0.0, 0.0),
        Platform::Twitch => (0.0, 0.0, 0.0, 0.0),
        Platform::Bluesky => (0.74, 0.1, 0.12, 0.04),
        Platform::Mastodon => (0.7, 0.12, 0.18, 0.0),
    };
    let mut reply_share = reply_share;
    let mut likes_share = likes_share;
    if anomaly == Some(Anomaly::BoughtLikes) {
        likes_share = 0.995;
        reply_share = 0.002;
    }
    let views = if platform.is_video() {
        Some((followers * view_ratio * (0.6 + rng.random::<f64>())).round() as u64)
    } else {
        None
    };
    // Video platforms: engagement driven by views.
    let base = if let Some(v) = views {
        v as f64 * (er * 1.8).min(0.25)
    } else {
        interactions
    };
    let likes = (base * likes_share).round() as u64;
    let replies = (base * reply_share).round() as u64;
    let reposts = (base * repost_share).round() as u64;
    let quotes = (base * quote_share).round() as u64;
    let id = format!("demo-post-{creator:03}-{pi:03}-{}", at.timestamp());
    let title = platform.is_video().then(|| {
        caption
            .split(['.', ':'])
            .next()
            .unwrap_or(caption)
            .to_string()
    });
    let twitch = platform == Platform::Twitch;
    Post {
        id: id.clone(),
        url: Some(format!("{}/{}", profile_url(platform, "demo"), id)),
        kind: PostKind::Original,
        created_at: at,
        text,
        title,
        likes: (!twitch).then_some(likes),
        likes_hidden: false,
        replies: (!twitch).then_some(replies),
        reposts: matches!(
            platform,
            Platform::Bluesky | Platform::Mastodon | Platform::Tiktok
        )
        .then_some(reposts),
        quotes: (platform == Platform::Bluesky).then_some(quotes),
        views,
        sponsored_label: label,
        languages: vec![language.to_string()],
        duration_secs: platform.is_video().then(|| rng.random_range(20..1_800)),
        reposted_from: None,
    }
}

fn make_comments(
    rng: &mut ChaCha8Rng,
    post: &Post,
    language: &str,
    anomaly: Option<Anomaly>,
    pod: &[SampledAccount],
    snapshot_index: usize,
) -> Vec<Comment> {
    let mut out = Vec::new();
    let n = rng.random_range(6..14);
    if anomaly == Some(Anomaly::EngagementPod) {
        for (k, member) in pod.iter().enumerate() {
            out.push(Comment {
                id: format!("{}-pod{k}-s{snapshot_index}", post.id),
                post_id: post.id.clone(),
                author_id: member.id.clone(),
                author_handle: member.handle.clone(),
                text: (*GENERIC_COMMENTS.choose(rng).unwrap_or(&"Nice")).to_string(),
                created_at: Some(post.created_at + Duration::seconds(40 + 35 * k as i64)),
                likes: Some(0),
                author: Some(member.clone()),
            });
        }
    }
    for k in 0..n {
        let generic_share = match anomaly {
            Some(Anomaly::BoughtLikes | Anomaly::BoughtFollowers) => 0.8,
            _ => 0.2,
        };
        let text = if rng.random::<f64>() < generic_share {
            (*GENERIC_COMMENTS.choose(rng).unwrap_or(&"Nice")).to_string()
        } else {
            real_comment(rng, language)
        };
        let who = format!(
            "{}{}",
            FIRST.choose(rng).unwrap_or(&"sam"),
            rng.random_range(1..9_999)
        );
        out.push(Comment {
            id: format!("{}-c{k}-s{snapshot_index}", post.id),
            post_id: post.id.clone(),
            author_id: format!("demo-user-{who}"),
            author_handle: who,
            text,
            created_at: Some(post.created_at + Duration::minutes(rng.random_range(20..3_000))),
            likes: Some(rng.random_range(0..40)),
            author: None,
        });
    }
    out
}

fn pod_member(rng: &mut ChaCha8Rng, i: usize) -> SampledAccount {
    let name = format!(
        "{}{}growth",
        FIRST[(i * 7) % FIRST.len()],
        ["hub", "club", "crew"][i % 3]
    );
    SampledAccount {
        id: format!("demo-pod-{i}"),
        handle: name,
        display_name: None,
        bio: Some("Engagement group · F4F".into()),
        has_avatar: Some(true),
        followers: Some(rng.random_range(800..3_000)),
        following: Some(rng.random_range(3_000..7_000)),
        posts_count: Some(rng.random_range(30..200)),
        created_at: None,
        is_private: Some(false),
    }
}

fn sample_account(
    rng: &mut ChaCha8Rng,
    k: usize,
    bot_share: f64,
    now: DateTime<Utc>,
) -> SampledAccount {
    let bot = rng.random::<f64>() < bot_share;
    if bot {
        let digits: u32 = rng.random_range(10_000..99_999_999);
        let stem = FIRST.choose(rng).unwrap_or(&"user");
        SampledAccount {
            id: format!("demo-follower-{k}"),
            handle: format!("{stem}{digits}"),
            display_name: None,
            bio: None,
            has_avatar: Some(rng.random::<f64>() < 0.15),
            followers: Some(rng.random_range(0..40)),
            following: Some(rng.random_range(900..7_500)),
            posts_count: Some(rng.random_range(0..3)),
            created_at: Some(now - Duration::days(rng.random_range(5..120))),
            is_private: Some(false),
        }
    } else {
        let first = FIRST.choose(rng).unwrap_or(&"sam");
        let last = LAST.choose(rng).unwrap_or(&"lee");
        let followers = log_uniform(rng, 40.0, 4_000.0) as u64;
        SampledAccount {
            id: format!("demo-follower-{k}"),
            handle: format!("{first}.{last}"),
            display_name: Some(format!("{} {}", title_case(first), title_case(last))),
            bio: Some("Coffee, books and long walks.".into()),
            has_avatar: Some(rng.random::<f64>() < 0.92),
            followers: Some(followers),
            following: Some((followers as f64 * (0.5 + rng.random::<f64>() * 1.5)) as u64),
            posts_count: Some(rng.random_range(8..900)),
            created_at: Some(now - Duration::days(rng.random_range(200..3_000))),
            is_private: Some(rng.random::<f64>() < 0.2),
        }
    }
}

fn profile_url(platform: Platform, handle: &str) -> String {
    match platform {
        Platform::Bluesky => format!("https://bsky.app/profile/{handle}"),
        Platform::Youtube => format!("https://www.youtube.com/@{handle}"),
        Platform::Mastodon => {
            let (user, host) = handle
                .split_once('@')
                .unwrap_or((handle, "mastodon.social"));
            format!("https://{host}/@{user}")
        }
        Platform::Tiktok => format!("https://www.tiktok.com/@{handle}"),
        Platform::Instagram => format!("https://www.instagram.com/{handle}/"),
        Platform::Twitch => format!("https://www.twitch.tv/{handle}"),
    }
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn language_name(code: &str) -> &'static str {
    match code {
        "de" => "German-language",
        "es" => "Spanish-language",
        "fr" => "French-language",
        _ => "English-language",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn same_seed_same_workspace_different_seed_different() {
        let b = TierBounds::default();
        let a = generate(DEMO_SEED, now(), &b);
        let a2 = generate(DEMO_SEED, now(), &b);
        let c = generate(DEMO_SEED + 1, now(), &b);
        assert_eq!(a.len(), 60);
        assert_eq!(a[7].snapshots, a2[7].snapshots);
        assert_ne!(
            a[7].snapshots.last().unwrap().profile.followers,
            c[7].snapshots.last().unwrap().profile.followers
        );
    }

    #[test]
    fn covers_every_tier_and_platform_and_marks_demo() {
        let b = TierBounds::default();
        let all = generate(DEMO_SEED, now(), &b);
        for tier in Tier::ALL {
            assert!(
                all.iter().any(
                    |c| b.tier(c.snapshots.last().unwrap().profile.followers.unwrap()) == tier
                ),
                "{tier}"
            );
        }
        for p in Platform::ALL {
            assert!(all.iter().any(|c| c.snapshots[0].platform == p), "{p}");
        }
        let handles: std::collections::HashSet<_> = all
            .iter()
            .map(|c| c.snapshots[0].profile.handle.clone())
            .collect();
        assert_eq!(handles.len(), 60, "handles are unique");
        assert!(all.iter().all(|c| {
            c.snapshots
                .iter()
                .all(|s| s.profile.bio.as_deref().unwrap_or("").contains("Demo data"))
        }));
    }

    #[test]
    fn engagement_falls_with_tier() {
        let b = TierBounds::default();
        let all = generate(DEMO_SEED, now(), &b);
        let mean_er = |tier: Tier| {
            let ers: Vec<f64> = all
                .iter()
                .filter(|c| c.anomaly.is_none())
                .map(|c| c.snapshots.last().unwrap())
                .filter(|s| {
                    matches!(
                        s.platform,
                        Platform::Instagram | Platform::Bluesky | Platform::Mastodon
                    )
                })
                .filter(|s| b.tier(s.profile.followers.unwrap()) == tier)
                .map(|s| {
                    let f = s.profile.followers.unwrap() as f64;
                    s.posts
                        .iter()
                        .map(|p| p.interactions() as f64 / f)
                        .sum::<f64>()
                        / s.posts.len() as f64
                })
                .collect();
            ers.iter().sum::<f64>() / ers.len().max(1) as f64
        };
        assert!(
            mean_er(Tier::Nano) > mean_er(Tier::Mid),
            "nano {} > mid {}",
            mean_er(Tier::Nano),
            mean_er(Tier::Mid)
        );
    }

    #[test]
    fn pod_creator_has_the_same_first_commenters_on_every_top_post() {
        let all = generate(DEMO_SEED, now(), &TierBounds::default());
        let pod = all
            .iter()
            .find(|c| c.anomaly == Some(Anomaly::EngagementPod))
            .unwrap();
        let snap = pod.snapshots.last().unwrap();
        let posts_with_pod: std::collections::HashSet<_> = snap
            .comments
            .iter()
            .filter(|c| c.author_id == "demo-pod-0")
            .map(|c| c.post_id.clone())
            .collect();
        assert_eq!(posts_with_pod.len(), 10);
    }
}
