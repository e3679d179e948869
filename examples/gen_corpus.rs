//! Writes a synthetic Gazette site of N notices for benchmarks:
//! `cargo run --release --example gen_corpus -- N DIR [SEED] [PEOPLE]`.
//!
//! Each notice has about 600 words in varied paragraphs, two `##` headings, a bullet list,
//! one fenced code block, a byline and two editors (of PEOPLE names, 400 unless given) and
//! 3 of 50 tags; dates spread over 5 years, 3 sections, about 5% written in Chinese. The
//! same N, seed and PEOPLE give the same files.

use std::fmt::Write as _;
use std::path::Path;

const WORDS: &[&str] = &[
    "the",
    "bureau",
    "announced",
    "service",
    "veterans",
    "regional",
    "office",
    "support",
    "policy",
    "measures",
    "public",
    "employment",
    "training",
    "housing",
    "pension",
    "healthcare",
    "committee",
    "meeting",
    "report",
    "program",
    "local",
    "districts",
    "applications",
    "deadline",
    "documents",
    "review",
    "implementation",
    "guidance",
    "families",
    "centres",
    "statistics",
    "improve",
    "quality",
    "responsibility",
    "coordination",
    "provide",
    "ensure",
    "strengthen",
    "access",
    "community",
    "budget",
    "annual",
    "plan",
    "staff",
    "procedures",
    "information",
    "requests",
    "schedule",
    "benefits",
    "for",
    "and",
    "with",
    "of",
    "to",
    "in",
    "on",
    "by",
    "a",
    "an",
    "new",
    "all",
    "more",
    "each",
];
const CJK: &str = "退役军人事务局召开工作会议强调要做好服务保障工作进一步提高服务质量推动就业创业政策落实加强组织领导确保各项任务完成";
const SURNAMES: &[&str] = &[
    "Li", "Chen", "Zhang", "Wang", "Yang", "Han", "Zhou", "Sun", "Liu", "Zhao", "Wu", "Xu", "Hu", "Zhu", "Gao", "Lin",
    "He", "Guo", "Ma", "Luo",
];
const GIVEN: &[&str] = &[
    "Yang", "Wei", "Min", "Fang", "Rui", "Ting", "Lan", "Hao", "Jing", "Lei", "Na", "Qiang", "Xin", "Yan", "Bo", "Hui",
    "Jie", "Ling", "Ping", "Tao",
];

/// `count` distinct names, "Surname Given"; the same count gives the same names.
fn people(count: usize) -> Vec<String> {
    assert!(
        (1..=SURNAMES.len() * GIVEN.len()).contains(&count),
        "PEOPLE must be from 1 to {}",
        SURNAMES.len() * GIVEN.len()
    );
    (0..count).map(|i| format!("{} {}", SURNAMES[i % SURNAMES.len()], GIVEN[i / SURNAMES.len()])).collect()
}
const SECTIONS: &[&str] = &["meetings", "announcements", "policy"];

/// A small deterministic generator (SplitMix64), so the corpus needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().unwrap().to_uppercase());
            s.push_str(c.as_str());
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut p = String::new();
    let mut left = words;
    while left > 0 {
        let n = (6 + rng.below(14)).min(left);
        if !p.is_empty() {
            p.push(' ');
        }
        p.push_str(&sentence(rng, n));
        left -= n;
    }
    p
}

fn cjk_paragraph(rng: &mut Rng, chars: usize) -> String {
    let all: Vec<char> = CJK.chars().collect();
    let mut p = String::new();
    for i in 0..chars {
        p.push(all[rng.below(all.len())]);
        if i % 20 == 19 {
            p.push('，');
        }
    }
    p.push('。');
    p
}

fn notice(rng: &mut Rng, i: usize, people: &[String]) -> (String, String) {
    let chinese = rng.below(20) == 0;
    let section = SECTIONS[rng.below(SECTIONS.len())];
    let day = rng.below(5 * 365);
    let (y, m, d) = civil(2021, day);
    let hour = 8 + rng.below(10);
    let mut tags: Vec<usize> = Vec::new();
    while tags.len() < 3 {
        let t = rng.below(50);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let byline = &people[rng.below(people.len())];
    let e1 = rng.below(people.len());
    let (e1, e2) = (&people[e1], &people[(e1 + 1) % people.len()]);
    let title = if chinese {
        format!("关于做好第{i}号服务保障工作的通知")
    } else {
        format!("{} {i}", sentence(rng, 6).trim_end_matches('.'))
    };
    let mut md = String::new();
    writeln!(md, "+++\ntitle = \"{title}\"\ndate = \"{y:04}-{m:02}-{d:02} {hour:02}:00\"").unwrap();
    writeln!(md, "byline = \"{byline}\"\neditors = [\"{e1}\", \"{e2}\"]").unwrap();
    let tag_list: Vec<String> = tags.iter().map(|t| format!("\"topic {t}\"")).collect();
    writeln!(md, "tags = [{}]", tag_list.join(", ")).unwrap();
    writeln!(md, "reference = \"RVAB [{y}] No. {}\"", i % 500 + 1).unwrap();
    if chinese {
        md.push_str("lang = \"zh-Hans\"\n");
    }
    md.push_str("+++\n\n");
    let para = |rng: &mut Rng, words: usize| if chinese { cjk_paragraph(rng, words) } else { paragraph(rng, words) };
    for _ in 0..3 {
        let n = 50 + rng.below(40);
        md.push_str(&para(rng, n));
        md.push_str("\n\n");
    }
    md.push_str(if chinese { "## 工作要求\n\n" } else { "## Background\n\n" });
    md.push_str(&para(rng, 70));
    md.push_str("\n\n");
    for _ in 0..4 {
        let n = 5 + rng.below(8);
        writeln!(md, "- {}", sentence(rng, n)).unwrap();
    }
    md.push_str("\n```json\n{\"notice\": ");
    write!(md, "{i}, \"section\": \"{section}\", \"open\": true}}").unwrap();
    md.push_str("\n```\n\n");
    md.push_str(if chinese { "## 下一步安排\n\n" } else { "## Next steps\n\n" });
    for _ in 0..3 {
        let n = 50 + rng.below(40);
        md.push_str(&para(rng, n));
        md.push_str("\n\n");
    }
    (format!("{section}/notice-{i:06}.md"), md)
}

/// The date `days` after 1 January of `year`.
fn civil(mut year: i32, mut days: usize) -> (i32, u32, u32) {
    loop {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if days < len {
            break;
        }
        days -= len;
        year += 1;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let months = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 0;
    while days >= months[month] {
        days -= months[month];
        month += 1;
    }
    (year, month as u32 + 1, days as u32 + 1)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus N DIR [SEED] [PEOPLE]");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("N must be a number");
    let dir = Path::new(&args[2]);
    let seed: u64 = args.get(3).map(|s| s.parse().expect("SEED must be a number")).unwrap_or(1);
    let people = people(args.get(4).map(|s| s.parse().expect("PEOPLE must be a number")).unwrap_or(400));
    let mut rng = Rng(seed);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "title = \"Benchmark Bureau\"\nbase_url = \"https://bench.example.gov\"\ntimezone = \"Asia/Shanghai\"\npaginate = 20\n",
    )
    .unwrap();
    for i in 0..n {
        let (rel, text) = notice(&mut rng, i, &people);
        let path = dir.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    println!("wrote {n} notices into {}", dir.display());
}
