//! The summary strip: a count per kind, document length, time taken, save state.
use super::state::AppState;
use crate::engine::Kind;
use leptos::prelude::*;

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move |k: Kind| {
        state.with_doc(|d| d.map_or(0, |d| d.annotations.iter().filter(|a| a.kind == k).count()))
    };
    view! {
        <Show when=move || state.with_doc(|d| d.is_some())>
            <ul class="summary" data-testid="summary">
                {Kind::ALL
                    .iter()
                    .map(|&k| {
                        let key = match k {
                            Kind::Metric => "metrics",
                            Kind::Entity => "entities",
                            Kind::Slogan => "slogans",
                            Kind::Time => "time",
                        };
                        view! {
                            <li class=format!("count count--{}", k.as_str())>
                                {move || state.tr(key)}
                                " "
                                <b data-testid=format!("sum-{}", k.as_str())>{move || count(k)}</b>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="meta" data-testid="meta">
                    {move || state.with_doc(|d| d.map_or(0, |d| d.chars))}
                    " "
                    {move || state.tr("chars")}
                    {move || {
                        state
                            .with_entry(|e| e.filter(|e| e.elapsed_ms > 0.0).map(|e| format!(" · {:.0} ms", e.elapsed_ms)))
                            .unwrap_or_default()
                    }}
                    " · "
                    <span data-testid="saved">{move || state.tr(if state.saved.get() { "saved" } else { "not_saved" })}</span>
                </li>
            </ul>
        </Show>
    }
}
