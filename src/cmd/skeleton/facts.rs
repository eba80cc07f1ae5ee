//! The first half of a new file: header, units, 第一部分, income, functional and economic
//! lines — the facts the tables are built from.

use super::*;
use std::fmt::Write;

pub(super) fn write(w: &mut String, d: &Disclosure, last: Option<&Loaded<Disclosure>>) {
    let unit = d.money_unit.label();
    let last_data = last.map(|l| &l.data);

    // Header.
    let _ = writeln!(
        w,
        "# {} {}年度部门预算公开数据（部门代码 {}）",
        d.name, d.year, d.code
    );
    let _ = writeln!(w, "#");
    match last {
        Some(l) => {
            let _ = writeln!(
                w,
                "# 由 gongkai new 以 {} 为底稿生成：结构、科目、项目和文字沿用上年，本年金额均为 0，",
                l.file.display()
            );
            let _ = writeln!(
                w,
                "# 每个金额旁的注释是上年数；上年各项总数已填入 previous_year。文字部分请逐段核对年份和内容。"
            );
        }
        None => {
            let _ = writeln!(
                w,
                "# 由 gongkai new 生成的空白底稿：各部分都已列出，金额为 0，列表为空（下附示例行）。"
            );
        }
    }
    let _ = writeln!(w, "#");
    let _ = writeln!(w, "# 填写说明：");
    let _ = writeln!(
        w,
        "# - 每个数字只填一次。合计、小计、类/款汇总、占比、与上年比较的增减额，以及第二部分"
    );
    let _ = writeln!(
        w,
        "#   说明中的各项数字，全部由程序根据本文件计算生成，请勿另行填写。"
    );
    let _ = writeln!(
        w,
        "# - 金额单位为{unit}，照表中数字填写（如 983.70）；没有的金额填 0 或删去该项，视为 0。"
    );
    let _ = writeln!(
        w,
        "# - 科目编码、单位编码一律加英文引号（如 \"085\"），以免前导零丢失。"
    );
    let _ = writeln!(
        w,
        "# - 列表写作 [] 表示暂无内容：要填写时删去 []，再去掉示例行开头的 #，照样填写。"
    );
    let _ = writeln!(
        w,
        "# - 边改边看：gongkai serve；检查：gongkai check。字段说明见 docs/format.md。"
    );
    let _ = writeln!(w);

    let _ = writeln!(w, "code: {}", quoted(&d.code));
    let _ = writeln!(w, "name: {}", text(&d.name));
    let _ = writeln!(w, "year: {}", d.year);
    let _ = writeln!(w, "money_unit: {unit}            # 金额单位：万元 或 元");
    let _ = writeln!(
        w,
        "published: {}     # 公开日期 YYYY-MM-DD（此为占位，发布前改为实际日期）",
        quoted(d.published.as_deref().unwrap_or_default())
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# 预算单位构成：每个预算单位一行（单位编码、单位名称）。只有本级一个单位时，下面各处的 unit 可省略。"
    );
    let _ = writeln!(w, "units:");
    for u in &d.units {
        let mut fields = vec![
            format!("code: {}", quoted(&u.code)),
            format!("name: {}", text_in(&u.name, true)),
        ];
        if let Some(k) = u.kind {
            fields.push(format!("kind: {}", k.label()));
        }
        if !u.separate_budget {
            fields.push("separate_budget: false".into());
        }
        let _ = writeln!(w, "  - {{ {} }}", fields.join(", "));
    }
    let _ = writeln!(w);

    // 第一部分.
    let _ = writeln!(
        w,
        "# ───────────────────────── 第一部分 部门概况 ─────────────────────────"
    );
    let _ = writeln!(w, "overview:");
    let _ = writeln!(w, "  # 一、主要职责（序号“（一）（二）…”由程序自动添加）");
    let _ = writeln!(w, "  duties_intro: {}", text(&d.overview.duties_intro));
    list(
        w,
        "  ",
        "duties",
        &d.overview.duties,
        "贯彻执行……（每条职责一行）",
    );
    let _ = writeln!(
        w,
        "  # 二、机构设置（“内设机构N个，包括……”一句由程序根据下列名单生成）"
    );
    list(
        w,
        "  ",
        "offices",
        &d.overview.offices,
        "综合科（每个内设机构一行）",
    );
    let _ = writeln!(
        w,
        "  # 预算单位构成的说明，如：本预算为汇总预算，包括……本级预算，无二级机构预算。"
    );
    let _ = writeln!(w, "  composition: {}", text(&d.overview.composition));
    let _ = writeln!(w);

    // Income.
    let _ = writeln!(
        w,
        "# ───────────────────────── 收入（表一、表二、表四）─────────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个预算单位一行，按资金来源填写；用不到的来源可以删去。上年结转结余填在 carryover 下。"
    );
    let _ = writeln!(w, "income:");
    for (i, l) in d.income.iter().enumerate() {
        let was = last_data.and_then(|x| x.income.get(i));
        let first = match &l.unit {
            Some(u) => format!("unit: {}", quoted(u)),
            None => String::new(),
        };
        let mut lead = "  - ";
        if !first.is_empty() {
            let _ = writeln!(w, "{lead}{first}");
            lead = "    ";
        }
        for (k, label, m) in income_fields(l) {
            let before = was.map(|x| {
                income_fields(x)
                    .iter()
                    .find(|f| f.0 == k)
                    .map(|f| f.2)
                    .unwrap_or_default()
            });
            // Without last year: the two usual sources; from last year: those it used.
            let show = match was {
                None => !m.is_zero() || matches!(k, "appropriation" | "fund"),
                Some(_) => {
                    !m.is_zero() || before.is_some_and(|b| !b.is_zero()) || k == "appropriation"
                }
            };
            if show {
                let note = match before {
                    Some(b) if !b.is_zero() => format!("，上年 {}", amount(b)),
                    _ => String::new(),
                };
                let _ = writeln!(w, "{lead}{k}: {}    # {label}{note}", amount(m));
                lead = "    ";
            }
        }
        let carry = carryover_fields(&l.carryover);
        let carry_was = was
            .map(|x| carryover_fields(&x.carryover))
            .unwrap_or_default();
        if carry.iter().chain(&carry_was).any(|(_, m)| !m.is_zero()) {
            let _ = writeln!(
                w,
                "{lead}carryover: {}    # 上年结转结余{}",
                flow_amounts(&carry),
                was_comment(&carry_was)
            );
        }
    }
    let _ = writeln!(
        w,
        "# 其他来源（按需加在上面的行里）：special_revenue 专项收入，other_general 其他一般公共预算资金，"
    );
    let _ = writeln!(
        w,
        "#   general_advance / fund_advance 上级提前下达，general_bond 一般债券，fund_bond 专项债券，"
    );
    let _ = writeln!(
        w,
        "#   state_capital 国有资本经营预算，special_account 财政专户管理资金，business 事业收入，"
    );
    let _ = writeln!(
        w,
        "#   operating 事业单位经营收入，superior 上级补助收入，affiliated 附属单位上缴收入，other 其他收入；"
    );
    let _ = writeln!(
        w,
        "#   carryover: {{ general: 0, fund: 0, state_capital: 0, special_account: 0, unit_funds: 0 }} 上年结转结余。"
    );
    let _ = writeln!(w);

    // Functional expenditure.
    let _ = writeln!(
        w,
        "# ───────────────────── 支出·功能分类（表一、表三、表四、表五、表九、表十）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个功能分类“项”一行，编码为 类(3位)+款(2位)+项(2位)，如 201 13 50 → \"2011350\"。"
    );
    let _ = writeln!(
        w,
        "# 按资金来源分：general = 一般公共预算（表五），fund = 政府性基金（表九），"
    );
    let _ = writeln!(
        w,
        "#   state_capital = 国有资本经营预算（表十）；另有 carryover、special_account、business、operating、"
    );
    let _ = writeln!(w, "#   superior、affiliated、other（含义同收入）。");
    let _ = writeln!(w, "# 每个来源再按支出构成分：");
    let _ = writeln!(w, "#   wages    = 基本支出·人员经费·工资福利支出");
    let _ = writeln!(w, "#   family   = 基本支出·人员经费·对个人和家庭的补助");
    let _ = writeln!(w, "#   public   = 基本支出·公用经费");
    let _ = writeln!(w, "#   running  = 项目支出·其他运转类");
    let _ = writeln!(w, "#   targeted = 项目支出·特定目标类");
    if d.expenditure.is_empty() {
        let _ = writeln!(w, "expenditure: []");
        let _ = writeln!(w, "#  - code: \"2011350\"      # 201 13 50");
        let _ = writeln!(w, "#    name: 事业运行");
        let _ = writeln!(
            w,
            "#    general: {{ wages: 0, family: 0, public: 0, running: 0, targeted: 0 }}"
        );
        let _ = writeln!(w, "#    fund: {{ targeted: 0 }}");
    } else {
        let _ = writeln!(w, "expenditure:");
        for (i, l) in d.expenditure.iter().enumerate() {
            let was = last_data.and_then(|x| x.expenditure.get(i));
            let _ = writeln!(w, "  - code: {}", quoted(&l.code));
            let _ = writeln!(w, "    name: {}", text(&l.name));
            if let Some(u) = &l.unit {
                let _ = writeln!(w, "    unit: {}", quoted(u));
            }
            let now = functional_sources(l);
            let before = was.map(functional_sources);
            for (s, (key, _)) in SOURCES.iter().enumerate() {
                let parts = components(now[s]);
                let was_parts = before.map(|b| components(b[s])).unwrap_or_default();
                let used: Vec<(&str, Money)> = parts
                    .iter()
                    .zip(&was_parts)
                    .filter(|(p, b)| !p.1.is_zero() || !b.1.is_zero())
                    .map(|(p, _)| *p)
                    .collect();
                if !used.is_empty() {
                    let _ = writeln!(
                        w,
                        "    {key}: {}{}",
                        flow_amounts(&used),
                        was_comment(&was_parts)
                    );
                }
            }
        }
    }
    let _ = writeln!(w);

    // Economic expenditure.
    let _ = writeln!(
        w,
        "# ───────────────────── 支出·经济分类（表六、表七、表八）─────────────────────"
    );
    let _ = writeln!(
        w,
        "# 每个部门预算支出经济分类“款”一行（5位编码），按编码排序；gov_code 为对应的政府预算支出经济分类"
    );
    let _ = writeln!(
        w,
        "# 编码（名称由程序填出；程序不认识的编码才需要另加 gov_name）。按资金来源分（同上），每个来源："
    );
    let _ = writeln!(
        w,
        "#   personnel = 基本支出·人员经费，public = 基本支出·公用经费，project = 项目支出"
    );
    let _ = writeln!(
        w,
        "# “三公”经费（表八）取自 30212 因公出国(境)费用、30217 公务接待费、30231 公务用车运行维护费、31013 公务用车购置。"
    );
    if d.economic.is_empty() {
        let _ = writeln!(w, "economic: []");
        let _ = writeln!(
            w,
            "#  - {{ code: \"30101\", name: 基本工资, gov_code: \"50501\", general: {{ personnel: 0 }} }}"
        );
        let _ = writeln!(
            w,
            "#  - {{ code: \"30201\", name: 办公费, gov_code: \"50502\", general: {{ public: 0, project: 0 }} }}"
        );
    } else {
        let _ = writeln!(w, "economic:");
        for (i, l) in d.economic.iter().enumerate() {
            let was = last_data.and_then(|x| x.economic.get(i));
            let mut fields = vec![
                format!("code: {}", quoted(&l.code)),
                format!("name: {}", text_in(&l.name, true)),
            ];
            if let Some(g) = &l.gov_code {
                fields.push(format!("gov_code: {}", quoted(g)));
            }
            if let Some(g) = &l.gov_name {
                fields.push(format!("gov_name: {}", text_in(g, true)));
            }
            let now = economic_sources(l);
            let before = was.map(economic_sources);
            let mut was_all = Vec::new();
            for (s, (key, _)) in SOURCES.iter().enumerate() {
                let parts = economic_components(now[s]);
                let was_parts = before
                    .map(|b| economic_components(b[s]))
                    .unwrap_or_default();
                let used: Vec<(&str, Money)> = parts
                    .iter()
                    .zip(&was_parts)
                    .filter(|(p, b)| !p.1.is_zero() || !b.1.is_zero())
                    .map(|(p, _)| *p)
                    .collect();
                if !used.is_empty() {
                    fields.push(format!("{key}: {}", flow_amounts(&used)));
                }
                for (k, m) in was_parts {
                    if !m.is_zero() {
                        was_all.push(format!("{key}.{k} {}", amount(m)));
                    }
                }
            }
            let note = if was_all.is_empty() {
                String::new()
            } else {
                format!("   # 上年：{}", was_all.join("，"))
            };
            let _ = writeln!(w, "  - {{ {} }}{note}", fields.join(", "));
        }
    }
    let _ = writeln!(w);
}
