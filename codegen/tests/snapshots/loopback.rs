//! A loopback HTTP/1.1 server for the compile cases that run a fixture's
//! client: one request per connection, answered by a closure, and every
//! request reported as received (method, target, headers, body); and the
//! client of the case's runtime that talks to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;

/// A request as the server received it.
#[derive(Debug)]
pub struct Received {
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    /// Each header, its name in lowercase, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// The value of the header `name` (lowercase), if it was sent once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.iter().filter(|(n, _)| n == name);
        let value = values.next().map(|(_, v)| v.as_str());
        assert!(values.next().is_none(), "`{name}` was sent twice");
        value
    }
}

/// A reply: status, content type (none when empty) and body.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: body.to_owned(),
        }
    }

    pub fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain",
            body: body.to_owned(),
        }
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            content_type: "",
            body: String::new(),
        }
    }
}

/// Serves on a free loopback port; returns its base URL and the requests.
pub fn serve(
    respond: impl Fn(&Received) -> Reply + Send + 'static,
) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let address = listener.local_addr().expect("the port");
    let (requests, received) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some(request) = read_request(&mut stream) else {
                continue;
            };
            let reply = respond(&request);
            let _ = requests.send(request);
            let content_type = if reply.content_type.is_empty() {
                String::new()
            } else {
                format!("content-type: {}\r\n", reply.content_type)
            };
            let head = format!(
                "HTTP/1.1 {} X\r\n{content_type}content-length: {}\r\nconnection: close\r\n\r\n",
                reply.status,
                reply.body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(reply.body.as_bytes());
        }
    });
    (format!("http://{address}"), received)
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut parts = request_line.split(' ');
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? <= 2 {
            break;
        }
        let (name, value) = line.trim_end().split_once(':')?;
        headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        target,
        headers,
        body,
    })
}

/// The next request the server received.
pub fn next(received: &mpsc::Receiver<Received>) -> Received {
    received
        .recv_timeout(Duration::from_secs(10))
        .expect("a request reached the server")
}

/// A client of the server at `base_url` (from [`serve`], with any base
/// path) that makes one attempt per call, and a current-thread tokio
/// runtime to drive it.
pub fn client(base_url: &str) -> (crate::Client, tokio::runtime::Runtime) {
    let client = crate::Client::from_base_url("project", "token", base_url)
        .expect("a loopback base URL")
        .with_retry(crate::runtime::RetryPolicy::none());
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    (client, tokio)
}
