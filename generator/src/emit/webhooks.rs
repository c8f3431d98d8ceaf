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
        if lines.iter().all(|l| l.trim().is_empty()) {
            let held = match &w.ty {
                TypeRef::Named(n) => format!("[`{n}`]"),
                other => format!("`{}`", super::signature::type_text(other)),
            };
            lines = vec![format!("The `{}` event: {held}.", w.name.replace('`', "'"))];
        }
        let doc = docs::attrs(&lines);
        let v = ident(&w.variant);
        let t = ty(&w.ty);
        quote! { #doc #v(#t), }
    });
    // Events are told apart by a tag property (Altegio's `resource`)
    // before their bodies are read; properties in order of first use.
    let mut properties: Vec<&str> = Vec::new();
    for w in &api.webhooks {
        if let Some((prop, _)) = &w.tag {
            if !properties.contains(&prop.as_str()) {
                properties.push(prop);
            }
        }
    }
    let tagged = properties.iter().map(|prop| {
        let arms = api.webhooks.iter().filter_map(|w| {
            let (p, values) = w.tag.as_ref()?;
            if p != prop || values.is_empty() {
                return None;
            }
            let v = ident(&w.variant);
            let t = ty(&w.ty);
            let name = &w.name;
            Some(quote! {
                Some(#(#values)|*) => return runtime::decode_value::<#t>(#name, value).map(WebhookEvent::#v),
            })
        });
        quote! {
            match value.get(#prop).and_then(serde_json::Value::as_str) {
                #(#arms)*
                // A tag this version does not know: not another event's shape.
                Some(_) => return Ok(WebhookEvent::Unknown(value)),
                None => {}
            }
        }
    });
    let untagged = api.webhooks.iter().filter(|w| w.tag.is_none()).map(|w| {
        let v = ident(&w.variant);
        let t = ty(&w.ty);
        let name = &w.name;
        quote! {
            if let Ok(event) = runtime::decode_value::<#t>(#name, value.clone()) {
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

        /// Parses the body of an incoming webhook request into its events:
        /// one event, or each event of a JSON array of them.
        ///
        /// An event is recognised by its tag before its body is read; a
        /// known event that does not match its documented shape (even read
        /// tolerantly) gives [`Error::Decode`] naming the failing field, and
        /// an event this client does not know yet gives
        /// [`WebhookEvent::Unknown`].
        pub fn parse_webhook(body: &[u8]) -> Result<Vec<WebhookEvent>, Error> {
            match runtime::decode_json::<serde_json::Value>("webhook", body)? {
                serde_json::Value::Array(events) => events.into_iter().map(event).collect(),
                one => event(one).map(|e| vec![e]),
            }
        }

        /// One event of a webhook body.
        fn event(value: serde_json::Value) -> Result<WebhookEvent, Error> {
            #(#tagged)*
            #(#untagged)*
            Ok(WebhookEvent::Unknown(value))
        }
    }
}
