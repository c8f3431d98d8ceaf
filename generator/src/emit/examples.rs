//! Documented examples -> one test that decodes each into its generated
//! type and encodes it again. Known mismatches live in a reviewed file.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::members;
use super::tokens::{ident, ty};
use crate::model::Api;

pub fn examples(api: &Api, findings_path: &str) -> TokenStream {
    let checks = api.examples.iter().map(|e| {
        let t = ty(&e.ty);
        let pointer = &e.pointer;
        let json = serde_json::to_string(&e.value).unwrap_or_default();
        match &e.envelope {
            // An answer in the envelope is checked as the method reads it.
            Some(u) => {
                let meta = u.meta.as_ref().map(|(_, m)| ty(m)).unwrap_or_else(|| quote!(()));
                let members = members(u, quote!(crate::runtime));
                quote! { report.check_enveloped::<#t, #meta>(#pointer, #json, #members); }
            }
            None => quote! { let _: Checked<#t> = report.check(#pointer, #json); },
        }
    });
    let count = api.examples.len();
    let webhook_checks: Vec<TokenStream> = api
        .webhooks
        .iter()
        .flat_map(|w| {
            let variant = ident(&w.variant);
            w.examples.iter().map(move |example| {
                let json = serde_json::to_string(example).unwrap_or_default();
                let name = &w.name;
                quote! {
                    let events = super::webhooks::parse_webhook(#json.as_bytes()).expect(#name);
                    assert!(matches!(events.as_slice(), [super::webhooks::WebhookEvent::#variant(_)]), "{}: {events:?}", #name);
                }
            })
        })
        .collect();
    let webhook_test = (!webhook_checks.is_empty()).then(|| {
        quote! {
            #[test]
            fn webhook_examples_parse_into_their_events() {
                #(#webhook_checks)*
            }
        }
    });
    quote! {
        #![cfg(test)]
        #![allow(deprecated)]

        use super::types::*;
        use crate::testing::Checked;

        #[test]
        fn documented_examples_decode_and_round_trip() {
            let findings = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), #findings_path));
            let mut report = crate::testing::ExampleReport::new(findings);
            #(#checks)*
            let mutations = report.finish(#count);
            eprintln!("{}: {mutations} quirk mutations of the documented examples decoded", module_path!());
        }

        #webhook_test
    }
}
