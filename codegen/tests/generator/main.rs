//! The generator's integration tests, one binary (one link, one process):
//! bad documents and their exact errors, the node sweep, locations, the
//! overlay engine, the diff rules, twin types, SignalWire's document generating
//! verbatim, and a document without API areas. Each module says what it
//! covers; `common` holds what several of them share. The snapshots are
//! compiled by the workspace member `tests/snapshots` (package
//! `snapshot-tests`), not here.

mod bad_input;
mod common;
mod compile;
mod diff_rules;
mod errors;
mod features;
mod locations;
mod no_areas;
mod overlay;
mod sweep;
mod twins;
