//! Update a SIP endpoint from the command line.
//!
//! ```text
//! cargo run -p signalwire-fabric --example update_sip_endpoint -- ID \
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
//!   the client does not know (such as `OPUS@48000H@20I`) are sent as
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

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::process::ExitCode;

use signalwire_fabric::uuid::Uuid;
use signalwire_fabric::{
    CallHandlerType, Cipher, Client, Codec, Encryption, Error, UpdateSipEndpointError,
    UpdateSipEndpointRequest,
};

const USAGE: &str = "\
usage: update_sip_endpoint ID [--username S] [--caller-id S] [--send-as S]
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

/// Exit code of a failed request or a bad configuration.
const EXIT_FAILURE: u8 = 1;
/// Exit code of a wrong command line.
const EXIT_USAGE: u8 = 2;

/// What the command line asks for.
#[allow(
    clippy::large_enum_variant,
    reason = "made once per run and moved once; boxing would buy nothing"
)]
enum Command {
    Help,
    Update {
        id: Uuid,
        request: UpdateSipEndpointRequest,
    },
}

/// Writes a line on stderr. Unlike `eprintln!`, it does not panic when
/// stderr is closed: there is nowhere left to report that anyway.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = write_line(&mut io::stderr().lock(), format_args!($($arg)*));
    }};
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (id, request) = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Help) => {
            // Nothing useful is left to do if stdout is closed (`| head`).
            let _ = write_line(&mut io::stdout().lock(), format_args!("{USAGE}"));
            return ExitCode::SUCCESS;
        }
        Ok(Command::Update { id, request }) => (id, request),
        Err(message) => {
            say!("error: {message}\n\n{USAGE}");
            return ExitCode::from(EXIT_USAGE);
        }
    };

    let client = match Client::from_env() {
        Ok(client) => client,
        Err(error) => {
            say!("error: {error}");
            return ExitCode::from(EXIT_FAILURE);
        }
    };

    let endpoint = match client.update_sip_endpoint(id, &request).await {
        Ok(endpoint) => endpoint,
        Err(error) => {
            report(&error);
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    let shown = serde_json::to_string_pretty(&endpoint)
        .map_err(|error| error.to_string())
        .and_then(|json| {
            write_line(&mut io::stdout().lock(), format_args!("{json}"))
                .map_err(|error| error.to_string())
        });
    match shown {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            say!("error: the endpoint was updated, but could not be shown: {error}");
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Writes one line and flushes, returning (not panicking on) I/O errors.
fn write_line(out: &mut impl io::Write, line: fmt::Arguments<'_>) -> io::Result<()> {
    writeln!(out, "{line}")?;
    out.flush()
}

/// Prints a failed request on stderr: for an API error its status and the
/// body's details, otherwise the error and its causes.
fn report(error: &Error<UpdateSipEndpointError>) {
    // Also the last answer when the client gave up after retries (`500`).
    if let Error::Api(api) = error {
        match api.attempts() {
            1 => say!("error: the API answered {api}"),
            attempts => say!("error: the API answered {api} (gave up after {attempts} attempts)"),
        }
        match api.body() {
            UpdateSipEndpointError::UnprocessableEntity(body) => {
                for item in &body.errors {
                    let attribute = item.attribute.as_option().map_or("-", String::as_str);
                    say!("  {attribute}: {} ({})", item.message, item.code);
                }
            }
            UpdateSipEndpointError::Unauthorized(body)
            | UpdateSipEndpointError::NotFound(body)
            | UpdateSipEndpointError::InternalServerError(body) => {
                say!("  {}", body.error);
            }
            // Error statuses that a newer version of the API declares.
            _ => {}
        }
        return;
    }
    say!("error: {error}");
    // `Display` of the error already shows its direct source.
    let mut cause = std::error::Error::source(error).and_then(std::error::Error::source);
    while let Some(source) = cause {
        say!("  caused by: {source}");
        cause = source.source();
    }
}

/// The flags that take a value, as written on the command line.
const FLAGS: &[&str] = &[
    "--username",
    "--caller-id",
    "--send-as",
    "--ciphers",
    "--codecs",
    "--encryption",
    "--call-handler",
    "--calling-handler-resource-id",
];

/// Parses the arguments after the program name.
///
/// # Errors
///
/// A message saying what is wrong with the command line.
fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut id: Option<Uuid> = None;
    let mut seen: Vec<&'static str> = Vec::new();
    let mut request = UpdateSipEndpointRequest::new();

    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|arg| format!("argument {arg:?} is not valid unicode"))?;
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if !arg.starts_with('-') {
            if id.is_some() {
                return Err(format!("unexpected argument `{arg}`: only one ID is taken"));
            }
            let parsed = Uuid::parse_str(&arg)
                .map_err(|error| format!("ID `{arg}` is not a UUID: {error}"))?;
            id = Some(parsed);
            continue;
        }

        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let Some(&flag) = FLAGS.iter().find(|&&flag| flag == name) else {
            return Err(format!("unknown option `{name}`"));
        };
        if seen.contains(&flag) {
            return Err(format!("{flag} is given more than once"));
        }
        seen.push(flag);
        let value = match inline_value {
            Some(value) => value,
            None => match args.next() {
                None => return Err(format!("{flag} needs a value")),
                Some(value) => {
                    let value = value.into_string().map_err(|value| {
                        format!("value {value:?} of {flag} is not valid unicode")
                    })?;
                    if value.starts_with("--") {
                        return Err(format!(
                            "{flag} needs a value (write {flag}=VALUE for one that starts with `--`)"
                        ));
                    }
                    value
                }
            },
        };
        request = apply(request, flag, &value)?;
    }

    match id {
        Some(id) => Ok(Command::Update { id, request }),
        None => Err("the ID of the SIP endpoint is required".to_owned()),
    }
}

/// Sets the field that `flag` stands for.
fn apply(
    request: UpdateSipEndpointRequest,
    flag: &str,
    value: &str,
) -> Result<UpdateSipEndpointRequest, String> {
    Ok(match flag {
        "--username" => request.username(value),
        "--caller-id" => request.caller_id(value),
        "--send-as" => request.send_as(value),
        "--ciphers" => request.ciphers(list::<Cipher>(flag, value)?),
        "--codecs" => request.codecs(list::<Codec>(flag, value)?),
        "--encryption" => request.encryption(one::<Encryption>(flag, value)?),
        "--call-handler" => request.call_handler(one::<CallHandlerType>(flag, value)?),
        "--calling-handler-resource-id" => {
            if value == "null" {
                request.clear_calling_handler_resource_id()
            } else {
                let id = Uuid::parse_str(value).map_err(|error| {
                    format!("{flag} takes a UUID or `null`, not `{value}`: {error}")
                })?;
                request.calling_handler_resource_id(id)
            }
        }
        _ => return Err(format!("unknown option `{flag}`")),
    })
}

/// Parses one enum value; unknown values are kept as written.
fn one<T>(flag: &str, value: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{flag} needs a non-empty value"));
    }
    let Ok(parsed) = value.parse::<T>();
    Ok(parsed)
}

/// Parses a comma-separated list of enum values; `""` is the empty list.
fn list<T>(flag: &str, value: &str) -> Result<Vec<T>, String>
where
    T: std::str::FromStr<Err = std::convert::Infallible>,
{
    if value.trim().is_empty() {
        return Ok(Vec::new());
    }
    value
        .split(',')
        .map(|item| one(flag, item).map_err(|_| format!("{flag} has an empty item in `{value}`")))
        .collect()
}
