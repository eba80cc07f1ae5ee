//! Synthetic department-year disclosures, for benchmarks and scale tests.
//!
//! A province has thousands of departments and keeps every year online; one real sample is not
//! enough to measure a build at that scale. This writes `content/` trees of any size in the
//! format of `src/content/model/`, varied in shape (1–8 budget units, 5–60 functional 项, 0–20
//! projects, empty tables, several sources of money) and consistent the way a real bureau's
//! data is, so that `check` passes and every identity of DOMAIN.md holds:
//!
//! - income of each unit per source is derived from that unit's functional lines;
//! - the economic lines are the same money per source, split over 款 codes (wages → 301xx,
//!   family → 303xx, public and project → 302xx/310xx, with the “三公” codes sometimes);
//! - every project-side amount of a functional line is a project's amount, per source and kind.
//!
//! Everything is built in whole cents (`i64`), so sums are exact, and drawn from a small
//! seeded PRNG (splitmix64): the same seed gives byte-identical files. Department `i` in
//! year `y` depends only on (seed, i, earlier years of i), never on how many departments are
//! generated, so a small run is a prefix of a large one.
//!
//! Shared by `examples/gen_content/main.rs` and `tests/it/synthetic_site.rs` through `#[path]`,
//! because it is a bench tool, not part of gongkai's user-facing library or CLI.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub departments: usize,
    pub years: usize,
    /// The newest year; years run from `last_year - years + 1` to `last_year`.
    pub last_year: u16,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// Marks a `content/` folder as ours, so a rerun may replace it but never a real one.
pub const MARKER: &str = ".synthetic";

/// Writes `out/content/{site.yaml, glossary.yaml, <year>/<code>.yaml}`.
pub fn generate(out: &Path, o: &Options) -> io::Result<Written> {
    let content = out.join("content");
    if content.exists() {
        let ours = content.join(MARKER).exists();
        let empty = std::fs::read_dir(&content)?.next().is_none();
        if !ours && !empty {
            return Err(io::Error::other(format!(
                "{} exists and was not written by gen_content; refusing to replace it",
                content.display()
            )));
        }
        std::fs::remove_dir_all(&content)?;
    }
    std::fs::create_dir_all(&content)?;
    let mut w = Written::default();
    let mut put = |rel: &str, text: &str| -> io::Result<()> {
        let p = content.join(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&p, text)?;
        w.files += 1;
        w.bytes += text.len() as u64;
        Ok(())
    };
    put(MARKER, &format!("gen_content seed {}\n", o.seed))?;
    put("site.yaml", &site_yaml(o.seed))?;
    put("glossary.yaml", GLOSSARY)?;
    let first = o.last_year + 1 - o.years as u16;
    let width = o.departments.to_string().len().max(3);
    for i in 0..o.departments {
        let profile = Profile::new(o.seed, i, width);
        let mut prev: Option<Headline> = None;
        for year in first..=o.last_year {
            let mut rng = Rng::new(mix(mix(o.seed, i as u64), u64::from(year)));
            let d = Dept::generate(&profile, year, &mut rng);
            let text = d.yaml(&profile, o.seed, prev.as_ref(), &mut rng);
            put(&format!("{year}/{}.yaml", profile.code), &text)?;
            prev = Some(d.headline());
        }
    }
    Ok(w)
}

// ───────────────────────────── PRNG ─────────────────────────────

/// splitmix64: tiny, fast, and good enough to vary shapes; no dependency to pin.
pub struct Rng(u64);

pub fn mix(a: u64, b: u64) -> u64 {
    let mut r = Rng(a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    r.next();
    r.next()
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            xs.swap(i, j);
        }
    }
    /// Roughly log-uniform amount in cents between 10^lo_exp and 10^hi_exp, so small and
    /// large projects both occur, as in real budgets.
    pub fn magnitude(&mut self, lo_exp: u32, hi_exp: u32) -> i64 {
        let e = self.range(i64::from(lo_exp), i64::from(hi_exp) - 1) as u32;
        let base = 10i64.pow(e);
        base + self.range(0, 9 * base - 1)
    }
}

/// Splits `total` cents into `k` positive-weight parts that add up exactly to `total`.
pub fn split(rng: &mut Rng, total: i64, k: usize) -> Vec<i64> {
    if k == 0 {
        return Vec::new();
    }
    let weights: Vec<i64> = (0..k).map(|_| rng.range(1, 100)).collect();
    let wsum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / wsum).collect();
    let rest = total - parts.iter().sum::<i64>();
    parts[k - 1] += rest;
    parts
}

/// `pct` percent of `x`, in whole cents.
fn pct(x: i64, pct: i64) -> i64 {
    x * pct / 100
}

// ───────────────────────────── catalogs ─────────────────────────────

/// Sources of money, in the order of the model's fields.
const SOURCES: [&str; 10] = [
    "general",
    "fund",
    "state_capital",
    "carryover",
    "special_account",
    "business",
    "operating",
    "superior",
    "affiliated",
    "other",
];
const GENERAL: usize = 0;
const FUND: usize = 1;
const STATE_CAPITAL: usize = 2;
const CARRYOVER: usize = 3;
/// Non-appropriation sources used for basic expenditure of 事业 units.
const OWN_SOURCES: [usize; 6] = [4, 5, 6, 7, 8, 9];

/// Components of a functional line: wages, family, public, running, targeted.
const WAGES: usize = 0;
const FAMILY: usize = 1;
const PUBLIC: usize = 2;
const RUNNING: usize = 3;
const TARGETED: usize = 4;
const COMPONENTS: [&str; 5] = ["wages", "family", "public", "running", "targeted"];

struct Agency {
    name: &'static str,
    domain: &'static str,
    /// 行政 (administrative) or 事业 (public institution): decides 行政运行/事业运行 and the
    /// 政府经济分类 codes.
    admin: bool,
    /// The 项 that carries the unit's running costs.
    ops: (&'static str, &'static str),
    /// Other 项 of its 类 that projects and special spending go to.
    items: &'static [(&'static str, &'static str)],
}

