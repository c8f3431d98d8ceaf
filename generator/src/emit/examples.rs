//! Documented examples -> one test that decodes each into its generated
//! type and encodes it again. Known mismatches live in a reviewed file.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ty;
use crate::model::Api;

pub fn examples(api: &Api, findings_path: &str) -> TokenStream {
    let checks = api.examples.iter().map(|e| {
        let t = ty(&e.ty);
        let pointer = &e.pointer;
        let json = serde_json::to_string(&e.value).unwrap_or_default();
        quote! { let _: Checked<#t> = report.check(#pointer, #json); }
    });
    let count = api.examples.len();
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
            report.finish(#count);
        }
    }
}
