//! Contract tests: the generated client against Prism serving the document
//! the client is generated from (`spec/signalwire-rest.openapi.yaml` with
//! `spec/signalwire-rest.overlay.yaml` applied) as a validating mock.
//!
//! Prism checks every request against the spec and answers an invalid one
//! with `422`, so a `200` here means the request the client sent is one the
//! spec allows. Prism's answers are built from the spec's own examples
//! (Prism's samples where the spec has none, such as `format: uuid`), or,
//! with `Prefer: dynamic=true`, generated from its schemas; so decoding them
//! checks the client's types against the spec too.
//!
//! `cargo xtask test` installs the pinned Prism, starts it, sets `PRISM_URL`
//! and runs these tests with `--ignored`; a plain `cargo test` skips them.

use futures_util::StreamExt as _;
use signalwire_rest::header::{HeaderName, HeaderValue};
use signalwire_rest::uuid::Uuid;
use signalwire_rest::{
    CallHandlerType, Ciphers, Client, Codecs, Encryption, Error, FabricAddressCallType,
    ListSipCredentialAddressesParams, ListSipCredentialsParams, Nullable,
    ResourceResponseSipEndpoint, ResourceResponseSipEndpointType, RetryPolicy,
    SipEndpointCreateRequest, SipEndpointCreateRequestRequired, SipEndpointUpdateRequest,
    UpdateSipCredentialError,
};

use integration_tests::{API_TOKEN, PROJECT_ID};

/// The ID in Prism's answers (its sample of `format: uuid`: the document
/// gives the IDs no example of their own), and any other valid UUID.
fn id() -> Uuid {
    Uuid::parse_str("497f6eca-6276-4993-bfeb-53cbbbba6f08").expect("a valid UUID literal")
}

/// A client of the Prism started by `cargo xtask test`. Retries are off so
/// that each test sees exactly the answer Prism gave.
fn client() -> Client {
    let url = std::env::var("PRISM_URL").unwrap_or_else(|_| {
        panic!("PRISM_URL is not set: run the contract tests with `cargo xtask test`")
    });
    Client::from_base_url(PROJECT_ID, API_TOKEN, &url)
        .expect("Prism's loopback URL is a valid base URL")
        .with_retry(RetryPolicy::none())
}

/// The client asking Prism for a given response (`code=404`, `dynamic=true`).
fn preferring(prefer: &str) -> Client {
    client()
        .with_header(
            HeaderName::from_static("prefer"),
            HeaderValue::from_str(prefer).expect("a valid header value"),
        )
        .expect("Prefer is not a credential header")
}

