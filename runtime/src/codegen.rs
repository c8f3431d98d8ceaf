//! What the generated code calls: the request description, response
//! decoding and pagination. Not meant for hand-written code; it may
//! change in any release.

pub use reqwest::Method;

pub use crate::auth::Auth;
pub use crate::body::{FormStyle, Multipart, Part, PartValue};
#[doc(inline)]
pub use crate::call_span;
pub use crate::envelope::{EnvelopeMembers, EnvelopeSeed, Enveloped};
pub use crate::paginate::{paginate, Page};
pub use crate::request::{encode_path, Body, Request};
pub use crate::response::{decode_json, decode_value, RawResponse};
pub use crate::security::{Scheme, SchemeKind};
pub use crate::tolerant::{
    de, envelope, fits, from_value, integer_enum, object, plain, string_enum, Lenient, Seed, Shape, Tolerant,
};
pub use crate::wire::{whole_numbers, WireNumber};
pub use crate::Call;
