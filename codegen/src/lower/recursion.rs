//! Types that hold themselves: each field or union member through which a
//! type contains itself in place is boxed, so that the type has a size,
//! and an alias that expands to itself is reported.

use std::collections::{BTreeMap, BTreeSet};

use super::Lowerer;
use crate::ir::{Ty, TypeDef};

impl Lowerer<'_> {
    /// Boxes each field or union variant through which a type holds itself
    /// in place (not behind a `Vec` or a map), so that the type has a size;
    /// reports each alias that expands to itself.
    ///
    /// Both questions are answered from the strongly connected components
    /// of the types' graphs, computed once: a type holds itself through a
    /// field exactly when the field's type is in the type's component, and
    /// an alias expands to itself exactly when it is on a cycle of aliases.
    /// Linear in the types and their fields, where asking each type in turn
    /// walked a chain of `n` aliases `n` times.
    pub(super) fn box_recursion(&mut self, types: &mut [TypeDef]) {
        let index: BTreeMap<&str, usize> = types
            .iter()
            .enumerate()
            .map(|(position, def)| (def.name(), position))
            .collect();
        let edges = |aliases_only: bool| -> Vec<Vec<usize>> {
            types
                .iter()
                .map(|def| {
                    let mut next = Vec::new();
                    match def {
                        TypeDef::Alias(alias) => named(&alias.ty, !aliases_only, &mut next),
                        TypeDef::Struct(s) if !aliases_only => {
                            for field in &s.fields {
                                named(&field.ty, true, &mut next);
                            }
                        }
                        TypeDef::Union(u) if !aliases_only => {
                            for variant in &u.variants {
                                named(&variant.ty, true, &mut next);
                            }
                        }
                        _ => {}
                    }
                    next.iter()
                        .filter_map(|name| index.get(name).copied())
                        .collect()
                })
                .collect()
        };
        let alias_edges = edges(true);
        let alias_cycles = on_cycles(&alias_edges);
        let held = components(&edges(false));
        let mut boxed: Vec<(usize, usize)> = Vec::new();
        for (position, def) in types.iter().enumerate() {
            let name = def.name();
            if alias_cycles[position] {
                if let Some(pointer) = self.type_names.get(name).cloned() {
                    self.diagnostics
                        .unsupported(&pointer, "an alias that refers to itself");
                }
                continue;
            }
            let tys: Vec<&Ty> = match def {
                TypeDef::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
                TypeDef::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
                TypeDef::Enum(_) | TypeDef::Alias(_) => Vec::new(),
            };
            for (field, ty) in tys.into_iter().enumerate() {
                let mut next = Vec::new();
                named(ty, true, &mut next);
                if next
                    .iter()
                    .filter_map(|n| index.get(n))
                    .any(|&target| held[target] == held[position])
                {
                    boxed.push((position, field));
                }
            }
        }
        for (position, field) in boxed {
            let ty = match &mut types[position] {
                TypeDef::Struct(s) => &mut s.fields[field].ty,
                TypeDef::Union(u) => &mut u.variants[field].ty,
                TypeDef::Enum(_) | TypeDef::Alias(_) => continue,
            };
            let inner = std::mem::replace(ty, Ty::Json);
            *ty = Ty::Boxed(Box::new(inner));
        }
    }
}

/// The strongly connected component of each node of the graph `edges`
/// (node -> the nodes it leads to), as a component number: Tarjan's
/// algorithm, iterative, so that a chain of any length fits the stack.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut component = vec![UNSEEN; count];
    let mut stack: Vec<usize> = Vec::new();
    let mut on_stack = vec![false; count];
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, how many of its edges have been followed)
        let mut walk: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut followed)) = walk.last_mut() {
            if let Some(&target) = edges[node].get(*followed) {
                *followed += 1;
                if order[target] == UNSEEN {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    walk.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// Whether each node of the graph `edges` is on a cycle: in a component of
/// several nodes, or with an edge to itself.
fn on_cycles(edges: &[Vec<usize>]) -> Vec<bool> {
    let component = components(edges);
    let mut sizes = BTreeMap::new();
    for &c in &component {
        *sizes.entry(c).or_insert(0usize) += 1;
    }
    (0..edges.len())
        .map(|node| sizes[&component[node]] > 1 || edges[node].contains(&node))
        .collect()
}

/// Boxes each union variant that holds a struct or another union (unless
/// recursion boxed it already), so that a union is the size of a pointer
/// and a tag rather than of its largest member. Measured on SignalWire's
/// document: unboxed, the SWML method union (`SwmlCallingSwmlMethod`, 60
/// members) was 20,904 bytes, and its derived decoder, which tries each
/// member in turn, overflowed a 2 MiB thread stack (Tokio's and the test
/// harness's default) in a debug build when it decoded a SWML script.
pub(super) fn box_union_members(types: &mut [TypeDef]) {
    let held: BTreeSet<String> = types
        .iter()
        .filter(|def| matches!(def, TypeDef::Struct(_) | TypeDef::Union(_)))
        .map(|def| def.name().to_owned())
        .collect();
    for def in types {
        let TypeDef::Union(union) = def else { continue };
        for variant in &mut union.variants {
            if matches!(&variant.ty, Ty::Named(name) if held.contains(name)) {
                let inner = std::mem::replace(&mut variant.ty, Ty::Json);
                variant.ty = Ty::Boxed(Box::new(inner));
            }
        }
    }
}

/// The named types `ty` holds: in place only (`in_place`), or also behind
/// a `Vec` or a map.
fn named<'t>(ty: &'t Ty, in_place: bool, out: &mut Vec<&'t str>) {
    match ty {
        Ty::Named(name) => out.push(name),
        Ty::Array(inner) | Ty::Map(inner) if !in_place => named(inner, in_place, out),
        Ty::Option(inner) => named(inner, in_place, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{components, on_cycles};

    #[test]
    fn components_group_the_nodes_of_each_cycle() {
        // 0 -> 1 -> 2 -> 0 is one cycle; 3 -> 0 leads into it; 4 -> 4 loops.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let component = components(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[3], component[0]);
        assert_ne!(component[4], component[0]);
        assert_eq!(on_cycles(&edges), [true, true, true, false, true]);
    }

    #[test]
    fn a_long_chain_and_a_long_cycle_fit_the_stack() {
        let length = 200_000;
        let chain: Vec<Vec<usize>> = (0..length)
            .map(|node| {
                if node + 1 < length {
                    vec![node + 1]
                } else {
                    Vec::new()
                }
            })
            .collect();
        assert!(on_cycles(&chain).iter().all(|cycle| !cycle));
        let cycle: Vec<Vec<usize>> = (0..length).map(|node| vec![(node + 1) % length]).collect();
        assert!(on_cycles(&cycle).iter().all(|&cycle| cycle));
    }
}
