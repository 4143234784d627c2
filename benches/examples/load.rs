//! Sends N requests, 64 in flight (or IN_FLIGHT), from one client to the
//! loopback server, for an instruction-counting profiler:
//!
//! ```text
//! cargo build --release -p benchmarks --example load
//! valgrind --tool=callgrind --separate-threads=yes \
//!   $CARGO_TARGET_DIR/release/examples/load generated 2000 [IN_FLIGHT]
//! ```
//!
//! The client runs on the main thread (a single-threaded runtime), the
//! server on a thread of its own, so the main thread's count is the
//! client's. Running it with two values of N and dividing the difference
//! of the counts by the difference of N gives the instructions per request
//! without the start-up. `benches/callgrind.sh` does exactly that.

use std::rc::Rc;

use benchmarks::server::Server;
use benchmarks::{ENDPOINT_ID, assert_same_request, generated_client, handwritten};

/// Requests in flight at once unless the command line says otherwise.
const IN_FLIGHT: usize = 64;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(side), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: load generated|handwritten N [IN_FLIGHT]");
        std::process::exit(2);
    };
    let count: usize = count.parse().expect("N is a number of requests");
    let in_flight: usize = args.next().map_or(IN_FLIGHT, |value| {
        value.parse().expect("IN_FLIGHT is a number of requests")
    });
    let server = Server::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let generated = Rc::new(generated_client(server.base_url()));
    let handwritten = Rc::new(handwritten::Client::new(server.base_url()));
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        assert_same_request(&server, &generated, &handwritten).await;
        let mut tasks = Vec::new();
        for task in 0..in_flight {
            let calls = count / in_flight + usize::from(task < count % in_flight);
            match side.as_str() {
                "generated" => {
                    let client = Rc::clone(&generated);
                    tasks.push(tokio::task::spawn_local(async move {
                        let request = benchmarks::generated_request();
                        for _ in 0..calls {
                            let response =
                                client.update_sip_credential(ENDPOINT_ID, &request).await;
                            std::hint::black_box(response.expect("a 200 that decodes"));
                        }
                    }));
                }
                "handwritten" => {
                    let client = Rc::clone(&handwritten);
                    tasks.push(tokio::task::spawn_local(async move {
                        let request = handwritten::request();
                        for _ in 0..calls {
                            let response = client.update_sip_endpoint(ENDPOINT_ID, &request).await;
                            std::hint::black_box(response.expect("a 200 that decodes"));
                        }
                    }));
                }
                other => panic!("unknown side {other:?}: generated or handwritten"),
            }
        }
        for task in tasks {
            task.await.expect("a load task");
        }
    });
}
