//! The words of the theme and the way dates are written, in the site's language. English and
//! Chinese are built in; other languages fall back to English words.

use jiff::civil::Date;
use serde::Serialize;

/// Words templates use, as `site.words.<name>`.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    pub skip_to_content: &'static str,
    pub home: &'static str,
    pub latest: &'static str,
    pub sections: &'static str,
    pub tags: &'static str,
    pub people: &'static str,
    pub archive: &'static str,
    pub byline: &'static str,
    pub editor: &'static str,
    pub editors: &'static str,
    pub reference: &'static str,
    pub original_title: &'static str,
    pub contents: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub published: &'static str,
    pub updated: &'static str,
    pub pagination: &'static str,
    pub written: &'static str,
    pub edited: &'static str,
    pub all_tags: &'static str,
    pub everyone: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub no_notices: &'static str,
    pub tagged: &'static str,
    pub draft: &'static str,
    pub notices_by_year: &'static str,
    pub reading_time: &'static str,
    pub main_navigation: &'static str,
    /// The label of the links to the site's other languages.
    pub languages: &'static str,
    pub breadcrumb: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub permanent_address: &'static str,
    /// The name of the box a wide table scrolls in.
    pub table: &'static str,
    /// What a heading's `#` link says to screen readers.
    pub link_to_section: &'static str,
    pub previous_next: &'static str,
    pub all_written: &'static str,
    pub all_edited: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    /// What the search page says to a browser without JavaScript.
    pub search_needs_js: &'static str,
    pub search_instead: &'static str,
    /// What the search page's script says and labels (`assets/search.js`); `{n}` is the
    /// number of results and `{query}` what was searched for.
    pub search_placeholder: &'static str,
    pub search_results: &'static str,
    pub search_one_result: &'static str,
    pub search_no_results: &'static str,
    pub search_loading: &'static str,
    pub search_more: &'static str,
    pub search_section: &'static str,
    pub search_tag: &'static str,
    /// The filters' first choice: no filter.
    pub search_any: &'static str,
    pub search_failed: &'static str,
    pub feeds: &'static str,
    pub scheduled: &'static str,
    pub goes_live: &'static str,
    pub expired: &'static str,
    pub expired_text: &'static str,
    pub expires: &'static str,
    pub withdrawn: &'static str,
    pub withdrawn_text: &'static str,
    pub reason: &'static str,
    pub corrections: &'static str,
    pub correction: &'static str,
    pub minor_correction: &'static str,
    pub attachments: &'static str,
    pub translations: &'static str,
    pub translation_of: &'static str,
    pub about_notice: &'static str,
    pub role: &'static str,
    /// `: ` or `：`, after a label.
    pub colon: &'static str,
    /// `, ` or `，`, between items.
    pub comma: &'static str,
}

const EN: Words = Words {
    skip_to_content: "Skip to content",
    home: "Home",
    latest: "Latest notices",
    sections: "Sections",
    tags: "Tags",
    people: "People",
    archive: "Archive",
    byline: "By",
    editor: "Editor",
    editors: "Editors",
    reference: "Reference",
    original_title: "Original title",
    contents: "Contents",
    previous: "Previous",
    next: "Next",
    newer: "Newer",
    older: "Older",
    published: "Published",
    updated: "Updated",
    pagination: "Pages",
    written: "Notices written",
    edited: "Notices edited",
    all_tags: "All tags",
    everyone: "Everyone credited",
    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist or has moved.",
    no_notices: "There are no notices here yet.",
    tagged: "Notices tagged",
    draft: "Draft",
    notices_by_year: "Notices by year",
    reading_time: "Reading time",
    main_navigation: "Main",
    languages: "Languages",
    breadcrumb: "Breadcrumb",
    email: "Email",
    phone: "Phone",
    permanent_address: "Permanent address",
    table: "Table",
    link_to_section: "Link to this section",
    previous_next: "previous and next notices",
    all_written: "All notices written",
    all_edited: "All notices edited",
    search: "Search",
    search_label: "Search the notices",
    search_needs_js: "Search runs in your browser and needs JavaScript, which is turned off or not available.",
    search_instead: "Every notice can still be found without it, by date in the archive or by subject in the tag index:",
    search_placeholder: "Words or a phrase",
    search_results: "{n} results for “{query}”",
    search_one_result: "1 result for “{query}”",
    search_no_results: "No results for “{query}”",
    search_loading: "Searching…",
    search_more: "More results",
    search_section: "Section",
    search_tag: "Tag",
    search_any: "Any",
    search_failed: "Search is not available at the moment. Please try again later.",
    feeds: "Feeds",
    scheduled: "Scheduled",
    goes_live: "Goes live",
    expired: "Expired",
    expired_text: "This notice has expired and is kept for the record.",
    expires: "Expires",
    withdrawn: "Withdrawn",
    withdrawn_text: "This notice has been withdrawn and is kept for the record.",
    reason: "Reason",
    corrections: "Corrections and updates",
    correction: "Correction",
    minor_correction: "Minor correction",
    attachments: "Attachments",
    translations: "Translations",
    translation_of: "Translation of",
    about_notice: "About this notice",
    role: "Role",
    colon: ": ",
    comma: ", ",
};

