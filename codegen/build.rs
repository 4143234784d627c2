//! Records which sources this build of the generator is made from (the
//! constant `SOURCES` of `src/lib.rs`), so that `cargo xtask` can tell
//! whether the generator it links is its checkout's own.

fn main() {
    source_fingerprint::record("CODEGEN_SOURCES");
}
