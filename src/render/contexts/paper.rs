//! What the paper pages are given: the print pack (the briefing pack
//! printed whole) and each village's notice, set to stay one A4 sheet.

use super::PageContext;
use crate::render::pages::*;
use crate::render::qr;
use crate::render::views::*;
use crate::render::village_tasks::listed;

impl PageContext<'_> {
    pub(super) fn print(&mut self) -> &'static str {
        let model = self.model;
        let prose = self.prose;
        let figures = self.figures;
        let parts = self.print;
        self.put("page", &section(""));
        self.put("plan", &PlanText::new(model, prose));
        self.put("groups", &model.groups);
        self.put("issues", &grouped_links(model));
        self.put("issue_blocks", &parts.blocks);
        self.put("villages", &model.villages);
        self.put("villages_charts", &figures.villages(model));
        self.put("matrix_charts", &figures.matrix(model));
        let texts: Vec<std::borrow::Cow<'_, str>> = (0..model.notes.len())
            .map(|i| match parts.notes {
                Some(markers) => markers[i].as_str().into(),
                None => prose.note_in_pack(model, i),
            })
            .collect();
        let notes: Vec<NoteHtml<'_>> = model
            .notes
            .iter()
            .zip(&texts)
            .rev()
            .map(|(n, html)| NoteHtml {
                slug: &n.slug,
                title: &n.title,
                date: n.date,
                html,
            })
            .collect();
        self.put("notes", &notes);
        let terms: Vec<TermView<'_>> = term_views(model, prose);
        self.put("terms", &terms);
        "print.html"
    }

    pub(super) fn notice(&mut self, i: usize) -> &'static str {
        let model = self.model;
        let village = &model.villages[i];
        self.put("page", &section(""));
        self.put("village", village);
        let shown = tasks(model, &village.tasks);
        // One deadline for every task is said once, above the list, and
        // its column gives the room to the tasks.
        let first_deadline = shown.first().map(|t| t.deadline_text.as_str());
        let common_deadline =
            first_deadline.filter(|d| shown.iter().all(|t| t.deadline_text == *d) && !d.is_empty());
        self.put("common_deadline", &common_deadline);
        // The subtitle names the plan: a long title takes lines from the list.
        let ems = |text: &str| crate::charts::text_width(text, 1.0);
        let subtitle = ems(&model.document.plan_title)
            + model
                .document
                .number
                .as_deref()
                .map_or(0.0, |n| ems(n) + 2.0)
            + 26.0;
        self.put(
            "density",
            &notice_density(&shown, common_deadline.is_some(), subtitle),
        );
        let values = self.village_tasks.of(model, i);
        self.context
            .insert_value("tasks", listed(&values, 0..values.len()));
        let url = format!("{}villages/{}/", model.base_url, village.id);
        // A QR code is only worth printing when it leads somewhere from a phone.
        let absolute =
            model.base_url.starts_with("https://") || model.base_url.starts_with("http://");
        self.put(
            "qr",
            &if absolute {
                qr::qr_svg(&url)
            } else {
                String::new()
            },
        );
        self.put("url", &url);
        "notice.html"
    }
}

/// How tightly a village notice sets its list so that it stays one A4
/// sheet: `""` (14 pt), `dense` (12 pt) or `denser` (10.5 pt); past that
/// it spills onto a second sheet. Estimated from the lines the tasks take:
/// at 14 pt the task column holds about 27 characters a line (22 when the
/// deadline has its own column), an overdue task's status takes two lines,
/// each row adds a fifth of a line of padding, and 25.8 lines fit between
/// the notice's head and its foot when the subtitle (`subtitle` ems with
/// its indent, 36 a line) takes two lines; each line more costs 1.17 list
/// lines (measured on the Sanjiang notices with Chromium; at smaller sizes
/// more characters and lines fit, in proportion).
fn notice_density(
    tasks: &[&crate::model::Task],
    one_deadline: bool,
    subtitle: f64,
) -> &'static str {
    let extra_head = ((subtitle / 36.0).ceil() - 2.0).max(0.0);
    let fits = |points: f64| {
        let per_line = if one_deadline { 27.0 } else { 22.0 } * 14.0 / points;
        let lines: f64 = tasks
            .iter()
            .map(|t| {
                let text = (t.what.chars().count() as f64 / per_line).ceil();
                text.max(if t.overdue { 2.0 } else { 1.0 }) + 0.21
            })
            .sum();
        lines <= (25.8 - 1.17 * extra_head) * 14.0 / points
    };
    if fits(14.0) {
        ""
    } else if fits(12.0) {
        "dense"
    } else {
        "denser"
    }
}
