//! The comparison of named types: structs (fields, constructor, setters), open enums, aliases and unions.

use std::collections::BTreeSet;

use super::differ::{Differ, pair_up};
use super::{Rule, Subject};
use crate::ir::{Enum, Field, Struct, TypeDef, rust_type};

/// The declared type of a field as the report shows it: with its
/// `Option`/`Nullable` wrapper, and marked when it is flattened.
fn field_type(field: &Field) -> String {
    let declared = field.rust_type();
    if field.flatten {
        format!("#[serde(flatten)] {declared}")
    } else {
        declared
    }
}

/// The names of the fields `new` takes, in order.
fn constructor(s: &Struct) -> Vec<&str> {
    s.constructor_fields().map(|f| f.name.as_str()).collect()
}

pub(super) fn kind_of(def: &TypeDef) -> String {
    match def {
        TypeDef::Struct(_) => "struct".to_owned(),
        TypeDef::Enum(_) => "enum".to_owned(),
        TypeDef::Alias(alias) => format!("type = {}", rust_type(&alias.ty)),
        TypeDef::Union(union) => {
            let variants: Vec<String> = union
                .variants
                .iter()
                .map(|v| format!("{}({})", v.name, rust_type(&v.ty)))
                .collect();
            match &union.tag {
                None => format!("union {}", variants.join(" | ")),
                Some(tag) => format!("union by `{}` {}", tag.property, variants.join(" | ")),
            }
        }
    }
}

