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

/// Whether a response is what the operation's method returns: a success
/// status, or `default` when no success status is documented.
pub fn answers(op: &Operation, response: &Response) -> bool {
    response.status.is_success() || (response.status == Status::Default && op.successes().next().is_none())
}

/// Removes the types nothing generated refers to any more: envelopes whose
/// operations return their data instead (`unwrapped`), the bodies of error
/// statuses (which reach users as the runtime's `Error::Api`, its message
/// and errors, never typed) and the bodies listed for a 204 or 205 (which
/// carry none), with the types only they used. Types that were never
/// referenced (a schema no operation names) stay. A response whose body
/// type is removed keeps its status, without a body. Returns the names
/// removed.
pub fn prune<'a>(
    defs: &mut Vec<TypeDef>,
    ops: &mut [Operation],
    webhooks: &[Webhook],
    unwrapped: impl IntoIterator<Item = &'a String>,
) -> BTreeSet<String> {
    let mut kept = Vec::new();
    let mut dropped: Vec<String> = unwrapped.into_iter().cloned().collect();
    for op in ops.iter() {
        for p in &op.params {
            mentioned(&p.ty, &mut kept);
        }
        if let Some(b) = &op.body {
            mentioned(&b.ty, &mut kept);
        }
        for r in &op.responses {
            let Some(b) = &r.body else { continue };
            // A 204 or 205 carries no body, whatever the spec lists for it.
            if answers(op, r) && r.effective_body().is_some() {
                mentioned(&b.ty, &mut kept);
                if let Some((_, meta)) = b.envelope.as_ref().and_then(|u| u.meta.as_ref()) {
                    mentioned(meta, &mut kept);
                }
            } else {
                mentioned(&b.ty, &mut dropped);
            }
        }
    }
    for w in webhooks {
        mentioned(&w.ty, &mut kept);
    }
    let reach_of_dropped = reachable(defs, dropped);
    // A schema no operation names stays, and so do the types it uses, even
    // when an error body uses them too.
    kept.extend(defs.iter().filter(|d| !reach_of_dropped.contains(&d.name)).map(|d| d.name.clone()));
    let kept = reachable(defs, kept);
    let pruned: BTreeSet<String> = reach_of_dropped.difference(&kept).cloned().collect();
    if pruned.is_empty() {
        return pruned;
    }
    defs.retain(|d| !pruned.contains(&d.name));
    for op in ops.iter_mut() {
        for r in &mut op.responses {
            let mut names = Vec::new();
            if let Some(b) = &r.body {
                mentioned(&b.ty, &mut names);
            }
            if names.iter().any(|n| pruned.contains(n)) {
                r.body = None;
            }
        }
    }
    pruned
}

/// Whether `ty` mentions one of `names`, at any depth.
pub fn mentions(ty: &TypeRef, names: &BTreeSet<String>) -> bool {
    let mut found = Vec::new();
    mentioned(ty, &mut found);
    found.iter().any(|n| names.contains(n))
}

/// The names of the types reachable from `roots`.
fn reachable(defs: &[TypeDef], mut todo: Vec<String>) -> BTreeSet<String> {
    let index: BTreeMap<&str, &TypeDef> = defs.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        let Some(def) = index.get(name.as_str()) else { continue };
        if seen.insert(name) {
            todo.extend(edges(def, mentioned));
        }
    }
    seen
}
