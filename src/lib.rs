//! # pizhu (批注)
//!
//! Annotates Chinese economic news: **metrics** (quantities with units and what
//! they measure), **entities** (places, bodies, companies, people, projects),
//! **policy slogans** and **time** expressions.
//!
//! The crate has three rooms, kept apart on purpose:
//! - [`engine`]: pure Rust, no web dependencies; compiles for native and wasm32
//!   and gives byte-identical JSON on both.
//! - `web`: the Leptos (client-side rendering) page; only built for wasm32.
//! - `src/bin/pizhu.rs`: the native command-line interface.
//!
//! ## Usage
//! ```
//! let doc = pizhu::engine::annotate("sample", "一般公共预算收入15.48亿元,同比增长12.3%。");
//! let m = doc.annotations.iter().find(|a| a.text == "15.48亿元").unwrap();
//! assert_eq!(m.metric.as_ref().unwrap().value, 1_548_000_000.0);
//! ```
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;
