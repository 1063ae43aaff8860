//! The unit tests of the vendored jieba-rs's trie (`vendor/jieba-rs/src/trie.rs`,
//! patched by pizhu: see `vendor/README.md`), among them that loading a sorted
//! dictionary from each word's shared prefix builds the same tables as
//! inserting every word whole. jieba-rs is a patched dependency, not part of
//! this package, so `cargo test` would not run them there (and its own tests
//! need the dictionaries pizhu does not vendor); the module is compiled here
//! on its own.
#![allow(dead_code)]

// (formatted as the vendored crate is, with its own rustfmt.toml)
#[rustfmt::skip]
#[path = "../vendor/jieba-rs/src/trie.rs"]
mod trie;
