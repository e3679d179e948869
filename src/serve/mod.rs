//! The preview server: serves the output folder on a local address with pretty URLs, the
//! site's 404 page for misses, and live reload by Server-Sent Events. The reload script is
//! added to HTML responses here only, never written into the site.

mod host;
pub mod http;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{Refusal, Target};

use crate::Error;

const SCRIPT: &str = include_str!("live.js");
const SCRIPT_PATH: &str = "/__gazette/live.js";
const EVENTS_PATH: &str = "/__gazette/events";
/// How much the server gives each connection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once; more get a 503 rather than a thread each.
    pub connections: usize,
    /// How long a client has to send its request's whole head, from when it connected:
    /// not reset by each byte.
    pub head: Duration,
    /// How long the server has to send its answer, once asked, to a client that may read it
    /// slowly or not at all.
    pub answer: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { connections: 1024, head: Duration::from_secs(10), answer: Duration::from_secs(60) }
    }
}

/// What the browser is told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Live {
    /// Pages changed: reload.
    Reload,
    /// Only stylesheets changed.
    Css,
    /// Nothing changed; a shown error can go.
    Fine,
    /// The rebuild failed: show this text.
    Problem(String),
}

/// The server's shared state.
pub struct Preview {
    output: PathBuf,
    problem: Mutex<Option<String>>,
    clients: Mutex<Vec<Sender<Live>>>,
    active: AtomicUsize,
    limits: Limits,
}

impl Preview {
    pub fn new(output: PathBuf) -> Arc<Preview> {
        Preview::with_limits(output, Limits::default())
    }

    pub fn with_limits(output: PathBuf, limits: Limits) -> Arc<Preview> {
        Arc::new(Preview {
            output,
            problem: Mutex::new(None),
            clients: Mutex::new(Vec::new()),
            active: AtomicUsize::new(0),
            limits,
        })
    }

    /// Tells every open page about a rebuild.
    pub fn publish(&self, event: Live) {
        *self.problem.lock().unwrap_or_else(|e| e.into_inner()) = match &event {
            Live::Problem(text) => Some(text.clone()),
            _ => None,
        };
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).retain(|c| c.send(event.clone()).is_ok());
    }
}

/// Binds the preview's address, with a clear message when the port is taken.
pub fn bind(addr: SocketAddr) -> Result<TcpListener, Error> {
    TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::Usage(format!(
            "error: port {} is already in use on {}\n\nAnother program (or another `gazette serve`) is using it; try `gazette serve --port {}`.",
            addr.port(),
            addr.ip(),
            addr.port().wrapping_add(1).max(1024)
        )),
        std::io::ErrorKind::AddrNotAvailable => {
            Error::Usage(format!("error: --bind {}: this machine has no such address", addr.ip()))
        }
        _ => Error::Usage(format!("error: could not listen on {addr}: {e}")),
    })
}

/// Serves `preview` on `listener` in a background thread.
pub fn start(listener: TcpListener, preview: Arc<Preview>) -> std::thread::JoinHandle<()> {
    let bound = listener.local_addr().map(|a| a.ip()).unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let preview = preview.clone();
            if preview.active.fetch_add(1, Ordering::SeqCst) >= preview.limits.connections {
                preview.active.fetch_sub(1, Ordering::SeqCst);
                let mut stream = stream;
                let _ = http::respond(&mut stream, "503 Service Unavailable", "text/plain", &[], b"busy\n", false);
                continue;
            }
            let until = Instant::now() + preview.limits.head;
            std::thread::spawn(move || {
                // A client that goes away mid-response is no concern of ours.
                let _ = handle(stream, &preview, bound, until);
                preview.active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    })
}