const A201: &[(&str, &str)] = &[
    ("2010102", "一般行政管理事务"),
    ("2010302", "一般行政管理事务"),
    ("2010350", "事业运行"),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出"),
    ("2010408", "物价管理"),
    ("2010507", "专项普查活动"),
    ("2010699", "其他财政事务支出"),
    ("2010804", "审计业务"),
    ("2011308", "招商引资"),
    ("2013299", "其他组织事务支出"),
];
const A204: &[(&str, &str)] = &[
    ("2040219", "信息化建设"),
    ("2040220", "执法办案"),
    ("2040250", "事业运行"),
    ("2040604", "基层司法业务"),
    ("2040605", "普法宣传"),
    ("2040610", "社区矫正"),
];
const A205: &[(&str, &str)] = &[
    ("2050199", "其他教育管理事务支出"),
    ("2050201", "学前教育"),
    ("2050202", "小学教育"),
    ("2050203", "初中教育"),
    ("2050204", "高中教育"),
    ("2050302", "中等职业教育"),
    ("2050701", "特殊学校教育"),
    ("2050801", "教师进修"),
    ("2050803", "培训支出"),
    ("2059999", "其他教育支出"),
];
const A206: &[(&str, &str)] = &[
    ("2060199", "其他科学技术管理事务支出"),
    ("2060203", "自然科学基金"),
    ("2060404", "科技成果转化与扩散"),
    ("2060702", "科普活动"),
    ("2069999", "其他科学技术支出"),
];
const A207: &[(&str, &str)] = &[
    ("2070104", "图书馆"),
    ("2070109", "群众文化"),
    ("2070112", "文化和旅游市场管理"),
    ("2070204", "文物保护"),
    ("2070205", "博物馆"),
    ("2070307", "体育场馆"),
    ("2070308", "群众体育"),
];
const A208: &[(&str, &str)] = &[
    ("2080109", "社会保险经办机构"),
    ("2080199", "其他人力资源和社会保障管理事务支出"),
    ("2080208", "基层政权建设和社区治理"),
    ("2080801", "死亡抚恤"),
    ("2080805", "义务兵优待"),
    ("2081002", "老年福利"),
    ("2082001", "临时救助支出"),
    ("2080799", "其他就业补助支出"),
];
const A210: &[(&str, &str)] = &[
    ("2100201", "综合医院"),
    ("2100202", "中医（民族）医院"),
    ("2100302", "乡镇卫生院"),
    ("2100401", "疾病预防控制机构"),
    ("2100408", "基本公共卫生服务"),
    ("2100410", "突发公共卫生事件应急处理"),
    ("2100717", "计划生育服务"),
    ("2101103", "公务员医疗补助"),
];
const A211: &[(&str, &str)] = &[
    ("2110104", "生态环境保护宣传"),
    ("2110301", "大气"),
    ("2110302", "水体"),
    ("2110402", "农村环境保护"),
    ("2119999", "其他节能环保支出"),
];
const A212: &[(&str, &str)] = &[
    ("2120104", "城管执法"),
    ("2120106", "工程建设管理"),
    ("2120199", "其他城乡社区管理事务支出"),
    ("2120303", "小城镇基础设施建设"),
    ("2120399", "其他城乡社区公共设施支出"),
    ("2120501", "城乡社区环境卫生"),
];
const A213: &[(&str, &str)] = &[
    ("2130104", "事业运行"),
    ("2130108", "病虫害控制"),
    ("2130122", "农业生产发展"),
    ("2130205", "森林资源培育"),
    ("2130305", "水利工程建设"),
    ("2130306", "水利工程运行与维护"),
    ("2130705", "对村民委员会和村党支部的补助"),
];
const A214: &[(&str, &str)] = &[
    ("2140104", "公路建设"),
    ("2140106", "公路养护"),
    ("2140112", "公路运输管理"),
    ("2140199", "其他公路水路运输支出"),
];
const A215: &[(&str, &str)] = &[
    ("2150510", "工业和信息产业支持"),
    ("2150599", "其他工业和信息产业监管支出"),
];
const A216: &[(&str, &str)] = &[("2160250", "事业运行"), ("2160299", "其他商业流通事务支出")];
const A220: &[(&str, &str)] = &[
    ("2200104", "自然资源规划及管理"),
    ("2200106", "自然资源利用与保护"),
    ("2200109", "自然资源调查与确权登记"),
    ("2200150", "事业运行"),
];
const A224: &[(&str, &str)] = &[
    ("2240106", "安全监管"),
    ("2240108", "应急救援"),
    ("2240109", "应急管理"),
    ("2240204", "消防应急救援"),
];

const AGENCIES: &[Agency] = &[
    Agency {
        name: "财政局",
        domain: "财政",
        admin: true,
        ops: ("2010601", "行政运行"),
        items: A201,
    },
    Agency {
        name: "审计局",
        domain: "审计",
        admin: true,
        ops: ("2010801", "行政运行"),
        items: A201,
    },
    Agency {
        name: "统计局",
        domain: "统计",
        admin: true,
        ops: ("2010501", "行政运行"),
        items: A201,
    },
    Agency {
        name: "发展和改革委员会",
        domain: "发展改革",
        admin: true,
        ops: ("2010401", "行政运行"),
        items: A201,
    },
    Agency {
        name: "招商引资服务中心",
        domain: "招商引资",
        admin: false,
        ops: ("2011350", "事业运行"),
        items: A201,
    },
    Agency {
        name: "机关事务服务中心",
        domain: "机关事务",
        admin: false,
        ops: ("2010350", "事业运行"),
        items: A201,
    },
    Agency {
        name: "公安局",
        domain: "公安",
        admin: true,
        ops: ("2040201", "行政运行"),
        items: A204,
    },
    Agency {
        name: "司法局",
        domain: "司法行政",
        admin: true,
        ops: ("2040601", "行政运行"),
        items: A204,
    },
    Agency {
        name: "教育局",
        domain: "教育",
        admin: true,
        ops: ("2050101", "行政运行"),
        items: A205,
    },
    Agency {
        name: "第一高级中学",
        domain: "高中教育",
        admin: false,
        ops: ("2050204", "高中教育"),
        items: A205,
    },
    Agency {
        name: "科学技术局",
        domain: "科技",
        admin: true,
        ops: ("2060101", "行政运行"),
        items: A206,
    },
    Agency {
        name: "文化广电和旅游局",
        domain: "文化旅游",
        admin: true,
        ops: ("2070101", "行政运行"),
        items: A207,
    },
    Agency {
        name: "图书馆",
        domain: "公共文化",
        admin: false,
        ops: ("2070104", "图书馆"),
        items: A207,
    },
    Agency {
        name: "体育局",
        domain: "体育",
        admin: true,
        ops: ("2070301", "行政运行"),
        items: A207,
    },
    Agency {
        name: "人力资源和社会保障局",
        domain: "人力资源和社会保障",
        admin: true,
        ops: ("2080101", "行政运行"),
        items: A208,
    },
    Agency {
        name: "民政局",
        domain: "民政",
        admin: true,
        ops: ("2080201", "行政运行"),
        items: A208,
    },
    Agency {
        name: "退役军人事务局",
        domain: "退役军人事务",
        admin: true,
        ops: ("2082801", "行政运行"),
        items: A208,
    },
    Agency {
        name: "卫生健康委员会",
        domain: "卫生健康",
        admin: true,
        ops: ("2100101", "行政运行"),
        items: A210,
    },
    Agency {
        name: "人民医院",
        domain: "医疗服务",
        admin: false,
        ops: ("2100201", "综合医院"),
        items: A210,
    },
    Agency {
        name: "疾病预防控制中心",
        domain: "疾病防控",
        admin: false,
        ops: ("2100401", "疾病预防控制机构"),
        items: A210,
    },
    Agency {
        name: "生态环境局",
        domain: "生态环境",
        admin: true,
        ops: ("2110101", "行政运行"),
        items: A211,
    },
    Agency {
        name: "住房和城乡建设局",
        domain: "住房和城乡建设",
        admin: true,
        ops: ("2120101", "行政运行"),
        items: A212,
    },
    Agency {
        name: "城市管理局",
        domain: "城市管理",
        admin: true,
        ops: ("2120101", "行政运行"),
        items: A212,
    },
    Agency {
        name: "农业农村局",
        domain: "农业农村",
        admin: true,
        ops: ("2130101", "行政运行"),
        items: A213,
    },
    Agency {
        name: "林业局",
        domain: "林业",
        admin: true,
        ops: ("2130201", "行政运行"),
        items: A213,
    },
    Agency {
        name: "水利局",
        domain: "水利",
        admin: true,
        ops: ("2130301", "行政运行"),
        items: A213,
    },
    Agency {
        name: "交通运输局",
        domain: "交通运输",
        admin: true,
        ops: ("2140101", "行政运行"),
        items: A214,
    },
    Agency {
        name: "工业和信息化局",
        domain: "工业和信息化",
        admin: true,
        ops: ("2150501", "行政运行"),
        items: A215,
    },
    Agency {
        name: "商务局",
        domain: "商务",
        admin: true,
        ops: ("2160201", "行政运行"),
        items: A216,
    },
    Agency {
        name: "自然资源和规划局",
        domain: "自然资源",
        admin: true,
        ops: ("2200101", "行政运行"),
        items: A220,
    },
    Agency {
        name: "应急管理局",
        domain: "应急管理",
        admin: true,
        ops: ("2240101", "行政运行"),
        items: A224,
    },
];

