//! What one build of the model leaves for the next, so that `serve` builds
//! again only the issues and notes whose files changed: every other one is
//! taken, masked, from the build before.

use crate::content::{Audience, Register};
use crate::date::Date;
use crate::diagnostics::{FileId, PerFile, SourceMap};

use super::issue::IssuePart;
use super::notes::NotePart;

/// The issues and notes of the last model built, by file and the revision
/// of the text each was decoded from (a revision names one text, once in
/// the process: see [`SourceMap::revision`]).
#[derive(Debug, Default)]
pub struct Memo {
    context: Option<Context>,
    issues: PerFile<IssuePart>,
    notes: PerFile<NotePart>,
}

/// Everything besides its own file that an issue or note is built from:
/// when any of it changes, nothing is kept.
#[derive(Debug, PartialEq)]
pub(super) struct Context {
    /// The revision of site.yaml: villages, units, the plan's date, the
    /// privacy settings.
    pub(super) site: u64,
    pub(super) as_of: Date,
    pub(super) audience: Audience,
    /// How many digits issue addresses have.
    pub(super) width: usize,
    /// Who is masked.
    pub(super) register: Register,
}

/// Where the items of one build come from: the memo, when the build knows
/// each file's revision, else nowhere.
pub(super) struct Reusing<'a> {
    memo: &'a mut Memo,
    sources: Option<&'a SourceMap>,
}

impl<'a> Reusing<'a> {
    /// Takes from `memo` for a build under `context`; `sources` gives the
    /// revisions, and without it nothing is reused or kept.
    pub(super) fn new(
        memo: &'a mut Memo,
        sources: Option<&'a SourceMap>,
        context: Context,
    ) -> Reusing<'a> {
        if memo.context.as_ref() != Some(&context) || sources.is_none() {
            memo.issues.clear();
            memo.notes.clear();
        }
        memo.context = sources.is_some().then_some(context);
        Reusing { memo, sources }
    }

    fn revision(&self, file: FileId) -> Option<u64> {
        self.sources.map(|s| s.revision(file))
    }

    /// The issue part kept for the file `file`, if its text is unchanged.
    pub(super) fn issue(&mut self, file: FileId) -> Option<IssuePart> {
        let revision = self.revision(file)?;
        self.memo.issues.take(file, revision)
    }

    /// The note kept for the file `file`, if its text is unchanged.
    pub(super) fn note(&mut self, file: FileId) -> Option<NotePart> {
        let revision = self.revision(file)?;
        self.memo.notes.take(file, revision)
    }

    /// Keeps `part`, built from `file`, for the next build.
    pub(super) fn keep_issue(&mut self, file: FileId, part: IssuePart) {
        if let Some(revision) = self.revision(file) {
            self.memo.issues.put(file, revision, part);
        }
    }

    /// Keeps `note`, built from `file`, for the next build.
    pub(super) fn keep_note(&mut self, file: FileId, note: NotePart) {
        if let Some(revision) = self.revision(file) {
            self.memo.notes.put(file, revision, note);
        }
    }

    /// Ends the build: what is kept of files the site no longer has goes.
    pub(super) fn finish(self) {
        if let Some(sources) = self.sources {
            self.memo.issues.truncate(sources.len());
            self.memo.notes.truncate(sources.len());
        }
    }
}
