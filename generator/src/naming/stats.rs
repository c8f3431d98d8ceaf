//! The length distribution of generated type names, read back from the
//! generated sources (what users see, whatever produced it).

/// Names of the public structs, enums and type aliases a source file
/// defines at its top level.
pub fn type_names(source: &str) -> Result<Vec<String>, syn::Error> {
    let file = syn::parse_file(source)?;
    let public = |v: &syn::Visibility| matches!(v, syn::Visibility::Public(_));
    Ok(file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if public(&s.vis) => Some(s.ident.to_string()),
            syn::Item::Enum(e) if public(&e.vis) => Some(e.ident.to_string()),
            syn::Item::Type(t) if public(&t.vis) => Some(t.ident.to_string()),
            _ => None,
        })
        .collect())
}

/// Median, 90th percentile and maximum of name lengths (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameStats {
    pub count: usize,
    pub median: usize,
    pub p90: usize,
    pub max: usize,
    /// The longest name (the first in sorted order among equals).
    pub longest: String,
}

impl NameStats {
    /// The statistics of `names`; `None` when there are none.
    pub fn of(names: &[String]) -> Option<NameStats> {
        let mut lengths: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
        lengths.sort_unstable();
        let n = lengths.len();
        if n == 0 {
            return None;
        }
        // Nearest-rank percentiles: the smallest value with at least p% at or below it.
        let rank = |p: usize| lengths[(n * p).div_ceil(100).max(1) - 1];
        let max = lengths[n - 1];
        let mut longest: Vec<&String> = names.iter().filter(|s| s.chars().count() == max).collect();
        longest.sort();
        Some(NameStats { count: n, median: rank(50), p90: rank(90), max, longest: longest[0].clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_public_type_items() {
        let src =
            "pub struct A; struct Hidden; pub enum Bb { X } pub type Ccc = i32; impl A { pub fn f() {} }";
        assert_eq!(type_names(src).unwrap(), ["A", "Bb", "Ccc"]);
        assert!(type_names("pub struct").is_err());
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let names: Vec<String> = (1..=10).map(|n| "x".repeat(n)).collect();
        let s = NameStats::of(&names).unwrap();
        assert_eq!((s.count, s.median, s.p90, s.max), (10, 5, 9, 10));
        assert_eq!(s.longest, "x".repeat(10));
        assert!(NameStats::of(&[]).is_none());
    }
}
