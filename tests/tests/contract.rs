//! Contract tests: the generated client against Prism serving
//! `spec/signalwire-fabric.yaml` as a validating mock.
//!
//! Prism checks every request against the spec and answers an invalid one
//! with `422`, so a `200` here means the request the client sent is one the
//! spec allows. Prism's answers are the spec's own examples (or, with
//! `Prefer: dynamic=true`, data generated from its schemas), so decoding them
//! checks the client's types against the spec too.
//!
//! `cargo xtask test` installs the pinned Prism, starts it, sets `PRISM_URL`
//! and runs these tests with `--ignored`; a plain `cargo test` skips them.

use futures_util::StreamExt as _;
use signalwire_fabric::header::{HeaderName, HeaderValue};
use signalwire_fabric::uuid::Uuid;
use signalwire_fabric::{
    CallHandlerType, Cipher, Client, Codec, CreateSipEndpointRequest,
    CreateSipEndpointRequestRequired, Encryption, Error, FabricResourceType,
    ListSipEndpointAddressesParams, ListSipEndpointsError, ListSipEndpointsParams, Nullable,
    RetryPolicy, SipEndpointResponse, UpdateSipEndpointError, UpdateSipEndpointRequest,
};

use integration_tests::{API_TOKEN, PROJECT_ID};

