//! The selected annotation: change its label, edit a metric, delete it.
use super::state::AppState;
use crate::engine::edit::{self, Label};
use leptos::prelude::*;

#[component]
pub fn Editor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = move || {
        let id = state.selected.get()?;
        state.with_doc(|d| d?.annotations.iter().find(|a| a.id == id).cloned())
    };
    let value = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let indicator = RwSignal::new(String::new());
    // refill the form when the selection changes
    Effect::new(move |_| {
        if let Some(m) = selected().and_then(|a| a.metric) {
            value.set(m.value.to_string());
            unit.set(m.unit);
            indicator.set(m.indicator.unwrap_or_default());
        }
    });
    let save = move || {
        let Some(id) = state.selected.get_untracked() else {
            return;
        };
        let v = value
            .get_untracked()
            .trim()
            .parse::<f64>()
            .unwrap_or(f64::NAN);
        let (u, i) = (unit.get_untracked(), indicator.get_untracked());
        state.edit(move |d| edit::set_metric(d, &id, v, &u, &i).map(|_| Some(id.clone())));
    };
    view! {
        <section class="editor" data-testid="editor" aria-live="polite">
            <h2>{move || state.tr("selected")}</h2>
            {move || match selected() {
                None => view! { <p class="hint">{state.tr("select_hint")}</p> }.into_any(),
                Some(a) => {
                    let current = Label::of(&a);
                    let id = a.id.clone();
                    let is_metric = a.metric.is_some();
                    view! {
                        <p class="sel-text" data-testid="editor-text">
                            "「" {a.text.clone()} "」 " <small>{current.as_str()}</small>
                        </p>
                        <div class="relabel" role="group">
                            {Label::ALL
                                .iter()
                                .enumerate()
                                .map(|(i, &l)| {
                                    let id = id.clone();
                                    view! {
                                        <button
                                            class=format!("chip chip--{}", l.as_str())
                                            class:chip--on=l == current
                                            data-testid=format!("relabel-{}", l.as_str())
                                            on:click=move |_| {
                                                let id = id.clone();
                                                state.relabel(id.clone(), l)
                                            }
                                        >
                                            <kbd>{i + 1}</kbd>
                                            {state.tr(l.as_str())}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <Show when=move || is_metric>
                            <form class="metric-form" on:submit=move |ev| {
                                ev.prevent_default();
                                save();
                            }>
                                <label>
                                    {state.tr("value")}
                                    <input data-testid="edit-value" prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
                                </label>
                                <label>
                                    {state.tr("unit")}
                                    <input data-testid="edit-unit" prop:value=unit on:input=move |ev| unit.set(event_target_value(&ev)) />
                                </label>
                                <label>
                                    {state.tr("indicator")}
                                    <input data-testid="edit-indicator" prop:value=indicator on:input=move |ev| indicator.set(event_target_value(&ev)) />
                                </label>
                                <button type="submit" data-testid="edit-save">{state.tr("save")}</button>
                            </form>
                        </Show>
                        <button
                            class="danger"
                            data-testid="delete"
                            on:click=move |_| {
                                let id = id.clone();
                                state.edit(move |d| edit::remove(d, &id).map(|_| None))
                            }
                        >
                            {state.tr("delete")}
                            " (Delete)"
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
