//! The page's entry point: mounts the Leptos app (wasm32 only; see `pizhu::web`).
#[cfg(target_arch = "wasm32")]
fn main() {
    pizhu::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pizhu-web is the browser build: run `scripts/serve` and open http://127.0.0.1:8080");
}