fn handle(stream: TcpStream, preview: &Preview, bound: IpAddr, until: Instant) -> std::io::Result<()> {
    let request = http::read_request(&mut http::Deadline { stream: &stream, until });
    // The answer has its own deadline, from now.
    let out = &mut http::Deadline { stream: &stream, until: Instant::now() + preview.limits.answer };
    let request = match request {
        Ok(r) => r,
        Err(Refusal::TooLarge) => {
            return http::respond(out, "431 Request Header Fields Too Large", "text/plain", &[], b"too large\n", false);
        }
        Err(Refusal::TimedOut) => {
            return http::respond(out, "408 Request Timeout", "text/plain", &[], b"too slow\n", false);
        }
        Err(Refusal::BadRequest) => {
            return http::respond(out, "400 Bad Request", "text/plain", &[], b"bad request\n", false);
        }
    };
    // Before anything else is answered, the live-reload stream included.
    let here = stream.local_addr().ok();
    match request.host.as_deref() {
        None => {
            return http::respond(out, "400 Bad Request", "text/plain", &[], b"a Host header is required\n", false);
        }
        Some(name) if !host::allowed(name, bound, here.map_or(bound, |a| a.ip())) => {
            let body = format!(
                "This preview answers to localhost and {}, not to {name}: another name could be a web \
                 page reaching it through DNS rebinding.\n",
                here.map_or(bound.to_string(), |a| a.to_string())
            );
            let kind = "text/plain; charset=utf-8";
            return http::respond(out, "421 Misdirected Request", kind, &[], body.as_bytes(), false);
        }
        Some(_) => {}
    }
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return http::respond(out, "405 Method Not Allowed", "text/plain", &[("Allow", "GET, HEAD")], b"", false);
    }
    match request.path.as_str() {
        SCRIPT_PATH => {
            http::respond(out, "200 OK", "text/javascript; charset=utf-8", &[], SCRIPT.as_bytes(), head_only)
        }
        EVENTS_PATH => events(&stream, preview),
        path => match http::resolve(&preview.output, path) {
            Target::File(file) => match std::fs::read(&file) {
                Ok(bytes) => send_file(out, "200 OK", &file, bytes, head_only),
                Err(_) => not_found(out, preview, head_only),
            },
            Target::Redirect(to) => {
                http::respond(out, "301 Moved Permanently", "text/plain", &[("Location", &to)], b"", head_only)
            }
            Target::NotFound => not_found(out, preview, head_only),
            Target::Refused => http::respond(out, "400 Bad Request", "text/plain", &[], b"refused\n", head_only),
        },
    }
}

fn send_file(
    out: &mut impl Write,
    status: &str,
    file: &std::path::Path,
    bytes: Vec<u8>,
    head_only: bool,
) -> std::io::Result<()> {
    let kind = http::content_type(file);
    let body = if kind.starts_with("text/html") { with_script(bytes) } else { bytes };
    http::respond(out, status, kind, &[], &body, head_only)
}

/// The site's own 404 page, or a plain one while there is no site yet.
fn not_found(out: &mut impl Write, preview: &Preview, head_only: bool) -> std::io::Result<()> {
    let page = preview.output.join("404.html");
    let bytes = std::fs::read(&page).unwrap_or_else(|_| {
        b"<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><body><h1>Not found</h1><p>There is no page here (yet).</p></body></html>".to_vec()
    });
    send_file(out, "404 Not Found", &page, bytes, head_only)
}

/// Adds the live reload script before `</body>` (or at the end).
fn with_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

