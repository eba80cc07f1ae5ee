// End-to-end checks of a built site in headless Chromium (playwright-core drives the system
// browser; nothing is downloaded): every page type loads without console errors, navigation
// works by clicking, the year table sorts, search finds things, axe-core finds no
// accessibility problem of any impact, tables are right on a phone (a cell that stays in view
// while a table scrolls is its own row's label), no table is wider than a 1280 px screen
// without a visible cue, and the printed disclosure has no near-blank page. Screenshots go to
// SHOTS (desktop and phone), the printed PDF too.
//
// usage: [GONGKAI_E2E_EXAMPLE=putuo] node run.mjs SITE_DIR SHOTS_DIR
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [site, shots] = process.argv.slice(2).map((p) => path.resolve(p));
fs.mkdirSync(shots, { recursive: true });
const url = (p) => "file://" + path.join(site, p);

// The example site to walk: `jiyuan` (content/, 13 tables) or `putuo` (examples/putuo, the
// 9-table profile), from GONGKAI_E2E_EXAMPLE.
const examples = {
  jiyuan: { year: "2024", code: "085", dept: "招商引资服务中心", table: "#table-07", query: "%E6%8B%9B%E5%95%86", hit: "招商引资", order: "事业", phoneTables: ["table-04", "table-13"], fitAt1280: true },
  putuo: { year: "2025", code: "commerce", dept: "商务委员会", table: "#table-08", query: "%E5%95%86%E5%8A%A1", hit: "商务委员会", order: "单位", phoneTables: ["table-01", "table-09"], fitAt1280: true, final: "2024/final/finance/index.html", unit: "2025/unit/commerce/commerce-hq/index.html" },
};
const ex = examples[process.env.GONGKAI_E2E_EXAMPLE || "jiyuan"];
const pages = {
  home: "index.html",
  year: `${ex.year}/index.html`,
  disclosure: `${ex.year}/${ex.code}/index.html`,
  department: `dept/${ex.code}/index.html`,
  glossary: "glossary/index.html",
  guide: "guide/index.html",
  search: `search/index.html?q=${ex.query}&year=${ex.year}`,
  notfound: "404.html",
};
// The 部门决算 page, where the example has one.
if (ex.final) pages.final = ex.final;
// A unit's 单位预算 page, where the example has one.
if (ex.unit) pages.unit = ex.unit;

const failures = [];
const fail = (msg) => { failures.push(msg); console.log("FAIL " + msg); };

const browser = await chromium.launch({
  executablePath: process.env.GONGKAI_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});

async function open(context, name, rel) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url(rel));
  await page.waitForLoadState("load");
  // The 404 page links from the site's path on the server; from disk its assets cannot load.
  const real = errors.filter((e) => !(name === "notfound" && e.includes("ERR_FILE_NOT_FOUND")));
  if (real.length) fail(`${name}: console errors: ${real.join(" | ")}`);
  return page;
}

for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  const context = await browser.newContext({ viewport });
  for (const [name, rel] of Object.entries(pages)) {
    const page = await open(context, name, rel);
    if (label === "desktop") {
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) {
        fail(`${name}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(" ")})`);
      }
      console.log(`ok ${name}: axe ${result.violations.length} findings`);
    }
    await checkTables(page, `${name} ${label}`, viewport.width);
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: name !== "disclosure" });
    await page.close();
  }
  await context.close();
}

