//! The side panel: metrics table, entities grouped by type, slogans, chart.
use super::browser;
use super::state::AppState;
use crate::engine::formats::Format;
use crate::engine::model::{EntityType, Kind, Role};
use crate::engine::Document;
use leptos::prelude::*;

/// Selects annotation `id` and scrolls it into view (the highlight flashes).
pub fn jump(state: AppState, id: &str) {
    state.selected.set(Some(id.to_string()));
    browser::scroll_to(id);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Metrics,
    Entities,
    Slogans,
    Chart,
}

#[component]
pub fn SidePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tab = RwSignal::new(Tab::Metrics);
    let tab_button = move |t: Tab, key: &'static str, testid: &'static str| {
        view! {
            <button role="tab" aria-selected=move || (tab.get() == t).to_string() class:on=move || tab.get() == t data-testid=testid on:click=move |_| tab.set(t)>
                {move || state.tr(key)}
            </button>
        }
    };
    view! {
        <aside class="panel">
            <div class="panel-tabs" role="tablist">
                {tab_button(Tab::Metrics, "metrics", "tab-metrics")}
                {tab_button(Tab::Entities, "entities", "tab-entities")}
                {tab_button(Tab::Slogans, "slogans", "tab-slogans")}
                {tab_button(Tab::Chart, "chart", "tab-chart")}
            </div>
            {move || match tab.get() {
                _ if state.panel_waits.get() => view! { <p class="hint">{move || state.tr("loading")}</p> }.into_any(),
                Tab::Metrics => view! { <MetricsTable /> }.into_any(),
                Tab::Entities => view! { <EntityList /> }.into_any(),
                Tab::Slogans => view! { <SloganList /> }.into_any(),
                Tab::Chart => view! { <Chart /> }.into_any(),
            }}
        </aside>
    }
}

/// One row of the metrics table.
#[derive(Clone)]
struct Row {
    id: String,
    start: usize,
    indicator: String,
    written: String,
    value: f64,
    unit: String,
    role: Role,
    period: String,
}

fn rows(doc: &Document) -> Vec<Row> {
    // (a lookup table: a long document has tens of thousands of annotations)
    let by_id: std::collections::HashMap<&str, &str> = doc
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a.text.as_str()))
        .collect();
    doc.annotations
        .iter()
        .filter_map(|a| {
            let m = a.metric.as_ref()?;
            let period = m
                .period
                .as_deref()
                .and_then(|p| by_id.get(p))
                .map_or(String::new(), |t| t.to_string());
            Some(Row {
                id: a.id.clone(),
                start: a.start,
                indicator: m.indicator.clone().unwrap_or_default(),
                written: a.text.clone(),
                value: m.value,
                unit: m.unit.clone(),
                role: m.role,
                period,
            })
        })
        .collect()
}

/// Rows as tab-separated values with a header, ready to paste into a spreadsheet.
fn tsv(rows: &[Row]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("indicator\tas written\tvalue\tunit\trole\tperiod\n");
    for r in rows {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            clean(&r.indicator),
            clean(&r.written),
            r.value,
            r.unit,
            r.role.as_str(),
            clean(&r.period)
        ));
    }
    out
}