/// Sends `request` and expects Prism to accept it (a `200`).
async fn accepted(request: &SipEndpointUpdateRequest) -> ResourceResponseSipEndpoint {
    match client().update_sip_credential(id(), request).await {
        Ok(response) => response,
        Err(error) => panic!(
            "Prism refused {}: {error}",
            serde_json::to_string(request).unwrap_or_default()
        ),
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn every_field_set_is_a_valid_request() {
    let request = SipEndpointUpdateRequest::new()
        .username("alice")
        .caller_id("+15551234567")
        .send_as("alice-desk")
        .ciphers(Ciphers::KNOWN.iter().cloned())
        .codecs(Codecs::KNOWN.iter().cloned())
        .encryption(Encryption::Required)
        .call_handler(CallHandlerType::Resource)
        .calling_handler_resource_id(Uuid::from_u128(0x0f0a_4c2e_6a8b_4d2f_9b1e_3c5d_7e9f_1a2b));
    accepted(&request).await;
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn every_value_of_every_enum_is_a_valid_request() {
    for cipher in Ciphers::KNOWN {
        accepted(&SipEndpointUpdateRequest::new().ciphers([cipher.clone()])).await;
    }
    for codec in Codecs::KNOWN {
        accepted(&SipEndpointUpdateRequest::new().codecs([codec.clone()])).await;
    }
    for encryption in Encryption::KNOWN {
        accepted(&SipEndpointUpdateRequest::new().encryption(encryption.clone())).await;
    }
    for handler in CallHandlerType::KNOWN {
        accepted(&SipEndpointUpdateRequest::new().call_handler(handler.clone())).await;
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn explicit_null_empty_arrays_and_an_empty_update_are_valid_requests() {
    accepted(&SipEndpointUpdateRequest::new().clear_calling_handler_resource_id()).await;
    accepted(&SipEndpointUpdateRequest::new().codecs([]).ciphers([])).await;
    accepted(&SipEndpointUpdateRequest::new()).await;
}

/// The control for the tests above: Prism does validate, so a value the spec
/// does not list is refused (with the spec's `422`).
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn a_value_the_spec_does_not_list_is_refused_by_prism() {
    let request = SipEndpointUpdateRequest::new().codecs([Codecs::from("OPUS@96000H@20I")]);
    let error = client()
        .update_sip_credential(id(), &request)
        .await
        .expect_err("Prism must refuse a codec the spec does not list");
    let Some(api) = error.api_error() else {
        panic!("expected an API error, got {error}");
    };
    assert_eq!(api.status(), 422);
    assert!(
        matches!(api.body(), UpdateSipCredentialError::UnprocessableEntity(_)),
        "{error}"
    );
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn the_spec_example_of_the_200_decodes() {
    let response = accepted(&SipEndpointUpdateRequest::new().username("alice")).await;
    assert_eq!(response.id, id());
    assert_eq!(
        response.project_id,
        Uuid::parse_str("405d8375-3514-403b-8c43-83ae74cfe0e9").unwrap()
    );
    assert_eq!(response.display_name, "My Resource");
    assert_eq!(response.type_, ResourceResponseSipEndpointType::SipEndpoint);
    assert_eq!(
        response.created_at.to_rfc3339(),
        "2024-05-06T12:20:00+00:00"
    );
    assert_eq!(
        response.updated_at.to_rfc3339(),
        "2024-05-06T12:20:00+00:00"
    );
    let endpoint = &response.sip_endpoint;
    assert_eq!(endpoint.id, id());
    assert_eq!(endpoint.username, "User");
    assert_eq!(endpoint.caller_id, "123456789");
    assert_eq!(endpoint.send_as, "Support");
    assert_eq!(
        endpoint.ciphers,
        [Ciphers::AeadAes256Gcm8, Ciphers::Aes256CmHmacSha1_32]
    );
    assert_eq!(
        endpoint.codecs,
        [Codecs::G722, Codecs::Pcma, Codecs::Pcmu, Codecs::Vp8]
    );
    // Prism samples the first value of the `Encryption` enum here, not the
    // property's example (`default`).
    assert_eq!(endpoint.encryption, Encryption::Required);
    assert_eq!(endpoint.call_handler, CallHandlerType::Default);
    assert_eq!(
        endpoint.calling_handler_resource_id,
        Some(Uuid::parse_str("9cc5f544-0312-4ff6-bdde-95e736a507e0").unwrap())
    );
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn responses_generated_from_the_schemas_decode() {
    let client = preferring("dynamic=true");
    for _ in 0..20 {
        let response = client
            .update_sip_credential(id(), &SipEndpointUpdateRequest::new())
            .await;
        if let Err(error) = response {
            panic!("a response Prism generated from the spec did not decode: {error}");
        }
    }
}

/// Each declared error status, with the body the spec gives as its example.
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn every_declared_error_status_decodes_into_its_variant() {
    let request = SipEndpointUpdateRequest::new().username("alice");
    for (status, message) in [
        (401, "Unauthorized"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ] {
        let error = preferring(&format!("code={status}"))
            .update_sip_credential(id(), &request)
            .await
            .expect_err("Prism answers with the preferred error status");
        let Error::Api(api) = &error else {
            panic!("{status}: expected Error::Api, got {error:?}");
        };
        assert_eq!(api.status(), status);
        // Each status has its own body type; its `error` is the one value
        // the document lists for it.
        let (error, known) = match api.body() {
            UpdateSipCredentialError::Unauthorized(body) if status == 401 => {
                (body.error.as_str(), body.error.is_known())
            }
            UpdateSipCredentialError::NotFound(body) if status == 404 => {
                (body.error.as_str(), body.error.is_known())
            }
            UpdateSipCredentialError::InternalServerError(body) if status == 500 => {
                (body.error.as_str(), body.error.is_known())
            }
            other => panic!("{status}: wrong variant {other:?}"),
        };
        assert_eq!(error, message);
        assert!(known, "{status}: {error}");
    }

    let error = preferring("code=422")
        .update_sip_credential(id(), &request)
        .await
        .expect_err("Prism answers with the preferred error status");
    let Some(UpdateSipCredentialError::UnprocessableEntity(body)) =
        error.api_error().map(|a| a.body())
    else {
        panic!("expected a 422 API error, got {error:?}");
    };
    let [item] = body.errors.as_slice() else {
        panic!("the spec's example has one item: {body:?}");
    };
    assert_eq!(item.type_, "validation_error");
    assert_eq!(item.code, "invalid_parameter_value");
    assert_eq!(
        item.message,
        "encryption must be one of: disabled, optional, required"
    );
    assert_eq!(item.attribute, Nullable::Value("encryption".to_owned()));
    assert_eq!(item.url, "https://signalwire.com/docs/apis/error-codes");
}

// ----- the other operations of the resource -----

/// Every declared error status of an operation decodes: `call` is made with
/// Prism preferring each status, and `check` gets the status and the error.
async fn each_error_status<T, E, F>(statuses: &[u16], call: impl Fn(Client) -> F)
where
    T: std::fmt::Debug,
    E: std::fmt::Debug,
    F: std::future::Future<Output = Result<T, Error<E>>>,
{
    for &status in statuses {
        let error = call(preferring(&format!("code={status}")))
            .await
            .expect_err("Prism answers with the preferred error status");
        let Some(api) = error.api_error() else {
            panic!("{status}: expected Error::Api, got {error:?}");
        };
        assert_eq!(api.status(), status, "{error:?}");
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn list_requests_with_and_without_page_parameters_are_valid() {
    for params in [
        ListSipCredentialsParams::new(),
        ListSipCredentialsParams::new().page_size(1),
        ListSipCredentialsParams::new()
            .page_size(1000)
            .page_token("PA6581c1fa-d985-4c8f-b53e-2fee11b579ad"),
    ] {
        let page = client()
            .list_sip_credentials(&params)
            .await
            .unwrap_or_else(|error| panic!("Prism refused {params:?}: {error}"));
        // The spec's example: one endpoint. The page links have no example
        // in the document; Prism fills each with its sample string.
        let [endpoint] = page.data.as_slice() else {
            panic!("the spec's example has one endpoint: {page:?}");
        };
        assert_eq!(endpoint.id, id());
        assert_eq!(endpoint.sip_endpoint.username, "User");
        assert_eq!(page.links.next.as_deref(), Some("string"));
    }
}

/// The control for the page size: Prism checks the query against the
/// spec's limits.
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn a_page_size_outside_the_limits_is_refused_by_prism() {
    for size in [0, 1001] {
        let error = client()
            .list_sip_credentials(&ListSipCredentialsParams::new().page_size(size))
            .await
            .expect_err("Prism must refuse a page size outside 1..=1000");
        // SignalWire's document declares no `422` for the list: Prism's
        // refusal is a status the client does not know.
        assert!(
            matches!(error, Error::UnexpectedStatus { status: 422, .. }),
            "{size}: {error:?}"
        );
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn list_streams_yield_the_spec_example_page_then_follow_its_next_link() {
    // The example page links to `next: "string"` (Prism's sample: the
    // document has no example of the links), a URL relative to the base
    // URL, so on Prism's origin: the stream follows it, and Prism, which
    // has no such path, answers `404` with a body of its own.
    let endpoints: Vec<_> = client()
        .list_sip_credentials_stream(&ListSipCredentialsParams::new().page_size(50))
        .collect()
        .await;
    let [Ok(endpoint), Err(error)] = endpoints.as_slice() else {
        panic!("one endpoint, then the error of the next page: {endpoints:?}");
    };
    assert_eq!(endpoint.display_name, "My Resource");
    assert_eq!(error.status(), Some(404), "{error:?}");

    // The addresses' example links to the next page on
    // example.signalwire.com: another origin, which the stream refuses
    // without sending anything there.
    let addresses: Vec<_> = client()
        .list_sip_credential_addresses_stream(id(), &ListSipCredentialAddressesParams::new())
        .collect()
        .await;
    let [Ok(address), Err(Error::ForeignNextLink { link })] = addresses.as_slice() else {
        panic!("one address, then the foreign next link: {addresses:?}");
    };
    assert_eq!(address.id, id());
    assert_eq!(address.name, "justice-league");
    assert_eq!(address.display_name, "Justice League");
    assert_eq!(address.type_, FabricAddressCallType::Call);
    assert!(address.locked);
    assert_eq!(
        address.channels.audio.as_deref(),
        Some("/external/resource_name?channel=audio")
    );
    assert_eq!(
        link,
        "https://example.signalwire.com/api/fabric/resources/sip_endpoints/7ecfd15a-fb9a-45a4-9b89-c0740a44c593/addresses?page_number=1&page_size=50&page_token=PAbff61159-faab-48b3-959a-3021a8f5beca&type=sip_endpoint"
    );
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn create_requests_with_the_required_or_every_field_are_valid() {
    let minimal = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    });
    let full = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    })
    .send_as("alice-desk")
    .ciphers(Ciphers::KNOWN.iter().cloned())
    .codecs(Codecs::KNOWN.iter().cloned())
    .encryption(Encryption::Optional)
    .call_handler(CallHandlerType::Resource)
    .calling_handler_resource_id(Uuid::from_u128(0x0f0a_4c2e_6a8b_4d2f_9b1e_3c5d_7e9f_1a2b));
    let cleared = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
        username: "bob".into(),
        caller_id: "+15557654321".into(),
    })
    .clear_calling_handler_resource_id()
    .codecs([]);
    for request in [minimal, full, cleared] {
        let created = client()
            .create_sip_credential(&request)
            .await
            .unwrap_or_else(|error| panic!("Prism refused {request:?}: {error}"));
        assert_eq!(created.id, id());
    }
    each_error_status(&[401, 404, 422, 500], |client| async move {
        client
            .create_sip_credential(&SipEndpointCreateRequest::new(
                SipEndpointCreateRequestRequired {
                    username: "alice".into(),
                    caller_id: "+15551234567".into(),
                },
            ))
            .await
    })
    .await;
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn get_delete_and_addresses_are_valid_requests_and_their_answers_decode() {
    let endpoint = client().get_sip_credential(id()).await.expect("a 200");
    assert_eq!(
        endpoint.sip_endpoint.codecs,
        [Codecs::G722, Codecs::Pcma, Codecs::Pcmu, Codecs::Vp8]
    );
    let deleted: () = client().delete_sip_credential(id()).await.expect("a 204");
    assert_eq!(deleted, ());
    let page = client()
        .list_sip_credential_addresses(id(), &ListSipCredentialAddressesParams::new().page_size(10))
        .await
        .expect("a 200");
    assert_eq!(page.data.len(), 1);
    each_error_status(&[401, 404, 500], |client| async move {
        client.get_sip_credential(id()).await
    })
    .await;
    each_error_status(&[401, 404, 500], |client| async move {
        client.delete_sip_credential(id()).await
    })
    .await;
    each_error_status(&[401, 404, 500], |client| async move {
        client
            .list_sip_credential_addresses(id(), &ListSipCredentialAddressesParams::new())
            .await
    })
    .await;
    each_error_status(&[401, 404, 500], |client| async move {
        client
            .list_sip_credentials(&ListSipCredentialsParams::new())
            .await
    })
    .await;
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn every_operation_decodes_responses_generated_from_the_schemas() {
    let client = preferring("dynamic=true");
    for _ in 0..10 {
        if let Err(error) = client
            .list_sip_credentials(&ListSipCredentialsParams::new())
            .await
        {
            panic!("a generated list page did not decode: {error}");
        }
        let request = SipEndpointCreateRequest::new(SipEndpointCreateRequestRequired {
            username: "alice".into(),
            caller_id: "+15551234567".into(),
        });
        if let Err(error) = client.create_sip_credential(&request).await {
            panic!("a generated created endpoint did not decode: {error}");
        }
        if let Err(error) = client.get_sip_credential(id()).await {
            panic!("a generated endpoint did not decode: {error}");
        }
        let params = ListSipCredentialAddressesParams::new();
        if let Err(error) = client.list_sip_credential_addresses(id(), &params).await {
            panic!("a generated address page did not decode: {error}");
        }
    }
}
