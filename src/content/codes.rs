//! Names of classification codes that gongkai knows, and Chinese numbering.
//!
//! The 类 list is fixed by the national classification; tables 1 and 4 list every 类 even when
//! empty, so the lists live here rather than in each department's data.

/// 功能分类 类: code and the name table 1 prints (numbered 一、… by `code - 200`).
pub const FUNCTION_CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务"),
    ("202", "外交"),
    ("203", "国防"),
    ("204", "公共安全"),
    ("205", "教育"),
    ("206", "科学技术"),
    ("207", "文化旅游体育与传媒"),
    ("208", "社会保障和就业"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康"),
    ("211", "节能环保"),
    ("212", "城乡社区事务"),
    ("213", "农林水事务"),
    ("214", "交通运输"),
    ("215", "资源勘探信息等"),
    ("216", "商业服务业等"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算"),
    ("224", "灾害防治及应急管理"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// Table 4's expenditure rows as the 13-table format prints them. The format keeps a row
/// (九) 医疗卫生与计划生育支出 from an older classification that no code feeds any more.
pub const APPROPRIATION_ROWS: &[(Option<&str>, &str)] = &[
    (Some("201"), "（一）一般公共服务支出"),
    (Some("202"), "（二）外交支出"),
    (Some("203"), "（三）国防支出"),
    (Some("204"), "（四）公共安全支出"),
    (Some("205"), "（五）教育支出"),
    (Some("206"), "（六）科学技术支出"),
    (Some("207"), "（七）文化体育旅游与传媒支出"),
    (Some("208"), "（八）社会保障和就业支出"),
    (None, "（九）医疗卫生与计划生育支出"),
    (Some("210"), "（十）卫生健康支出"),
    (Some("211"), "（十一）节能环保支出"),
    (Some("212"), "（十二）城乡社区事务支出"),
    (Some("213"), "（十三）农林水事务支出"),
    (Some("214"), "（十四）交通运输支出"),
    (Some("215"), "（十五）资源勘探信息等支出"),
    (Some("216"), "（十六）商业服务业等支出"),
    (Some("217"), "（十七）金融支出"),
    (Some("219"), "（十九）援助其他地区支出"),
    (Some("220"), "（二十）自然资源海洋气象等支出"),
    (Some("221"), "（二十一）住房保障支出"),
    (Some("222"), "（二十二）粮油物资储备支出"),
    (Some("223"), "（二十三）国有资本经营预算"),
    (Some("224"), "（二十四）灾害防治及应急管理"),
    (Some("227"), "（二十七）预备费"),
    (Some("229"), "（二十九）其他支出"),
    (Some("230"), "（三十）转移性支出"),
    (Some("231"), "（三十一）债务还本支出"),
    (Some("232"), "（三十二）债务付息支出"),
    (Some("233"), "（三十三）债务发行费用支出"),
    (Some("234"), "（三十四）抗疫特别国债安排的支出"),
];

/// 功能分类 类 name, e.g. `201` → `一般公共服务`.
pub fn function_class_name(code: &str) -> Option<&'static str> {
    FUNCTION_CLASSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// The name of a 类 (3 digits) or 类+款 (5 digits) code as a disclosure prints it: the
/// disclosure's own `subject_names` first, then the 类 names gongkai knows of either
/// classification (功能分类 2xx, 部门经济分类 3xx).
pub fn subject_name<'a>(
    names: &'a std::collections::BTreeMap<String, String>,
    code: &str,
) -> Option<&'a str> {
    names
        .get(code)
        .map(String::as_str)
        .or_else(|| function_class_name(code))
        .or_else(|| economic_class_name(code))
}

/// 部门预算支出经济分类 类 names.
pub const ECONOMIC_CLASSES: &[(&str, &str)] = &[
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("311", "对企业补助（基本建设）"),
    ("312", "对企业补助"),
    ("313", "对社会保障基金补助"),
    ("399", "其他支出"),
];

pub fn economic_class_name(code: &str) -> Option<&'static str> {
    ECONOMIC_CLASSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// 部门预算支出经济分类 款 names of the classes that department budgets use (301, 302, 303,
/// 310), as the national classification spells them. The check step flags a line whose name
/// differs, which usually means a mistyped code.
pub const ECONOMIC_ITEMS: &[(&str, &str)] = &[
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
    ("30106", "伙食补助费"),
    ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"),
    ("30109", "职业年金缴费"),
    ("30110", "职工基本医疗保险缴费"),
    ("30111", "公务员医疗补助缴费"),
    ("30112", "其他社会保障缴费"),
    ("30113", "住房公积金"),
    ("30114", "医疗费"),
    ("30199", "其他工资福利支出"),
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30204", "手续费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30208", "取暖费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30212", "因公出国（境）费用"),
    ("30213", "维修（护）费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30217", "公务接待费"),
    ("30218", "专用材料费"),
    ("30224", "被装购置费"),
    ("30225", "专用燃料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30231", "公务用车运行维护费"),
    ("30239", "其他交通费用"),
    ("30240", "税金及附加费用"),
    ("30299", "其他商品和服务支出"),
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30303", "退职（役）费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30306", "救济费"),
    ("30307", "医疗费补助"),
    ("30308", "助学金"),
    ("30309", "奖励金"),
    ("30310", "个人农业生产补贴"),
    ("30311", "代缴社会保险费"),
    ("30399", "其他对个人和家庭的补助"),
    ("31001", "房屋建筑物购建"),
    ("31002", "办公设备购置"),
    ("31003", "专用设备购置"),
    ("31005", "基础设施建设"),
    ("31006", "大型修缮"),
    ("31007", "信息网络及软件购置更新"),
    ("31008", "物资储备"),
    ("31009", "土地补偿"),
    ("31010", "安置补助"),
    ("31011", "地上附着物和青苗补偿"),
    ("31012", "拆迁补偿"),
    ("31013", "公务用车购置"),
    ("31019", "其他交通工具购置"),
    ("31021", "文物和陈列品购置"),
    ("31022", "无形资产购置"),
    ("31099", "其他资本性支出"),
];

/// 部门预算支出经济分类 款 name, e.g. `30101` → `基本工资`.
pub fn economic_item_name(code: &str) -> Option<&'static str> {
    ECONOMIC_ITEMS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// 政府预算支出经济分类 款 names that departments' tables commonly show.
pub const GOV_ECONOMIC: &[(&str, &str)] = &[
    ("50101", "工资奖金津补贴"),
    ("50102", "社会保障缴费"),
    ("50103", "住房公积金"),
    ("50199", "其他工资福利支出"),
    ("50201", "办公经费"),
    ("50202", "会议费"),
    ("50203", "培训费"),
    ("50204", "专用材料购置费"),
    ("50205", "委托业务费"),
    ("50206", "公务接待费"),
    ("50207", "因公出国(境)费用"),
    ("50208", "公务用车运行维护费"),
    ("50209", "维修(护)费"),
    ("50299", "其他商品和服务支出"),
    ("50501", "工资福利支出"),
    ("50502", "商品和服务支出"),
    ("50599", "其他对事业单位补助"),
    ("50601", "资本性支出"),
    ("50901", "社会福利和救助"),
    ("50902", "助学金"),
    ("50905", "离退休费"),
    ("50999", "其他对个人和家庭补助"),
];

pub fn gov_economic_name(code: &str) -> Option<&'static str> {
    GOV_ECONOMIC
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
}

/// 政府预算支出经济分类 类 names (first three digits).
pub fn gov_economic_class_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "501" => "机关工资福利支出",
        "502" => "机关商品和服务支出",
        "503" => "机关资本性支出（一）",
        "504" => "机关资本性支出（二）",
        "505" => "对事业单位经常性补助",
        "506" => "对事业单位资本性补助",
        "507" => "对企业补助",
        "509" => "对个人和家庭的补助",
        "599" => "其他支出",
        _ => return None,
    })
}

/// Chinese numeral for 1..=99: 一, 十, 十一, 二十, 二十一 …
pub fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_owned(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_like_the_tables() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(19), "十九");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(34), "三十四");
    }
}