/// The ID Prism's examples use, and any other valid UUID.
fn id() -> Uuid {
    Uuid::parse_str("2537c89f-b1a3-4e5d-a7b5-9a3b2f6a0d1c").expect("a valid UUID literal")
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
async fn accepted(request: &UpdateSipEndpointRequest) -> SipEndpointResponse {
    match client().update_sip_endpoint(id(), request).await {
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
    let request = UpdateSipEndpointRequest::new()
        .username("alice")
        .caller_id("+15551234567")
        .send_as("alice-desk")
        .ciphers(Cipher::KNOWN.iter().cloned())
        .codecs(Codec::KNOWN.iter().cloned())
        .encryption(Encryption::Required)
        .call_handler(CallHandlerType::Resource)
        .calling_handler_resource_id(Uuid::from_u128(0x0f0a_4c2e_6a8b_4d2f_9b1e_3c5d_7e9f_1a2b));
    accepted(&request).await;
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn every_value_of_every_enum_is_a_valid_request() {
    for cipher in Cipher::KNOWN {
        accepted(&UpdateSipEndpointRequest::new().ciphers([cipher.clone()])).await;
    }
    for codec in Codec::KNOWN {
        accepted(&UpdateSipEndpointRequest::new().codecs([codec.clone()])).await;
    }
    for encryption in Encryption::KNOWN {
        accepted(&UpdateSipEndpointRequest::new().encryption(encryption.clone())).await;
    }
    for handler in CallHandlerType::KNOWN {
        accepted(&UpdateSipEndpointRequest::new().call_handler(handler.clone())).await;
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn explicit_null_empty_arrays_and_an_empty_update_are_valid_requests() {
    accepted(&UpdateSipEndpointRequest::new().clear_calling_handler_resource_id()).await;
    accepted(&UpdateSipEndpointRequest::new().codecs([]).ciphers([])).await;
    accepted(&UpdateSipEndpointRequest::new()).await;
}

/// The control for the tests above: Prism does validate, so a value the spec
/// does not list is refused (with the spec's `422`).
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn a_value_the_spec_does_not_list_is_refused_by_prism() {
    let request = UpdateSipEndpointRequest::new().codecs([Codec::from("OPUS@48000H@20I")]);
    let error = client()
        .update_sip_endpoint(id(), &request)
        .await
        .expect_err("Prism must refuse a codec the spec does not list");
    let Some(api) = error.api_error() else {
        panic!("expected an API error, got {error}");
    };
    assert_eq!(api.status(), 422);
    assert!(
        matches!(api.body(), UpdateSipEndpointError::UnprocessableEntity(_)),
        "{error}"
    );
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn the_spec_example_of_the_200_decodes() {
    let response = accepted(&UpdateSipEndpointRequest::new().username("alice")).await;
    assert_eq!(response.id, id());
    assert_eq!(
        response.project_id,
        Uuid::parse_str("7b1f0e4a-3c2d-4e5f-8a9b-0c1d2e3f4a5b").unwrap()
    );
    assert_eq!(response.display_name, "Alice's desk phone");
    assert_eq!(response.type_, FabricResourceType::SipEndpoint);
    assert_eq!(
        response.created_at.to_rfc3339(),
        "2024-05-06T12:20:00+00:00"
    );
    assert_eq!(
        response.updated_at.to_rfc3339(),
        "2024-05-06T12:20:00+00:00"
    );
    let endpoint = &response.sip_endpoint;
    assert_eq!(endpoint.username, "alice");
    assert_eq!(endpoint.caller_id, "+15551234567");
    assert_eq!(endpoint.send_as, "alice-desk");
    assert_eq!(
        endpoint.ciphers,
        [Cipher::AeadAes256Gcm8, Cipher::AesCm128HmacSha1_80]
    );
    assert_eq!(endpoint.codecs, [Codec::Pcmu, Codec::Pcma, Codec::Opus]);
    assert_eq!(endpoint.encryption, Encryption::Default);
    assert_eq!(endpoint.call_handler, CallHandlerType::Default);
    assert_eq!(endpoint.calling_handler_resource_id, None);
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn responses_generated_from_the_schemas_decode() {
    let client = preferring("dynamic=true");
    for _ in 0..20 {
        let response = client
            .update_sip_endpoint(id(), &UpdateSipEndpointRequest::new())
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
    let request = UpdateSipEndpointRequest::new().username("alice");
    for (status, message) in [
        (401, "Unauthorized"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ] {
        let error = preferring(&format!("code={status}"))
            .update_sip_endpoint(id(), &request)
            .await
            .expect_err("Prism answers with the preferred error status");
        let Error::Api(api) = &error else {
            panic!("{status}: expected Error::Api, got {error:?}");
        };
        assert_eq!(api.status(), status);
        let body = match api.body() {
            UpdateSipEndpointError::Unauthorized(body) if status == 401 => body,
            UpdateSipEndpointError::NotFound(body) if status == 404 => body,
            UpdateSipEndpointError::InternalServerError(body) if status == 500 => body,
            other => panic!("{status}: wrong variant {other:?}"),
        };
        assert_eq!(body.error, message);
    }

    let error = preferring("code=422")
        .update_sip_endpoint(id(), &request)
        .await
        .expect_err("Prism answers with the preferred error status");
    let Some(UpdateSipEndpointError::UnprocessableEntity(body)) =
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
        "Encryption must be one of required, optional, default."
    );
    assert_eq!(item.attribute, Nullable::Value("encryption".to_owned()));
    assert_eq!(
        item.url,
        "https://developer.signalwire.com/rest/overview/error-codes#invalid_parameter_value"
    );
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
        ListSipEndpointsParams::new(),
        ListSipEndpointsParams::new().page_size(1),
        ListSipEndpointsParams::new()
            .page_size(1000)
            .page_token("PA6581c1fa-d985-4c8f-b53e-2fee11b579ad"),
    ] {
        let page = client()
            .list_sip_endpoints(&params)
            .await
            .unwrap_or_else(|error| panic!("Prism refused {params:?}: {error}"));
        // The spec's example: one endpoint, the last page.
        let [endpoint] = page.data.as_slice() else {
            panic!("the spec's example has one endpoint: {page:?}");
        };
        assert_eq!(endpoint.id, id());
        assert_eq!(endpoint.sip_endpoint.username, "alice");
        assert_eq!(page.links.next, None);
    }
}

/// The control for the page size: Prism checks the query against the
/// spec's limits.
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn a_page_size_outside_the_limits_is_refused_by_prism() {
    for size in [0, 1001] {
        let error = client()
            .list_sip_endpoints(&ListSipEndpointsParams::new().page_size(size))
            .await
            .expect_err("Prism must refuse a page size outside 1..=1000");
        assert!(
            matches!(
                error.api_error().map(|api| api.body()),
                Some(ListSipEndpointsError::UnprocessableEntity(_))
            ),
            "{size}: {error:?}"
        );
    }
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn list_streams_end_after_the_spec_example_page() {
    let endpoints: Vec<_> = client()
        .list_sip_endpoints_stream(&ListSipEndpointsParams::new().page_size(50))
        .collect()
        .await;
    let [Ok(endpoint)] = endpoints.as_slice() else {
        panic!("one endpoint, then the end: {endpoints:?}");
    };
    assert_eq!(endpoint.display_name, "Alice's desk phone");

    let addresses: Vec<_> = client()
        .list_sip_endpoint_addresses_stream(id(), &ListSipEndpointAddressesParams::new())
        .collect()
        .await;
    let [Ok(address)] = addresses.as_slice() else {
        panic!("one address, then the end: {addresses:?}");
    };
    assert_eq!(address.name, "alice");
    assert_eq!(address.resource_id, id());
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask test`"]
async fn create_requests_with_the_required_or_every_field_are_valid() {
    let minimal = CreateSipEndpointRequest::new(CreateSipEndpointRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    });
    let full = CreateSipEndpointRequest::new(CreateSipEndpointRequestRequired {
        username: "alice".into(),
        caller_id: "+15551234567".into(),
    })
    .send_as("alice-desk")
    .ciphers(Cipher::KNOWN.iter().cloned())
    .codecs(Codec::KNOWN.iter().cloned())
    .encryption(Encryption::Optional)
    .call_handler(CallHandlerType::Resource)
    .calling_handler_resource_id(Uuid::from_u128(0x0f0a_4c2e_6a8b_4d2f_9b1e_3c5d_7e9f_1a2b));
    let cleared = CreateSipEndpointRequest::new(CreateSipEndpointRequestRequired {
        username: "bob".into(),
        caller_id: "+15557654321".into(),
    })
    .clear_calling_handler_resource_id()
    .codecs([]);
    for request in [minimal, full, cleared] {
        let created = client()
            .create_sip_endpoint(&request)
            .await
            .unwrap_or_else(|error| panic!("Prism refused {request:?}: {error}"));
        assert_eq!(created.id, id());
    }
    each_error_status(&[401, 404, 422, 500], |client| async move {
        client
            .create_sip_endpoint(&CreateSipEndpointRequest::new(
                CreateSipEndpointRequestRequired {
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
    let endpoint = client().get_sip_endpoint(id()).await.expect("a 200");
    assert_eq!(
        endpoint.sip_endpoint.codecs,
        [Codec::Pcmu, Codec::Pcma, Codec::Opus]
    );
    let deleted: () = client().delete_sip_endpoint(id()).await.expect("a 204");
    assert_eq!(deleted, ());
    let page = client()
        .list_sip_endpoint_addresses(id(), &ListSipEndpointAddressesParams::new().page_size(10))
        .await
        .expect("a 200");
    assert_eq!(page.data.len(), 1);
    each_error_status(&[401, 404, 500], |client| async move {
        client.get_sip_endpoint(id()).await
    })
    .await;
    each_error_status(&[401, 404, 500], |client| async move {
        client.delete_sip_endpoint(id()).await
    })
    .await;
    each_error_status(&[401, 404, 500], |client| async move {
        client
            .list_sip_endpoint_addresses(id(), &ListSipEndpointAddressesParams::new())
            .await
    })
    .await;
    each_error_status(&[401, 422, 500], |client| async move {
        client
            .list_sip_endpoints(&ListSipEndpointsParams::new())
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
            .list_sip_endpoints(&ListSipEndpointsParams::new())
            .await
        {
            panic!("a generated list page did not decode: {error}");
        }
        let request = CreateSipEndpointRequest::new(CreateSipEndpointRequestRequired {
            username: "alice".into(),
            caller_id: "+15551234567".into(),
        });
        if let Err(error) = client.create_sip_endpoint(&request).await {
            panic!("a generated created endpoint did not decode: {error}");
        }
        if let Err(error) = client.get_sip_endpoint(id()).await {
            panic!("a generated endpoint did not decode: {error}");
        }
        let params = ListSipEndpointAddressesParams::new();
        if let Err(error) = client.list_sip_endpoint_addresses(id(), &params).await {
            panic!("a generated address page did not decode: {error}");
        }
    }
}
