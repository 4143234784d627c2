//! The tasks behind `cargo xtask`: regenerating the client and the
//! generator's fixture snapshots, and checking that the checked-in files
//! match what the generator makes of their documents. One function,
//! [`sync()`], compares or writes; the binary and the sync test both go
//! through it.
//!
//! Every task acts on the checkout it is run in ([`workspace_root`] finds it
//! at run time), and writes outside that checkout only into the real Cargo
//! target directory ([`scratch_dir`]), so that clones and worktrees sharing
//! one `CARGO_TARGET_DIR` never act on each other.
//!
//! The modules, by concern: [`targets`] (what is generated from which
//! document, and the client's Cargo features), [`checkout`] (where a task
//! acts), [`sync`](mod@sync) (comparing and writing), then the tasks themselves:
//! [`spec`], [`diff`], [`test`], and [`synth`], the synthetic document of
//! the growth benchmark.

pub mod checkout;
pub mod diff;
mod files;
pub mod fuzz;
pub mod spec;
pub mod sync;
pub mod synth;
pub mod targets;
pub mod test;

pub use checkout::{applied_file, cargo, checkout_dir, scratch_dir, target_dir, workspace_root};
pub(crate) use files::write_atomically_bytes;
pub use sync::{Differences, Mode, Plan, codegen, compare, plan, sync};
pub use targets::{
    CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, CLIENT_SWEEP, FIXTURES, SNAPSHOTS, SWEEP_FILE,
    Target, applied, targets,
};
