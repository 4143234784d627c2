#!/usr/bin/env bash
# A clean debug build of a program that calls one operation, made with this
# repository's client and with openapi-generator's `rust` client of the same
# document, built one after the other (interleaved, RUNS times each), each
# with an empty target directory of its own and cargo's default dev
# profile.
#
# The document is the Fabric area's part of SignalWire's (with the project's
# overlay applied; benches/peers/area.py): openapi-generator's client of
# the whole document does not compile (BENCHMARKS.md, "Build time and
# packages"), and Fabric, the largest area (108 of the 253 operations), is
# the largest part of it that compiles. Both clients are generated from
# that document: this repository's by `cargo xtask codegen` in a copy of
# the checkout with the document in place of spec/ (as
# xtask/tests/tasks/no_areas.rs does), openapi-generator's as it generates
# (its defaults: reqwest with native-tls). The program updates a SIP
# endpoint's username (`update_sip_credential`) and prints its name.
# Both programs start from the workspace's Cargo.lock.
#
#   bash benches/peers/one_call.sh [RUNS]   (needs Java and `pip install openapi-generator-cli`)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${1:-2}"
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
work="$target/peers/one-call"
rm -rf "$work"
mkdir -p "$work"

spec="$(cargo xtask spec applied)"
python3 benches/peers/area.py "$spec" fabric "$work/fabric.json"

# This repository's client of the document, in a copy of the checkout
# outside the target directory: Cargo records the sources of a build inside
# the target directory relative to it, so that a copy there would pass for
# this checkout's own sources in later builds.
ours="$(mktemp -d)/signalwire-rest"
trap 'rm -rf "$(dirname "$ours")"' EXIT
mkdir -p "$ours"
git archive --format=tar HEAD | tar -x -C "$ours"
cp "$work/fabric.json" "$ours/spec/signalwire-rest.openapi.yaml"
cat > "$ours/spec/signalwire-rest.overlay.yaml" <<'YAML'
overlay: 1.0.0
info:
  title: No deviations (the document is already the applied one's part)
  version: '1'
extends: signalwire-rest.openapi.yaml
actions:
  - target: $.info
    description: Marks the document as the one-call benchmark's.
    update:
      x-benchmark: one-call
YAML
echo "==> signalwire-rest of the Fabric document: generate"
(cd "$ours" && cargo xtask codegen > "$work/ours-codegen.log")

# openapi-generator's client of the document.
echo "==> openapi-generator $(openapi-generator-cli version 2>/dev/null | tail -1): generate"
openapi-generator-cli generate --generator-name rust --input-spec "$work/fabric.json" \
  --output "$work/openapi-generator" --additional-properties packageName=signalwire-openapi \
  > "$work/openapi-generator.log" 2>&1
printf '\n[workspace]\n' >> "$work/openapi-generator/Cargo.toml"

# The two programs.
program() {
  local dir="$1" dependency="$2" main="$3"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "one-call"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dependency
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }

[workspace]
TOML
  printf '%s\n' "$main" > "$dir/src/main.rs"
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
}
program "$work/program-ours" "signalwire-rest = { path = \"$ours/generated\" }" '
use signalwire_rest::{Client, SipEndpointUpdateRequest, uuid::Uuid};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let id = Uuid::parse_str(&std::env::args().nth(1).unwrap_or_default())?;
    let request = SipEndpointUpdateRequest::new().username("alice");
    let endpoint = client.update_sip_credential(id, &request).await?;
    println!("{}", endpoint.display_name);
    Ok(())
}'
program "$work/program-openapi-generator" \
  "signalwire-openapi = { path = \"$work/openapi-generator\" }" '
use signalwire_openapi::apis::{configuration::Configuration, sip_credentials_api};
use signalwire_openapi::models::SipEndpointUpdateRequest;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut configuration = Configuration::new();
    configuration.base_path = std::env::var("SIGNALWIRE_BASE_URL")?;
    configuration.basic_auth = Some((
        std::env::var("SIGNALWIRE_PROJECT_ID")?,
        Some(std::env::var("SIGNALWIRE_API_TOKEN")?),
    ));
    let id = std::env::args().nth(1).unwrap_or_default();
    let mut request = SipEndpointUpdateRequest::new();
    request.username = Some("alice".to_owned());
    let endpoint = sip_credentials_api::update_sip_credential(&configuration, &id, request).await?;
    println!("{}", endpoint.display_name);
    Ok(())
}'

# Clean builds, interleaved; wall seconds, CPU seconds and peak memory each.
for run in $(seq "$runs"); do
  for side in ours openapi-generator; do
    dir="$work/program-$side"
    rm -rf "$dir/target"
    echo "==> run $run: $side: clean build"
    /usr/bin/time -f "%e %U %M" -o "$work/time" \
      bash -c "cd '$dir' && CARGO_TARGET_DIR='$dir/target' cargo build --quiet"
    read -r wall user peak < "$work/time"
    printf '%s\t%s\t%s s wall\t%s s CPU (user)\t%s MB peak\n' "$run" "$side" "$wall" "$user" \
      "$((peak / 1024))" | tee -a "$work/results.tsv"
  done
done
echo "==> results: $work/results.tsv"
