//! The preview's HTTP server: hyper on a one-thread tokio runtime, with bounds that no client
//! (a broken browser extension, a script on the network when `--bind` opens it) can pass.
//!
//! hyper rather than a smaller server because it bounds what it reads: the head of a request
//! (request line and headers) is read into a buffer of at most [`MAX_HEAD`] bytes and at most
//! 100 headers, and a longer one is refused with 431 before more is read. With at most
//! [`MAX_CONNECTIONS`] connections open, the memory that requests can take is bounded by
//! their product (8 MB). Answering runs on blocking threads, since a live-reload poll waits for
//! the next build.

use super::Live;
use super::http::{self, Reply};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, Semaphore};

/// Bytes buffered while reading one request's head; browsers send a few kilobytes.
pub const MAX_HEAD: usize = 64 * 1024;

/// Connections served at once; further ones wait in the kernel's queue until one closes. Every
/// open page holds one for its live-reload poll.
pub const MAX_CONNECTIONS: usize = 128;

/// A client must send its whole request head within this time, so that a slow drip of header
/// bytes cannot hold a connection slot for ever.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// A server answering on its own thread until [`Running::stop`].
pub struct Running {
    pub addr: SocketAddr,
    stop: Arc<Notify>,
    thread: std::thread::JoinHandle<()>,
}

impl Running {
    /// Stops accepting and returns; polls still waiting end with the process.
    pub fn stop(self) {
        self.stop.notify_one();
        let _ = self.thread.join();
    }
}

/// Serves `live` on `listener` (already bound) from a new thread.
pub fn start(listener: TcpListener, live: Arc<Live>) -> std::io::Result<Running> {
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(MAX_CONNECTIONS)
        .build()?;
    let stop = Arc::new(Notify::new());
    let stopped = stop.clone();
    let thread = std::thread::spawn(move || {
        runtime.block_on(accept(listener, live, stopped));
        // Polls waiting for a build are not waited for: the preview is stopping.
        runtime.shutdown_background();
    });
    Ok(Running { addr, stop, thread })
}

async fn accept(listener: TcpListener, live: Arc<Live>, stop: Arc<Notify>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            _ = stop.notified() => return,
        };
        let Ok(slot) = slot else { return };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.notified() => return,
        };
        let Ok((stream, _)) = stream else {
            // Out of file descriptors or a connection reset before accept: try again shortly.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let live = live.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| respond(req, live.clone()));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

async fn respond(
    req: hyper::Request<Incoming>,
    live: Arc<Live>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let method = req.method().as_str().to_owned();
    let url = req.uri().to_string();
    let reply = tokio::task::spawn_blocking(move || http::handle(&method, &url, &live))
        .await
        .unwrap_or_else(|_| Reply::plain(500, "internal error"));
    let mut resp = hyper::Response::new(Full::new(Bytes::from(reply.body)));
    *resp.status_mut() = hyper::StatusCode::from_u16(reply.status).unwrap_or(hyper::StatusCode::OK);
    for (name, value) in reply.headers {
        // Values are visible ASCII already (see `Reply::header`); anything else is left out.
        if let Ok(value) = hyper::header::HeaderValue::from_str(&value) {
            resp.headers_mut().insert(name, value);
        }
    }
    Ok(resp)
}
