//! Templates with `{name}` variables (operation paths, server URLs): the one parser every reader of a template uses.

/// A piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part<'a> {
    /// Text sent as written; never empty.
    Literal(&'a str),
    /// The name between `{` and `}` (possibly empty).
    Variable(&'a str),
}

/// A template split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template<'a> {
    /// The parts, in order, up to an unclosed `{` if there is one.
    pub(crate) parts: Vec<Part<'a>>,
    /// Whether a `{` has no `}` after it; the text from it on is not in `parts`.
    pub(crate) unclosed: bool,
}

impl<'a> Template<'a> {
    /// What makes the template malformed, as the end of a sentence (`the
    /// path template has ...`): an unclosed `{`, or a `}` without a `{`.
    pub(crate) fn malformed(&self) -> Option<&'static str> {
        if self.unclosed {
            Some("an unclosed `{`")
        } else if self
            .parts
            .iter()
            .any(|part| matches!(part, Part::Literal(text) if text.contains('}')))
        {
            Some("a `}` without a `{`")
        } else {
            None
        }
    }

    /// The variable names, in order.
    pub(crate) fn variables(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts.iter().filter_map(|part| match part {
            Part::Variable(name) => Some(*name),
            Part::Literal(_) => None,
        })
    }
}

/// Splits `template` at each `{name}`. A `}` without a `{` is literal text.
pub(crate) fn parse(template: &str) -> Template<'_> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            return Template {
                parts,
                unclosed: true,
            };
        };
        if open > 0 {
            parts.push(Part::Literal(&rest[..open]));
        }
        parts.push(Part::Variable(&rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(Part::Literal(rest));
    }
    Template {
        parts,
        unclosed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_variables_in_order() {
        assert_eq!(
            parse("/a/{id}{x}/b"),
            Template {
                parts: vec![
                    Part::Literal("/a/"),
                    Part::Variable("id"),
                    Part::Variable("x"),
                    Part::Literal("/b"),
                ],
                unclosed: false,
            }
        );
        assert_eq!(parse("").parts, []);
        assert_eq!(parse("a}b").parts, [Part::Literal("a}b")]);
        assert_eq!(parse("/a/{id}").malformed(), None);
    }

    #[test]
    fn unbalanced_braces_make_a_template_malformed() {
        assert_eq!(parse("/a/{id").malformed(), Some("an unclosed `{`"));
        assert_eq!(parse("/a/id}").malformed(), Some("a `}` without a `{`"));
        assert_eq!(parse("/a/{i{d}}").malformed(), Some("a `}` without a `{`"));
    }

    #[test]
    fn an_unclosed_brace_ends_the_parts() {
        let template = parse("https://{a}.x/{b");
        assert!(template.unclosed);
        assert_eq!(template.variables().collect::<Vec<_>>(), ["a"]);
    }
}
