//! Makes the candidates flat: no annotation lies inside or across another.
//!
//! Rule (ANNOTATION_GUIDE.md): where two readings overlap, the longer, more
//! specific one wins. Candidates are taken longest first (ties: higher
//! `priority`, then earlier start, then kind order); a candidate that overlaps
//! one already taken is dropped. The result is sorted by position.
use super::model::Candidate;
use std::cmp::Reverse;
use std::collections::BTreeMap;

pub fn flatten(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| !c.is_empty());
    // The candidates are large (strings, metric details): they are ranked
    // through a list of their keys instead of being moved about by the sort,
    // each key ending with the candidate's index, so that the order is the
    // stable one (as the sort of the candidates themselves was) and the keys
    // are compared without looking the candidates up.
    let mut order: Vec<_> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                Reverse(c.len()),
                Reverse(c.priority),
                c.range.start,
                c.kind,
                i,
            )
        })
        .collect();
    order.sort_unstable();
    // start -> end of the spans taken so far
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keep = vec![false; cands.len()];
    for (.., i) in order {
        let (s, e) = (cands[i].range.start, cands[i].range.end);
        let clash_before = taken.range(..e).next_back().is_some_and(|(_, &pe)| pe > s);
        if clash_before {
            continue;
        }
        taken.insert(s, e);
        keep[i] = true;
    }
    // In text order: kept spans do not overlap (and none is empty), so no two
    // start at the same byte and the start alone orders them. The candidates
    // are moved once, into their place, rather than about by a sort.
    let mut kept: Vec<(usize, usize)> = (0..cands.len())
        .filter(|&i| keep[i])
        .map(|i| (cands[i].range.start, i))
        .collect();
    kept.sort_unstable();
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    kept.into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect()
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