#[component]
fn MetricsTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    // (column, descending)
    let sort = RwSignal::new((0usize, false));
    let sorted = move || {
        let mut rs = state.with_doc(|d| d.map(rows).unwrap_or_default());
        let (col, desc) = sort.get();
        match col {
            1 => rs.sort_by(|a, b| a.indicator.cmp(&b.indicator)),
            2 => rs.sort_by(|a, b| a.value.total_cmp(&b.value)),
            3 => rs.sort_by(|a, b| a.unit.cmp(&b.unit)),
            4 => rs.sort_by(|a, b| a.role.as_str().cmp(b.role.as_str())),
            5 => rs.sort_by(|a, b| a.period.cmp(&b.period)),
            _ => rs.sort_by_key(|r| r.start),
        }
        if desc {
            rs.reverse();
        }
        rs
    };
    let header = move |col: usize, key: &'static str| {
        view! {
            <th>
                <button
                    data-testid=format!("sort-{col}")
                    on:click=move |_| sort.update(|s| *s = if s.0 == col { (col, !s.1) } else { (col, false) })
                >
                    {move || state.tr(key)}
                    {move || match sort.get() {
                        (c, false) if c == col => " ▲",
                        (c, true) if c == col => " ▼",
                        _ => "",
                    }}
                </button>
            </th>
        }
    };
    // a long document has thousands of rows: show the first ones, more on request
    let limit = RwSignal::new(300usize);
    let total = move || state.with_doc(|d| d.map_or(0, |d| d.counts.metric));
    let copy = move |_| {
        let text = tsv(&sorted());
        if browser::copy_text(&text) {
            state.notice.set(Some(state.tr("copied").into()));
        }
    };
    let csv = move |_| super::toolbar::export(state, Format::Csv);
    view! {
        <div class="metrics" data-testid="metrics-table">
            <div class="panel-actions">
                <button data-testid="copy-tsv" on:click=copy>{move || state.tr("copy_tsv")}</button>
                <button data-testid="download-csv" on:click=csv>"CSV"</button>
            </div>
            <table>
                <thead>
                    <tr>
                        {header(0, "as_written")}
                        {header(1, "indicator")}
                        {header(2, "value")}
                        {header(3, "unit")}
                        {header(4, "role")}
                        {header(5, "period")}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        sorted()
                            .into_iter()
                            .take(limit.get())
                            .map(|r| {
                                let id = r.id.clone();
                                view! {
                                    <tr data-testid="metric-row" on:click=move |_| jump(state, &id)>
                                        <td>{r.written}</td>
                                        <td>{r.indicator}</td>
                                        <td class="num">{format_value(r.value)}</td>
                                        <td>{r.unit}</td>
                                        <td>{r.role.as_str()}</td>
                                        <td>{r.period}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=move || { total() > limit.get() }>
                <button data-testid="show-all-metrics" on:click=move |_| limit.set(usize::MAX)>
                    {move || format!("{} / {} …", limit.get().min(total()), total())}
                </button>
            </Show>
        </div>
    }
}

/// A value for people: no exponent, thousands grouped.
fn format_value(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let s = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// One entity (or slogan) with its mentions' ids, in text order.
#[derive(Clone)]
struct Group {
    name: String,
    ids: Vec<String>,
}

/// Groups annotations of a kind/type by their `group` id (else their text).
fn groups(doc: &Document, kind: Kind, etype: Option<EntityType>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for a in doc
        .annotations
        .iter()
        .filter(|a| a.kind == kind && a.etype == etype)
    {
        let key = a
            .group
            .clone()
            .unwrap_or_else(|| a.norm.clone().unwrap_or_else(|| a.text.clone()));
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Group {
                name: a.text.clone(),
                ids: Vec::new(),
            });
            out.len() - 1
        });
        // the longest mention names the group
        if a.text.chars().count() > out[i].name.chars().count() {
            out[i].name = a.text.clone();
        }
        out[i].ids.push(a.id.clone());
    }
    out.sort_by(|a, b| b.ids.len().cmp(&a.ids.len()).then(a.name.cmp(&b.name)));
    out
}

