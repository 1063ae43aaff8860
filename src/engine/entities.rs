//! Named entities (ANNOTATION_GUIDE.md §2).
//!
//! Not implemented yet (issue 4): returns no candidates.
use super::model::Candidate;
use super::Context;

pub fn extract(_ctx: &Context) -> Vec<Candidate> {
    Vec::new()
}
