//! Update a SIP endpoint from the command line.
//!
//! ```text
//! cargo run -p signalwire-rest --example update_sip_credential -- ID \
//!   [--username S] [--caller-id S] [--send-as S] [--ciphers A,B] [--codecs A,B] \
//!   [--encryption E] [--call-handler H] [--calling-handler-resource-id UUID|null]
//! ```
//!
//! `ID` is the UUID of the SIP endpoint. Only the fields given as flags
//! are sent; every other field is left unchanged by the API. Each flag
//! takes its value either as the next argument (`--username alice`) or
//! after `=` (`--username=alice`); a value that itself starts with `--`
//! must use the `=` form. Each flag may be given once.
//!
//! - `--ciphers` and `--codecs` take comma-separated lists
//!   (`--codecs PCMU,OPUS`; spaces around items are ignored); an empty
//!   value (`--codecs ''`) sends an empty array. Values this version of
//!   the client does not know (such as `OPUS@96000H@20I`) are sent as
//!   written, as are unknown values of `--encryption` and
//!   `--call-handler`; the API decides whether it accepts them.
//! - `--calling-handler-resource-id null` sends `null`, which clears the
//!   resource; a UUID sets it.
//!
//! The client is configured from the environment (see
//! [`Client::from_env`]): `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`,
//! and `SIGNALWIRE_SPACE` (e.g. `example` or `example.signalwire.com`) or
//! `SIGNALWIRE_BASE_URL` (e.g. `http://127.0.0.1:4010` for a mock server).
//!
//! The base URL must be `https`, except for loopback hosts such as
//! `127.0.0.1` and `localhost`: the credentials would otherwise travel in
//! clear. Failed attempts worth retrying (`429`, `503`, a refused
//! connection, a timeout, ...) are retried as `RetryPolicy::default()`
//! says: up to 3 attempts in all.
//!
//! On success the updated endpoint is printed as pretty JSON on stdout.
//!
//! `-h` or `--help` prints the usage on stdout.
//!
//! Exit codes: `0` success (or help); `1` the configuration is missing
//! or invalid, or the request failed (API error, transport failure,
//! undecodable response, the retries ran out; a `422` lists each problem as
//! `attribute: message (code)`, with `-` for a problem not tied to an
//! attribute); `2` the command line is wrong (the message and the usage
//! are printed on stderr, and nothing is sent).
//!
//! [`Client::from_env`]: signalwire_rest::Client::from_env

mod common;

use std::ffi::OsString;
use std::process::ExitCode;

use signalwire_rest::SipEndpointUpdateRequest;
use signalwire_rest::uuid::Uuid;

use common::{Arg, EXIT_FAILURE, EndpointField, Null, apply_setting};

const USAGE: &str = "\
usage: update_sip_credential ID [--username S] [--caller-id S] [--send-as S]
                           [--ciphers A,B] [--codecs A,B] [--encryption E]
                           [--call-handler H] [--calling-handler-resource-id UUID|null]

  ID                                   the UUID of the SIP endpoint to update
  --username S                         the username of the SIP endpoint
  --caller-id S                        the caller ID shown when dialing from it
  --send-as S                          the SIP username shown to the callee
  --ciphers A,B                        e.g. AEAD_AES_256_GCM_8,AES_CM_128_HMAC_SHA1_80 ('' for none)
  --codecs A,B                         e.g. PCMU,PCMA,OPUS ('' for none)
  --encryption E                       required, optional or default
  --call-handler H                     default, passthrough, block-pstn or resource
  --calling-handler-resource-id ID     a resource UUID, or null to clear it
  -h, --help                           show this help

Only the fields given are sent. Flags take their value as the next argument
or after '='. Configuration comes from SIGNALWIRE_PROJECT_ID,
SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL.";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (id, request) = match common::command_line(parse_args(std::env::args_os().skip(1)), USAGE) {
        Ok(command) => command,
        Err(code) => return code,
    };
    let client = match common::client() {
        Ok(client) => client,
        Err(code) => return code,
    };
    match client.update_sip_credential(id, &request).await {
        Ok(endpoint) => common::print_pretty(&endpoint, "the endpoint was updated"),
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
fn parse_args(
    args: impl IntoIterator<Item = OsString>,
) -> Result<Option<(Uuid, SipEndpointUpdateRequest)>, String> {
    let mut id: Option<Uuid> = None;
    let mut request = SipEndpointUpdateRequest::new();
    let complete = common::parse_args(args, common::ENDPOINT_FLAGS, |arg| {
        match arg {
            Arg::Positional(arg) => common::take_id(&mut id, &arg)?,
            Arg::Flag(flag, value) => {
                let taken = std::mem::replace(&mut request, SipEndpointUpdateRequest::new());
                request = match common::endpoint_field(flag, value, Null::Clears)? {
                    EndpointField::Username(value) => taken.username(value),
                    EndpointField::CallerId(value) => taken.caller_id(value),
                    EndpointField::Setting(setting) => apply_setting!(taken, setting),
                };
            }
        }
        Ok(())
    })?;
    if !complete {
        return Ok(None);
    }
    match id {
        Some(id) => Ok(Some((id, request))),
        None => Err("the ID of the SIP endpoint is required".to_owned()),
    }
}
