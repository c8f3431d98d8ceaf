//! Whole-model passes over the type graph: boxing recursive fields and
//! marking the types requests use.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::*;

/// Named types a type refers to without indirection (not through `Vec` or
/// a map, which already allocate).
fn direct(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::Option(inner) => direct(inner, out),
        _ => {}
    }
}

/// Every named type a type mentions, at any depth.
fn mentioned(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(n) => out.push(n.clone()),
        TypeRef::Option(inner) | TypeRef::Vec(inner) | TypeRef::Map(inner) => mentioned(inner, out),
        _ => {}
    }
}

fn edges(def: &TypeDef, f: fn(&TypeRef, &mut Vec<String>)) -> Vec<String> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                f(&field.ty, &mut out);
            }
            if let Some(extra) = &s.extra {
                f(extra, &mut out);
            }
        }
        TypeKind::Union(u) => {
            for v in &u.variants {
                f(&v.ty, &mut out);
            }
        }
        TypeKind::Alias(t) => f(t, &mut out),
        TypeKind::Enum(_) => {}
    }
    out
}

/// Boxes every struct field and union variant whose type can reach back to
/// its container without passing through a heap allocation.
pub fn box_cycles(defs: &mut [TypeDef]) {
    let index: BTreeMap<String, usize> = defs.iter().enumerate().map(|(i, d)| (d.name.clone(), i)).collect();
    let graph: Vec<Vec<usize>> = defs
        .iter()
        .map(|d| edges(d, direct).iter().filter_map(|n| index.get(n).copied()).collect())
        .collect();
    let component = scc(&graph);
    for i in 0..defs.len() {
        let same = |name: &str| {
            index
                .get(name)
                .is_some_and(|&j| component[j] == component[i] && (j != i || graph[i].contains(&i)))
        };
        match &mut defs[i].kind {
            TypeKind::Struct(s) => {
                for field in &mut s.fields {
                    let mut names = Vec::new();
                    direct(&field.ty, &mut names);
                    field.boxed = names.iter().any(|n| same(n));
                }
            }
            TypeKind::Union(u) => {
                for v in &mut u.variants {
                    let mut names = Vec::new();
                    direct(&v.ty, &mut names);
                    v.boxed = names.iter().any(|n| same(n));
                }
            }
            _ => {}
        }
    }
}

/// Tarjan's strongly connected components, iteratively (specs nest deep).
fn scc(graph: &[Vec<usize>]) -> Vec<usize> {
    let n = graph.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if *edge < graph[v].len() {
                let w = graph[v][*edge];
                *edge += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = comps;
                        if w == v {
                            break;
                        }
                    }
                    comps += 1;
                }
            }
        }
    }
    comp
}

/// Marks the types reachable from request bodies and parameters.
pub fn mark_requests(defs: &mut [TypeDef], ops: &[Operation]) {
    let index: BTreeMap<String, usize> = defs.iter().enumerate().map(|(i, d)| (d.name.clone(), i)).collect();
    let mut todo: Vec<String> = Vec::new();
    for op in ops {
        for b in op.bodies() {
            mentioned(&b.ty, &mut todo);
        }
        for p in &op.params {
            mentioned(&p.ty, &mut todo);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        let Some(&i) = index.get(&name) else { continue };
        if !seen.insert(i) {
            continue;
        }
        defs[i].in_request = true;
        todo.extend(edges(&defs[i], mentioned));
    }
}
