//! Which `Host` names the preview answers, against DNS rebinding: a web page on
//! `evil.example` whose name is made to resolve to 127.0.0.1 could otherwise read the
//! preview (drafts included) from the visitor's browser. The browser still sends
//! `Host: evil.example`, so only names that cannot be rebound are answered: `localhost` and
//! its subdomains (browsers resolve them to the loopback address themselves), and IP
//! addresses written as such. Pure, so the rules are a table.

use std::net::IpAddr;

/// Whether a request with `Host: host` is answered. `bound` is the address the server
/// listens on (`--bind`), `local` the address this connection reached (with `--bind
/// 0.0.0.0`, the machine's address on the network the visitor used).
pub fn allowed(host: &str, bound: IpAddr, local: IpAddr) -> bool {
    let Some(name) = without_port(host) else { return false };
    if let Some(literal) = name.strip_prefix('[') {
        // An IPv6 address: only in brackets, as URLs write it.
        let Some(ip) = literal.strip_suffix(']').and_then(|s| s.parse::<std::net::Ipv6Addr>().ok()) else {
            return false;
        };
        return ip_allowed(IpAddr::V6(ip), bound, local);
    }
    if let Ok(ip) = name.parse::<std::net::Ipv4Addr>() {
        return ip_allowed(IpAddr::V4(ip), bound, local);
    }
    // A name: `localhost`, or one of its subdomains, in any case, with or without the
    // final dot of a fully qualified name.
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost"
        || name
            .strip_suffix(".localhost")
            .is_some_and(|sub| !sub.is_empty() && sub.split('.').all(|l| !l.is_empty() && l.bytes().all(is_label_byte)))
}

/// The loopback addresses, the address listened on, and the one this connection reached.
fn ip_allowed(ip: IpAddr, bound: IpAddr, local: IpAddr) -> bool {
    let ip = ip.to_canonical();
    ip.is_loopback() || ip == bound.to_canonical() || ip == local.to_canonical()
}

/// `host` without its `:port`; `None` when the port is not a port number.
fn without_port(host: &str) -> Option<&str> {
    let (name, port) = match host.rfind(':') {
        // A colon inside brackets belongs to an IPv6 address.
        Some(i) if !host[i..].contains(']') => (&host[..i], Some(&host[i + 1..])),
        _ => (host, None),
    };
    if let Some(port) = port
        && (port.is_empty()
            || port.len() > 5
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().is_err())
    {
        return None;
    }
    (!name.is_empty()).then_some(name)
}

fn is_label_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_loopback_names_and_the_address_listened_on_only() {
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        let any: IpAddr = "0.0.0.0".parse().unwrap();
        let any6: IpAddr = "::".parse().unwrap();
        let lan: IpAddr = "192.168.1.20".parse().unwrap();
        let lan6: IpAddr = "fd00::20".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.168.1.20".parse().unwrap();
        // (Host, bound, local address of the connection, answered?)
        let cases = [
            // Loopback names, with or without the port.
            ("localhost", lo, lo, true),
            ("localhost:1111", lo, lo, true),
            ("LOCALHOST:1111", lo, lo, true),
            ("localhost.", lo, lo, true),
            ("preview.localhost:1111", lo, lo, true),
            ("a.b-c.localhost", lo, lo, true),
            ("127.0.0.1", lo, lo, true),
            ("127.0.0.1:1111", lo, lo, true),
            ("127.0.0.2:1111", lo, lo, true),
            ("[::1]", lo, lo, true),
            ("[::1]:1111", lo, lo, true),
            ("[::ffff:127.0.0.1]:1111", lo, lo, true),
            // Anything else is someone else's name.
            ("evil.example", lo, lo, false),
            ("evil.example:1111", lo, lo, false),
            ("localhost.evil.example", lo, lo, false),
            ("127.0.0.1.evil.example", lo, lo, false),
            ("evillocalhost", lo, lo, false),
            (".localhost", lo, lo, false),
            ("a..localhost", lo, lo, false),
            ("a b.localhost", lo, lo, false),
            ("192.168.1.20:1111", lo, lo, false),
            // Malformed: no name, a bad port, IPv6 without brackets, odd IPv4 forms.
            ("", lo, lo, false),
            (":1111", lo, lo, false),
            ("localhost:", lo, lo, false),
            ("localhost:http", lo, lo, false),
            ("localhost:99999", lo, lo, false),
            ("localhost:1111:1111", lo, lo, false),
            ("::1", lo, lo, false),
            ("[::1", lo, lo, false),
            ("[localhost]", lo, lo, false),
            ("127.1", lo, lo, false),
            ("2130706433", lo, lo, false),
            // Bound to a network address: that address, and still the loopback names.
            ("192.168.1.20:1111", lan, lan, true),
            ("192.168.1.21:1111", lan, lan, false),
            ("localhost:1111", lan, lan, true),
            ("[fd00::20]:1111", lan6, lan6, true),
            ("mybox.lan:1111", lan, lan, false),
            // Bound to every address: the one this connection came in on.
            ("192.168.1.20:1111", any, lan, true),
            ("10.0.0.1:1111", any, lan, false),
            ("0.0.0.0:1111", any, lan, true),
            ("192.168.1.20:1111", any6, mapped, true),
            ("[fd00::20]:1111", any6, lan6, true),
            ("mybox.lan:1111", any, lan, false),
        ];
        for (host, bound, local, want) in cases {
            assert_eq!(allowed(host, bound, local), want, "Host: {host} (bound {bound}, local {local})");
        }
    }
}
