//! What the generated code calls: the request description, response
//! decoding and pagination. Not part of the public API; it may change
//! in any release.

pub use reqwest::Method;

pub use crate::auth::Auth;
pub use crate::paginate::paginate;
pub use crate::request::{encode_path, Body, Request};
pub use crate::response::{decode_json, RawResponse};
