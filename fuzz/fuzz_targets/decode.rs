//! Arbitrary bytes → `decode_file` under several names: Ok or a clear Err, never
//! a panic; decoded text is then annotated and checked too.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::check_decode(data) {
        panic!("{e}");
    }
    if let Ok(d) = pizhu::engine::decode::decode(data) {
        if let Err(e) = invariants::check(&d.text, &pizhu::engine::annotate("fuzz", &d.text)) {
            panic!("invalid output for decoded {:?}: {e}", d.text);
        }
    }
});
