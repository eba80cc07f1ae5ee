//! The preview server's bounds: a request head of many megabytes, thousands of headers, a
//! slow drip of header bytes and more connections than it serves at once neither grow its
//! memory beyond the stated bound nor stop it answering.

#![cfg(unix)]

use crate::common::TempSite;
use crate::serve::Server;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Resident memory of a process, in KB, from `/proc`.
fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS")
}

/// Sends `head` (written in pieces, as much as the server takes) and returns the status line
/// it answers with, or "" when it closed the connection without one.
fn send(addr: &str, head: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(30))).unwrap();
    for piece in head.chunks(64 * 1024) {
        if s.write_all(piece).is_err() {
            break; // the server stopped reading: refused
        }
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned()
}

#[test]
fn huge_request_heads_are_refused_within_a_bounded_memory() {
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), 0);
    let pid = server.child.id();
    assert_eq!(server.get("/zwgk/yjs/").status, 200);
    let before = rss_kb(pid);

    // A 16 MB header line, a 16 MB request line and 100,000 small headers, each several times.
    let line = format!(
        "GET /zwgk/yjs/ HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(16 << 20)
    );
    let target = format!("GET /{} HTTP/1.1\r\n\r\n", "b".repeat(16 << 20));
    let many = format!(
        "GET /zwgk/yjs/ HTTP/1.1\r\n{}\r\n",
        "X-A: b\r\n".repeat(100_000)
    );
    for _ in 0..3 {
        for head in [&line, &target, &many] {
            let status = send(&server.addr, head.as_bytes());
            assert!(
                status.is_empty() || status.contains(" 431 ") || status.contains(" 400 "),
                "a huge head is refused, not served: {status:?}"
            );
        }
    }
    let after = rss_kb(pid);
    eprintln!(
        "preview server memory: {before} KB before, {after} KB after 150 MB of request heads"
    );
    // The heads sent add up to 150 MB; the server keeps at most 64 KB of each.
    assert!(
        after < before + 20 * 1024,
        "memory grew from {before} KB to {after} KB"
    );
    assert_eq!(server.get("/zwgk/yjs/").status, 200, "still answering");
    server.interrupt();
}

#[test]
fn slow_and_idle_connections_do_not_lock_others_out() {
    let site = TempSite::copy_example();
    let server = Server::start(site.root(), 0);
    // More idle connections than the server serves at once, each having sent half a head.
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).unwrap();
            let _ = s.write_all(b"GET /zwgk/yjs/ HTTP/1.1\r\nX-Slow: ");
            s
        })
        .collect();
    // The head timeout (10 s) frees their slots; a real request is then answered.
    let start = std::time::Instant::now();
    assert_eq!(server.get("/zwgk/yjs/").status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(40),
        "answered after {:?}",
        start.elapsed()
    );
    drop(idle);
    server.interrupt();
}
