//! Interface language: Chinese by default, English on request.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// The text of `key` in `lang`; unknown keys show themselves (visible in tests).
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    let (zh, en) = match key {
        "tagline" => ("在浏览器中标注中文经济新闻：指标、实体、政策提法、时间。文本不离开本机。", "Annotate Chinese economic news in your browser: metrics, entities, policy slogans, time. Your text never leaves this machine."),
        "paste" => (
            "在此粘贴文章，或把文件拖到页面上…（Ctrl+Enter 标注）",
            "Paste an article here, or drop files on the page… (Ctrl+Enter annotates)",
        ),
        "annotate" => ("标注", "Annotate"),
        "open" => ("打开文件", "Open files"),
        "import" => ("导入 JSON", "Import JSON"),
        "samples" => ("示例文章…", "Samples…"),
        "nothing" => ("没有可标注的文本：请粘贴文章、选择文件或示例。", "Nothing to annotate: paste an article, pick a file or a sample."),
        "metrics" => ("指标", "Metrics"),
        "entities" => ("实体", "Entities"),
        "slogans" => ("提法", "Slogans"),
        "chart" => ("图表", "Chart"),
        "time" => ("时间", "Time"),
        "metric" => ("指标", "metric"),
        "place" => ("地点", "place"),
        "org" => ("机构", "org"),
        "company" => ("企业", "company"),
        "person" => ("人物", "person"),
        "project" => ("项目", "project"),
        "document" => ("文件", "document"),
        "slogan" => ("提法", "slogan"),
        "chars" => ("字", "chars"),
        "export" => ("导出", "Export"),
        "undo" => ("撤销", "Undo"),
        "redo" => ("重做", "Redo"),
        "delete" => ("删除", "Delete"),
        "save" => ("保存", "Save"),
        "value" => ("数值", "Value"),
        "unit" => ("单位", "Unit"),
        "indicator" => ("指标名", "Indicator"),
        "role" => ("类型", "Role"),
        "period" => ("时间", "Period"),
        "as_written" => ("原文", "As written"),
        "copy_tsv" => ("复制为 TSV", "Copy as TSV"),
        "copied" => ("已复制，可直接粘贴到表格。", "Copied: paste it into a spreadsheet."),
        "selected" => ("选中的标注", "Selected annotation"),
        "select_hint" => ("选中文字后按 1–9 添加标注；点击高亮可修改或删除（Delete）。Ctrl+Z 撤销。", "Select text and press 1–9 to add; click a highlight to change or delete it (Delete). Ctrl+Z undoes."),
        "close" => ("关闭", "Close"),
        "confirm_close" => ("此文档有人工修改，关闭后将丢失。确定关闭？", "This document has manual edits that will be lost. Close it?"),
        "no_metrics" => ("没有指标。", "No metrics."),
        "growth_chart" => ("增速与占比（按指标）", "Growth rates and shares by indicator"),
        "no_chart" => ("本文没有增速或占比。", "No growth rates or shares in this article."),
        "saved" => ("已自动保存在本浏览器", "Saved in this browser"),
        "not_saved" => ("未能保存到浏览器（文本太大）：请导出 JSON 保留修改。", "Could not save in the browser (too large): export JSON to keep your edits."),
        "loading" => ("正在标注…", "Annotating…"),
        "crash" => ("页面出错了。您的文本和修改已保存，重新加载即可恢复。", "The page hit an error. Your text and edits are saved; reload to recover."),
        "reload" => ("重新加载", "Reload"),
        "mentions" => ("次", "×"),
        "top" => ("最常见", "Most frequent"),
        _ => (key, key),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
