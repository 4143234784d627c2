//! `calling_handler_resource_id(..)` takes a `Uuid`: there is no `None`
//! that could mean either "leave unchanged" or "clear". Clearing is spelled
//! `clear_calling_handler_resource_id()`; leaving it unchanged is not
//! calling either.

use signalwire_rest::SipEndpointUpdateRequest;

fn main() {
    let _request = SipEndpointUpdateRequest::new().calling_handler_resource_id(None);
}