/// 项 of 政府性基金 money (土地出让收入, 彩票公益金).
const FUND_ITEMS: &[(&str, &str)] = &[
    ("2120801", "征地和拆迁补偿支出"),
    ("2120802", "土地开发支出"),
    ("2120803", "城市建设支出"),
    ("2120899", "其他国有土地使用权出让收入安排的支出"),
    ("2296002", "用于社会福利的彩票公益金支出"),
    ("2296003", "用于体育事业的彩票公益金支出"),
];
/// 项 of 国有资本经营预算 money.
const STATE_CAPITAL_ITEMS: &[(&str, &str)] = &[
    ("2230105", "国有企业退休人员社会化管理补助支出"),
    ("2230201", "国有经济结构调整支出"),
];

const CITIES: &[&str] = &[
    "东湖市",
    "青山市",
    "南江市",
    "北原市",
    "西岭市",
    "石桥市",
    "云台市",
    "白河市",
    "临川市",
    "安平市",
];
const UNIT_SUFFIXES: &[&str] = &[
    "服务中心",
    "事务中心",
    "监测站",
    "研究所",
    "培训中心",
    "信息中心",
    "综合执法大队",
    "管理所",
    "发展中心",
    "保障中心",
];
const OFFICES: &[&str] = &[
    "办公室",
    "综合科",
    "财务科",
    "人事科",
    "政策法规科",
    "规划发展科",
    "监督检查科",
    "行政审批科",
    "信息化科",
    "安全管理科",
    "宣传教育科",
    "督查室",
    "机关党委",
    "审计科",
    "项目管理科",
];

// 部门预算支出经济分类 款 used for each kind of money.
const WAGE_CODES: &[(&str, &str, i64)] = &[
    ("30101", "基本工资", 25),
    ("30102", "津贴补贴", 12),
    ("30103", "奖金", 4),
    ("30107", "绩效工资", 25),
    ("30108", "机关事业单位基本养老保险缴费", 9),
    ("30109", "职业年金缴费", 4),
    ("30110", "职工基本医疗保险缴费", 5),
    ("30112", "其他社会保障缴费", 1),
    ("30113", "住房公积金", 8),
    ("30199", "其他工资福利支出", 7),
];
const FAMILY_CODES: &[(&str, &str)] = &[
    ("30301", "离休费"),
    ("30302", "退休费"),
    ("30304", "抚恤金"),
    ("30305", "生活补助"),
    ("30309", "奖励金"),
    ("30399", "其他对个人和家庭的补助"),
];
const PUBLIC_CODES: &[(&str, &str)] = &[
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30205", "水费"),
    ("30206", "电费"),
    ("30207", "邮电费"),
    ("30209", "物业管理费"),
    ("30211", "差旅费"),
    ("30213", "维修(护)费"),
    ("30216", "培训费"),
    ("30228", "工会经费"),
    ("30229", "福利费"),
    ("30239", "其他交通费用"),
    ("30299", "其他商品和服务支出"),
    ("31002", "办公设备购置"),
];
const PROJECT_CODES: &[(&str, &str)] = &[
    ("30201", "办公费"),
    ("30202", "印刷费"),
    ("30203", "咨询费"),
    ("30211", "差旅费"),
    ("30214", "租赁费"),
    ("30215", "会议费"),
    ("30216", "培训费"),
    ("30218", "专用材料费"),
    ("30226", "劳务费"),
    ("30227", "委托业务费"),
    ("30299", "其他商品和服务支出"),
    ("31002", "办公设备购置"),
    ("31003", "专用设备购置"),
    ("31005", "基础设施建设"),
    ("31007", "信息网络及软件购置更新"),
    ("31099", "其他资本性支出"),
];
const ABROAD: (&str, &str) = ("30212", "因公出国(境)费用");
const RECEPTION: (&str, &str) = ("30217", "公务接待费");
const VEHICLE_RUNNING: (&str, &str) = ("30231", "公务用车运行维护费");
const VEHICLE_PURCHASE: (&str, &str) = ("31013", "公务用车购置");

/// 政府预算支出经济分类 for a department 款: 事业 units book everything as 505/506 subsidies,
/// 行政 units by 501/502/503. Codes gongkai does not know get their name (`gov_name`).
fn gov_code(code: &str, admin: bool) -> (&'static str, Option<&'static str>) {
    let class = &code[..3];
    if class == "303" {
        return match code {
            "30301" | "30302" => ("50905", None),
            "30304" | "30305" => ("50901", None),
            _ => ("50999", None),
        };
    }
    if !admin {
        return match class {
            "301" => ("50501", None),
            "302" => ("50502", None),
            _ => ("50601", None),
        };
    }
    match code {
        "30101" | "30102" | "30103" | "30107" => ("50101", None),
        "30108" | "30109" | "30110" | "30112" => ("50102", None),
        "30113" => ("50103", None),
        "30199" => ("50199", None),
        "30215" => ("50202", None),
        "30216" => ("50203", None),
        "30218" => ("50204", None),
        "30227" => ("50205", None),
        "30217" => ("50206", None),
        "30212" => ("50207", None),
        "30231" => ("50208", None),
        "30213" => ("50209", None),
        "30203" | "30214" | "30226" | "30299" => ("50299", None),
        "31005" => ("50302", Some("基础设施建设")),
        "31013" => ("50303", Some("公务用车购置")),
        "31099" => ("50399", Some("其他资本性支出")),
        c if c.starts_with("310") => ("50306", Some("设备购置")),
        _ => ("50201", None),
    }
}

// ───────────────────────────── the facts ─────────────────────────────

/// What stays the same for a department from year to year.
pub struct Profile {
    index: usize,
    pub code: String,
    agency: &'static Agency,
    name: String,
    city: &'static str,
    /// (code, name, base headcount) of each budget unit; the first is the department itself.
    units: Vec<(String, String, i64)>,
    offices: Vec<&'static str>,
    duties: Vec<String>,
}

