//! Shortcodes: recurring blocks written in a notice as calls of Tera templates under
//! `templates/shortcodes/` (the site's, over the theme's). Inline,
//! `{{ figure(src="photo.jpg", alt="…", caption="…") }}`, or with a Markdown body between
//! lines of their own, `{% note(kind="warning") %}` … `{% end %}`.
//!
//! Each call becomes a placeholder word before the Markdown is rendered, and the template's
//! output takes its place after: the output is the theme's, trusted, and never seen by the
//! Markdown parser or the sanitizer.

use std::collections::BTreeMap;

use tera::{Context, Tera, Value};

/// The shortcode templates of a site, compiled once.
pub struct Shortcodes {
    tera: Tera,
    names: Vec<String>,
    /// A hash of every template's text: what rendered bodies depend on.
    pub key: u64,
}

/// A call found in a body.
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Value>,
    /// The Markdown between `{% name(…) %}` and `{% end %}`, for the body form.
    pub body: Option<String>,
    /// Where the call starts in the body: 1-based line and column.
    pub line: usize,
    pub col: usize,
}

/// A problem with a call, where it is written in the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// The word a call stands as until its output replaces it.
pub fn placeholder(k: usize) -> String {
    format!("GAZETTESHORTCODE{k}X")
}

/// `text` without the placeholders of shortcode calls.
pub fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("GAZETTESHORTCODE") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "GAZETTESHORTCODE".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match after[digits..].strip_prefix('X') {
            Some(tail) if digits > 0 => rest = tail,
            _ => {
                out.push_str("GAZETTESHORTCODE");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Shortcodes {
    /// The templates named `shortcodes/NAME.html` among `templates` (name → text).
    pub fn new<'a>(templates: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Shortcodes, String> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        let mut names = Vec::new();
        let mut h = crate::hash::hasher();
        for (name, text) in templates {
            let Some(short) = name.strip_prefix("shortcodes/").and_then(|n| n.strip_suffix(".html")) else { continue };
            std::hash::Hash::hash(&(name, text), &mut h);
            tera.add_raw_template(name, text).map_err(|e| format!("templates/{name}: {e}"))?;
            names.push(short.to_owned());
        }
        Ok(Shortcodes { tera, names, key: std::hash::Hasher::finish(&h) })
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Renders `call`, whose body (if any) is already HTML.
    pub fn render(&self, call: &Call, body_html: Option<&str>) -> Result<String, Problem> {
        let problem = |message: String, hint: Option<String>| Problem { line: call.line, col: call.col, message, hint };
        if !self.names.contains(&call.name) {
            let known: Vec<&str> = self.names.iter().map(String::as_str).collect();
            let hint = match crate::diagnostic::did_you_mean(&call.name, &known) {
                Some(m) => Some(format!("did you mean `{m}`?")),
                None if known.is_empty() => {
                    Some("write its template as templates/shortcodes/NAME.html in the site or the theme".into())
                }
                None => Some(format!("the shortcodes are: {}", known.join(", "))),
            };
            return Err(problem(format!("there is no shortcode `{}`", call.name), hint));
        }
        let mut cx = Context::new();
        for (k, v) in &call.args {
            cx.insert_value(k.clone(), v.clone());
        }
        if let Some(body) = body_html {
            cx.insert_value("body", Value::safe_string(body));
        }
        self.tera.render(&format!("shortcodes/{}.html", call.name), &cx).map_err(|e| {
            let reason = match e.kind() {
                tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                    report.message().to_owned()
                }
                _ => e.to_string(),
            };
            problem(
                format!("the shortcode `{}` failed: {reason}", call.name),
                Some(format!("see templates/shortcodes/{}.html for the arguments it takes", call.name)),
            )
        })
    }
}

/// Replaces every call in `markdown` (outside code) with its placeholder; returns the new
/// text, the calls in order, and the problems of calls that cannot be read.
pub fn extract(markdown: &str) -> (String, Vec<Call>, Vec<Problem>) {
    let mut out = String::with_capacity(markdown.len());
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    let mut fence: Option<&str> = None;
    let mut lines = markdown.split_inclusive('\n').enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        // The body form: `{% name(args) %}` alone on its line, up to `{% end %}`.
        if let Some(inner) = trimmed.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")) {
            let col = line.len() - line.trim_start().len() + 1;
            match parse_call(inner.trim()) {
                Ok((name, args)) => {
                    let mut body = String::new();
                    let mut closed = false;
                    let mut taken = 1;
                    for (_, l) in lines.by_ref() {
                        taken += 1;
                        if l.trim() == "{% end %}" {
                            closed = true;
                            break;
                        }
                        body.push_str(l);
                    }
                    if !closed {
                        problems.push(Problem {
                            line: i + 1,
                            col,
                            message: format!("the shortcode `{name}` has no `{{% end %}}`"),
                            hint: Some("end its body with a line `{% end %}`".into()),
                        });
                    }
                    // As many lines as the call took, so that later lines keep their numbers.
                    out.push_str(&placeholder(calls.len()));
                    out.push_str(&"\n".repeat(taken.max(2)));
                    calls.push(Call { name, args, body: Some(body), line: i + 1, col });
                }
                Err(message) => {
                    problems.push(Problem { line: i + 1, col, message, hint: Some(CALL_HINT.into()) });
                    out.push_str(line);
                }
            }
            continue;
        }
        inline_calls(line, i + 1, &mut out, &mut calls, &mut problems);
    }
    (out, calls, problems)
}

