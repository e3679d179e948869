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
use std::time::Duration;

use http::{Refusal, Target};

use crate::Error;

const SCRIPT: &str = include_str!("live.js");
const SCRIPT_PATH: &str = "/__gazette/live.js";
const EVENTS_PATH: &str = "/__gazette/events";
/// Connections served at once; more get a 503 rather than a thread each.
const MAX_CONNECTIONS: usize = 1024;

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
}

impl Preview {
    pub fn new(output: PathBuf) -> Arc<Preview> {
        Arc::new(Preview {
            output,
            problem: Mutex::new(None),
            clients: Mutex::new(Vec::new()),
            active: AtomicUsize::new(0),
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
            if preview.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                preview.active.fetch_sub(1, Ordering::SeqCst);
                let mut stream = stream;
                let _ = http::respond(&mut stream, "503 Service Unavailable", "text/plain", &[], b"busy\n", false);
                continue;
            }
            std::thread::spawn(move || {
                // A client that goes away mid-response is no concern of ours.
                let _ = handle(stream, &preview, bound);
                preview.active.fetch_sub(1, Ordering::SeqCst);
            });
        }
    })
}

fn handle(mut stream: TcpStream, preview: &Preview, bound: IpAddr) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let request = match http::read_request(&mut stream) {
        Ok(r) => r,
        Err(Refusal::TooLarge) => {
            return http::respond(
                &mut stream,
                "431 Request Header Fields Too Large",
                "text/plain",
                &[],
                b"too large\n",
                false,
            );
        }
        Err(Refusal::BadRequest) => {
            return http::respond(&mut stream, "400 Bad Request", "text/plain", &[], b"bad request\n", false);
        }
    };
    // Before anything else is answered, the live-reload stream included.
    let here = stream.local_addr().ok();
    match request.host.as_deref() {
        None => {
            return http::respond(
                &mut stream,
                "400 Bad Request",
                "text/plain",
                &[],
                b"a Host header is required\n",
                false,
            );
        }
        Some(name) if !host::allowed(name, bound, here.map_or(bound, |a| a.ip())) => {
            let body = format!(
                "This preview answers to localhost and {}, not to {name}: another name could be a web \
                 page reaching it through DNS rebinding.\n",
                here.map_or(bound.to_string(), |a| a.to_string())
            );
            let kind = "text/plain; charset=utf-8";
            return http::respond(&mut stream, "421 Misdirected Request", kind, &[], body.as_bytes(), false);
        }
        Some(_) => {}
    }
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            &[("Allow", "GET, HEAD")],
            b"",
            false,
        );
    }
    match request.path.as_str() {
        SCRIPT_PATH => {
            http::respond(&mut stream, "200 OK", "text/javascript; charset=utf-8", &[], SCRIPT.as_bytes(), head_only)
        }
        EVENTS_PATH => events(stream, preview),
        path => match http::resolve(&preview.output, path) {
            Target::File(file) => match std::fs::read(&file) {
                Ok(bytes) => send_file(&mut stream, "200 OK", &file, bytes, head_only),
                Err(_) => not_found(&mut stream, preview, head_only),
            },
            Target::Redirect(to) => {
                http::respond(&mut stream, "301 Moved Permanently", "text/plain", &[("Location", &to)], b"", head_only)
            }
            Target::NotFound => not_found(&mut stream, preview, head_only),
            Target::Refused => {
                http::respond(&mut stream, "400 Bad Request", "text/plain", &[], b"refused\n", head_only)
            }
        },
    }
}

fn send_file(
    stream: &mut TcpStream,
    status: &str,
    file: &std::path::Path,
    bytes: Vec<u8>,
    head_only: bool,
) -> std::io::Result<()> {
    let kind = http::content_type(file);
    let body = if kind.starts_with("text/html") { with_script(bytes) } else { bytes };
    http::respond(stream, status, kind, &[], &body, head_only)
}

/// The site's own 404 page, or a plain one while there is no site yet.
fn not_found(stream: &mut TcpStream, preview: &Preview, head_only: bool) -> std::io::Result<()> {
    let page = preview.output.join("404.html");
    let bytes = std::fs::read(&page).unwrap_or_else(|_| {
        b"<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><body><h1>Not found</h1><p>There is no page here (yet).</p></body></html>".to_vec()
    });
    send_file(stream, "404 Not Found", &page, bytes, head_only)
}

/// Adds the live reload script before `</body>` (or at the end).
fn with_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

/// A Server-Sent Events stream: the current state first, then every rebuild's outcome.
fn events(mut stream: TcpStream, preview: &Preview) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let (tx, rx) = channel();
    let current = preview.problem.lock().unwrap_or_else(|e| e.into_inner()).clone();
    preview.clients.lock().unwrap_or_else(|e| e.into_inner()).push(tx);
    send_event(&mut stream, &current.map_or(Live::Fine, Live::Problem))?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => send_event(&mut stream, &event)?,
            // A comment keeps the connection open and finds out when the page went away.
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

fn send_event(stream: &mut TcpStream, event: &Live) -> std::io::Result<()> {
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

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = String::from_utf8(with_script(b"<html><body><p>x</p></BODY></html>".to_vec())).unwrap();
        assert_eq!(out, "<html><body><p>x</p><script src=\"/__gazette/live.js\"></script></BODY></html>");
        let out = String::from_utf8(with_script(b"<p>no body</p>".to_vec())).unwrap();
        assert_eq!(out, "<p>no body</p><script src=\"/__gazette/live.js\"></script>");
    }
}
