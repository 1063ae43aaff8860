//! Makes the candidates flat: no annotation lies inside or across another.
//!
//! Rule (ANNOTATION_GUIDE.md): where two readings overlap, the longer, more
//! specific one wins. Candidates are taken longest first (ties: higher
//! `priority`, then earlier start, then kind order); a candidate that overlaps
//! one already taken is dropped. The result is sorted by position.
use super::model::Candidate;
use std::cmp::Reverse;

pub fn flatten(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| !c.is_empty());
    let order = ranked(&cands);
    // The bytes covered by the spans taken so far, one bit each: taken spans
    // do not overlap, so a candidate overlaps one of them exactly when one of
    // its bytes is covered (a test of a few words, where a map of the spans by
    // start was searched and grown).
    let end = cands.iter().map(|c| c.range.end).max().unwrap_or(0);
    let mut taken = vec![0u64; end / 64 + 1];
    let mut keep = vec![false; cands.len()];
    let mut n_kept = 0;
    for i in order {
        let r = cands[i].range.clone();
        if covered(&taken, r.start, r.end) {
            continue;
        }
        cover(&mut taken, r.start, r.end);
        keep[i] = true;
        n_kept += 1;
    }
    // In text order: kept spans do not overlap (and none is empty), so no two
    // start at the same byte and the start alone orders them. The candidates
    // are moved once, into their place, rather than about by a sort.
    // (each key packed into one integer, start then index, where they fit
    // in 32 bits each, as for any text pizhu takes: a sort of 8-byte keys)
    let narrow = end <= u32::MAX as usize && cands.len() <= u32::MAX as usize;
    let kept: Vec<usize> = if narrow {
        let mut kept: Vec<u64> = Vec::with_capacity(n_kept);
        kept.extend(
            (0..cands.len())
                .filter(|&i| keep[i])
                .map(|i| ((cands[i].range.start as u64) << 32) | i as u64),
        );
        kept.sort_unstable();
        kept.into_iter()
            .map(|k| (k & u64::from(u32::MAX)) as usize)
            .collect()
    } else {
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(n_kept);
        kept.extend(
            (0..cands.len())
                .filter(|&i| keep[i])
                .map(|i| (cands[i].range.start, i)),
        );
        kept.sort_unstable();
        kept.into_iter().map(|(_, i)| i).collect()
    };
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n_kept);
    out.extend(kept.into_iter().filter_map(|i| slots[i].take()));
    out
}

/// The indexes of the candidates, longest first (ties: higher `priority`, then
/// earlier start, then kind order, then index: the order of a stable sort).
///
/// The candidates are large (strings, metric details): they are ranked
/// through a list of their keys instead of being moved about by the sort,
/// each key ending with the candidate's index, so that the keys are compared
/// without looking the candidates up. The fields of a key are packed into
/// one integer (the order of the integers is that of the fields in turn)
/// where they fit, as they do for any text pizhu takes; otherwise the keys
/// are tuples of the fields.
fn ranked(cands: &[Candidate]) -> Vec<usize> {
    ranked_narrow(cands).unwrap_or_else(|| ranked_tuples(cands))
}

/// [`ranked`] by keys that are tuples of the fields.
fn ranked_tuples(cands: &[Candidate]) -> Vec<usize> {
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
    order.into_iter().map(|(.., i)| i).collect()
}

