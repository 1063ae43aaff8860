//! Policy slogans (ANNOTATION_GUIDE.md §3).
//!
//! Not implemented yet (issue 5): returns no candidates.
use super::model::Candidate;
use super::Context;

pub fn extract(_ctx: &Context) -> Vec<Candidate> {
    Vec::new()
}