impl Profile {
    fn new(seed: u64, i: usize, width: usize) -> Profile {
        let mut rng = Rng::new(mix(seed, i as u64));
        let agency = &AGENCIES[i % AGENCIES.len()];
        let city = CITIES[(i / AGENCIES.len()) % CITIES.len()];
        // Codes are unique; names repeat only after every city has every agency.
        let code = format!("{:0width$}", i + 1);
        let name = if i / (AGENCIES.len() * CITIES.len()) == 0 {
            format!("{city}{}", agency.name)
        } else {
            format!(
                "{city}{}（{}）",
                agency.name,
                i / (AGENCIES.len() * CITIES.len()) + 1
            )
        };
        let n_units = match rng.below(10) {
            0..=4 => 1,
            5..=7 => rng.range(2, 3) as usize,
            _ => rng.range(4, 8) as usize,
        };
        let mut units = vec![(format!("{code}001"), name.clone(), rng.range(8, 120))];
        let mut suffixes: Vec<&str> = UNIT_SUFFIXES.to_vec();
        rng.shuffle(&mut suffixes);
        for k in 1..n_units {
            units.push((
                format!("{code}{:03}", k + 1),
                format!("{city}{}{}", agency.domain, suffixes[k % suffixes.len()]),
                rng.range(5, 300),
            ));
        }
        let mut offices: Vec<&str> = OFFICES.to_vec();
        rng.shuffle(&mut offices);
        offices.truncate(rng.range(3, OFFICES.len() as i64) as usize);
        let d = agency.domain;
        let templates = [
            format!(
                "贯彻执行国家、省、市关于{d}工作的方针政策和法律法规，拟订全市{d}发展规划并组织实施；"
            ),
            format!("起草{d}领域地方性法规、规章草案，制定相关政策措施和技术规范，并监督实施；"),
            format!("负责全市{d}工作的统筹协调和综合管理，指导县（区）做好{d}相关工作；"),
            format!("承担{d}领域重大项目的谋划、论证、推进和绩效管理工作，组织开展项目评估；"),
            format!("负责{d}领域的监督检查，依法查处违法违规行为，维护群众合法权益；"),
            format!("组织开展{d}领域的统计分析、信息化建设和数据共享工作；"),
            format!("负责{d}领域安全生产和应急管理相关工作，组织应对突发事件；"),
            format!("组织开展{d}领域的宣传教育、人才培养和对外交流合作；"),
            "管理本部门机关及所属单位的财务、资产、人事和机构编制工作；".to_owned(),
            format!("承担{d}领域行政审批制度改革和“放管服”改革的有关工作，优化营商环境；"),
            format!("指导{d}领域社会组织、行业协会的业务工作，推动行业自律；"),
            "完成市委、市政府交办的其他任务。".to_owned(),
        ];
        let n = rng.range(5, 12) as usize;
        let mut duties: Vec<String> = templates[..11].to_vec();
        rng.shuffle(&mut duties);
        duties.truncate(n - 1);
        duties.push(templates[11].clone());
        Profile {
            index: i,
            code,
            agency,
            name,
            city,
            units,
            offices,
            duties,
        }
    }
}

type Comp = [i64; 5];
type EComp = [i64; 3];

struct FLine {
    unit: usize,
    code: &'static str,
    name: &'static str,
    src: [Comp; 10],
}

