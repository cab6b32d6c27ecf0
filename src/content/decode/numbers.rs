//! Whole numbers within bounds (an issue's number, a count) and numbers
//! of any size (an indicator's reading), from YAML numbers or quoted text.

use super::{Decoder, Fields};
use crate::content::yaml::{Node, Value};
use crate::diagnostics::{Kind, Located, Problem};

impl Decoder<'_> {
    /// A required whole number within `min..=max`.
    pub(in crate::content) fn int(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
        min: u32,
        max: u32,
    ) -> Option<Located<u32>> {
        self.required(fields, key)
            .and_then(|node| self.node_int(node, min, max))
    }

    /// An optional whole number within `min..=max`.
    pub(in crate::content) fn opt_int(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        min: u32,
        max: u32,
    ) -> Option<Located<u32>> {
        fields
            .get(key)
            .and_then(|node| self.node_int(node, min, max))
    }

    /// A whole number from one node. `"07"` in quotes is read as 7.
    pub(in crate::content) fn node_int(
        &mut self,
        node: &Node,
        min: u32,
        max: u32,
    ) -> Option<Located<u32>> {
        let value = match &node.value {
            Value::Int(i) => *i,
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => *f as i64,
            Value::Str(s) if s.trim().parse::<i64>().is_ok() => {
                s.trim().parse().unwrap_or_default()
            }
            _ => {
                self.wrong_type(Kind::Integer, node);
                return None;
            }
        };
        match u32::try_from(value) {
            Ok(v) if (min..=max).contains(&v) => Some(Located::new(v, node.span)),
            _ => {
                self.report(
                    Problem::OutOfRange {
                        value: value.to_string(),
                        min: min.into(),
                        max: max.into(),
                    },
                    node.span,
                );
                None
            }
        }
    }

    /// A required number (integer or decimal).
    pub(in crate::content) fn number(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Option<Located<f64>> {
        self.required(fields, key)
            .and_then(|node| self.node_number(node))
    }

    /// A number from one node.
    pub(in crate::content) fn node_number(&mut self, node: &Node) -> Option<Located<f64>> {
        match node.value {
            Value::Int(i) => Some(Located::new(i as f64, node.span)),
            Value::Float(f) if f.is_finite() => Some(Located::new(f, node.span)),
            _ => {
                self.wrong_type(Kind::Number, node);
                None
            }
        }
    }
}