/// [`ranked`] with keys of 64 bits, where the fields of this list of
/// candidates fit in as many (their widths are those of their largest value
/// here): a sort of 8-byte keys, where one of 16 bytes compared two words.
/// `None` where they do not fit.
fn ranked_narrow(cands: &[Candidate]) -> Option<Vec<usize>> {
    let bits = |max: u64| u64::BITS - max.leading_zeros();
    let max_len = cands.iter().map(|c| c.len() as u64).max()?;
    let max_prio = cands.iter().map(|c| c.priority).max()?;
    let min_prio = cands.iter().map(|c| c.priority).min()?;
    let max_start = cands.iter().map(|c| c.range.start as u64).max()?;
    let max_kind = cands.iter().map(|c| c.kind as u64).max()?;
    // (descending fields are stored as their distance below the largest)
    let prio_span = (i64::from(max_prio) - i64::from(min_prio)) as u64;
    let widths = [
        bits(max_len),
        bits(prio_span),
        bits(max_start),
        bits(max_kind),
        bits(cands.len() as u64 - 1),
    ];
    // (at most 63: no shift is by a whole word)
    if widths.iter().sum::<u32>() > 63 {
        return None;
    }
    let [_, w_prio, w_start, w_kind, w_idx] = widths;
    let mut keys: Vec<u64> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len = max_len - c.len() as u64;
            let prio = (i64::from(max_prio) - i64::from(c.priority)) as u64;
            let mut k = len;
            k = (k << w_prio) | prio;
            k = (k << w_start) | c.range.start as u64;
            k = (k << w_kind) | c.kind as u64;
            (k << w_idx) | i as u64
        })
        .collect();
    keys.sort_unstable();
    let idx_mask = (1u64 << w_idx) - 1;
    Some(keys.into_iter().map(|k| (k & idx_mask) as usize).collect())
}

/// Is a byte of `s..e` covered in the bit set `bits`?
fn covered(bits: &[u64], s: usize, e: usize) -> bool {
    let mut b = s;
    while b < e {
        let (w, o) = (b / 64, b % 64);
        let n = (64 - o).min(e - b);
        let mask = (u64::MAX >> (64 - n)) << o;
        if bits[w] & mask != 0 {
            return true;
        }
        b += n;
    }
    false
}

/// Covers the bytes `s..e` in the bit set `bits`.
fn cover(bits: &mut [u64], s: usize, e: usize) {
    let mut b = s;
    while b < e {
        let (w, o) = (b / 64, b % 64);
        let n = (64 - o).min(e - b);
        bits[w] |= (u64::MAX >> (64 - n)) << o;
        b += n;
    }
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
    fn ties_and_overlaps_across_words() {
        // same length: the higher priority wins, then the earlier start
        let mut low = Candidate::entity(60..70, EntityType::Place);
        low.priority = 1;
        let mut high = Candidate::entity(65..75, EntityType::Company);
        high.priority = -1;
        let high2 = Candidate::entity(66..76, EntityType::Company);
        let early = Candidate::entity(120..200, EntityType::Project);
        let late = Candidate::entity(130..210, EntityType::Project);
        let out = flatten(vec![late, high.clone(), high2, early.clone(), low.clone()]);
        assert_eq!(out, vec![low, early]);
        // a span across a word boundary of the bit set clashes with one inside
        let inner = Candidate::new(63..64, Kind::Time);
        let long = Candidate::new(0..300, Kind::Slogan);
        assert_eq!(flatten(vec![inner.clone()]), vec![inner.clone()]);
        assert_eq!(flatten(vec![inner, long.clone()]), vec![long]);
    }

    #[test]
    fn narrow_keys_rank_as_tuples() {
        // pseudo-random spans, priorities and kinds, with ties of every field
        let mut x = 12345u64;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let cands: Vec<Candidate> = (0..500)
            .map(|_| {
                let s = next(300) as usize;
                let mut c =
                    Candidate::new(s..s + 1 + next(9) as usize, Kind::ALL[next(4) as usize]);
                c.priority = next(7) as i32 - 2;
                c
            })
            .collect();
        assert_eq!(ranked_narrow(&cands), Some(ranked_tuples(&cands)));
    }

    #[test]
    fn touching_spans_both_survive() {
        let a = Candidate::new(0..3, Kind::Time);
        let b = Candidate::new(3..6, Kind::Metric);
        assert_eq!(flatten(vec![b.clone(), a.clone()]), vec![a, b]);
    }
}