struct Proj {
    code: String,
    unit: usize,
    name: String,
    targeted: bool,
    /// general, fund, state_capital, carryover (of 一般公共预算).
    amounts: [i64; 4],
    targets: Vec<(&'static str, Vec<(String, String)>)>,
}

struct ELine {
    name: &'static str,
    src: [EComp; 10],
}

/// One department-year's facts, in cents.
struct Dept {
    year: u16,
    lines: Vec<FLine>,
    projects: Vec<Proj>,
    economic: BTreeMap<&'static str, ELine>,
    vehicles: [i64; 3],
    equipment: [i64; 2],
    /// goods, works, services.
    procurement: [i64; 3],
}

/// The figures next year's `previous_year` compares with.
#[derive(Clone, Copy)]
pub struct Headline {
    total: i64,
    general: i64,
    fund: i64,
    state_capital: i64,
    abroad: i64,
    reception: i64,
    vehicle_purchase: i64,
    vehicle_running: i64,
    running_costs: i64,
}

impl Dept {
    fn generate(p: &Profile, year: u16, rng: &mut Rng) -> Dept {
        let a = p.agency;
        let n_units = p.units.len();
        // How many 项 the department has in all, skewed towards small departments.
        let target = (5 + (rng.below(56) * rng.below(56)) / 55) as usize;
        let target = target.max(4 * n_units).min(60);
        let n_projects = match rng.below(10) {
            0..=1 => 0,
            2..=6 => rng.range(1, 6) as usize,
            _ => rng.range(7, 20) as usize,
        };
        let mut lines: Vec<FLine> = Vec::new();
        let mut projects: Vec<Proj> = Vec::new();
        let has_fund = rng.chance(25);
        let has_state_capital = rng.chance(8);
        let institution = !a.admin;
        for (u, (_, _, base_staff)) in p.units.iter().enumerate() {
            let staff = (base_staff * rng.range(92, 110) / 100).max(3);
            let wages = staff * rng.range(1200, 2200);
            let mut ops = new_line(u, if u == 0 { a.ops } else { *rng.pick(a.items) });
            let first = lines.len();
            // Wages: the pension, annuity, medical and housing-fund lines carry their share.
            let pension = pct(wages, rng.range(7, 9));
            let annuity = if rng.chance(60) {
                pct(wages, rng.range(3, 4))
            } else {
                0
            };
            let medical = pct(wages, rng.range(4, 6));
            let housing = pct(wages, rng.range(6, 8));
            ops.src[GENERAL][WAGES] = wages - pension - annuity - medical - housing;
            ops.src[GENERAL][PUBLIC] = staff * rng.range(150, 400);
            lines.push(ops);
            let mut l = new_line(u, ("2080505", "机关事业单位基本养老保险缴费支出"));
            l.src[GENERAL][WAGES] = pension;
            lines.push(l);
            if annuity > 0 {
                let mut l = new_line(u, ("2080506", "机关事业单位职业年金缴费支出"));
                l.src[GENERAL][WAGES] = annuity;
                lines.push(l);
            }
            let mut l = new_line(
                u,
                if a.admin {
                    ("2101101", "行政单位医疗")
                } else {
                    ("2101102", "事业单位医疗")
                },
            );
            l.src[GENERAL][WAGES] = medical;
            lines.push(l);
            let mut l = new_line(u, ("2210201", "住房公积金"));
            l.src[GENERAL][WAGES] = housing;
            lines.push(l);
            if rng.chance(60) {
                let retirees = (staff * rng.range(5, 40) / 100).max(1);
                let mut l = new_line(
                    u,
                    if a.admin {
                        ("2080501", "行政单位离退休")
                    } else {
                        ("2080502", "事业单位离退休")
                    },
                );
                l.src[GENERAL][FAMILY] = retirees * rng.range(300, 900);
                if rng.chance(50) {
                    l.src[GENERAL][PUBLIC] = retirees * rng.range(5, 40);
                }
                lines.push(l);
            }
            // 事业 units pay part of their running costs from their own income.
            if institution && rng.chance(40) {
                let share = rng.range(10, 60);
                let ops = &mut lines[first];
                for c in [WAGES, PUBLIC] {
                    let moved = pct(ops.src[GENERAL][c], share);
                    ops.src[GENERAL][c] -= moved;
                    ops.src[5][c] += moved; // business
                }
            }
            for &s in &OWN_SOURCES {
                if rng.chance(6) {
                    let ops = &mut lines[first];
                    let moved = pct(ops.src[GENERAL][PUBLIC], rng.range(5, 20));
                    ops.src[GENERAL][PUBLIC] -= moved;
                    ops.src[s][PUBLIC] += moved;
                }
            }
        }
        // Extra 项 per unit up to the department's target, for projects and special spending.
        let basic_count = lines.len();
        let extra_total = target
            .saturating_sub(basic_count + usize::from(has_fund) + usize::from(has_state_capital));
        let mut extras_of_unit: Vec<Vec<usize>> = vec![Vec::new(); n_units];
        for k in 0..extra_total {
            let u = k % n_units;
            let used: Vec<&str> = lines
                .iter()
                .filter(|l| l.unit == u)
                .map(|l| l.code)
                .collect();
            let free: Vec<(&str, &str)> = a
                .items
                .iter()
                .chain(A201.iter())
                .copied()
                .filter(|(c, _)| !used.contains(c))
                .collect();
            if free.is_empty() {
                continue;
            }
            extras_of_unit[u].push(lines.len());
            lines.push(new_line(u, *rng.pick(&free)));
        }
        // Projects, each put on a 项 of its unit.
        let mut fund_line: Vec<Option<usize>> = vec![None; n_units];
        let mut state_capital_line: Vec<Option<usize>> = vec![None; n_units];
        let yy = year % 100;
        let dept_wages: i64 = lines
            .iter()
            .flat_map(|l| l.src.iter().map(|c| c[WAGES] + c[FAMILY]))
            .sum();
        for k in 0..n_projects {
            let u = if k < n_units {
                k
            } else {
                rng.below(n_units as u64) as usize
            };
            let mut amounts = [0i64; 4];
            // Projects scale with the department: a few percent of its wage bill, some large.
            let mut amount = pct(dept_wages, rng.range(2, 50)).max(500);
            if rng.chance(8) {
                amount *= 4;
            }
            let source = if has_fund && rng.chance(35) {
                FUND
            } else if has_state_capital && rng.chance(40) {
                STATE_CAPITAL
            } else {
                GENERAL
            };
            // Fund and state-capital money is managed by the department itself (its first unit).
            let u = if source == GENERAL { u } else { 0 };
            amounts[source] = amount;
            if source == GENERAL && rng.chance(10) {
                amounts[3] = pct(amount, rng.range(5, 50)).max(1);
            }
            let line = match source {
                FUND => *fund_line[u].get_or_insert_with(|| {
                    lines.push(new_line(u, *rng.pick(FUND_ITEMS)));
                    lines.len() - 1
                }),
                STATE_CAPITAL => *state_capital_line[u].get_or_insert_with(|| {
                    lines.push(new_line(u, *rng.pick(STATE_CAPITAL_ITEMS)));
                    lines.len() - 1
                }),
                _ => match extras_of_unit[u].as_slice() {
                    [] => basic_line_of(&lines, u),
                    xs => *rng.pick(xs),
                },
            };
            let targeted = rng.chance(75);
            let c = if targeted { TARGETED } else { RUNNING };
            lines[line].src[source][c] += amounts[source];
            lines[line].src[CARRYOVER][c] += amounts[3];
            let name = project_name(rng, a.domain, k);
            let targets = project_targets(rng, amounts.iter().sum(), a.domain);
            projects.push(Proj {
                code: format!(
                    "41{:04}{yy:02}{:07}{:06}",
                    p.index % 10_000,
                    p.index / 10_000,
                    k + 1
                ),
                unit: u,
                name,
                targeted,
                amounts,
                targets,
            });
        }
        // Extra 项 without a project carry special running costs (公用经费).
        for l in lines.iter_mut().skip(basic_count) {
            let any: i64 = l.src.iter().flatten().sum();
            if any == 0 {
                l.src[GENERAL][PUBLIC] = rng.magnitude(3, 5);
            }
        }
        // Economic lines: the same money per source, split over 款 codes.
        let vehicles = [
            if rng.chance(60) { rng.range(1, 6) } else { 0 },
            if rng.chance(20) { rng.range(1, 12) } else { 0 },
            if rng.chance(10) { rng.range(1, 3) } else { 0 },
        ];
        let mut economic: BTreeMap<&'static str, ELine> = BTreeMap::new();
        let mut put = |(code, name): (&'static str, &'static str), s: usize, c: usize, x: i64| {
            if x == 0 {
                return;
            }
            let e = economic.entry(code).or_insert(ELine {
                name,
                src: [[0; 3]; 10],
            });
            e.src[s][c] += x;
        };
        for s in 0..SOURCES.len() {
            let sum = |c: usize| lines.iter().map(|l| l.src[s][c]).sum::<i64>();
            let (wages, family, mut public) = (sum(WAGES), sum(FAMILY), sum(PUBLIC));
            let mut project = sum(RUNNING) + sum(TARGETED);
            // Wages by fixed weights over the 301 codes.
            let wsum: i64 = WAGE_CODES.iter().map(|w| w.2).sum();
            let mut left = wages;
            for (k, &(code, name, w)) in WAGE_CODES.iter().enumerate() {
                let x = if k + 1 == WAGE_CODES.len() {
                    left
                } else {
                    wages * w / wsum
                };
                left -= x;
                put((code, name), s, 0, x);
            }
            let mut fam: Vec<(&str, &str)> = FAMILY_CODES.to_vec();
            rng.shuffle(&mut fam);
            fam.truncate(rng.range(1, 3) as usize);
            fam.sort();
            for (code, x) in fam.iter().zip(split(rng, family, fam.len())) {
                put(*code, s, 0, x);
            }
            // “三公” codes come from 一般公共预算 only.
            if s == GENERAL {
                if rng.chance(70) {
                    let x = pct(public, rng.range(1, 3));
                    put(RECEPTION, s, 1, x);
                    public -= x;
                }
                if vehicles[0] > 0 {
                    let x = (vehicles[0] * rng.range(100, 300)).min(pct(public, 20));
                    put(VEHICLE_RUNNING, s, 1, x);
                    public -= x;
                }
                if project > 0 && rng.chance(12) {
                    let x = pct(project, rng.range(1, 8));
                    put(ABROAD, s, 2, x);
                    project -= x;
                }
                if project > 0 && rng.chance(6) {
                    let x = pct(project, rng.range(5, 20));
                    put(VEHICLE_PURCHASE, s, 2, x);
                    project -= x;
                }
            }
            let mut pubs: Vec<(&str, &str)> = PUBLIC_CODES.to_vec();
            rng.shuffle(&mut pubs);
            pubs.truncate(rng.range(4, PUBLIC_CODES.len() as i64) as usize);
            pubs.sort();
            for (code, x) in pubs.iter().zip(split(rng, public, pubs.len())) {
                put(*code, s, 1, x);
            }
            let mut projs: Vec<(&str, &str)> = PROJECT_CODES.to_vec();
            rng.shuffle(&mut projs);
            projs.truncate(rng.range(2, 9) as usize);
            projs.sort();
            for (code, x) in projs.iter().zip(split(rng, project, projs.len())) {
                put(*code, s, 2, x);
            }
        }
        // Goods, works and services are bought from 公用经费 and 项目支出 (components 2..5),
        // never from 人员经费, and `check` holds procurement to that.
        let spend: i64 = lines
            .iter()
            .flat_map(|l| l.src.iter())
            .map(|c| c[2] + c[3] + c[4])
            .sum();
        let goods = pct(spend, rng.range(0, 25));
        let works = if rng.chance(15) {
            pct(spend, rng.range(1, 25))
        } else {
            0
        };
        let services = pct(spend, rng.range(0, 40));
        Dept {
            year,
            lines,
            projects,
            economic,
            vehicles,
            equipment: [
                if rng.chance(15) { rng.range(1, 5) } else { 0 },
                if rng.chance(10) { rng.range(1, 3) } else { 0 },
            ],
            procurement: [goods, works, services],
        }
    }

