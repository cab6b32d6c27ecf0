//! The theme's templates compiled into Tera: HTML and XML escaped, our
//! filters registered, the site-wide values every page sees set once, and
//! Tera's errors told with the template's line and column.

use std::fmt::Write as _;

use serde::Serialize;
use tera::{Context, Tera};

use super::views::SiteView;
use crate::model::Model;
use crate::theme::Theme;

/// The theme's templates (the site's overrides among them) compiled for
/// `model`'s site.
pub(super) fn compile(theme: &Theme, model: &Model) -> Result<Tera, String> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    register_filters(&mut tera, model.as_of.year());
    tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str())),
    )
    .map_err(|e| error_text(&e))?;
    tera.global_context().insert("site", &SiteView::new(model));
    Ok(tera)
}

/// A Tera error with its causes, which carry the template's line and column.
pub(super) fn error_text(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "\n  caused by: {cause}");
        source = cause.source();
    }
    text
}

/// Inserting values of different types into a context through one closure.
pub(super) mod erased {
    use super::{Context, Serialize};

    pub(in crate::render) trait Value {
        fn insert_into(&self, context: &mut Context, key: &'static str);
    }

    impl<T: Serialize + ?Sized> Value for T {
        fn insert_into(&self, context: &mut Context, key: &'static str) {
            context.insert(key, self);
        }
    }
}

/// Filters of our own. `cn_date` writes an ISO date (`2025-10-20`) as
/// Chinese prose does (`2025年10月20日`); with `short=true` it drops the
/// year when it is the as-of date's year. Text that is not an ISO date is
/// passed through, so a deadline in words survives it.
fn register_filters(tera: &mut Tera, as_of_year: i32) {
    tera.register_filter(
        "cn_date",
        move |text: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            let short = kwargs.get::<bool>("short")?.unwrap_or(false);
            Ok(match crate::date::Date::parse(text) {
                Some(day) => day.chinese(short && day.year() == as_of_year),
                None => text.to_string(),
            })
        },
    );
}
