//! Create a SIP endpoint from the command line.
//!
//! ```text
//! cargo run -p signalwire-rest --example create_sip_credential -- \
//!   --username U --caller-id C [--send-as S] [--ciphers A,B] [--codecs A,B] \
//!   [--encryption E] [--call-handler H] [--calling-handler-resource-id UUID]
//! ```
//!
//! `--username` and `--caller-id` are required; the other fields are sent
//! only when given. The flags are written as in the `update_sip_credential`
//! example: a value comes as the next argument or after `=`, lists are
//! comma-separated (`''` is the empty list), and values this version of
//! the client does not know are sent as written.
//!
//! The client is configured from the environment as in the
//! `update_sip_credential` example (see [`Client::from_env`]).
//!
//! On success the created endpoint is printed as pretty JSON on stdout.
//!
//! `-h` or `--help` prints the usage on stdout.
//!
//! Exit codes: `0` success (or help); `1` the configuration is missing or
//! invalid, or the request failed (a `422` lists each problem as
//! `attribute: message (code)`, with `-` for a problem not tied to an
//! attribute); `2` the command line is wrong (the message and the usage
//! are printed on stderr, and nothing is sent).
//!
//! [`Client::from_env`]: signalwire_rest::Client::from_env

mod common;

use std::ffi::OsString;
use std::process::ExitCode;

use signalwire_rest::{SipEndpointCreateRequest, SipEndpointCreateRequestRequired};

use common::{Arg, EXIT_FAILURE, EndpointField, Null, apply_setting};

const USAGE: &str = "\
usage: create_sip_credential --username U --caller-id C [--send-as S]
                           [--ciphers A,B] [--codecs A,B] [--encryption E]
                           [--call-handler H] [--calling-handler-resource-id UUID]

  --username U                         the username of the SIP endpoint (required)
  --caller-id C                        the caller ID shown when dialing from it (required)
  --send-as S                          the SIP username shown to the callee
  --ciphers A,B                        e.g. AEAD_AES_256_GCM_8,AES_CM_128_HMAC_SHA1_80 ('' for none)
  --codecs A,B                         e.g. PCMU,PCMA,OPUS ('' for none)
  --encryption E                       required, optional or default
  --call-handler H                     default, passthrough, block-pstn or resource
  --calling-handler-resource-id ID     a resource UUID
  -h, --help                           show this help

Only the fields given are sent. Flags take their value as the next argument
or after '='. Configuration comes from SIGNALWIRE_PROJECT_ID,
SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE or SIGNALWIRE_BASE_URL.";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let request = match common::command_line(parse_args(std::env::args_os().skip(1)), USAGE) {
        Ok(request) => request,
        Err(code) => return code,
    };
    let client = match common::client() {
        Ok(client) => client,
        Err(code) => return code,
    };
    match client.create_sip_credential(&request).await {
        Ok(endpoint) => common::print_pretty(&endpoint, "the endpoint was created"),
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
) -> Result<Option<SipEndpointCreateRequest>, String> {
    let mut username = None;
    let mut caller_id = None;
    // The optional fields, set once the required ones are known; each value
    // is parsed as it comes, so that errors come in the order written.
    let mut settings = Vec::new();
    let complete = common::parse_args(args, common::ENDPOINT_FLAGS, |arg| {
        match arg {
            Arg::Positional(arg) => return Err(format!("unexpected argument `{arg}`")),
            Arg::Flag(flag, value) => match common::endpoint_field(flag, value, Null::Refused)? {
                EndpointField::Username(value) => username = Some(value),
                EndpointField::CallerId(value) => caller_id = Some(value),
                EndpointField::Setting(setting) => settings.push(setting),
            },
        }
        Ok(())
    })?;
    if !complete {
        return Ok(None);
    }
    let (Some(username), Some(caller_id)) = (username, caller_id) else {
        return Err("--username and --caller-id are required".to_owned());
    };
    let mut request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username,
        caller_id,
    });
    for setting in settings {
        request = apply_setting!(request, setting);
    }
    Ok(Some(request))
}
