//! Criterion benchmarks of the generated client against the hand-written
//! reqwest + serde client (`benchmarks::handwritten`), on a loopback server
//! in the same process: one request at a time, 64 in flight, encoding and
//! decoding without I/O, and the generator itself. `cargo bench -p
//! benchmarks`; see BENCHMARKS.md for what the figures mean.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use benchmarks::server::Server;
use benchmarks::{ENDPOINT_ID, RESPONSE_BODY, assert_same_request, generated_client, handwritten};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// Requests in flight at once in the concurrent benchmark.
const IN_FLIGHT: u64 = 64;

/// Two worker threads, as many as the machine the figures were taken on
/// has cores; the server runs on a thread of its own.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The two clients as one type, so that every benchmark drives both the
/// same way.
#[derive(Clone)]
enum Side {
    Generated(
        signalwire_rest::Client,
        Arc<signalwire_rest::SipEndpointUpdateRequest>,
    ),
    Handwritten(
        handwritten::Client,
        Arc<handwritten::UpdateSipEndpointRequest>,
    ),
}

impl Side {
    fn name(&self) -> &'static str {
        match self {
            Side::Generated(..) => "generated",
            Side::Handwritten(..) => "handwritten",
        }
    }

    async fn call(&self) {
        match self {
            Side::Generated(client, request) => {
                let response = client.update_sip_credential(ENDPOINT_ID, request).await;
                black_box(response.expect("a 200 that decodes"));
            }
            Side::Handwritten(client, request) => {
                let response = client.update_sip_endpoint(ENDPOINT_ID, request).await;
                black_box(response.expect("a 200 that decodes"));
            }
        }
    }
}

fn sides(server: &Server) -> [Side; 2] {
    [
        Side::Generated(
            generated_client(server.base_url()),
            Arc::new(benchmarks::generated_request()),
        ),
        Side::Handwritten(
            handwritten::Client::new(server.base_url()),
            Arc::new(handwritten::request()),
        ),
    ]
}

/// `iters` calls of `side`, `in_flight` at a time, on `runtime`.
fn run(runtime: &tokio::runtime::Runtime, side: &Side, iters: u64, in_flight: u64) -> Duration {
    runtime.block_on(async {
        let started = Instant::now();
        let mut tasks = Vec::new();
        for task in 0..in_flight {
            let calls = iters / in_flight + u64::from(task < iters % in_flight);
            let side = side.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..calls {
                    side.call().await;
                }
            }));
        }
        for task in tasks {
            task.await.expect("a benchmark task");
        }
        started.elapsed()
    })
}

fn over_loopback(c: &mut Criterion) {
    let server = Server::start();
    let runtime = runtime();
    let sides = sides(&server);
    if let [
        Side::Generated(generated, _),
        Side::Handwritten(handwritten, _),
    ] = &sides
    {
        runtime.block_on(assert_same_request(&server, generated, handwritten));
    }
    // Open the connections before measuring.
    for side in &sides {
        run(&runtime, side, 2 * IN_FLIGHT, IN_FLIGHT);
    }

    let mut group = c.benchmark_group("one_at_a_time");
    group.throughput(Throughput::Elements(1));
    for side in &sides {
        group.bench_function(side.name(), |b| {
            b.iter_custom(|iters| {
                runtime.block_on(async {
                    let started = Instant::now();
                    for _ in 0..iters {
                        side.call().await;
                    }
                    started.elapsed()
                })
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("in_flight_64");
    group.throughput(Throughput::Elements(1));
    for side in &sides {
        group.bench_function(side.name(), |b| {
            b.iter_custom(|iters| run(&runtime, side, iters, IN_FLIGHT));
        });
    }
    group.finish();
}

fn encode_decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("encode_decode");
    let generated_request = benchmarks::generated_request();
    group.bench_function("generated", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(black_box(&generated_request)).expect("encodes");
            let response: signalwire_rest::ResourceResponseSipEndpoint =
                serde_json::from_slice(black_box(RESPONSE_BODY)).expect("decodes");
            (body, response)
        });
    });
    let handwritten_request = handwritten::request();
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(black_box(&handwritten_request)).expect("encodes");
            let response: handwritten::SipEndpointResponse =
                serde_json::from_slice(black_box(RESPONSE_BODY)).expect("decodes");
            (body, response)
        });
    });
    group.finish();
}

/// The generator on the document the client is generated from: SignalWire's
/// REST API document with the project's overlay applied (once, outside the
/// measurement), as `cargo xtask codegen` reads it.
fn generation(c: &mut Criterion) {
    const SOURCE: &str = "spec/signalwire-rest.openapi.yaml with spec/signalwire-rest.overlay.yaml";
    let read = |file: &str| {
        let path = format!("{}/../spec/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    };
    let text = codegen::apply_overlay(
        &read("signalwire-rest.openapi.yaml"),
        &read("signalwire-rest.overlay.yaml"),
    )
    .expect("the overlay applies");
    let mut group = c.benchmark_group("codegen");
    group.sample_size(10);
    group.bench_function("spec", |b| {
        b.iter(|| codegen::generate(SOURCE, black_box(&text)).expect("the spec generates"));
    });
    group.finish();
}

criterion_group!(benches, over_loopback, encode_decode, generation);
criterion_main!(benches);
