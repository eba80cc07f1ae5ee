// Live reload in a real browser: an open page of `gongkai serve` follows edits to its file by
// itself — a new figure, the error page when the file breaks, the page again when it is fixed —
// without console errors.
//
// usage: node live.mjs PAGE_URL CONTENT_FILE
import { chromium } from "playwright-core";
import fs from "node:fs";

const [pageUrl, file] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.GONGKAI_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const failures = [];
const page = await browser.newPage();
const errors = [];
// Failed loads are checked by URL below; the console only says "Failed to load resource".
page.on("console", (m) => {
  if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
});
// The error page answers 500 on purpose; the site has no favicon, like the published one.
page.on("response", (r) => {
  const u = new URL(r.url());
  if (r.status() >= 400 && !(r.status() === 500 && u.pathname.endsWith("/2024/085/")) && u.pathname !== "/favicon.ico") {
    errors.push(`${r.status()} ${u.pathname}`);
  }
});
page.on("pageerror", (e) => errors.push(String(e)));

const edit = (from, to) => {
  const text = fs.readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} lacks ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
};
const waitFor = async (what, test) => {
  try {
    await page.waitForFunction(test, null, { timeout: 60000, polling: 100 });
    console.log("ok " + what);
  } catch (e) {
    failures.push(what);
    console.log("FAIL " + what + ": " + e.message.split("\n")[0]);
  }
};

await page.goto(pageUrl);
await page.waitForLoadState("load");
// Give the page's poll a moment to be in flight before the first edit.
await page.waitForTimeout(300);
edit("appropriation: 983.70", "appropriation: 993.70");
await waitFor("reloaded with the new figure", () => document.body.innerText.includes("993.70"));
edit("appropriation: 993.70", "appropriation: 99x.70");
await waitFor("reloaded into the error page", () =>
  document.querySelector("#gongkai-errors h1")?.innerText.includes("有错误"));
edit("appropriation: 99x.70", "appropriation: 983.70");
await waitFor("reloaded into the page again", () =>
  !document.querySelector("#gongkai-errors") && document.body.innerText.includes("983.70"));
if (errors.length) { failures.push("console errors"); console.log("FAIL console errors: " + errors.join(" | ")); }
await browser.close();
console.log(failures.length ? `FAIL: ${failures.length} problems` : "PASS: live reload");
process.exit(failures.length ? 1 : 0);
