//! xtask's integration tests, one binary (one link, one process): the
//! sync of generated files, the diff report, `spec update`, and two
//! checkouts sharing one target directory. `support` holds what several of
//! them share. `tests/target_dir.rs` stays a binary of its own: it sets an
//! environment variable.

mod checkouts;
mod diff;
mod spec_update;
mod support;
mod sync;
