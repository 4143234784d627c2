//! A loopback HTTP/1.1 server (hyper) on a thread of its own that answers
//! every request with `200` and [`RESPONSE_BODY`](crate::RESPONSE_BODY),
//! and can record one request to compare what clients send.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// A request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// Method and request target, e.g. `PUT /api/...`.
    pub request_line: String,
    /// Every header in the order received, values as bytes.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The body.
    pub body: Bytes,
}

#[derive(Default)]
struct Recorder {
    armed: AtomicBool,
    recorded: Mutex<Option<Recorded>>,
}

/// The running server; it runs until the process ends.
pub struct Server {
    base_url: String,
    recorder: Arc<Recorder>,
}

impl Server {
    /// Starts the server on `127.0.0.1` and a free port, on its own thread
    /// with a single-threaded runtime (so a profiler can tell its work
    /// from the client's).
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound.
    pub fn start() -> Self {
        let recorder = Arc::new(Recorder::default());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let address: SocketAddr = listener.local_addr().expect("local address");
        let shared = Arc::clone(&recorder);
        std::thread::Builder::new()
            .name("loopback-server".to_owned())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("server runtime");
                runtime.block_on(serve(listener, shared));
            })
            .expect("spawn the server thread");
        Self {
            base_url: format!("http://{address}"),
            recorder,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Records the next request received (replacing any recorded one).
    pub fn record_next(&self) {
        self.recorder.armed.store(true, Ordering::SeqCst);
    }

    /// The recorded request, if one arrived since [`Server::record_next`].
    pub fn take_recorded(&self) -> Option<Recorded> {
        self.recorder
            .recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

async fn serve(listener: std::net::TcpListener, recorder: Arc<Recorder>) {
    let listener = TcpListener::from_std(listener).expect("tokio listener");
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let recorder = Arc::clone(&recorder);
        tokio::spawn(async move {
            let service = service_fn(move |request| answer(request, Arc::clone(&recorder)));
            // A client closing its connection is not an error here.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    request: Request<Incoming>,
    recorder: Arc<Recorder>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (head, body) = request.into_parts();
    let body = body.collect().await.map(|body| body.to_bytes());
    if recorder.armed.swap(false, Ordering::SeqCst) {
        let recorded = Recorded {
            request_line: format!("{} {}", head.method, head.uri),
            headers: head
                .headers
                .iter()
                .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
                .collect(),
            body: body.unwrap_or_default(),
        };
        *recorder
            .recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(recorded);
    }
    let mut response = Response::new(Full::new(Bytes::from_static(crate::RESPONSE_BODY)));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}