#[component]
fn GroupList(kind: Kind, etype: Option<EntityType>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list = move || state.with_doc(|d| d.map(|d| groups(d, kind, etype)).unwrap_or_default());
    view! {
        <ul class="groups">
            {move || {
                list()
                    .into_iter()
                    .map(|g| {
                        let count = g.ids.len();
                        let ids = g.ids.clone();
                        // each click steps to the next mention
                        let step = move |_| {
                            let cur = state.selected.get_untracked();
                            let next = cur
                                .and_then(|c| ids.iter().position(|i| *i == c))
                                .map_or(0, |p| (p + 1) % ids.len());
                            jump(state, &ids[next]);
                        };
                        view! {
                            <li>
                                <button class="group" data-testid="group" on:click=step>
                                    <span class="group-name">{g.name}</span>
                                    <span class="badge" data-testid="group-count">{count}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

#[component]
fn EntityList() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="entities" data-testid="entity-list">
            {EntityType::ALL
                .into_iter()
                .map(|t| {
                    let n = move || {
                        state.with_doc(|d| d.map_or(0, |d| d.annotations.iter().filter(|a| a.etype == Some(t)).count()))
                    };
                    view! {
                        <section class=format!("etype etype--{}", t.as_str())>
                            <h3>
                                <span class="swatch"></span>
                                {move || state.tr(t.as_str())}
                                " "
                                <small>{n}</small>
                            </h3>
                            <GroupList kind=Kind::Entity etype=Some(t) />
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn SloganList() -> impl IntoView {
    view! {
        <div class="slogans" data-testid="slogan-list">
            <GroupList kind=Kind::Slogan etype=None />
        </div>
    }
}

/// Growth rates and shares by indicator, as an SVG bar chart (no chart library).
#[component]
fn Chart() -> impl IntoView {
    let state = expect_context::<AppState>();
    let bars = move || {
        state.with_doc(|d| {
            d.map(|d| {
                d.annotations
                    .iter()
                    .filter_map(|a| {
                        let m = a.metric.as_ref()?;
                        let rate = matches!(m.unit.as_str(), "%" | "pp");
                        (rate && matches!(m.role, Role::Change | Role::Share)).then(|| {
                            let name = m.indicator.clone().unwrap_or_else(|| a.text.clone());
                            (a.id.clone(), name, m.value, m.unit.clone(), m.role)
                        })
                    })
                    .take(40)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    };
    view! {
        <div class="chart" data-testid="chart">
            <h3>{move || state.tr("growth_chart")}</h3>
            {move || {
                let bars = bars();
                if bars.is_empty() {
                    return view! { <p class="hint">{state.tr("no_chart")}</p> }.into_any();
                }
                let max = bars.iter().map(|b| b.2.abs()).fold(1.0f64, f64::max);
                let row_h = 22.0;
                let height = bars.len() as f64 * row_h + 8.0;
                let (label_w, bar_w) = (150.0, 170.0);
                let zero = label_w + if bars.iter().any(|b| b.2 < 0.0) { bar_w / 2.0 } else { 0.0 };
                let scale = if bars.iter().any(|b| b.2 < 0.0) { bar_w / 2.0 } else { bar_w } / max;
                view! {
                    <svg viewBox=format!("0 0 400 {height}") role="img" aria-label=state.tr("growth_chart") data-testid="chart-svg">
                        {bars
                            .into_iter()
                            .enumerate()
                            .map(|(i, (id, name, v, unit, role))| {
                                let y = 4.0 + i as f64 * row_h;
                                let w = (v.abs() * scale).max(1.0);
                                let x = if v < 0.0 { zero - w } else { zero };
                                let short: String = name.chars().take(10).collect();
                                let class = if role == Role::Share { "bar bar--share" } else if v < 0.0 { "bar bar--down" } else { "bar" };
                                view! {
                                    <g class="chart-row" on:click=move |_| jump(state, &id)>
                                        <title>{format!("{name}: {v}{unit}")}</title>
                                        <text x=label_w - 6.0 y=y + 14.0 text-anchor="end" class="chart-label">{short}</text>
                                        <rect x=x y=y + 3.0 width=w height=row_h - 6.0 class=class></rect>
                                        <text x=zero + (v.max(0.0) * scale) + 4.0 y=y + 14.0 class="chart-value">{format!("{v}{}", if unit == "pp" { "pp" } else { "%" })}</text>
                                    </g>
                                }
                            })
                            .collect_view()}
                    </svg>
                }
                    .into_any()
            }}
            <h3>{move || state.tr("top")}</h3>
            <TopList />
        </div>
    }
}

/// The most frequent entities and slogans.
#[component]
fn TopList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let top = move || {
        state.with_doc(|d| {
            let Some(d) = d else { return Vec::new() };
            let mut all: Vec<(String, usize, &'static str)> = Vec::new();
            for t in EntityType::ALL {
                all.extend(
                    groups(d, Kind::Entity, Some(t))
                        .into_iter()
                        .map(|g| (g.name, g.ids.len(), t.as_str())),
                );
            }
            all.extend(
                groups(d, Kind::Slogan, None)
                    .into_iter()
                    .map(|g| (g.name, g.ids.len(), "slogan")),
            );
            all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(10);
            all
        })
    };
    view! {
        <ol class="toplist" data-testid="top-list">
            {move || {
                let top = top();
                let max = top.first().map_or(1, |t| t.1).max(1) as f64;
                top.into_iter()
                    .map(|(name, n, label)| {
                        let w = format!("{:.0}", 100.0 * n as f64 / max);
                        view! {
                            <li class=format!("top-item chip--{label}")>
                                <span class="top-name">{name}</span>
                                <svg class="top-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                                    <rect x="0" y="0" width=w height="8" class="swatch-fill"></rect>
                                </svg>
                                <span class="badge">{n}</span>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
}
