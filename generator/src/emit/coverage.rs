//! Which public items of a generated file have no doc comment, read back
//! from the source (what users see, whatever produced it): structs and
//! their public fields, enums and their variants, type aliases, functions,
//! constants, inline modules and the public methods of inherent impls.

/// The public items of one source file and those without docs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocCoverage {
    /// Whether the file starts with a module doc (`//!`).
    pub module_doc: bool,
    pub items: usize,
    /// Paths of the undocumented items (`Client::phone`, `Status::Active`).
    pub undocumented: Vec<String>,
}

/// The doc coverage of a source file.
pub fn doc_coverage(source: &str) -> Result<DocCoverage, syn::Error> {
    let file = syn::parse_file(source)?;
    let mut out = DocCoverage { module_doc: has_doc(&file.attrs), ..DocCoverage::default() };
    items(&file.items, "", &mut out);
    Ok(out)
}

fn has_doc(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

fn public(v: &syn::Visibility) -> bool {
    matches!(v, syn::Visibility::Public(_))
}

impl DocCoverage {
    fn item(&mut self, attrs: &[syn::Attribute], path: String) {
        self.items += 1;
        if !has_doc(attrs) {
            self.undocumented.push(path);
        }
    }
}

fn items(list: &[syn::Item], prefix: &str, out: &mut DocCoverage) {
    for item in list {
        match item {
            syn::Item::Struct(s) if public(&s.vis) => {
                let name = format!("{prefix}{}", s.ident);
                out.item(&s.attrs, name.clone());
                for (i, f) in s.fields.iter().enumerate().filter(|(_, f)| public(&f.vis)) {
                    let field = f.ident.as_ref().map_or_else(|| i.to_string(), ToString::to_string);
                    out.item(&f.attrs, format!("{name}::{field}"));
                }
            }
            syn::Item::Enum(e) if public(&e.vis) => {
                let name = format!("{prefix}{}", e.ident);
                out.item(&e.attrs, name.clone());
                for v in &e.variants {
                    out.item(&v.attrs, format!("{name}::{}", v.ident));
                }
            }
            syn::Item::Type(t) if public(&t.vis) => out.item(&t.attrs, format!("{prefix}{}", t.ident)),
            syn::Item::Fn(f) if public(&f.vis) => out.item(&f.attrs, format!("{prefix}{}", f.sig.ident)),
            syn::Item::Const(c) if public(&c.vis) => out.item(&c.attrs, format!("{prefix}{}", c.ident)),
            syn::Item::Static(s) if public(&s.vis) => out.item(&s.attrs, format!("{prefix}{}", s.ident)),
            syn::Item::Mod(m) if public(&m.vis) => {
                let name = format!("{prefix}{}", m.ident);
                // `pub mod x;` is documented in its own file.
                if let Some((_, content)) = &m.content {
                    out.item(&m.attrs, name.clone());
                    items(content, &format!("{name}::"), out);
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let ty = match &*i.self_ty {
                    syn::Type::Path(p) => {
                        p.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
                    }
                    other => quote::ToTokens::to_token_stream(other).to_string(),
                };
                for member in &i.items {
                    if let syn::ImplItem::Fn(f) = member {
                        if public(&f.vis) {
                            out.item(&f.attrs, format!("{prefix}{ty}::{}", f.sig.ident));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_public_items_without_docs() {
        let src = r#"
            //! A module.
            /// Documented.
            pub struct A { /// Yes.
                pub a: i32, pub b: i32, hidden: i32 }
            pub enum E { /// One.
                One, Two }
            struct Private;
            impl A { pub fn f() {} /// Documented.
                pub fn g() {} fn h() {} }
            impl Clone for E { fn clone(&self) -> Self { todo!() } }
            pub mod inner { pub type T = i32; }
        "#;
        let c = doc_coverage(src).unwrap();
        assert!(c.module_doc);
        assert_eq!(c.items, 10);
        assert_eq!(c.undocumented, ["A::b", "E", "E::Two", "A::f", "inner", "inner::T"]);
        assert!(!doc_coverage("pub struct S;").unwrap().module_doc);
        assert!(doc_coverage("pub struct").is_err());
    }
}
