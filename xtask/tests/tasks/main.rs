//! xtask's integration tests, one binary (one link, one process): the
//! sync of generated files, the diff report, `spec update`, two checkouts
//! sharing one target directory (and the binary knowing whether its
//! generator is its checkout's own), a client generated from a document
//! without API areas compiling, and the tidy check (every path the
//! prose names exists). `support` holds what several of
//! them share. `tests/target_dir.rs` stays a binary of its own: it sets an
//! environment variable.

mod checkouts;
mod diff;
mod no_areas;
mod spec_update;
mod support;
mod sync;
mod tidy;
