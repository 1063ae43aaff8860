//! The input panel: paste area, file picker, samples, the Annotate button.
use super::samples::SAMPLES;
use super::AppState;
use crate::engine::decode;
use leptos::prelude::*;

/// Reads the files the user picked; each one replaces the text, or is refused with a message.
fn load_files(state: AppState, files: web_sys::FileList) {
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let name = file.name();
        let file = gloo_file::File::from(file);
        leptos::task::spawn_local(async move {
            match gloo_file::futures::read_as_bytes(&file).await {
                Ok(bytes) => match decode::decode(&bytes) {
                    Ok(d) => {
                        let stem = name
                            .rsplit_once('.')
                            .map_or(name.as_str(), |(s, _)| s)
                            .to_string();
                        state.name.set(stem);
                        state.text.set(d.text);
                        state.source.set(d.source);
                        state.error.set(None);
                        state.annotate();
                    }
                    Err(e) => state.error.set(Some(format!(
                        "无法读取文件 {name}：{e} (cannot read {name}: {e})"
                    ))),
                },
                Err(e) => state.error.set(Some(format!(
                    "无法读取文件 {name}：{e} (cannot read {name})"
                ))),
            }
        });
    }
}

#[component]
pub fn InputPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let on_input = move |ev| {
        state.text.set(event_target_value(&ev));
        state.name.set("pasted".into());
        state.source.set(Default::default());
    };
    let on_sample = move |ev| {
        let name = event_target_value(&ev);
        if let Some((n, t)) = SAMPLES.iter().find(|(n, _)| *n == name) {
            state.name.set(n.to_string());
            state.text.set(t.to_string());
            state.source.set(Default::default());
            state.annotate();
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            load_files(state, files);
        }
        input.set_value("");
    };
    view! {
        <section class="input" aria-label="输入">
            <textarea
                data-testid="input"
                aria-label="文章文本 (article text)"
                placeholder="在此粘贴文章… (paste an article here)"
                prop:value=move || state.text.get()
                on:input=on_input
            ></textarea>
            <div class="controls">
                <button class="primary" data-testid="annotate" on:click=move |_| state.annotate()>"标注 Annotate"</button>
                <label class="file">
                    "打开文件 Open .txt"
                    <input type="file" accept=".txt,text/plain" multiple data-testid="file" on:change=on_file />
                </label>
                <select data-testid="sample" aria-label="示例文章 (samples)" on:change=on_sample>
                    <option value="">"示例 Samples…"</option>
                    {SAMPLES.iter().map(|(n, _)| view! { <option value=*n>{*n}</option> }).collect_view()}
                </select>
                <button
                    data-testid="download-json"
                    disabled=move || state.doc.with(Option::is_none)
                    on:click=move |_| state.download_json()
                >"下载 JSON"</button>
            </div>
        </section>
    }
}