const ZH: Words = Words {
    skip_to_content: "跳到正文",
    home: "首页",
    latest: "最新发布",
    sections: "栏目",
    tags: "标签",
    people: "人员",
    archive: "归档",
    byline: "记者",
    editor: "责任编辑",
    editors: "责任编辑",
    reference: "文号",
    original_title: "原标题",
    contents: "目录",
    previous: "上一篇",
    next: "下一篇",
    newer: "较新",
    older: "较早",
    published: "发布时间",
    updated: "更新时间",
    pagination: "分页",
    written: "撰写的稿件",
    edited: "编辑的稿件",
    all_tags: "全部标签",
    everyone: "全部署名人员",
    not_found_title: "页面未找到",
    not_found_text: "您访问的页面不存在或已移动。",
    no_notices: "暂无发布内容。",
    tagged: "标签",
    draft: "草稿",
    notices_by_year: "按年份浏览",
    reading_time: "阅读时间",
    main_navigation: "主导航",
    languages: "语言",
    breadcrumb: "位置",
    email: "电子邮件",
    phone: "电话",
    permanent_address: "本页地址",
    table: "表格",
    link_to_section: "本节链接",
    previous_next: "上一篇和下一篇",
    all_written: "全部撰写的稿件",
    all_edited: "全部编辑的稿件",
    search: "搜索",
    search_label: "搜索稿件",
    search_needs_js: "搜索在浏览器中运行，需要启用 JavaScript，当前不可用。",
    search_instead: "不使用搜索也可以找到每一篇稿件：按日期查看归档，或按主题查看标签索引：",
    search_placeholder: "输入关键词",
    search_results: "找到 {n} 条与“{query}”相关的结果",
    search_one_result: "找到 1 条与“{query}”相关的结果",
    search_no_results: "没有找到与“{query}”相关的结果",
    search_loading: "正在搜索…",
    search_more: "更多结果",
    search_section: "栏目",
    search_tag: "标签",
    search_any: "全部",
    search_failed: "搜索暂时无法使用，请稍后再试。",
    feeds: "订阅",
    scheduled: "定时发布",
    goes_live: "发布时间",
    expired: "已过期",
    expired_text: "本稿件已过期，仅作存档。",
    expires: "有效期至",
    withdrawn: "已撤回",
    withdrawn_text: "本稿件已撤回，仅作存档。",
    reason: "原因",
    corrections: "更正与更新",
    correction: "更正",
    minor_correction: "勘误",
    attachments: "附件",
    translations: "译文",
    translation_of: "译自",
    about_notice: "稿件信息",
    role: "职务",
    colon: "：",
    comma: "，",
};

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A language's name in that language, for links to translations; the tag itself for a
/// language Gazette does not know.
pub fn language_name(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let name = match (parts.next(), parts.next()) {
        (Some("en"), _) => "English",
        (Some("zh"), Some("hans" | "cn" | "sg")) => "简体中文",
        (Some("zh"), Some("hant" | "tw" | "hk" | "mo")) => "繁體中文",
        (Some("zh"), _) => "中文",
        _ => return tag.to_owned(),
    };
    name.to_owned()
}

