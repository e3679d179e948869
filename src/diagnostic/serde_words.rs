//! Serde's messages about keys and values, reworded for the people who write site.toml and
//! front matter, with the closest valid name suggested.

/// Rewrites serde's messages about keys for people, and suggests the closest valid name:
/// "unknown field `titel`, expected one of `title`, …" becomes "unknown key `titel` in
/// site.toml" with the hint "did you mean `title`?". `noun` names what the keys are
/// ("key", "field"), `place` where they are.
pub fn explain_serde_error(message: &str, noun: &str, place: &str) -> (String, Option<String>) {
    let message = message.trim();
    let first_quoted = |s: &str| s.split('`').nth(1).map(str::to_owned);
    for (prefix, what) in [("unknown field `", noun), ("unknown variant `", "value")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let Some(name) = first_quoted(&format!("`{rest}")) else { break };
            // serde writes "expected one of `a`, `b`"; some formats drop the backticks.
            let expected: Vec<&str> = rest
                .split_once("expected")
                .map(|(_, list)| {
                    let list = list.trim_start().trim_start_matches("one of").trim();
                    list.split(", ")
                        .flat_map(|p| p.split(" or "))
                        .map(|p| p.trim().trim_matches('`'))
                        .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
                        .collect()
                })
                .unwrap_or_default();
            let text = if what == "value" {
                format!("unknown value `{name}`")
            } else {
                format!("unknown {what} `{name}` in {place}")
            };
            let valid =
                if expected.is_empty() { None } else { Some(format!("valid {what}s: {}", expected.join(", "))) };
            let hint = match (did_you_mean(&name, &expected), valid) {
                (Some(best), Some(valid)) => Some(format!("did you mean `{best}`? ({valid})")),
                (None, valid) => valid,
                (Some(best), None) => Some(format!("did you mean `{best}`?")),
            };
            return (text, hint);
        }
    }
    if let Some(rest) =
        message.strip_prefix("duplicate mapping key: ").or_else(|| message.strip_prefix("duplicate key `"))
    {
        let name = rest.split([',', '`']).next().unwrap_or(rest).trim();
        return (format!("the {noun} `{name}` is given twice"), Some("keep one of them".into()));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (format!("missing {noun} `{name}`"), None);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return (format!("wrong type: found {}", plain_types(rest)), None);
    }
    (message.to_owned(), None)
}

/// Serde's type names in words a press officer knows.
fn plain_types(text: &str) -> String {
    let (found, expected) = text.split_once(", expected ").unwrap_or((text, ""));
    let expected = match expected {
        "i64" | "u64" | "i32" | "u32" | "usize" | "isize" | "u8" | "i8" | "u16" | "i16" => "a whole number",
        "a boolean" => "true or false",
        "a sequence" => "a list, e.g. [\"a\", \"b\"]",
        "a map" => "a table of keys and values",
        other => other,
    };
    let found = found.replace("sequence", "list").replace("map", "table").replace("boolean", "true/false value");
    if expected.is_empty() { found } else { format!("{found}, expected {expected}") }
}

/// The candidate closest to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
