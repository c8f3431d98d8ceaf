//! Incoming webhooks -> one event enum and a parser. No client methods:
//! these are requests the API sends, not calls.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::tokens::{ident, ty};
use crate::model::*;

pub fn webhooks(api: &Api) -> TokenStream {
    let variants = api.webhooks.iter().map(|w| {
        let mut lines = Vec::new();
        if let Some(s) = &w.summary {
            lines.extend(docs::markdown(s));
        }
        if let Some(d) = &w.description {
            lines.push(String::new());
            lines.extend(docs::markdown(d));
        }
        let doc = docs::attrs(&lines);
        let v = ident(&w.variant);
        let t = ty(&w.ty);
        quote! { #doc #v(#t), }
    });
    let tagged = api.webhooks.iter().filter_map(|w| {
        let (prop, value) = w.tag.as_ref()?;
        let v = ident(&w.variant);
        let t = ty(&w.ty);
        let name = &w.name;
        Some(quote! {
            if value.get(#prop).and_then(serde_json::Value::as_str) == Some(#value) {
                return runtime::decode_json::<#t>(#name, body).map(WebhookEvent::#v);
            }
        })
    });
    let untagged = api.webhooks.iter().filter(|w| w.tag.is_none()).map(|w| {
        let v = ident(&w.variant);
        let t = ty(&w.ty);
        quote! {
            if let Ok(event) = serde_json::from_value::<#t>(value.clone()) {
                return Ok(WebhookEvent::#v(event));
            }
        }
    });
    quote! {
        use crate::runtime;
        use crate::Error;
        use super::types::*;

        /// A request the API sends to the integration's webhook URL.
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum WebhookEvent {
            #(#variants)*
            /// An event this version of the client does not know, as received.
            Unknown(serde_json::Value),
        }

        /// Parses the body of an incoming webhook request into its event.
        ///
        /// Known events that do not match their documented shape give
        /// [`Error::Decode`] naming the failing field; events this client
        /// does not know yet give [`WebhookEvent::Unknown`].
        pub fn parse_webhook(body: &[u8]) -> Result<WebhookEvent, Error> {
            let value: serde_json::Value = runtime::decode_json("webhook", body)?;
            #(#tagged)*
            #(#untagged)*
            Ok(WebhookEvent::Unknown(value))
        }
    }
}
