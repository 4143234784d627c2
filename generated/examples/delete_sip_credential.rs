//! Delete a SIP endpoint from the command line.
//!
//! ```text
//! cargo run -p signalwire-rest --example delete_sip_credential -- ID
//! ```
//!
//! `ID` is the UUID of the SIP endpoint. On success nothing is printed.
//!
//! The client is configured from the environment as in the
//! `update_sip_credential` example (see [`Client::from_env`]).
//!
//! `-h` or `--help` prints the usage on stdout.
//!
//! Exit codes: `0` success (or help); `1` the configuration is missing or
//! invalid, or the request failed (the error is printed on stderr); `2` the
//! command line is wrong (the message and the usage are printed on stderr,
//! and nothing is sent).
//!
//! [`Client::from_env`]: signalwire_rest::Client::from_env

mod common;

use std::ffi::OsString;
use std::process::ExitCode;

use signalwire_rest::uuid::Uuid;

use common::{Arg, EXIT_FAILURE};

const USAGE: &str = "\
usage: delete_sip_credential ID

  ID             the UUID of the SIP endpoint to delete
  -h, --help     show this help

Prints nothing on success. Configuration comes from SIGNALWIRE_PROJECT_ID,
SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL.";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let id = match common::command_line(parse_args(std::env::args_os().skip(1)), USAGE) {
        Ok(id) => id,
        Err(code) => return code,
    };
    let client = match common::client() {
        Ok(client) => client,
        Err(code) => return code,
    };
    match client.delete_sip_credential(id).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            common::report(&error);
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Parses the arguments after the program name: `None` asks for help.
///
/// # Errors
///
/// A message saying what is wrong with the command line.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<Uuid>, String> {
    let mut id: Option<Uuid> = None;
    let complete = common::parse_args(args, &[], |arg| match arg {
        Arg::Positional(arg) => common::take_id(&mut id, &arg),
        Arg::Flag(flag, _) => Err(format!("unknown option `{flag}`")),
    })?;
    if !complete {
        return Ok(None);
    }
    id.map(Some)
        .ok_or_else(|| "the ID of the SIP endpoint is required".to_owned())
}
