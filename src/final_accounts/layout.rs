//! The fixed rows of the 决算 tables, as data: the 类 list of the two 总表 and the 经济分类
//! 款 of 一般公共预算财政拨款基本支出决算表, in the order the national layout prints them
//! (every row is printed, empty or not). The 类 of the 总表 carry their own names (the 决算
//! layout says 「一般公共服务支出」 where budgets say 「一般公共服务」); the economic rows are
//! codes, named by the one economic classification of `content::codes`.

/// 功能分类 类 of 收入支出决算总表 and 财政拨款收入支出决算总表.
pub const CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// The left half of the 基本支出 table: 人员经费 (工资福利支出, 对个人和家庭的补助).
pub const PERSONNEL: &[&str] = &[
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111",
    "30112", "30113", "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305",
    "30307", "30308", "30309", "30310", "30311", "30399",
];

/// The right half: 公用经费 (商品和服务支出, 资本性支出).
pub const PUBLIC: &[&str] = &[
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209",
    "30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225",
    "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299", "310", "31001",
    "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099",
];

/// The name of an economic 类 or 款 of the layout, as the classification names it (one list
/// of names for budgets and 决算 alike, in `content::codes`).
pub fn economic_name(code: &str) -> Option<&'static str> {
    if !PERSONNEL.iter().chain(PUBLIC).any(|c| *c == code) {
        return None;
    }
    match code.len() {
        3 => crate::content::codes::economic_class_name(code),
        _ => crate::content::codes::economic_item_name(code),
    }
}

/// Whether an economic 款 counts as 人员经费 (else 公用经费).
pub fn is_personnel(code: &str) -> bool {
    code.starts_with("301") || code.starts_with("303")
}
