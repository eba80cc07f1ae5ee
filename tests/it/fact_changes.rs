//! Change one fact in a copy of the example and see every total that depends on it follow.
//!
//! 10.00万元 more wages in 201 13 50 事业运行, paid from the 财政拨款 and booked as 30101 基本工资
//! (the same money seen from income, function and economic classification). Expected values are
//! worked out by hand from the sample's figures: 983.70 → 993.70, 1,042.10 → 1,052.10, …

use crate::common::{TempSite, narrative_text, parse_table};

fn changed_page() -> String {
    let site = TempSite::copy_example();
    site.raise_wages_by_ten();
    let out = site.build();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(site.out().join("2024/085/index.html")).unwrap()
}

fn row<'a>(grid: &'a [Vec<String>], first_cells: &[&str]) -> &'a Vec<String> {
    grid.iter()
        .find(|r| r.iter().zip(first_cells).all(|(a, b)| a == b))
        .unwrap_or_else(|| panic!("no row starting {first_cells:?} in {grid:#?}"))
}

#[test]
fn every_dependent_total_follows_one_fact() {
    let html = changed_page();
    let t1 = parse_table(&html, "table-01");
    assert_eq!(
        t1[0][..4],
        ["一、一般公共预算", "993.70", "一、一般公共服务", "754.00"]
    );
    assert_eq!(t1[1][1], "993.70");
    let totals: Vec<_> = t1[t1.len() - 3..]
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        totals,
        [("1,052.10", "1,052.10"), ("", ""), ("1,052.10", "1,052.10")]
    );

    let t2 = parse_table(&html, "table-02");
    for r in &t2 {
        assert_eq!(
            r[2..6],
            ["1,052.10", "1,052.10", "993.70", "993.70"],
            "{r:?}"
        );
    }

    let t3 = parse_table(&html, "table-03");
    assert_eq!(
        t3[0][5..10],
        ["1,052.10", "893.70", "701.40", "149.00", "43.30"]
    );
    assert_eq!(
        row(&t3, &["201", "13", "50"])[5..8],
        ["754.00", "654.00", "615.30"]
    );

    let t4 = parse_table(&html, "table-04");
    assert_eq!(
        t4[0][..6],
        [
            "一、本年收入",
            "1,052.10",
            "一、本年支出",
            "1,052.10",
            "993.70",
            "993.70"
        ]
    );
    assert_eq!(
        t4[1][..5],
        [
            "（一）一般公共预算拨款",
            "993.70",
            "（一）一般公共服务支出",
            "754.00",
            "754.00"
        ]
    );
    assert_eq!(
        t4.last().unwrap()[..4],
        ["收入合计", "1,052.10", "支出合计", "1,052.10"]
    );

    let t5 = parse_table(&html, "table-05");
    assert_eq!(t5[0][5..8], ["993.70", "893.70", "701.40"]);

    let t6 = parse_table(&html, "table-06");
    assert_eq!(t6[0][4..7], ["893.70", "850.40", "43.30"]);
    assert_eq!(row(&t6, &["301"])[4], "701.40");
    assert_eq!(row(&t6, &["30101"])[4..6], ["181.90", "181.90"]);

    let t7 = parse_table(&html, "table-07");
    assert_eq!(t7[0][6..9], ["1,052.10", "993.70", "993.70"]);
    assert_eq!(row(&t7, &["301", "01"])[6], "181.90");

    let t12 = parse_table(&html, "table-12");
    let budget: Vec<&str> = t12
        .iter()
        .filter(|r| r.len() > 3 && !r[3].is_empty() && r[3].contains('.'))
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(budget, ["1,052.10", "1,052.10", "893.70", "158.40"]);

    // Untouched figures stay: 三公, projects, fund.
    assert_eq!(parse_table(&html, "table-08")[0][0], "5.00");
    assert_eq!(parse_table(&html, "table-11")[0][3], "158.40");
    assert_eq!(parse_table(&html, "table-09")[0][5], "58.40");

    let n = narrative_text(&html);
    for s in [
        "收入总计1052.10万元，支出总计1052.10万元",
        "收、支总计各增加1052.10万元",
        "一般公共预算收入993.70万元；政府性基金收入58.40万元",
        "基本支出893.70万元，占84.94%；项目支出158.40万元，占15.06%",
        "一般公共预算收支预算993.70万元",
        "基本支出893.70万元，占89.94%；项目支出100万元，占10.06%",
        "人员经费支出850.40万元，占95.15%；公用经费支出43.30万元，占4.85%",
    ] {
        assert!(n.contains(s), "narrative lacks {s}:\n{n}");
    }
}