impl Differ<'_> {
    pub(super) fn type_def(&mut self, name: &str, before: &TypeDef, after: &TypeDef) {
        match (before, after) {
            (TypeDef::Struct(before), TypeDef::Struct(after)) => self.structure(before, after),
            (TypeDef::Enum(before), TypeDef::Enum(after)) => self.enumeration(before, after),
            (TypeDef::Alias(before), TypeDef::Alias(after)) => {
                if before.ty != after.ty {
                    self.changed(
                        Subject::Type,
                        name,
                        kind_of(&TypeDef::Alias(before.clone())),
                        kind_of(&TypeDef::Alias(after.clone())),
                        Rule::TypeChanged,
                    );
                }
                self.docs(Subject::Type, name, &before.docs, &after.docs);
            }
            (TypeDef::Union(old), TypeDef::Union(new)) => {
                // The members, their order and their tags decide what decodes
                // to which variant: any change there changes the type.
                let shape = |u: &crate::ir::Union| {
                    let variants: Vec<_> = u
                        .variants
                        .iter()
                        .map(|v| (v.name.clone(), v.ty.clone(), v.tags.clone()))
                        .collect();
                    (variants, u.tag.clone())
                };
                if shape(old) != shape(new) {
                    self.changed(
                        Subject::Type,
                        name,
                        kind_of(before),
                        kind_of(after),
                        Rule::TypeChanged,
                    );
                }
                self.docs(Subject::Type, name, &old.docs, &new.docs);
            }
            _ => self.changed(
                Subject::Type,
                name,
                kind_of(before),
                kind_of(after),
                Rule::TypeChanged,
            ),
        }
    }

    fn structure(&mut self, before: &Struct, after: &Struct) {
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        // Fields are the same field by their JSON name; one whose Rust name
        // changes is renamed. Of the others, two with one Rust name are the
        // same field under another JSON name.
        let by_wire = pair_up(
            before.fields.iter().map(|f| (f.wire.as_str(), f)),
            after.fields.iter().map(|f| (f.wire.as_str(), f)),
        );
        let (mut only_old, mut only_new) = (Vec::new(), Vec::new());
        for (_, old, new) in by_wire {
            match (old, new) {
                (Some(old), Some(new)) => {
                    let item = format!("{name}::{}", new.name);
                    if old.name != new.name {
                        self.changed(
                            Subject::Field,
                            item.as_str(),
                            old.name.clone(),
                            new.name.clone(),
                            Rule::FieldRenamed,
                        );
                    }
                    self.field(&item, old, new);
                }
                (Some(old), None) => only_old.push(old),
                (None, Some(new)) => only_new.push(new),
                (None, None) => {}
            }
        }
        let fields = pair_up(
            only_old.into_iter().map(|f| (f.name.as_str(), f)),
            only_new.into_iter().map(|f| (f.name.as_str(), f)),
        );
        for (field_name, old, new) in fields {
            let item = format!("{name}::{field_name}");
            match (old, new) {
                (Some(old), None) => {
                    self.removed(Subject::Field, item, field_type(old), Rule::FieldRemoved)
                }
                (None, Some(new)) => {
                    let rule = if new.presence.is_required() {
                        Rule::RequiredFieldAdded
                    } else {
                        Rule::OptionalFieldAdded
                    };
                    self.added(Subject::Field, item, field_type(new), rule);
                }
                (Some(old), Some(new)) => self.field(&item, old, new),
                (None, None) => {}
            }
        }
        let (old_params, new_params) = (constructor(before), constructor(after));
        let same_set = |a: &[&str], b: &[&str]| {
            a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
        };
        // Fields `new` takes by name (`FooRequired { .. }`) may change order freely.
        let positional = before.required.is_none() && after.required.is_none();
        if positional && old_params != new_params && same_set(&old_params, &new_params) {
            self.changed(
                Subject::Constructor,
                format!("{name}::new"),
                format!("new({})", old_params.join(", ")),
                format!("new({})", new_params.join(", ")),
                Rule::ConstructorReordered,
            );
        }
    }

    fn field(&mut self, item: &str, old: &Field, new: &Field) {
        if old.wire != new.wire {
            self.changed(
                Subject::Field,
                item,
                old.wire.clone(),
                new.wire.clone(),
                Rule::WireNameChanged,
            );
        }
        let (before, after) = (field_type(old), field_type(new));
        if old.ty != new.ty {
            self.changed(Subject::Field, item, before, after, Rule::TypeChanged);
        } else if old.presence.is_required() != new.presence.is_required() {
            let rule = if new.presence.is_required() {
                Rule::FieldNowRequired
            } else {
                Rule::FieldNowOptional
            };
            self.changed(Subject::Field, item, before, after, rule);
        } else if old.presence.is_nullable() != new.presence.is_nullable() {
            self.changed(
                Subject::Field,
                item,
                before,
                after,
                Rule::NullabilityChanged,
            );
        } else {
            let methods = |f: &Field| {
                let mut names = Vec::new();
                if !f.presence.is_required() {
                    names.push(f.setter.clone());
                }
                names.extend(f.clearer.clone());
                names.join(", ")
            };
            if methods(old) != methods(new) {
                self.changed(
                    Subject::Setter,
                    item,
                    methods(old),
                    methods(new),
                    Rule::MethodRenamed,
                );
            }
        }
        self.docs(Subject::Field, item, &old.docs, &new.docs);
    }

    fn enumeration(&mut self, before: &Enum, after: &Enum) {
        let name = &after.name;
        self.docs(Subject::Type, name.as_str(), &before.docs, &after.docs);
        let variants = pair_up(
            before.variants.iter().map(|v| (v.name.as_str(), v)),
            after.variants.iter().map(|v| (v.name.as_str(), v)),
        );
        for (variant, old, new) in variants {
            let item = format!("{name}::{variant}");
            match (old, new) {
                (Some(old), None) => self.removed(
                    Subject::EnumValue,
                    item,
                    old.wire.clone(),
                    Rule::EnumValueRemoved,
                ),
                (None, Some(new)) => self.added(
                    Subject::EnumValue,
                    item,
                    new.wire.clone(),
                    Rule::EnumValueAdded,
                ),
                (Some(old), Some(new)) => {
                    if old.wire != new.wire {
                        self.changed(
                            Subject::EnumValue,
                            item.as_str(),
                            old.wire.clone(),
                            new.wire.clone(),
                            Rule::WireNameChanged,
                        );
                    }
                    self.docs(Subject::EnumValue, item, &old.docs, &new.docs);
                }
                (None, None) => {}
            }
        }
        if before.unknown != after.unknown {
            self.changed(
                Subject::CatchAll,
                format!("{name}::{}", after.unknown),
                before.unknown.clone(),
                after.unknown.clone(),
                Rule::CatchAllRenamed,
            );
        }
        let default = |e: &Enum| {
            e.default
                .and_then(|index| e.variants.get(index))
                .map(|v| v.name.clone())
        };
        let item = format!("{name}::default");
        match (default(before), default(after)) {
            (Some(old), None) => self.removed(Subject::Default, item, old, Rule::DefaultRemoved),
            (None, Some(new)) => self.added(Subject::Default, item, new, Rule::DefaultAdded),
            (Some(old), Some(new)) if old != new => {
                self.changed(Subject::Default, item, old, new, Rule::DefaultChanged)
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{Classification, Rule, diff};
    use crate::ir::{Api, TypeDef};

    /// `Pair` with the properties `first` and `second` in this order, both required.
    fn pair(first: &str, second: &str) -> Api {
        let text = format!(
            "openapi: 3.0.3\ninfo:\n  title: Fixture\n  version: 1.0.0\npaths: {{}}\n\
             components:\n  schemas:\n    Pair:\n      type: object\n      required: [a, b]\n      \
             properties:\n        {first}:\n          type: string\n        {second}:\n          type: string\n"
        );
        let mut api = match crate::lower_text(&text) {
            Ok(api) => api,
            Err(errors) => panic!("{errors}"),
        };
        // Lowering gives a `new` of two or more fields a struct that names
        // them (`PairRequired`); a `new` that takes them by position is what
        // the rule is about.
        for def in &mut api.types {
            if let TypeDef::Struct(s) = def {
                assert_eq!(s.required.as_deref(), Some("PairRequired"));
                s.required = None;
            }
        }
        api
    }

    #[test]
    fn a_positional_constructor_whose_parameters_change_order_breaks() {
        let changes = diff(&pair("a", "b"), &pair("b", "a"));
        let found: Vec<_> = changes
            .iter()
            .map(|c| (c.rule, c.item.as_str(), c.old.as_deref(), c.new.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(
                Rule::ConstructorReordered,
                "Pair::new",
                Some("new(a, b)"),
                Some("new(b, a)")
            )]
        );
        assert_eq!(changes[0].rule.id(), "constructor-reordered");
        assert_eq!(changes[0].classification(), Classification::Breaking);
    }
}
