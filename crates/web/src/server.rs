//! Serving the router over TCP with the limits a public server needs: a client has a few seconds
//! to send its request head (and, through [`body_within`] in the router, its body), at most so many connections are served at once, and
//! on shutdown the server stops accepting, lets the requests in flight finish (up to a deadline)
//! and then returns, so the caller can close the database with every acknowledged write in it.

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How patient the server is.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From the connection (or the previous response) to the end of a request's head.
    pub header_read: Duration,
    /// Connections served at once; the next waits in the kernel's queue.
    pub connections: usize,
    /// How long requests in flight may take to finish after shutdown begins.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            connections: 1024,
            drain: Duration::from_secs(20),
        }
    }
}

/// The largest request body taken (uploads of HR files and frameworks are the largest).
pub const MAX_BODY: usize = 10 * 1024 * 1024;

/// Reads the request body within `limit` before the handlers see it, so a client that sends
/// its body slowly gives up its place rather than holding it, and refuses one over
/// [`MAX_BODY`] as it arrives (a problem document for the API, a page otherwise).
pub async fn body_within(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: Request,
    next: Next,
) -> Response {
    let limit = state.config.body_timeout;
    let (parts, body) = req.into_parts();
    let api = parts.uri.path().starts_with("/api/");
    let tr = crate::i18n::Tr::new(crate::i18n::detect(&parts));
    match tokio::time::timeout(limit, axum::body::to_bytes(body, MAX_BODY)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        // Over the limit, or the client went away mid-body (then nobody reads the answer).
        Ok(Err(_)) => crate::error::WebError::too_large(api, tr).into_response(),
        Err(_) => crate::error::WebError::timed_out(api, tr).into_response(),
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then drains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.connections));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = router.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(remote));
            app.clone().oneshot(req.map(Body::new))
        });
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "a connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("every request in flight finished"),
        () = tokio::time::sleep(limits.drain) => tracing::warn!("requests still running after the drain deadline were cut"),
    }
    Ok(())
}

/// Completes on SIGTERM (what systemd, Docker and Kubernetes send) or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("listening for SIGTERM");
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM: shutting down"),
            _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT: shutting down"),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
