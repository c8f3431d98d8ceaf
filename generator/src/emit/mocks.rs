//! Operations -> one typed mock each (the `mock` feature): a method per
//! operation on the API's `Mocks` handle that names the operation's method
//! and path template, typed with its success type. The runtime's `mock`
//! module does the rest.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{api_server, members, success};
use super::tokens::ident;
use crate::model::*;

pub fn mocks(api: &Api, options: &super::Options, title: &str) -> TokenStream {
    let accessor = ident(&options.module);
    let accessor_doc = format!(" Mocks of the {title} API's operations.");
    let handle_doc = format!(
        " Mocks of the {title} API; get one from [`MockServer::{}`].",
        options.module.trim_start_matches("r#")
    );
    let api_server = api_server(api, options);
    let methods = api.operations.iter().map(|op| {
        let name = ident(&op.method_name);
        let plain = op.method_name.trim_start_matches("r#");
        let success = success(op);
        let ok_args = success.type_args();
        let method = op.http_method.as_str();
        // Calls to another server keep that server's path on the mock's origin.
        let prefix = op.server.as_ref().or(api_server).map(|s| server_path(s)).unwrap_or_default();
        let route = format!("{prefix}{}", op.path);
        // One mock answers every method of the operation, whatever media type it sends.
        let also: String = op
            .alternatives
            .iter()
            .map(|a| format!(" and [`Api::{}`]", a.method_name.trim_start_matches("r#")))
            .collect();
        let doc = format!(" Mocks [`Api::{plain}`]{also}: `{method} {}`.", route.replace('`', "'"));
        // An enveloped operation's mock answers its data in the envelope.
        let mock = match &success.envelope {
            Some(u) => {
                let members = members(u, quote!(crate::runtime));
                quote!(self.server.enveloped(#method, #route, #members))
            }
            None => quote!(self.server.operation(#method, #route)),
        };
        quote! {
            #[doc = #doc]
            pub fn #name(&self) -> OperationMock<'a, #ok_args> {
                #mock
            }
        }
    });
    quote! {
        //! Typed mocks of the operations, for tests; see [`crate::mock`].
        #![allow(deprecated, unused_imports)]
        use super::*;
        use crate::mock::{MockServer, OperationMock};

        impl MockServer {
            #[doc = #accessor_doc]
            pub fn #accessor(&self) -> Mocks<'_> {
                Mocks { server: self }
            }
        }

        #[doc = #handle_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct Mocks<'a> {
            server: &'a MockServer,
        }

        impl<'a> Mocks<'a> {
            #(#methods)*
        }
    }
}

/// The path of a server URL (`https://api.alteg.io/api/v2` -> `/api/v2`),
/// without a trailing slash; a relative URL is a path already.
fn server_path(server: &str) -> String {
    let path = match server.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |at| &rest[at..]),
        None => server,
    };
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::server_path;

    #[test]
    fn server_paths() {
        assert_eq!(server_path("https://api.alteg.io/api/v2/"), "/api/v2");
        assert_eq!(server_path("https://app.alteg.io"), "");
        assert_eq!(server_path("/v1"), "/v1");
        assert_eq!(server_path("http://h:8080/a/b"), "/a/b");
    }
}