/// The site's language, reduced to what Gazette can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The language of `tag`, English for languages Gazette does not know.
    pub fn of(tag: &str) -> Lang {
        Lang::known(tag).unwrap_or(Lang::En)
    }

    /// The language of `tag`, if Gazette knows its words.
    pub fn known(tag: &str) -> Option<Lang> {
        match tag.split('-').next().unwrap_or("").to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// `25 January 2021` or `2021年1月25日`.
    pub fn date(self, d: Date) -> String {
        match self {
            Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[d.month() as usize - 1], d.year()),
            Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }

    /// `January 2021` or `2021年1月`.
    /// A date and time: `1 January 2026, 09:00` / `2026年1月1日 09:00`.
    pub fn date_time(self, z: &jiff::ZonedDateTime) -> String {
        let time = z.strftime("%H:%M");
        match self {
            Lang::En => format!("{}, {time}", self.date(z.date())),
            Lang::Zh => format!("{} {time}", self.date(z.date())),
        }
    }

    pub fn month(self, year: i16, month: i8) -> String {
        match self {
            Lang::En => format!("{} {year}", MONTHS_EN[month as usize - 1]),
            Lang::Zh => format!("{year}年{month}月"),
        }
    }

    /// `Urumqi, 25 January 2021` or `乌鲁木齐，2021年1月25日`.
    pub fn dateline(self, place: Option<&str>, date: &str) -> String {
        match (place, self) {
            (None, _) => date.to_owned(),
            (Some(p), Lang::En) => format!("{p}, {date}"),
            (Some(p), Lang::Zh) => format!("{p}，{date}"),
        }
    }

    /// `1 notice`, `3 notices`, `3 篇`.
    pub fn notices(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "1 notice".into(),
            (Lang::En, n) => format!("{n} notices"),
            (Lang::Zh, n) => format!("{n} 篇"),
        }
    }

    /// `3 min read` or `阅读约 3 分钟`.
    pub fn reading_time(self, minutes: u32) -> String {
        match self {
            Lang::En => format!("{minutes} min read"),
            Lang::Zh => format!("阅读约 {minutes} 分钟"),
        }
    }

    /// `Page 2 of 5` or `第 2 页，共 5 页`.
    pub fn page_of(self, n: usize, total: usize) -> String {
        match self {
            Lang::En => format!("Page {n} of {total}"),
            Lang::Zh => format!("第 {n} 页，共 {total} 页"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_counts() {
        let d = Date::new(2021, 1, 25).unwrap();
        assert_eq!(Lang::of("en-GB").date(d), "25 January 2021");
        assert_eq!(Lang::of("zh-Hans").date(d), "2021年1月25日");
        assert_eq!(Lang::of("fr").date(d), "25 January 2021");
        assert_eq!(Lang::En.dateline(Some("Urumqi"), "25 January 2021"), "Urumqi, 25 January 2021");
        assert_eq!(Lang::Zh.dateline(Some("乌鲁木齐"), "2021年1月25日"), "乌鲁木齐，2021年1月25日");
        assert_eq!(Lang::En.notices(1), "1 notice");
        assert_eq!(Lang::En.notices(2), "2 notices");
        assert_eq!(Lang::Zh.page_of(2, 5), "第 2 页，共 5 页");
        assert_eq!(Lang::Zh.month(2021, 3), "2021年3月");
        let t: jiff::Timestamp = "2026-01-01T09:05:00+08:00".parse().unwrap();
        let z = t.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::Offset::from_hours(8).unwrap()));
        assert_eq!(Lang::En.date_time(&z), "1 January 2026, 09:05");
        assert_eq!(Lang::Zh.date_time(&z), "2026年1月1日 09:05");
        for (tag, want) in
            [("en", "English"), ("zh-Hans", "简体中文"), ("zh-Hant", "繁體中文"), ("zh", "中文"), ("fr", "fr")]
        {
            assert_eq!(language_name(tag), want);
        }
    }
}
