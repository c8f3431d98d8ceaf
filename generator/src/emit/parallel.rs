//! Printing files on every core. Parsing tokens back into `syn` and
//! pretty-printing them is most of the emit stage, and files (and runs of
//! items within a file) print independently. `proc_macro2` token streams
//! are not `Send`, so each piece builds its own tokens on its thread; the
//! texts are joined in a fixed order, so the output never depends on the
//! number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use proc_macro2::TokenStream;

use super::EmitError;

/// One run of items of a file: builds its tokens and prints them.
pub struct Piece<'a> {
    /// The file the piece belongs to, for error messages.
    pub file: String,
    build: Box<dyn FnOnce() -> TokenStream + Send + 'a>,
}

impl<'a> Piece<'a> {
    pub fn new(file: &str, build: impl FnOnce() -> TokenStream + Send + 'a) -> Self {
        Piece { file: file.to_owned(), build: Box::new(build) }
    }

    fn print(self) -> Result<String, EmitError> {
        let tokens = (self.build)();
        let file: syn::File =
            syn::parse2(tokens).map_err(|e| EmitError { file: self.file.clone(), message: e.to_string() })?;
        Ok(prettyplease::unparse(&file))
    }
}

/// Prints every piece, in parallel, and returns the texts in input order.
pub fn print_all(pieces: Vec<Piece<'_>>) -> Result<Vec<String>, EmitError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(pieces.len());
    if threads <= 1 {
        return pieces.into_iter().map(Piece::print).collect();
    }
    let slots: Vec<Mutex<Option<Piece<'_>>>> = pieces.into_iter().map(|p| Mutex::new(Some(p))).collect();
    let results: Vec<Mutex<Option<Result<String, EmitError>>>> =
        slots.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = slots.get(i) else { break };
                let piece = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(piece) = piece {
                    let printed = piece.print();
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(printed);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every piece was printed"))
        .collect()
}

/// Joins the printed pieces of one file. prettyplease leaves out the last
/// line break of a file that holds only inner attributes, so each piece is
/// ended with one before the next is added.
pub fn join(texts: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for text in texts {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&text);
    }
    out
}

/// Splits `items` into runs of at least `min_len`, about four per core, so
/// that one large file does not leave a core idle.
pub fn chunks<T>(items: &[T], min_len: usize) -> impl Iterator<Item = &[T]> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let len = items.len().div_ceil(cores * 4).max(min_len).max(1);
    items.chunks(len)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn items() -> Vec<TokenStream> {
        (0..12)
            .map(|i| {
                let name = quote::format_ident!("Item{i}");
                let doc = format!(" Item number {i}, with [brackets] and a `code` span.");
                quote! {
                    #[doc = #doc]
                    #[derive(Debug, Clone, serde::Serialize)]
                    pub struct #name { #[serde(rename = "x-y")] pub x_y: Option<Vec<String>> }
                    impl #name {
                        pub fn new() -> Self { Self { x_y: None } }
                    }
                    pub const ALL: &[&str] = &["a", "b"];
                }
            })
            .collect()
    }

    /// The joined pieces must print exactly as the whole file would, for any
    /// split and any number of threads.
    #[test]
    fn pieces_join_into_the_whole_file() {
        let whole = {
            print_all(vec![Piece::new("f.rs", || {
                let all = items();
                quote!(#![allow(dead_code)] #(#all)*)
            })])
            .unwrap()
            .concat()
        };
        for size in [1, 5, 12] {
            let mut pieces = vec![Piece::new("f.rs", || quote!(#![allow(dead_code)]))];
            let all: Vec<String> = items().iter().map(ToString::to_string).collect();
            for chunk in all.chunks(size) {
                let chunk = chunk.to_vec();
                pieces.push(Piece::new("f.rs", move || {
                    chunk.iter().map(|s| s.parse::<TokenStream>().unwrap()).collect()
                }));
            }
            assert_eq!(join(print_all(pieces).unwrap()), whole, "split into runs of {size}");
        }
    }

    #[test]
    fn a_piece_that_is_not_rust_names_its_file() {
        let err = print_all(vec![
            Piece::new("a.rs", || {
                quote!(
                    pub struct A;
                )
            }),
            Piece::new("b.rs", || quote!(fn {})),
        ])
        .unwrap_err();
        assert_eq!(err.file, "b.rs");
    }

    #[test]
    fn runs_cover_every_item_in_order() {
        let items: Vec<usize> = (0..1000).collect();
        let joined: Vec<usize> = chunks(&items, 16).flatten().copied().collect();
        assert_eq!(joined, items);
        assert!(chunks(&items, 16).all(|c| c.len() >= 16 || c.last() == Some(&999)));
        assert_eq!(chunks(&items[..0], 16).count(), 0);
    }
}
