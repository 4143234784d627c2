//! The two clients the benchmarks compare put the same request on the
//! wire, and both decode the canned answer.

use benchmarks::server::Server;
use benchmarks::{assert_same_request, generated_client, handwritten};

#[test]
fn generated_and_handwritten_clients_send_the_same_request() {
    let server = Server::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let generated = generated_client(server.base_url());
    let handwritten = handwritten::Client::new(server.base_url());
    runtime.block_on(assert_same_request(&server, &generated, &handwritten));
}
