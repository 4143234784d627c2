//! Records which sources this build of xtask is made from, so that it can
//! tell at run time whether it is its checkout's own (`checkout.rs`).

fn main() {
    source_fingerprint::record("XTASK_SOURCES");
}
