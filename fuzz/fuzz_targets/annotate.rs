//! Bytes → lossy UTF-8 → `annotate`; panics on any violated invariant
//! (see tests/support/invariants.rs, shared with the property tests).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = pizhu::engine::annotate("fuzz", &text);
    if let Err(e) = invariants::check(&text, &doc) {
        panic!("invalid output for {text:?}: {e}");
    }
    // Determinism (a second run gives the same document) and the exports on one
    // input in four: this nearly doubles the speed, and a failure of either
    // still shows up soon.
    if data.len() % 4 == 0 {
        if pizhu::engine::annotate("fuzz", &text) != doc {
            panic!("a second run differs for {text:?}");
        }
        if let Err(e) = invariants::check_exports(&doc) {
            panic!("exports fail for {text:?}: {e}");
        }
    }
});