/// A Server-Sent Events stream: the current state first, then every rebuild's outcome. It
/// stays open as long as the page does: no deadline, but each write must get through in
/// the time an answer has.
fn events(mut stream: &TcpStream, preview: &Preview) -> std::io::Result<()> {
    stream.set_write_timeout(Some(preview.limits.answer))?;
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let (tx, rx) = channel();
    let current = preview.problem.lock().unwrap_or_else(|e| e.into_inner()).clone();
    preview.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
    send_event(stream, &current.map_or(Live::Fine, Live::Problem))?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => send_event(stream, &event)?,
            // A comment keeps the connection open and finds out when the page went away.
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn send_event(mut stream: &TcpStream, event: &Live) -> std::io::Result<()> {
    let text = match event {
        Live::Reload => "event: reload\ndata: {}\n\n".to_owned(),
        Live::Css => "event: css\ndata: {}\n\n".to_owned(),
        Live::Fine => "event: fine\ndata: {}\n\n".to_owned(),
        Live::Problem(text) => format!("event: problem\ndata: {}\n\n", serde_json::to_string(text).unwrap_or_default()),
    };
    stream.write_all(text.as_bytes())?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_client_trickling_its_request_is_cut_off_at_the_deadline_and_frees_its_place() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("index.html"), "<p>home</p>").unwrap();
        // A deadline long enough that a loaded machine (CI runs fuzzers beside the tests)
        // takes up the three slow clients well before it.
        let head = Duration::from_secs(4);
        let limits = Limits { connections: 3, head, ..Limits::default() };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        start(listener, Preview::with_limits(tmp.path().to_path_buf(), limits));
        let get = || {
            let mut s = TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            s.write_all(format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).unwrap();
            let mut answer = String::new();
            let _ = s.read_to_string(&mut answer);
            answer
        };
        assert!(get().starts_with("HTTP/1.1 200"));

        // Three clients take every place, sending a byte of header every 100 ms: well within
        // a timeout between reads, never finishing the head.
        let mut slow: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
        for s in &mut slow {
            s.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
            s.set_read_timeout(Some(Duration::from_millis(1))).unwrap();
        }
        // The server takes them up in its own time (a loaded machine may take a while).
        let waiting = Instant::now();
        while !get().starts_with("HTTP/1.1 503") {
            assert!(waiting.elapsed() < head * 3 / 4, "the three slow clients never held every place");
            std::thread::sleep(Duration::from_millis(20));
        }
        let started = Instant::now();
        let mut closed = [false; 3];
        // At most three times the deadline of trickling.
        while closed.contains(&false) && started.elapsed() < head * 3 {
            for (s, closed) in slow.iter_mut().zip(&mut closed) {
                if *closed {
                    continue;
                }
                // Read first: a byte sent after the server closed would reset the connection
                // and lose its answer.
                let mut buf = [0u8; 256];
                *closed = match s.read(&mut buf) {
                    Ok(n) => {
                        let answer = String::from_utf8_lossy(&buf[..n]);
                        assert!(n == 0 || answer.starts_with("HTTP/1.1 408 Request Timeout"), "{answer}");
                        true
                    }
                    Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
                };
                let _ = s.write_all(b"x");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        assert_eq!(closed, [true; 3], "still open after {:?}", started.elapsed());
        // Their places are free again.
        let deadline = Instant::now() + Duration::from_secs(2);
        while !get().starts_with("HTTP/1.1 200") {
            assert!(Instant::now() < deadline, "no place freed");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_client_that_does_not_read_its_answer_is_cut_off_at_the_deadline() {
        let tmp = tempfile::tempdir().unwrap();
        // Far more than the system buffers of both ends hold, so that sending blocks.
        std::fs::write(tmp.path().join("big.bin"), vec![0u8; 48 << 20]).unwrap();
        std::fs::write(tmp.path().join("index.html"), "<p>home</p>").unwrap();
        let limits = Limits { connections: 1, answer: Duration::from_millis(300), ..Limits::default() };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        start(listener, Preview::with_limits(tmp.path().to_path_buf(), limits));
        let ask = |path: &str| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            s.write_all(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).unwrap();
            s
        };
        let status = |mut s: TcpStream| {
            let mut answer = [0u8; 12];
            let _ = s.read_exact(&mut answer);
            String::from_utf8_lossy(&answer).into_owned()
        };
        // Asks for the big file and never reads it: it holds the one place.
        let stuck = ask("/big.bin");
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(status(ask("/")), "HTTP/1.1 503");
        let started = Instant::now();
        while status(ask("/")) != "HTTP/1.1 200" {
            assert!(started.elapsed() < Duration::from_secs(3), "the place was never freed");
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(stuck);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = String::from_utf8(with_script(b"<html><body><p>x</p></BODY></html>".to_vec())).unwrap();
        assert_eq!(out, "<html><body><p>x</p><script src=\"/__gazette/live.js\"></script></BODY></html>");
        let out = String::from_utf8(with_script(b"<p>no body</p>".to_vec())).unwrap();
        assert_eq!(out, "<p>no body</p><script src=\"/__gazette/live.js\"></script>");
    }
}
