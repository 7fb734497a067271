//! Who is asking: the client's address for the sign-in and access-code brakes.
//!
//! Behind a reverse proxy every request comes from the proxy, so counting by the connection's
//! address would brake everyone at once. `X-Forwarded-For` names the client, but anyone can
//! send that header: it is believed only when the connection comes from a proxy listed in
//! `trusted_proxies`, and then read from the right, past every trusted proxy, to the first
//! address that is not one (what a client wrote further left is its own claim).

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// An address or a network (`10.0.0.0/8`, `::1`), as listed in `trusted_proxies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn parse(raw: &str) -> Result<Network, String> {
        let bad = || format!("'{raw}' is neither an IP address nor a network like 10.0.0.0/8");
        let (ip, prefix) = match raw.trim().split_once('/') {
            Some((ip, p)) => (ip, Some(p.parse::<u8>().map_err(|_| bad())?)),
            None => (raw.trim(), None),
        };
        let addr: IpAddr = ip.parse().map_err(|_| bad())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return Err(bad());
        }
        Ok(Network { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| -> u128 {
            match ip {
                IpAddr::V4(v) => u128::from(u32::from(v)) << 96,
                IpAddr::V6(v) => u128::from(v),
            }
        };
        let ip = match ip {
            IpAddr::V6(v) => v.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        if ip.is_ipv4() != self.addr.is_ipv4() {
            return false;
        }
        if self.prefix == 0 {
            return true;
        }
        // Both kinds sit at the top of 128 bits, so a prefix counts from the top either way.
        let mask = u128::MAX << (128 - u32::from(self.prefix));
        bits(ip) & mask == bits(self.addr) & mask
    }
}

/// The client's address given the connection's peer, the `X-Forwarded-For` values in order,
/// and the trusted proxies.
pub fn client_ip(peer: IpAddr, forwarded: &[&str], trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = forwarded
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|h| h.trim().parse().ok())
        .collect();
    hops.into_iter().rev().find(|ip| !is_trusted(*ip)).unwrap_or(peer)
}

/// The client's address as text, for the brakes; "local" when there is no connection (tests).
pub struct ClientAddr(pub String);

impl FromRequestParts<crate::AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &crate::AppState) -> Result<Self, Self::Rejection> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>().copied() else {
            return Ok(ClientAddr("local".into()));
        };
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client_ip(peer.ip(), &forwarded, &state.config.trusted_proxies);
        Ok(ClientAddr(ip.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_contain() {
        let n = Network::parse("10.0.0.0/8").unwrap();
        assert!(n.contains(ip("10.1.2.3")) && !n.contains(ip("11.0.0.1")));
        assert!(
            Network::parse("127.0.0.1")
                .unwrap()
                .contains(ip("::ffff:127.0.0.1"))
        );
        assert!(Network::parse("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(!Network::parse("fd00::/8").unwrap().contains(ip("10.0.0.1")));
        assert!(Network::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "proxy", "10.0.0/8", ""] {
            assert!(Network::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy_and_read_from_the_right() {
        let trusted = [Network::parse("10.0.0.0/8").unwrap()];
        // Straight from a client: its header is its own claim.
        assert_eq!(
            client_ip(ip("203.0.113.9"), &["1.2.3.4"], &trusted),
            ip("203.0.113.9")
        );
        // Through the proxy: the address the proxy saw, not what the client wrote before it.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["6.6.6.6, 198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
        // Two proxies of ours in a row, the header split over two lines.
        assert_eq!(
            client_ip(ip("10.0.0.2"), &["198.51.100.7, 10.0.0.5", "10.0.0.9"], &trusted),
            ip("198.51.100.7")
        );
        // A proxy that sent no header: the proxy is all we know.
        assert_eq!(client_ip(ip("10.0.0.2"), &[], &trusted), ip("10.0.0.2"));
        // Nothing trusted: the header is never read.
        assert_eq!(client_ip(ip("10.0.0.2"), &["198.51.100.7"], &[]), ip("10.0.0.2"));
    }
}