    fn source_total(&self, s: usize) -> i64 {
        self.lines
            .iter()
            .map(|l| l.src[s].iter().sum::<i64>())
            .sum()
    }

    fn general_econ(&self, code: &str) -> i64 {
        self.economic
            .get(code)
            .map(|e| e.src[GENERAL].iter().sum())
            .unwrap_or(0)
    }

    fn headline(&self) -> Headline {
        Headline {
            total: (0..SOURCES.len()).map(|s| self.source_total(s)).sum(),
            general: self.source_total(GENERAL),
            fund: self.source_total(FUND),
            state_capital: self.source_total(STATE_CAPITAL),
            abroad: self.general_econ(ABROAD.0),
            reception: self.general_econ(RECEPTION.0),
            vehicle_purchase: self.general_econ(VEHICLE_PURCHASE.0),
            vehicle_running: self.general_econ(VEHICLE_RUNNING.0),
            running_costs: self.lines.iter().map(|l| l.src[GENERAL][PUBLIC]).sum(),
        }
    }

    /// The department file, written the way staff write them (flow maps for amounts, zero
    /// amounts left out, codes quoted).
    fn yaml(&self, p: &Profile, seed: u64, prev: Option<&Headline>, rng: &mut Rng) -> String {
        let a = p.agency;
        let year = self.year;
        let several = p.units.len() > 1;
        let mut o = String::with_capacity(32 * 1024);
        let _ = writeln!(
            o,
            "# 合成数据：由 gongkai 的 examples/gen_content 按种子 {seed} 生成，用于性能测试，并非真实预算。\n\
             # SYNTHETIC DATA generated by examples/gen_content (seed {seed}); not a real budget.\n"
        );
        let _ = writeln!(o, "code: \"{}\"", p.code);
        let _ = writeln!(o, "name: {}", y(&p.name));
        let _ = writeln!(o, "year: {year}");
        o.push_str("money_unit: 万元\n");
        let _ = writeln!(
            o,
            "published: \"{year}-{:02}-{:02}\"\n",
            rng.range(1, 3) + 1,
            rng.range(1, 28)
        );
        o.push_str("units:\n");
        for (code, name, _) in &p.units {
            let _ = writeln!(o, "  - {{ code: \"{code}\", name: {} }}", y(name));
        }
        o.push_str("\noverview:\n");
        let _ = writeln!(
            o,
            "  duties_intro: {}",
            y(&format!("{}的主要职责是：", p.name))
        );
        o.push_str("  duties:\n");
        for d in &p.duties {
            let _ = writeln!(o, "    - {}", y(d));
        }
        o.push_str("  offices:\n");
        for off in &p.offices {
            let _ = writeln!(o, "    - {off}");
        }
        let composition = if several {
            format!(
                "本预算为汇总预算，包括{}本级预算和所属{}个二级单位预算。",
                p.name,
                p.units.len() - 1
            )
        } else {
            format!("本预算为汇总预算，包括{}本级预算，无二级机构预算。", p.name)
        };
        let _ = writeln!(o, "  composition: {}\n", y(&composition));

        // Income per unit and source, from that unit's expenditure.
        o.push_str("income:\n");
        for (u, (code, _, _)) in p.units.iter().enumerate() {
            let t = |s: usize| -> i64 {
                self.lines
                    .iter()
                    .filter(|l| l.unit == u)
                    .map(|l| l.src[s].iter().sum::<i64>())
                    .sum()
            };
            let _ = writeln!(o, "  - unit: \"{code}\"");
            let general = t(GENERAL);
            let special = if rng.chance(15) {
                pct(general, rng.range(1, 10))
            } else {
                0
            };
            field(&mut o, "    ", "appropriation", general - special);
            field(&mut o, "    ", "special_revenue", special);
            field(&mut o, "    ", "fund", t(FUND));
            field(&mut o, "    ", "state_capital", t(STATE_CAPITAL));
            for s in OWN_SOURCES {
                field(&mut o, "    ", SOURCES[s], t(s));
            }
            let carry = t(CARRYOVER);
            if carry > 0 {
                let _ = writeln!(o, "    carryover: {{ general: {} }}", money(carry));
            }
        }

        o.push_str("\nexpenditure:\n");
        let mut order: Vec<&FLine> = self.lines.iter().collect();
        order.sort_by_key(|l| (l.unit, l.code));
        for l in order {
            let _ = writeln!(o, "  - code: \"{}\"", l.code);
            let _ = writeln!(o, "    name: {}", y(l.name));
            if several {
                let _ = writeln!(o, "    unit: \"{}\"", p.units[l.unit].0);
            }
            for (s, c) in l.src.iter().enumerate() {
                let parts: Vec<(&str, i64)> =
                    COMPONENTS.iter().copied().zip(c.iter().copied()).collect();
                if let Some(m) = flow(&parts) {
                    if s == CARRYOVER {
                        // Carried over as 一般公共预算 (see the income line), spent as such.
                        let _ = writeln!(o, "    carryover: {{ general: {m} }}");
                    } else {
                        let _ = writeln!(o, "    {}: {m}", SOURCES[s]);
                    }
                }
            }
        }

        o.push_str("\neconomic:\n");
        for (code, e) in &self.economic {
            let (gov, gov_name) = gov_code(code, a.admin);
            let _ = write!(
                o,
                "  - {{ code: \"{code}\", name: {}, gov_code: \"{gov}\"",
                y(e.name)
            );
            if let Some(n) = gov_name {
                let _ = write!(o, ", gov_name: {n}");
            }
            for (s, c) in e.src.iter().enumerate() {
                let parts = [("personnel", c[0]), ("public", c[1]), ("project", c[2])];
                if let Some(m) = flow(&parts) {
                    let _ = write!(o, ", {}: {m}", SOURCES[s]);
                }
            }
            o.push_str(" }\n");
        }

        if !self.projects.is_empty() {
            o.push_str("\nprojects:\n");
        }
        for pr in &self.projects {
            let _ = writeln!(o, "  - code: \"{}\"", pr.code);
            let _ = writeln!(o, "    unit: \"{}\"", p.units[pr.unit].0);
            let _ = writeln!(o, "    name: {}", y(&pr.name));
            let _ = writeln!(
                o,
                "    kind: {}",
                if pr.targeted {
                    "特定目标类"
                } else {
                    "其他运转类"
                }
            );
            field(&mut o, "    ", "general", pr.amounts[0]);
            field(&mut o, "    ", "fund", pr.amounts[1]);
            field(&mut o, "    ", "state_capital", pr.amounts[2]);
            if pr.amounts[3] > 0 {
                let _ = writeln!(o, "    carryover: {{ general: {} }}", money(pr.amounts[3]));
            }
            o.push_str("    targets:\n");
            for (kind, items) in &pr.targets {
                let _ = writeln!(o, "      {kind}:");
                for (n, v) in items {
                    let _ = writeln!(o, "        - {{ name: {}, value: {} }}", y(n), q(v));
                }
            }
        }

        let now = self.headline();
        let new_unit = prev.is_none() && rng.chance(5);
        let guess = |rng: &mut Rng, cur: i64| -> i64 {
            if new_unit {
                0
            } else if cur == 0 {
                if rng.chance(20) {
                    rng.magnitude(2, 4)
                } else {
                    0
                }
            } else {
                cur * rng.range(80, 120) / 100
            }
        };
        let last: Headline = match prev {
            Some(h) => *h,
            None => Headline {
                total: guess(rng, now.total),
                general: guess(rng, now.general),
                fund: guess(rng, now.fund),
                state_capital: guess(rng, now.state_capital),
                abroad: guess(rng, now.abroad),
                reception: guess(rng, now.reception),
                vehicle_purchase: guess(rng, now.vehicle_purchase),
                vehicle_running: guess(rng, now.vehicle_running),
                running_costs: guess(rng, now.running_costs),
            },
        };
        o.push_str("\nprevious_year:\n");
        let d = a.domain;
        let pairs = [
            ("total", now.total, last.total, false),
            ("general", now.general, last.general, false),
            ("fund", now.fund, last.fund, false),
            (
                "state_capital",
                now.state_capital,
                last.state_capital,
                false,
            ),
            ("abroad", now.abroad, last.abroad, true),
            ("reception", now.reception, last.reception, true),
            (
                "vehicle_purchase",
                now.vehicle_purchase,
                last.vehicle_purchase,
                true,
            ),
            (
                "vehicle_running",
                now.vehicle_running,
                last.vehicle_running,
                true,
            ),
            (
                "running_costs",
                now.running_costs,
                last.running_costs,
                false,
            ),
        ];
        for (key, cur, before, three) in pairs {
            let reason = if cur == before {
                None
            } else if new_unit {
                Some(format!("该部门为{year}年新增预算单位"))
            } else if cur > before {
                Some(if three {
                    rng.pick(&[
                        "因工作需要，公务活动增加",
                        "按规定更新公务用车，相关费用增加",
                    ])
                    .to_string()
                } else {
                    rng.pick(&[
                        "人员增加及正常晋级调资".to_owned(),
                        format!("新增{d}专项工作任务"),
                        "项目支出增加".to_owned(),
                    ])
                    .clone()
                })
            } else {
                Some(if three {
                    "严格落实过紧日子要求，压减“三公”经费".to_owned()
                } else {
                    rng.pick(&[
                        "厉行节约，压减一般性支出",
                        "部分项目已完成，项目支出减少",
                        "人员减少",
                    ])
                    .to_string()
                })
            };
            let _ = write!(o, "  {key}: {{ amount: {}", money(before));
            if let Some(r) = reason {
                let _ = write!(o, ", reason: {}", y(&r));
            }
            o.push_str(" }\n");
        }

        o.push_str("\nnarrative:\n");
        let _ = writeln!(
            o,
            "  abroad_use: 主要用于单位按规定开展{d}领域对外交流合作的因公出国（境）费用支出"
        );
        o.push_str("  reception_use: 主要用于单位按规定开支的各类公务接待支出\n");
        o.push_str("  vehicle_purchase_use: 主要用于单位按规定开支的公务用车购置费用\n");
        o.push_str("  vehicle_running_use: 主要用于单位按规定开支的公务用车运行费用\n");
        if now.fund > 0 {
            let _ = writeln!(o, "  fund_use: 用于{d}领域基础设施建设和公益事业支出");
        }
        if now.state_capital > 0 {
            o.push_str("  state_capital_use: 用于国有企业改革和退休人员社会化管理补助支出\n");
        }
        o.push_str("  running_costs_use: 主要保障机构正常运转及正常履职需要所需支出，包含办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、公务用车运行维护费等\n");
        let _ = writeln!(
            o,
            "  key_evaluation: {year}年度我部门无项目纳入重点项目绩效评价，故本年度未开展相关工作。"
        );
        let _ = writeln!(
            o,
            "  transfer_payments: {}部门无负责管理的专项转移支付项目。\n",
            p.name
        );

        let [goods, works, services] = self.procurement;
        o.push_str("procurement:\n");
        let _ = writeln!(o, "  goods: {}", money(goods));
        let _ = writeln!(o, "  works: {}", money(works));
        let _ = writeln!(o, "  services: {}\n", money(services));

        o.push_str("assets:\n");
        let _ = writeln!(o, "  as_of: {}年期末", year - 1);
        let _ = writeln!(o, "  official_vehicles: {}", self.vehicles[0]);
        let _ = writeln!(o, "  enforcement_vehicles: {}", self.vehicles[1]);
        let _ = writeln!(o, "  other_vehicles: {}", self.vehicles[2]);
        let _ = writeln!(o, "  general_equipment_over_50: {}", self.equipment[0]);
        let _ = writeln!(o, "  special_equipment_over_100: {}\n", self.equipment[1]);

        o.push_str("performance:\n");
        let _ = writeln!(
            o,
            "  goal: {}",
            y(&format!(
                "围绕{city}{d}工作重点，全面履行部门职责，{}；加强预算绩效管理，提高财政资金使用效益，保障各项重点工作任务按期完成。",
                if self.projects.is_empty() {
                    "保障机构正常运转".to_owned()
                } else {
                    format!("推进{}个重点项目建设", self.projects.len())
                },
                city = p.city
            ))
        );
        o.push_str("  tasks:\n");
        let _ = writeln!(
            o,
            "    - {{ name: 保障机构正常运转, content: {} }}",
            y("保障人员工资福利按时足额发放和机关日常运转")
        );
        for pr in self.projects.iter().take(4) {
            let _ = writeln!(
                o,
                "    - {{ name: {}, content: {} }}",
                y(&pr.name),
                y(&format!(
                    "按计划推进{}，确保资金使用合规、绩效目标按期实现",
                    pr.name
                ))
            );
        }
        o.push_str("  indicators:\n");
        for (first, groups) in department_indicators(rng, d) {
            let _ = writeln!(o, "    - name: {first}");
            o.push_str("      groups:\n");
            for (second, items) in groups {
                let _ = writeln!(o, "        - name: {second}");
                o.push_str("          items:\n");
                for (n, v) in items {
                    let _ = writeln!(o, "            - {{ name: {}, value: {} }}", y(&n), q(&v));
                }
            }
        }

        let mut empty: Vec<(&str, String)> = Vec::new();
        if now.fund == 0 {
            empty.push((
                "fund",
                format!("本部门{year}年度没有政府性基金预算支出，故本表无数据。"),
            ));
        }
        if now.state_capital == 0 {
            empty.push((
                "state_capital",
                format!("本部门{year}年度没有国有资本经营预算支出，故本表无数据。"),
            ));
        }
        if now.abroad + now.reception + now.vehicle_purchase + now.vehicle_running == 0 {
            empty.push((
                "three_public",
                format!("本部门{year}年度没有使用一般公共预算安排“三公”经费，故本表无数据。"),
            ));
        }
        if self.projects.is_empty() {
            empty.push((
                "projects",
                format!("本部门{year}年度没有项目支出，故本表无数据。"),
            ));
            empty.push((
                "project_performance",
                format!("本部门{year}年度没有项目支出，故本表无数据。"),
            ));
        }
        if !empty.is_empty() {
            o.push_str("\nempty_tables:\n");
            for (k, v) in empty {
                let _ = writeln!(o, "  {k}: {}", y(&v));
            }
        }
        o
    }
}

fn new_line(unit: usize, (code, name): (&'static str, &'static str)) -> FLine {
    FLine {
        unit,
        code,
        name,
        src: [[0; 5]; 10],
    }
}

/// The first line of the unit that carries its basic spending.
fn basic_line_of(lines: &[FLine], unit: usize) -> usize {
    lines
        .iter()
        .position(|l| l.unit == unit)
        .expect("every unit has its running-cost line")
}

fn project_name(rng: &mut Rng, domain: &str, k: usize) -> String {
    const WHAT: &[&str] = &[
        "专项工作经费",
        "信息化建设",
        "设备购置",
        "宣传培训",
        "监督检查",
        "规划编制",
        "运行维护",
        "基础设施改造",
        "课题研究",
        "应急保障",
        "服务外包",
        "数据治理",
    ];
    format!(
        "{domain}专项-{}{}",
        rng.pick(WHAT),
        if k >= WHAT.len() {
            format!("（{}）", k + 1)
        } else {
            String::new()
        }
    )
}

fn project_targets(
    rng: &mut Rng,
    amount: i64,
    domain: &str,
) -> Vec<(&'static str, Vec<(String, String)>)> {
    let mut out = vec![(
        "cost",
        vec![("财政投入资金".to_owned(), format!("{}万元", money(amount)))],
    )];
    let outputs = [
        (
            format!("{domain}活动开展次数"),
            format!("≥{}次", rng.range(2, 40)),
        ),
        ("任务完成及时性".to_owned(), "及时".to_owned()),
        ("项目验收合格率".to_owned(), "100%".to_owned()),
        (
            format!("{domain}服务覆盖人数"),
            format!("≥{}人", rng.range(100, 20000)),
        ),
    ];
    let n = rng.range(1, 4) as usize;
    out.push(("output", outputs[..n].to_vec()));
    let effects = [
        (format!("{domain}服务水平"), "提升".to_owned()),
        ("群众办事便利程度".to_owned(), "明显改善".to_owned()),
        ("可持续影响".to_owned(), "长期".to_owned()),
    ];
    let n = rng.range(1, 3) as usize;
    out.push(("effect", effects[..n].to_vec()));
    out.push((
        "satisfaction",
        vec![(
            "服务对象满意度".to_owned(),
            format!("≥{}%", rng.range(85, 98)),
        )],
    ));
    out
}

type Tree = Vec<(&'static str, Vec<(&'static str, Vec<(String, String)>)>)>;

