//! The shape of one department file that later steps rely on: its year and code match its
//! place, its units exist, its codes have the digits the tables cut into columns. Each
//! problem names the field and says, in the reader's language, what to write instead.

use crate::content::model::Disclosure;
use crate::content::parse::Loaded;
use crate::content::problem::Problem;

/// Rules on one disclosure that later steps rely on.
pub(crate) fn disclosure(d: &Loaded<Disclosure>, year_dir: &str) -> Vec<Problem> {
    let x = &d.data;
    let mut out = Vec::new();
    let mut push =
        |field: &str, msg: String, hint: &str| out.push(d.problem(field, msg).hint(hint));

    if x.year.to_string() != year_dir {
        push(
            "year",
            crate::say!(
                "`year` 写的是 {}，但文件放在 {year_dir} 文件夹里",
                "the year is {} but the file is in the folder {year_dir}",
                x.year
            ),
            &crate::say!(
                "请把文件放到它所属年度的文件夹里，或改正 `year`",
                "put the file in the folder of its year, or correct the year"
            ),
        );
    }
    if !is_safe_code(&x.code) {
        push(
            "code",
            crate::say!(
                "部门代码 `{}` 不能用：只能是 1 到 32 个字母、数字、`-` 或 `_`，并且不能是 Windows 保留的名称（CON、NUL、AUX、PRN、COM1–9、LPT1–9）",
                "department code `{}` must be 1–32 letters, digits, `-` or `_`, and not a name Windows reserves (CON, NUL, AUX, PRN, COM1–9, LPT1–9)",
                x.code
            ),
            &crate::say!(
                "请填写预算系统中的部门代码，例如 085",
                "use the department code from the budget system, e.g. 085"
            ),
        );
    }
    let stem = d.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != x.code {
        push(
            "code",
            crate::say!(
                "`code` 写的是 `{}`，但文件名是 `{stem}.yaml`",
                "the code is `{}` but the file is named `{stem}.yaml`",
                x.code
            ),
            &crate::say!(
                "文件名要与部门代码一致，例如 085.yaml：请改文件名或改正 `code`",
                "name the file after the department code, e.g. 085.yaml"
            ),
        );
    }
    if let Some(date) = x
        .published
        .as_deref()
        .filter(|d| !crate::content::date::is_date(d))
    {
        push(
            "published",
            crate::say!(
                "`{date}` 不是日期；请写成 2024-05-26 这样",
                "`{date}` is not a date like 2024-05-26"
            ),
            &crate::say!(
                "日期写成 年-月-日（如 2024-05-26），且必须是日历上有的日子；公开文件没有写日期时，删去这一行",
                "write the date as YYYY-MM-DD, or leave the field out when the disclosure gives none"
            ),
        );
    }
    if x.units.is_empty() {
        push(
            "units",
            crate::say!(
                "部门至少要有一个预算单位",
                "a department needs at least one budget unit"
            ),
            &crate::say!(
                "请在 `units` 下列出预算单位，每个写 `code`（代码）和 `name`（名称）",
                "list the budget units (预算单位) with code and name"
            ),
        );
    }
    for (i, u) in x.units.iter().enumerate() {
        if !is_safe_code(&u.code) {
            push(
                &format!("units[{i}].code"),
                crate::say!(
                    "单位代码 `{}` 只能由字母、数字、`-` 或 `_` 组成",
                    "unit code `{}` must be letters, digits, `-` or `_`",
                    u.code
                ),
                &crate::say!(
                    "请填写预算系统中的单位代码，例如 085001",
                    "use the unit code from the budget system, e.g. 085001"
                ),
            );
        }
    }
    if !x.units.is_empty() && x.budgeted_units().next().is_none() {
        push(
            "units",
            crate::say!(
                "每个预算单位都写了 `separate_budget: false`（不单列预算），至少要有一个单位单列预算",
                "every budget unit is marked `separate_budget: false`; at least one must have a budget of its own"
            ),
            &crate::say!(
                "请在编列部门预算的那个单位下删去 `separate_budget: false`",
                "remove `separate_budget: false` from the unit that holds the department's budget"
            ),
        );
    }
    // Lines belong to units with a budget of their own; a 不单列预算 unit has no lines.
    // A department publishing totals only names no unit on any line.
    let unit_ok = |u: &Option<String>| match u {
        None => x.department_totals_only || x.budgeted_units().count() == 1,
        Some(_) if x.department_totals_only => false,
        Some(c) => x.budgeted_units().any(|b| &b.code == c),
    };
    let unit_msg = |u: &Option<String>| match u {
        Some(c) if x.department_totals_only => format!(
            "本部门声明只公开部门合计（`department_totals_only: true`），但这一行写了单位 `{c}`"
        ),
        _ => unit_msg(u),
    };
    let unit_hint = if x.department_totals_only {
        "只公开部门合计时，收入、支出和项目行都不写 `unit`：请删除这一行的 `unit:`；如确要按单位公开，请删除 `department_totals_only: true`"
    } else {
        crate::messages::say(
            "请在 `unit` 写 `units` 下列出的、没有标 `separate_budget: false` 的单位代码（部门有几个单列预算的单位时必须写）",
            "name a unit listed under `units` that is not marked `separate_budget: false` (required when several units have their own budget)",
        )
    };
    for (i, l) in x.income.iter().enumerate() {
        if !unit_ok(&l.unit) {
            push(&format!("income[{i}].unit"), unit_msg(&l.unit), unit_hint);
        }
    }
    for (i, l) in x.expenditure.iter().enumerate() {
        if !unit_ok(&l.unit) {
            push(
                &format!("expenditure[{i}].unit"),
                unit_msg(&l.unit),
                unit_hint,
            );
        }
        if !is_digits(&l.code, 7) {
            push(
                &format!("expenditure[{i}].code"),
                crate::say!(
                    "功能分类科目代码 `{}` 应为 7 位数字：类（3 位）+ 款（2 位）+ 项（2 位）",
                    "功能分类 code `{}` must have seven digits: 类 (3) + 款 (2) + 项 (2)",
                    l.code
                ),
                &crate::say!(
                    "请写完整的项级代码，不要空格，并加引号，例如 201 13 50 事业运行写 \"2011350\"",
                    "write the full 项 code without spaces, e.g. \"2011350\" for 201 13 50 事业运行"
                ),
            );
        }
    }
    for (i, l) in x.economic.iter().enumerate() {
        // Optional even with several budgeted units: only a 单位预算 needs it (it says so).
        if l.unit.is_some() && !unit_ok(&l.unit) {
            push(&format!("economic[{i}].unit"), unit_msg(&l.unit), unit_hint);
        }
        if !is_digits(&l.code, 5) {
            push(
                &format!("economic[{i}].code"),
                crate::say!(
                    "经济分类科目代码 `{}` 应为 5 位数字：类（3 位）+ 款（2 位）",
                    "经济分类 code `{}` must have five digits: 类 (3) + 款 (2)",
                    l.code
                ),
                &crate::say!(
                    "请写款级代码，不要空格，并加引号，例如基本工资写 \"30101\"",
                    "write the 款 code without spaces, e.g. \"30101\" for 基本工资"
                ),
            );
        }
        let Some(gov_code) = l.gov_code.as_deref() else {
            continue;
        };
        if !is_digits(gov_code, 5) {
            push(
                &format!("economic[{i}].gov_code"),
                crate::say!(
                    "政府预算经济分类科目代码 `{gov_code}` 应为 5 位数字：类（3 位）+ 款（2 位）",
                    "政府预算经济分类 code `{gov_code}` must have five digits: 类 (3) + 款 (2)"
                ),
                &crate::say!(
                    "请写 5 位款级代码并加引号，例如工资福利支出写 \"50501\"",
                    "e.g. \"50501\" for 工资福利支出"
                ),
            );
        } else if l.gov_name.is_none()
            && crate::content::codes::gov_economic_name(gov_code).is_none()
        {
            push(
                &format!("economic[{i}].gov_code"),
                crate::say!(
                    "gongkai 不知道政府预算经济分类 `{gov_code}` 的名称",
                    "gongkai does not know the name of 政府预算经济分类 `{gov_code}`"
                ),
                &crate::say!(
                    "请在这一行加上 `gov_name:`，照公开文本写名称",
                    "add `gov_name:` with the name as published"
                ),
            );
        }
    }
    for (i, p) in x.projects.iter().enumerate() {
        if !unit_ok(&p.unit) {
            push(&format!("projects[{i}].unit"), unit_msg(&p.unit), unit_hint);
        }
    }
    if x.projects_with_targets.is_some() && !x.projects.is_empty() {
        push(
            "projects_with_targets",
            crate::say!(
                "已经在 `projects` 下列出了项目，又写了 `projects_with_targets`",
                "`projects_with_targets` is given although `projects` lists the projects"
            ),
            &crate::say!(
                "请删去 `projects_with_targets`：项目个数和金额由程序根据 `projects` 计算",
                "leave `projects_with_targets` out: the count and amount are computed from `projects`"
            ),
        );
    }
    for code in x.subject_names.keys() {
        if !is_digits(code, 3) && !is_digits(code, 5) {
            push(
                &format!("subject_names.{code}"),
                crate::say!(
                    "`{code}` 不是类级代码（3 位）或类+款代码（5 位）",
                    "`{code}` is not a 类 code (3 digits) or a 类+款 code (5 digits)"
                ),
                &crate::say!(
                    "代码不要空格，并加引号，例如 \"201\" 或 \"20113\"",
                    "write the code without spaces and quoted, e.g. \"201\" or \"20113\""
                ),
            );
        }
    }
    out.extend(crate::content::validate::disclosure(d));
    out
}

fn unit_msg(u: &Option<String>) -> String {
    match u {
        Some(c) => crate::say!(
            "`{c}` 不是本部门单列预算的单位",
            "`{c}` is not one of this department's budget units with a budget of its own"
        ),
        None => crate::say!(
            "缺少 `unit`：本部门有几个预算单位，每一行都要写明属于哪个单位",
            "the unit is missing; this department has several budget units"
        ),
    }
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// Codes become folder names, so they are kept to a safe alphabet, and names that Windows
/// reserves for devices (`CON`, `NUL`, `COM1`, …) are refused: a site copied to a Windows
/// server or opened from a share must not lose a department to a device.
pub fn is_safe_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !is_windows_device(s)
}

fn is_windows_device(s: &str) -> bool {
    let u = s.to_ascii_uppercase();
    matches!(
        u.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || ((u.starts_with("COM") || u.starts_with("LPT"))
        && u.len() == 4
        && u.as_bytes()[3].is_ascii_digit())
}
