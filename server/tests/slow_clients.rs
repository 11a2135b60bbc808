//! Slow clients cannot hold the server: a half-sent header is cut off after the header
//! timeout, a request that takes too long is answered 408, and past the connection cap
//! new connections wait until one closes (docs/server.md, "Limits").
mod common;

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use yaojian_server::listen::{serve, Limits};

/// Longest any step may wait before the test gives up (a guard, not a measurement).
const GUARD: Duration = Duration::from_secs(30);

/// A server on a new SQLite database with these limits (seconds, seconds, connections).
async fn start(header_read: u64, request: u64, max_connections: usize) -> SocketAddr {
    let limits = Limits {
        header_read: Duration::from_secs(header_read),
        request: Duration::from_secs(request),
        max_connections,
    };
    let s = common::server(&common::sqlite_url()).await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, s.router, limits, std::future::pending()));
    addr
}

/// A connection that has sent `bytes` and nothing more.
async fn sent(addr: SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut c = TcpStream::connect(addr).await.unwrap();
    c.write_all(bytes).await.unwrap();
    c
}

const HALF_HEADER: &[u8] = b"GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
const HEALTH: &[u8] =
    b"GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

/// Everything the server sends until it closes the connection.
async fn reply(c: &mut TcpStream) -> String {
    let mut out = Vec::new();
    tokio::time::timeout(GUARD, c.read_to_end(&mut out))
        .await
        .expect("the server neither answered nor closed")
        .unwrap_or_default();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn a_half_sent_header_is_cut_off_after_the_header_timeout() {
    let addr = start(1, 30, 512).await;
    let mut slow = Vec::new();
    for _ in 0..300 {
        slow.push(sent(addr, HALF_HEADER).await);
    }
    let mut silent = sent(addr, b"").await;
    for c in &mut slow {
        let r = reply(c).await;
        // Closed without an answer, or with hyper's 408 for an unfinished header.
        assert!(r.is_empty() || r.starts_with("HTTP/1.1 408"), "{r}");
    }
    assert!(!reply(&mut silent).await.starts_with("HTTP/1.1 200"));
    let mut ok = sent(addr, HEALTH).await;
    assert!(reply(&mut ok).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn past_the_cap_a_connection_waits_until_another_closes() {
    let addr = start(60, 30, 2).await;
    let first = sent(addr, HALF_HEADER).await;
    let _second = sent(addr, HALF_HEADER).await;
    let mut third = sent(addr, HEALTH).await;
    let mut buf = [0u8; 64];
    let early = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf)).await;
    assert!(
        early.is_err(),
        "a third connection was served past the cap of 2"
    );
    drop(first);
    assert!(reply(&mut third).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn a_request_not_done_in_time_is_answered_408_in_the_error_shape() {
    let addr = start(10, 1, 512).await;
    // The header promises 100 bytes of body; 10 come.
    let mut c = sent(
        addr,
        b"POST /api/v1/penalty/assess?lang=en HTTP/1.1\r\nHost: 127.0.0.1\r\n\
          Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"case\": 1",
    )
    .await;
    let r = reply(&mut c).await;
    assert!(r.starts_with("HTTP/1.1 408"), "{r}");
    let body = &r[r.find("\r\n\r\n").unwrap() + 4..];
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {r}"));
    common::assert_error_shape(&v, body);
    assert_eq!(v["errors"][0]["code"], "request.timeout");
    assert_eq!(
        v["errors"][0]["message"],
        "The request was not completed in time; try again later."
    );
}
