//! The summary strip: a count per kind, document length, time taken.
use super::AppState;
use crate::engine::Kind;
use leptos::prelude::*;

/// Chinese and English label of a kind.
pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Metric => "指标 metrics",
        Kind::Entity => "实体 entities",
        Kind::Slogan => "提法 slogans",
        Kind::Time => "时间 time",
    }
}

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move |k: Kind| {
        state.doc.with(|d| {
            d.as_ref()
                .map_or(0, |d| d.annotations.iter().filter(|a| a.kind == k).count())
        })
    };
    view! {
        <Show when=move || state.doc.with(Option::is_some)>
            <ul class="summary" data-testid="summary">
                {Kind::ALL
                    .iter()
                    .map(|&k| {
                        view! {
                            <li class=format!("count count--{}", k.as_str())>
                                <span class="swatch"></span>
                                {kind_label(k)}
                                ": "
                                <b data-testid=format!("count-{}", k.as_str())>{move || count(k)}</b>
                            </li>
                        }
                    })
                    .collect_view()}
                <li class="meta">
                    {move || state.doc.with(|d| d.as_ref().map_or(0, |d| d.chars))}
                    " 字 chars · "
                    {move || state.elapsed_ms.get().map_or(String::new(), |t| format!("{t:.0} ms"))}
                </li>
            </ul>
        </Show>
    }
}