// Every table box: wider than its box only with a visible hint above it; every cell that
// stays in view while the table scrolls (position: sticky) is the first cell of its row and
// its row's label, so that it always stands beside its own figures.
async function checkTables(page, name, width) {
  const boxes = await page.$$eval(".table-scroll", (bs) => bs.map((b) => {
    const hint = b.previousElementSibling;
    const shown = hint && hint.classList.contains("scroll-hint") && !hint.hidden && hint.getBoundingClientRect().height > 0;
    const table = b.querySelector("table");
    return { id: table ? table.id : "?", over: b.scrollWidth > b.clientWidth + 1, shown, right: b.getBoundingClientRect().right };
  }));
  for (const b of boxes) {
    if (b.over && !b.shown) fail(`${name}: ${b.id} is wider than its box without a scroll hint`);
    if (b.right > width + 1) fail(`${name}: ${b.id}'s box runs past the screen (${b.right} px)`);
  }
  if (width >= 1280) {
    const wide = boxes.filter((b) => b.over).map((b) => b.id);
    if (wide.length && ex.fitAt1280) fail(`${name}: tables wider than a 1280 px screen: ${wide}`);
  }
  const sticky = await page.$$eval("table", (ts) => ts.flatMap((t) => [...t.querySelectorAll("tbody td, tbody th")]
    .filter((c) => getComputedStyle(c).position === "sticky")
    .map((c) => ({ table: t.id, first: c === c.parentElement.firstElementChild, label: c.tagName === "TH" && c.getAttribute("scope") === "row",
      // The cell sits at the left edge of the table: not a cell pushed right by a merged cell above.
      left: Math.abs(c.getBoundingClientRect().left - t.getBoundingClientRect().left) < 2 }))));
  for (const c of sticky) {
    if (!(c.first && c.label && c.left)) fail(`${name}: ${c.table} has a sticky cell that is not its row's label in the first column`);
  }
}

// On a phone: the two-sided table and the table of merged cells scroll with their cells in
// their rows; swiping to the far side leaves every cell beside the figures of its own row.
if (ex.phoneTables) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await open(context, "disclosure", pages.disclosure);
  for (const id of ex.phoneTables) {
    const rows = await page.$eval(`#${id}`, (t) => {
      const box = t.closest(".table-scroll");
      box.scrollLeft = box.scrollWidth;
      const out = [];
      for (const tr of t.tBodies[0].rows) {
        const cells = [...tr.cells].map((c) => c.getBoundingClientRect());
        const visible = cells.filter((r) => r.right > box.getBoundingClientRect().left && r.left < box.getBoundingClientRect().right);
        // Cells of one row that are on screen share the row's top edge, unless merged from above.
        out.push(visible.every((r) => r.top >= tr.getBoundingClientRect().top - 1));
      }
      return out;
    });
    if (rows.some((ok) => !ok)) fail(`phone: ${id}: a cell sits beside another row's figures when swiped`);
    await page.screenshot({ path: path.join(shots, `${id}-phone-swiped.png`) });
  }
  await context.close();
  console.log("ok phone tables " + ex.phoneTables);
}

// Print: the disclosure as a PDF, no page of which but the last is near blank (a heading
// alone, a date).
{
  const context = await browser.newContext();
  const page = await open(context, "disclosure", pages.disclosure);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  fs.writeFileSync(path.join(shots, "disclosure.pdf"), pdf);
  const lines = pdfTextLines(pdf);
  // The last page holds whatever text is left; any other page with a line or two is a
  // page wasted by a forced break.
  lines.slice(0, -1).forEach((n, i) => { if (n < 3) fail(`print: page ${i + 1} of ${lines.length} is near blank (${n} lines of text)`); });
  console.log(`ok print: ${lines.length} pages, lines of text per page ${lines.join(",")}`);
  await context.close();
}

// Lines of text on each page of a PDF written by Chromium (the distinct heights at which
// its text is placed): page objects in order, each with its content stream, deflated.
function pdfTextLines(pdf) {
  const bin = pdf.toString("latin1");
  const objects = new Map();
  for (const m of bin.matchAll(/(\d+) 0 obj\b/g)) {
    const start = m.index + m[0].length;
    const end = bin.indexOf("endobj", start);
    const body = bin.slice(start, end);
    const s = body.search(/stream\r?\n/);
    let data = null;
    if (s >= 0) {
      const from = start + s + body.slice(s).match(/stream\r?\n/)[0].length;
      data = pdf.subarray(from, bin.indexOf("endstream", from));
    }
    objects.set(m[1], { dict: s >= 0 ? body.slice(0, s) : body, data });
  }
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o.dict));
  return pages.map((p) => {
    const c = p.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/);
    const refs = c ? [...c[1].matchAll(/(\d+) 0 R/g)].map((r) => r[1]) : [];
    const lines = new Set();
    for (const r of refs) {
      const o = objects.get(r);
      if (!o || !o.data) continue;
      let text;
      try { text = zlib.inflateSync(o.data).toString("latin1"); } catch { text = o.data.toString("latin1"); }
      for (const m of text.matchAll(/[-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ [-\d.]+ ([-\d.]+) Tm/g)) lines.add(Math.round(parseFloat(m[1])));
    }
    return lines.size;
  });
}