fn department_indicators(rng: &mut Rng, domain: &str) -> Tree {
    let pcts = |rng: &mut Rng, lo: i64| format!("≥{}%", rng.range(lo, 99));
    vec![
        (
            "投入管理指标",
            vec![
                (
                    "工作目标管理",
                    vec![
                        ("年度履职目标相关性".into(), "相关".into()),
                        ("工作任务科学性".into(), "科学".into()),
                        ("绩效指标合理性".into(), "合理".into()),
                    ],
                ),
                (
                    "预算和财务管理",
                    vec![
                        ("预算编制完整性".into(), "完整".into()),
                        ("专项资金细化率".into(), "100%".into()),
                        ("预算执行率".into(), pcts(rng, 90)),
                        ("预算调整率".into(), format!("≤{}%", rng.range(5, 10))),
                        ("结转结余率".into(), format!("≤{}%", rng.range(5, 10))),
                        ("“三公经费”控制率".into(), "≤100%".into()),
                        ("政府采购执行率".into(), pcts(rng, 90)),
                        ("资金使用合规性".into(), "合规".into()),
                        ("预决算信息公开性".into(), "公开".into()),
                    ],
                ),
            ],
        ),
        (
            "产出指标",
            vec![(
                "重点工作任务完成",
                vec![
                    (format!("{domain}重点任务完成率"), pcts(rng, 90)),
                    (
                        format!("{domain}监督检查次数"),
                        format!("≥{}次", rng.range(4, 60)),
                    ),
                ],
            )],
        ),
        (
            "效益指标",
            vec![
                (
                    "履职效益",
                    vec![(format!("{domain}工作质量"), "提升".into())],
                ),
                ("满意度", vec![("服务对象满意度".into(), pcts(rng, 85))]),
            ],
        ),
    ]
}

