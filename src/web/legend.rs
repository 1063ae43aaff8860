//! The legend: one toggle per kind and entity type, with colour, count and shortcut.
use super::state::AppState;
use crate::engine::edit::Label;
use leptos::prelude::*;

#[component]
pub fn Legend() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <ul class="legend" data-testid="legend" aria-label="legend">
            {Label::ALL
                .iter()
                .enumerate()
                .map(|(i, &l)| {
                    let key = l.as_str();
                    let count = move || {
                        state.with_doc(|d| d.map_or(0, |d| d.annotations.iter().filter(|a| Label::of(a) == l).count()))
                    };
                    let off = move || state.hidden.with(|h| h.contains(key));
                    view! {
                        <li>
                            <button
                                class=format!("chip chip--{key}")
                                class:chip--off=off
                                aria-pressed=move || (!off()).to_string()
                                data-testid=format!("legend-{key}")
                                title=format!("{}: 1–9 → {}", key, i + 1)
                                on:click=move |_| {
                                    state
                                        .hidden
                                        .update(|h| {
                                            if !h.remove(key) {
                                                h.insert(key);
                                            }
                                        })
                                }
                            >
                                <kbd>{i + 1}</kbd>
                                <span class="swatch"></span>
                                {move || state.tr(key)}
                                " "
                                <b data-testid=format!("count-{key}")>{count}</b>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
