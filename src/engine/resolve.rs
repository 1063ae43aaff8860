//! Makes the candidates flat: no annotation lies inside or across another.
//!
//! Rule (ANNOTATION_GUIDE.md): where two readings overlap, the longer, more
//! specific one wins. Candidates are taken longest first (ties: higher
//! `priority`, then earlier start, then kind order); a candidate that overlaps
//! one already taken is dropped. The result is sorted by position.
use super::model::Candidate;
use std::collections::BTreeMap;

pub fn flatten(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| !c.is_empty());
    // The candidates are large (strings, metric details): they are ranked
    // through a list of indices instead of being moved about by the sort
    // (stable, as the sort of the candidates themselves was).
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&cands[a], &cands[b]);
        b.len()
            .cmp(&a.len())
            .then(b.priority.cmp(&a.priority))
            .then(a.range.start.cmp(&b.range.start))
            .then(a.kind.cmp(&b.kind))
    });
    // start -> end of the spans taken so far
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keep = vec![false; cands.len()];
    for i in order {
        let (s, e) = (cands[i].range.start, cands[i].range.end);
        let clash_before = taken.range(..e).next_back().is_some_and(|(_, &pe)| pe > s);
        if clash_before {
            continue;
        }
        taken.insert(s, e);
        keep[i] = true;
    }
    let mut keep = keep.into_iter();
    cands.retain(|_| keep.next() == Some(true));
    // (kept spans do not overlap, so no two have the same position)
    cands.sort_by_key(|c| (c.range.start, c.range.end));
    cands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{EntityType, Kind};

    #[test]
    fn longer_wins_and_output_is_sorted() {
        let company = Candidate::entity(0..30, EntityType::Company);
        let place = Candidate::entity(12..18, EntityType::Place);
        let later = Candidate::new(40..45, Kind::Metric);
        let out = flatten(vec![later.clone(), place, company.clone()]);
        assert_eq!(out, vec![company, later]);
    }

    #[test]
    fn touching_spans_both_survive() {
        let a = Candidate::new(0..3, Kind::Time);
        let b = Candidate::new(3..6, Kind::Metric);
        assert_eq!(flatten(vec![b.clone(), a.clone()]), vec![a, b]);
    }
}
