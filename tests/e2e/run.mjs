// End-to-end checks of a built site in headless Chromium (playwright-core drives the system
// browser; nothing is downloaded): every page type loads without console errors, navigation
// works by clicking, the year table sorts, search finds things, and axe-core finds no serious
// or critical accessibility problem. Screenshots go to SHOTS (desktop and phone).
//
// usage: [GONGKAI_E2E_EXAMPLE=putuo] node run.mjs SITE_DIR SHOTS_DIR
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [site, shots] = process.argv.slice(2).map((p) => path.resolve(p));
fs.mkdirSync(shots, { recursive: true });
const url = (p) => "file://" + path.join(site, p);

// The example site to walk: `jiyuan` (content/, 13 tables) or `putuo` (examples/putuo, the
// 9-table profile), from GONGKAI_E2E_EXAMPLE.
const examples = {
  jiyuan: { year: "2024", code: "085", dept: "招商引资服务中心", table: "#table-07", query: "%E6%8B%9B%E5%95%86", hit: "招商引资" },
  putuo: { year: "2025", code: "commerce", dept: "商务委员会", table: "#table-08", query: "%E5%95%86%E5%8A%A1", hit: "商务委员会" },
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
      for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        fail(`${name}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(" ")})`);
      }
      console.log(`ok ${name}: axe ${result.violations.length} findings, none serious or critical unless listed above`);
    }
    await page.screenshot({ path: path.join(shots, `${name}-${label}.png`), fullPage: name !== "disclosure" });
    await page.close();
  }
  await context.close();
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
  // Sorting by total, descending after two clicks.
  await page.click("#departments thead button >> text=预算总额");
  await page.click("#departments thead button >> text=预算总额");
  const totals = await page.$$eval("#departments tbody tr td:nth-child(3)", (tds) => tds.map((t) => parseFloat(t.textContent.replace(/,/g, ""))));
  const sorted = [...totals].sort((a, b) => b - a);
  if (JSON.stringify(totals) !== JSON.stringify(sorted)) fail("sort by total: " + totals);
  // Search finds the department by part of its name, offline.
  const s = await open(context, "search", pages.search);
  await s.waitForSelector("#search-results li");
  const hits = await s.$$eval("#search-results li a", (as) => as.map((a) => a.textContent));
  if (!hits.some((h) => h.includes(ex.hit))) fail(`search ${ex.hit}: ` + hits);
  await context.close();
  console.log("ok navigation, sorting, search");
}

await browser.close();
console.log(`${failures.length === 0 ? "PASS" : "FAIL"}: ${failures.length} problems`);
process.exit(failures.length === 0 ? 0 : 1);
