//! Dates and deadlines as a plan writes them: `2025-06-30` in any of the
//! forms [`Date::parse`] reads, and the words a plan uses for a deadline
//! (`9月底前`, `长期坚持`) besides a date.

use super::{Decoder, Fields};
use crate::content::deadline::{self, Deadline};
use crate::content::yaml::{Node, Value};
use crate::date::Date;
use crate::diagnostics::{Kind, Located, Problem};

impl Decoder<'_> {
    /// A required date.
    pub(in crate::content) fn date(
        &mut self,
        fields: &Fields<'_>,
        key: &'static str,
    ) -> Option<Located<Date>> {
        self.required(fields, key)
            .and_then(|node| self.node_date(node))
    }

    /// An optional date.
    pub(in crate::content) fn opt_date(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
    ) -> Option<Located<Date>> {
        fields.get(key).and_then(|node| self.node_date(node))
    }

    /// A date from one node.
    pub(in crate::content) fn node_date(&mut self, node: &Node) -> Option<Located<Date>> {
        let text = match &node.value {
            Value::Str(s) => s.trim().to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            _ => {
                self.wrong_type(Kind::Date, node);
                return None;
            }
        };
        match Date::parse(&text) {
            Some(date) => Some(Located::new(date, node.span)),
            None => {
                self.report(Problem::BadDate { text }, node.span);
                None
            }
        }
    }

    /// An optional deadline: a date or the words a plan uses.
    pub(in crate::content) fn opt_deadline(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
    ) -> Option<Located<Deadline>> {
        fields.get(key).and_then(|node| self.node_deadline(node))
    }

    fn node_deadline(&mut self, node: &Node) -> Option<Located<Deadline>> {
        let text = match &node.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            _ => {
                self.wrong_type(Kind::Text, node);
                return None;
            }
        };
        let text = text.trim().to_string();
        match deadline::parse(&text) {
            Some(deadline) => Some(Located::new(deadline, node.span)),
            None => {
                // 2025-09-31 or 2025/9/30 was meant as a date: say so.
                let date_like = matches!(
                    text.as_bytes(),
                    [a, b, c, d, b'-' | b'/' | b'.', ..]
                        if [a, b, c, d].iter().all(|x| x.is_ascii_digit())
                );
                let problem = if date_like {
                    Problem::BadDate { text }
                } else {
                    Problem::BadDeadline {
                        text,
                        forms: deadline::FORMS,
                    }
                };
                self.report(problem, node.span);
                None
            }
        }
    }
}
