//! The English of the sentences that are made in Chinese where they are found: the YAML
//! reader's and the loader's (clerks are their first readers, and their tests assert the
//! Chinese). In English mode [`crate::messages::tr`] puts them into English here, with the
//! same sentence patterns as the Chinese catalog, in the other direction.

/// (Chinese pattern, English): `{}` matches any text, `{0}`, `{1}` … place it. Longer
/// patterns first where one begins like another.
pub(crate) const CATALOG: &[(&str, &str)] = &[
    // What to do, said by the YAML reader.
    (
        "检查这一行附近的写法：缩进只用空格，每个字段名后面是英文冒号加一个空格，括号和引号要成对",
        "check the lines around here: indent with spaces only, put an English colon and a space after each field name, and pair every bracket and quote",
    ),
    (
        "金额写成普通数字，例如 983.70，不带单位和文字",
        "write the amount as a plain number such as 983.70, without units or text",
    ),
    (
        "检查字段名的拼写（大小写也要一致）；docs/format.md 列出了每个字段及示例",
        "check the spelling of the field name (upper and lower case too); docs/format.md lists every field with an example",
    ),
    (
        "补上这个字段；docs/format.md 列出了每个字段及示例",
        "add this field; docs/format.md lists every field with an example",
    ),
    (
        "对照 docs/format.md 列出了每个字段及示例",
        "compare with docs/format.md, which lists every field with an example",
    ),
    (
        "列表中的这一项写法不对；docs/format.md 列出了每个字段及示例",
        "this item of the list is written wrongly; docs/format.md lists every field with an example",
    ),
    (
        "值的种类不对（文字、数字、列表或映射）；docs/format.md 列出了每个字段及示例",
        "the value has the wrong kind (text, number, list or map); docs/format.md lists every field with an example",
    ),
    (
        "从上面列出的值中选一个，照原样填写",
        "choose one of the values listed above, written exactly as shown",
    ),
    (
        "保留一处、删掉另一处；如果两个值都需要，其中一个应当写在别的字段下",
        "keep one of the two and delete the other; if both values are needed, one of them belongs under another field",
    ),
    (
        "把值直接写出来，不要用锚点（`&名称`）和别名重复；检查是否放错了文件",
        "write the values out instead of repeating them with anchors (`&name`) and aliases; check that this is the right file",
    ),
    (
        "把值直接写出来，不要用锚点（`&名称`）和别名重复",
        "write the values out instead of repeating them with anchors (`&name`) and aliases",
    ),
    (
        "把值直接写出来，或者检查 `*` 后面的名称",
        "write the value out, or check the name after `*`",
    ),
    (
        "把值直接写出来，不要用锚点和别名",
        "write the value out instead of using anchors and aliases",
    ),
    (
        "一个文件只写一个部门一年的内容；删掉多余的 `---` 及其后的内容",
        "one file holds one department's year; delete the extra `---` and what follows it",
    ),
    (
        "检查括号和引号是否成对、最后一个字段是否写完",
        "check that brackets and quotes are paired and that the last field is complete",
    ),
    (
        "缩进不对：同一层的字段要对齐，下一层比上一层多缩进两个空格，只用空格不用 Tab",
        "the indentation is wrong: fields of one level line up, the next level is indented two more spaces, with spaces only, never Tab",
    ),
    (
        "一份公开文件最多嵌套几层；检查是否有没闭合的 `[` 或 `{`，或越来越深的缩进；docs/format.md 有完整的样例",
        "a disclosure nests only a few levels; look for an unclosed `[` or `{`, or indentation that keeps growing; docs/format.md has a complete example",
    ),
    (
        "一份公开文件最多嵌套几层；检查是否有没闭合的 `[` 或 `{`，或越来越深的缩进",
        "a disclosure nests only a few levels; look for an unclosed `[` or `{`, or indentation that keeps growing",
    ),
    (
        "通常是缩进不对；如果值里本身有冒号，请把整个值用引号括起来",
        "usually the indentation is wrong; if the value itself holds a colon, put the whole value in quotes",
    ),
    (
        "缩进只用空格；字段名和冒号用英文半角",
        "indent with spaces only; write field names and colons in half-width (English) characters",
    ),
    (
        "检查这一行的 `[` `]` `{` `}` 是否成对，各项之间用英文逗号隔开",
        "check that this line's `[` `]` `{` `}` are paired, with English commas between items",
    ),
    (
        "检查这一行的引号是否成对（英文引号 \" 或 '）",
        "check that this line's quotes are paired (English quotes \" or ')",
    ),
    (
        "一个部门一年的文件只有几千个值；检查是否放错了文件，或把不属于这个部门这一年的内容移走",
        "a department's year holds a few thousand values; check that this is the right file, or move out what does not belong to this department and year",
    ),
    // What is wrong, said by the YAML reader.
    (
        "不认识的字段 `{}`；这里可以写的字段是：{}",
        "unknown field `{0}`; the fields allowed here are: {1}",
    ),
    ("缺少必填字段 `{}`", "missing field `{0}`"),
    (
        "`{}` 不是这里可用的值；可用的值是：{}",
        "`{0}` is not a value allowed here; the allowed values are: {1}",
    ),
    (
        "这里应当是{}，写的却是{}",
        "this should be {0}, but it is {1}",
    ),
    (
        "这里应当是{}，却有 {} 项",
        "this should be {0}, but it has {1} items",
    ),
    ("这里应当是{}", "this should be {0}"),
    (
        "`{}` 在同一层写了两次：第一次在第 {} 行，这里是第二次",
        "`{0}` is given twice in the same map: first on line {1}, again here",
    ),
    (
        "`{}` 在同一层写了两次",
        "`{0}` is given twice in the same map",
    ),
    (
        "同一个字段在同一层写了两次",
        "a field is given twice in the same map",
    ),
    (
        "别名（`*名称`）重复的内容超过了 {} MB",
        "aliases (`*name`) repeat more than {0} MB of text",
    ),
    (
        "这里的别名（`*名称`）没有对应的锚点（`&名称`）",
        "this alias (`*name`) has no anchor (`&name`)",
    ),
    (
        "文件里有不止一份文档（出现了单独一行的 `---` 或 `...`）",
        "the file holds more than one document (a line with only `---` or `...`)",
    ),
    ("文件在这里意外结束", "the file ends unexpectedly here"),
    (
        "这里的值是空的，应当写上文字",
        "the value here is empty; write the text",
    ),
    ("YAML 写法有误：{}", "the YAML is not well formed: {0}"),
    (
        "列表和映射在这里嵌套得太深",
        "lists and maps are nested too deep here",
    ),
    (
        "这一行的缩进和上下文对不上",
        "this line's indentation does not fit the lines around it",
    ),
    (
        "这里不能再写 `字段: 值`",
        "a `field: value` cannot start here",
    ),
    (
        "这里有不能用的字符（常见的是 Tab 键或全角符号）",
        "there is a character that cannot be used here (usually a Tab or a full-width symbol)",
    ),
    (
        "方括号或花括号没有闭合，或者两项之间少了逗号",
        "a square or curly bracket is not closed, or a comma is missing between two items",
    ),
    ("引号没有闭合", "a quote is not closed"),
    (
        "别名（`*名称`）或锚点（`&名称`）写法有误",
        "an alias (`*name`) or anchor (`&name`) is written wrongly",
    ),
    ("这里的 YAML 写法有误", "the YAML is not well formed here"),
    (
        "列表和映射在这里嵌套超过了 {} 层",
        "lists and maps are nested more than {0} levels deep here",
    ),
    (
        "文件到这里已经有超过 {} 个值",
        "the file holds more than {0} values by here",
    ),
    (
        "别名（`*名称`）超过了 {} 个",
        "there are more than {0} aliases (`*name`)",
    ),
    (
        "别名或文字的总量超过了上限（{} MB）",
        "aliases and text exceed the limit ({0} MB)",
    ),
    ("项数不对：{}", "wrong number of items: {0}"),
    // Kinds of value, inside the sentences above.
    (
        "列表（每项以 `- ` 开头）",
        "a list (each item starting with `- `)",
    ),
    (
        "映射（`字段: 值` 的若干行）",
        "a map (lines of `field: value`)",
    ),
    (
        "单个值（文字或数字），不是列表或映射",
        "a single value (text or number), not a list or map",
    ),
    ("文字", "text"),
    ("是或否（true / false）", "yes or no (true / false)"),
    ("整数", "a whole number"),
    ("金额", "an amount"),
    ("数字", "a number"),
    ("空值", "nothing (an empty value)"),
    // The loader.
    (
        "改正后再运行；不是部门文件的请移出 content/",
        "fix it and run again; move files that are not a department's out of content/",
    ),
    (
        "这不是普通文件（而是符号链接、文件夹、管道或设备），不会读取它",
        "this is not an ordinary file (but a link, folder, pipe or device), so it is not read",
    ),
    ("把真正的文件放在这里", "put the real file here"),
];