// ───────────────────────────── YAML text ─────────────────────────────

/// Whole cents as the files write amounts: `983.70`.
pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `key: amount` on its own line, left out when zero (an absent amount is zero).
fn field(o: &mut String, indent: &str, key: &str, cents: i64) {
    if cents != 0 {
        let _ = writeln!(o, "{indent}{key}: {}", money(cents));
    }
}

/// `{ wages: 1.00, public: 2.00 }`, or `None` when every part is zero.
fn flow(parts: &[(&str, i64)]) -> Option<String> {
    let inner: Vec<String> = parts
        .iter()
        .filter(|(_, c)| *c != 0)
        .map(|(k, c)| format!("{k}: {}", money(*c)))
        .collect();
    (!inner.is_empty()).then(|| format!("{{ {} }}", inner.join(", ")))
}

/// A text scalar: plain when YAML reads it back unchanged (in block and flow context),
/// double-quoted otherwise.
fn y(s: &str) -> String {
    let special = |c: char| ":#,[]{}&*!|>'\"%@`?-\\".contains(c);
    if s.is_empty() || s.starts_with(' ') || s.ends_with(' ') || s.chars().any(special) {
        q(s)
    } else {
        s.to_owned()
    }
}

/// Always double-quoted, as the format asks for indicator values (`">90%"`).
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn site_yaml(seed: u64) -> String {
    format!(
        "# 合成数据：由 gongkai 的 examples/gen_content 按种子 {seed} 生成，用于性能测试。\n\
         title: 示例省部门预算公开（合成数据）\n\
         region: 示例省\n\
         publisher: 示例省财政厅\n\
         footer:\n  - 主办单位：示例省财政厅\n  - 本站数据为合成数据，仅用于测试\n"
    )
}

/// The glossary is the same for every department of a region; the real one reads best.
const GLOSSARY: &str = include_str!("../../content/glossary.yaml");