const CALL_HINT: &str = "write a call as name(key=\"text\", n=3, flag=true)";

/// Copies `line` into `out`, replacing the inline calls outside code spans.
fn inline_calls(line: &str, number: usize, out: &mut String, calls: &mut Vec<Call>, problems: &mut Vec<Problem>) {
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        let (before, from) = rest.split_at(start);
        // Inside a code span (an odd number of backticks before it): left as written.
        let ticks = line[..line.len() - rest.len() + start].matches('`').count();
        let Some(end) = from.find("}}") else { break };
        out.push_str(before);
        if ticks % 2 == 1 {
            out.push_str(&from[..end + 2]);
        } else {
            let col = line.len() - rest.len() + start + 1;
            match parse_call(from[2..end].trim()) {
                Ok((name, args)) => {
                    out.push_str(&placeholder(calls.len()));
                    calls.push(Call { name, args, body: None, line: number, col });
                }
                Err(message) => {
                    problems.push(Problem { line: number, col, message, hint: Some(CALL_HINT.into()) });
                    out.push_str(&from[..end + 2]);
                }
            }
        }
        rest = &from[end + 2..];
    }
    out.push_str(rest);
}

/// `name(key="value", n=3, flag=true)` into its name and arguments.
fn parse_call(text: &str) -> Result<(String, BTreeMap<String, Value>), String> {
    let (name, args) = text.split_once('(').ok_or_else(|| format!("`{text}` is not a shortcode call"))?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!("`{text}` is not a shortcode call"));
    }
    let args = args.trim_end().strip_suffix(')').ok_or_else(|| format!("the call of `{name}` has no closing )"))?;
    let mut map = BTreeMap::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=').ok_or_else(|| format!("`{rest}`: an argument needs a name and ="))?;
        let key = key.trim().trim_start_matches(',').trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("`{key}` is not an argument name"));
        }
        let after = after.trim_start();
        let (value, next) = if let Some(s) = after.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = s.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            text.push(n);
                        }
                    }
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    c => text.push(c),
                }
            }
            let end = end.ok_or_else(|| format!("the text of `{key}` has no closing \""))?;
            (Value::from(text), &s[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            let word = after[..end].trim();
            let value = match word {
                "true" => Value::from(true),
                "false" => Value::from(false),
                w => match (w.parse::<i64>(), w.parse::<f64>()) {
                    (Ok(n), _) => Value::from(n),
                    (_, Ok(f)) => Value::from(f),
                    _ => return Err(format!("`{key} = {w}`: write text in double quotes, `{key}=\"{w}\"`")),
                },
            };
            (value, &after[end..])
        };
        map.insert(key.to_owned(), value);
        rest = next.trim_start().trim_start_matches(',').trim_start();
    }
    Ok((name.to_owned(), map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_taken_out_of_text() {
        for (text, want) in [
            ("GAZETTESHORTCODE0X", ""),
            ("Intro GAZETTESHORTCODE12X end.", "Intro  end."),
            ("GAZETTESHORTCODEX and GAZETTESHORTCODE3", "GAZETTESHORTCODEX and GAZETTESHORTCODE3"),
            ("No calls.", "No calls."),
        ] {
            assert_eq!(without_placeholders(text), want, "{text}");
        }
    }

    #[test]
    fn calls_are_found_outside_code_and_read() {
        let md = "Intro {{ figure(src=\"a.jpg\", alt=\"A \\\"b\\\"\", n=3, ok=true) }} end.\n\n`{{ not(x=1) }}`\n\n```\n{{ nor(x=1) }}\n```\n{% note(kind=\"warning\") %}\nBody *text*.\n{% end %}\n";
        let (out, calls, problems) = extract(md);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "figure");
        assert_eq!(calls[0].args["alt"], Value::from("A \"b\""));
        assert_eq!(calls[0].args["n"], Value::from(3));
        assert_eq!((calls[0].line, calls[0].col), (1, 7));
        assert_eq!(calls[1].body.as_deref(), Some("Body *text*.\n"));
        assert_eq!((calls[1].line, calls[1].col), (8, 1));
        assert!(out.contains("Intro GAZETTESHORTCODE0X end."), "{out}");
        assert!(out.contains("`{{ not(x=1) }}`") && out.contains("{{ nor(x=1) }}"), "{out}");
        assert!(out.contains("\nGAZETTESHORTCODE1X\n\n\n"), "{out}");
    }

    #[test]
    fn bad_calls_say_why() {
        for (md, want) in [
            ("{{ figure(src=a.jpg) }}", "`src = a.jpg`: write text in double quotes"),
            ("{{ figure(src=\"a.jpg\" }}", "the call of `figure` has no closing )"),
            ("{{ figure(src=\"a.jpg) }}", "the text of `src` has no closing \""),
            ("{% note() %}\nbody\n", "the shortcode `note` has no `{% end %}`"),
        ] {
            let (_, _, problems) = extract(md);
            assert!(problems.iter().any(|p| p.message.contains(want)), "{md}: {problems:?}");
        }
    }
}
