//! The little HTTP the preview needs: reading a request's head, turning its path into a
//! file of the output folder (never one outside it), and writing responses. Pure where it
//! can be, so path handling is tested as a table.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path of the request target, as sent (still percent-encoded), without the query.
    pub path: String,
    /// The `Host` header's value, trimmed; `None` when there is none.
    pub host: Option<String>,
}

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    TooLarge,
    /// The head did not arrive in time.
    TimedOut,
}

/// A connection with one deadline for all its reads (or writes) together: a client sending
/// or reading a byte now and then cannot hold its connection open past it, as a timeout per
/// read or write would let it.
pub struct Deadline<'a> {
    pub stream: &'a TcpStream,
    pub until: Instant,
}

impl Deadline<'_> {
    fn left(&self) -> io::Result<std::time::Duration> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() { Err(io::ErrorKind::TimedOut.into()) } else { Ok(left) }
    }
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.stream.set_read_timeout(Some(self.left()?))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

impl Write for Deadline<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.stream.set_write_timeout(Some(self.left()?))?;
        let mut stream = self.stream;
        stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut stream = self.stream;
        stream.flush()
    }
}

/// Reads a request head from `stream` and parses it. A read that times out (see
/// [`Deadline`]) is [`Refusal::TimedOut`].
pub fn read_request(stream: &mut impl Read) -> Result<Request, Refusal> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return Err(Refusal::TooLarge);
        }
        match stream.read(&mut buf) {
            Err(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
                return Err(Refusal::TimedOut);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Ok(0) | Err(_) => return Err(Refusal::BadRequest),
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    parse_head(&head)
}

/// Parses `METHOD /target HTTP/1.x` from the first line of a request head, and the `Host`
/// header from the others (more than one is malformed, as HTTP/1.1 says).
pub fn parse_head(head: &[u8]) -> Result<Request, Refusal> {
    let line_end = head.windows(2).position(|w| w == b"\r\n").ok_or(Refusal::BadRequest)?;
    let line = std::str::from_utf8(&head[..line_end]).map_err(|_| Refusal::BadRequest)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refusal::BadRequest);
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    let mut host = None;
    for line in head[line_end + 2..].split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        if line[..colon].eq_ignore_ascii_case(b"host") {
            let value = std::str::from_utf8(&line[colon + 1..]).map_err(|_| Refusal::BadRequest)?;
            if host.replace(value.trim_matches([' ', '\t']).to_owned()).is_some() {
                return Err(Refusal::BadRequest);
            }
        }
    }
    Ok(Request { method: method.to_owned(), path: path.to_owned(), host })
}

/// What a request path names in the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: send the browser to `path/`.
    Redirect(String),
    NotFound,
    /// A path that tries to leave the folder: `..`, encoded slashes, backslashes, or a
    /// symlink pointing outside.
    Refused,
}

/// Resolves the request path `raw` (percent-encoded) under `root`.
pub fn resolve(root: &Path, raw: &str) -> Target {
    let Some(decoded) = percent_decode(raw) else { return Target::Refused };
    if decoded.contains(['\\', '\0']) {
        return Target::Refused;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Target::Refused;
    }
    let Ok(root) = root.canonicalize() else { return Target::NotFound };
    let path = segments.iter().fold(root.clone(), |p, s| p.join(s));
    let Ok(real) = path.canonicalize() else { return Target::NotFound };
    if !real.starts_with(&root) {
        return Target::Refused;
    }
    if real.is_dir() {
        if !decoded.ends_with('/') {
            return Target::Redirect(format!("{raw}/"));
        }
        return match real.join("index.html").canonicalize() {
            Ok(index) if index.starts_with(&root) && index.is_file() => Target::File(index),
            Ok(_) => Target::Refused,
            Err(_) => Target::NotFound,
        };
    }
    Target::File(real)
}

/// Decodes `%XX` escapes; `None` for a bad escape, an encoded slash or backslash, or text
/// that is not UTF-8.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3)?;
            let b = u8::from_str_radix(hex, 16).ok()?;
            if b == b'/' || b == b'\\' {
                return None;
            }
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        _ => "application/octet-stream",
    }
}

/// Writes a complete response; the connection is closed after it.
pub fn respond(
    out: &mut impl Write,
    status: &str,
    content_type: &str,
    extra_headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_request_heads() {
        let ok = |h: &str| parse_head(h.as_bytes());
        assert_eq!(ok("GET /a/b?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap().path, "/a/b");
        assert_eq!(ok("HEAD / HTTP/1.0\r\n\r\n").unwrap().method, "HEAD");
        let host = |h: &str| ok(h).map(|r| r.host);
        assert_eq!(host("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Ok(Some("x".into())));
        assert_eq!(host("GET / HTTP/1.1\r\nAccept: */*\r\nhOST:\t[::1]:80 \r\n\r\n"), Ok(Some("[::1]:80".into())));
        assert_eq!(host("GET / HTTP/1.1\r\nX-Host: x\r\n\r\n"), Ok(None));
        assert_eq!(host("GET / HTTP/1.0\r\n\r\n"), Ok(None));
        assert_eq!(host("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), Err(Refusal::BadRequest));
        for bad in [
            "GET /a\r\n\r\n",
            "GET a HTTP/1.1\r\n\r\n",
            "GET /a HTTP/2\r\n\r\n",
            "get /a HTTP/1.1\r\n\r\n",
            "GET  /a HTTP/1.1\r\n\r\n",
            "\r\n\r\n",
            "GET /a HTTP/1.1 extra\r\n\r\n",
            "GET http://x/a HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(ok(bad), Err(Refusal::BadRequest), "{bad:?}");
        }
        assert_eq!(parse_head(b"GET /\xff HTTP/1.1\r\n\r\n"), Err(Refusal::BadRequest));
    }

    #[test]
    fn resolves_paths_inside_the_folder_only() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("public");
        std::fs::create_dir_all(root.join("news/a")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("news/a/index.html"), "a").unwrap();
        std::fs::write(root.join("style.css"), "css").unwrap();
        std::fs::create_dir_all(root.join("李阳")).unwrap();
        std::fs::write(root.join("李阳/index.html"), "li").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
            std::os::unix::fs::symlink(tmp.path(), root.join("up")).unwrap();
        }
        let real = root.canonicalize().unwrap();
        let file = |rel: &str| Target::File(real.join(rel));
        let cases = [
            ("/", file("index.html")),
            ("/news/a/", file("news/a/index.html")),
            ("/news/a", Target::Redirect("/news/a/".into())),
            ("/style.css", file("style.css")),
            ("/%E6%9D%8E%E9%98%B3/", file("李阳/index.html")),
            ("/nope/", Target::NotFound),
            ("/empty/", Target::NotFound),
            ("/../secret.txt", Target::Refused),
            ("/news/../../secret.txt", Target::Refused),
            ("/%2e%2e/secret.txt", Target::Refused),
            ("/%2E%2E%2Fsecret.txt", Target::Refused),
            ("/..%2fsecret.txt", Target::Refused),
            ("/..%5csecret.txt", Target::Refused),
            ("/..\\secret.txt", Target::Refused),
            ("/a%00b", Target::Refused),
            ("/%zz", Target::Refused),
            ("/%ff", Target::Refused),
            ("/./index.html", Target::Refused),
        ];
        for (raw, want) in cases {
            assert_eq!(resolve(&root, raw), want, "{raw}");
        }
        #[cfg(unix)]
        {
            assert_eq!(resolve(&root, "/link.txt"), Target::Refused);
            assert_eq!(resolve(&root, "/up/secret.txt"), Target::Refused);
        }
    }
}