// Navigation by clicking: home → year → disclosure → breadcrumb back to the year.
{
  const context = await browser.newContext();
  const page = await open(context, "home", pages.home);
  await page.click(`text=${ex.year}年度部门预算`);
  if (!page.url().endsWith(`${ex.year}/index.html`)) fail("home → year: " + page.url());
  await page.click(`#departments a >> text=${ex.dept}`);
  if (!page.url().endsWith(`${ex.year}/${ex.code}/index.html`)) fail("year → disclosure: " + page.url());
  await page.click(`a[href='${ex.table}']`);
  if (!page.url().endsWith(ex.table)) fail("table link: " + page.url());
  await page.click(`.breadcrumbs >> text=${ex.year}年度`);
  if (!page.url().endsWith(`${ex.year}/index.html`)) fail("breadcrumb → year: " + page.url());
  // Sorting by total: the largest first on the first click, the smallest on the second.
  const totals = async () => page.$$eval("#departments tbody tr td:nth-child(3)", (tds) => tds.map((t) => parseFloat(t.textContent.replace(/,/g, ""))));
  await page.click("#departments thead button >> text=预算总额");
  const down = await totals();
  if (JSON.stringify(down) !== JSON.stringify([...down].sort((a, b) => b - a))) fail("sort by total, first click: " + down);
  await page.click("#departments thead button >> text=预算总额");
  const up = await totals();
  if (JSON.stringify(up) !== JSON.stringify([...up].sort((a, b) => a - b))) fail("sort by total, second click: " + up);
  if (!(await page.isVisible(".sort-hint"))) fail("the sort hint is hidden although JS runs");
  // Search finds the department by part of its name, offline.
  const s = await open(context, "search", pages.search);
  await s.waitForSelector("#search-results li");
  const hits = await s.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  if (!hits.some((h) => h.includes(ex.hit))) fail(`search ${ex.hit}: ` + hits);
  // The index lists each department's entries together, unsorted: the page orders the hits,
  // those starting with the words first, then shorter names, then by kind, name, department.
  // `ex.order` finds names of one length in an order the index does not have.
  const o = await open(context, "search", `search/index.html?q=${encodeURIComponent(ex.order)}&year=${ex.year}`);
  await o.waitForSelector("#search-results li");
  const rows = await o.$$eval("#search-results li", (lis) => lis.map((li) => [
    li.querySelector(".kind").textContent, li.querySelector("a").textContent,
    li.querySelector(".dept") ? li.querySelector(".dept").textContent : ""]));
  const q = ex.order;
  const rank = (r) => [r[1].startsWith(q) ? 0 : 1, r[1].length, r[0], r[1], r[2]];
  const before = (a, b) => { for (let i = 0; i < a.length; i++) { if (a[i] < b[i]) return true; if (a[i] > b[i]) return false; } return true; };
  for (let i = 1; i < rows.length; i++) {
    if (!before(rank(rows[i - 1]), rank(rows[i]))) { fail("search hits out of order: " + JSON.stringify(rows)); break; }
  }
  await context.close();
  console.log("ok navigation, sorting, search");
}

await browser.close();
console.log(`${failures.length === 0 ? "PASS" : "FAIL"}: ${failures.length} problems`);
process.exit(failures.length === 0 ? 0 : 1);
