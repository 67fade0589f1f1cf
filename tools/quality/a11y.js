// Accessibility audit: axe-core in Debian's Chromium (driven by playwright-core with its executable
// path set; Playwright's own browser download cannot reach the network here), one page of each kind,
// at desktop and phone widths and in dark mode. Fails on any serious or critical violation, on invisible keyboard focus, and at
// phone width on a page that scrolls sideways or a table whose first column is squeezed to a sliver.
//   node a11y.js SITE_DIR PAGES_FILE
const fs = require("fs");
const { chromium } = require("playwright-core");
const { serve, launch } = require("./static-server");

const [site, pagesFile] = process.argv.slice(2);
const pages = fs.readFileSync(pagesFile, "utf8").split("\n").map(s => s.trim()).filter(Boolean);
const widths = [{ name: "desktop", width: 1280, height: 900 }, { name: "phone", width: 390, height: 844 }, { name: "dark", width: 1280, height: 900, colorScheme: "dark" }];

(async () => {
  const { server, base } = await serve(site);
  const browser = await launch(chromium);
  const axe = require.resolve("axe-core/axe.min.js");
  let failures = 0, checked = 0;
  for (const viewport of widths) {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, colorScheme: viewport.colorScheme || "light" });
    // Pages must render without external requests: refuse anything not on the local server.
    await context.route(url => !url.href.startsWith(base), route => { failures++; console.error(`external request blocked: ${route.request().url()}`); return route.abort(); });
    const page = await context.newPage();
    for (const p of pages) {
      await page.goto(base + p.replace(/index\.html$/, ""), { waitUntil: "load" });
      // Pages listed with a query are audited with what their script draws: the picker's tables, search results and filters.
      if (p.startsWith("compare/index.html?")) await page.waitForSelector(".picked table", { timeout: 10000 });
      if (p.startsWith("search/index.html?")) await page.waitForSelector(".search-hits li", { timeout: 15000 });
      // The what-if panel loads its grid when it comes near the screen: bring it there, then audit what it draws.
      if (await page.$("form.what-if")) {
        await page.$eval("form.what-if", f => f.parentNode.scrollIntoView());
        await page.waitForSelector(".what-if-result table, .what-if-result p", { timeout: 15000 });
      }
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(async () => await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
      const bad = result.violations.filter(v => v.impact === "serious" || v.impact === "critical");
      for (const v of bad) {
        failures++;
        console.error(`${p} (${viewport.name}): ${v.impact} ${v.id}: ${v.help} -> ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
      }
      if (viewport.name === "phone") {
        // Nothing may widen the page past the screen: wide tables scroll inside their own region. The culprit named is
        // the element reaching furthest right, absolutely positioned ones included (they escape a region without a containing block).
        const layout = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          let widest = null, right = width;
          for (const e of document.querySelectorAll("body *")) {
            const r = e.getBoundingClientRect().right;
            if (r > right + 1 && (!e.parentElement.closest(".scroll, pre") || getComputedStyle(e).position === "absolute")) { right = r; widest = e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : ""); }
          }
          const squeezed = [...document.querySelectorAll("table.data tbody th:first-child, table.data tbody td:first-child")]
            .filter(c => c.getBoundingClientRect().width < 64 && c.textContent.trim().length > 8).length;
          return { scroll: document.documentElement.scrollWidth, width, widest, squeezed };
        });
        if (layout.scroll > layout.width + 1) { failures++; console.error(`${p} (phone): page is ${layout.scroll} px wide in a ${layout.width} px screen${layout.widest ? " (" + layout.widest + ")" : ""}`); }
        if (layout.squeezed > 0) { failures++; console.error(`${p} (phone): ${layout.squeezed} first-column cells squeezed under 64 px`); }
      }

      // Keyboard focus must be visible: tab to the first link and look at its outline.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => { const e = document.activeElement; const s = e && getComputedStyle(e); return e && e !== document.body ? { tag: e.tagName, outline: s.outlineStyle, width: s.outlineWidth } : null; });
      if (!focus || focus.outline === "none" || focus.width === "0px") { failures++; console.error(`${p} (${viewport.name}): keyboard focus is not visible (${JSON.stringify(focus)})`); }
      checked++;
    }
    if (viewport.colorScheme === "dark") {
      // The header button overrides the system setting, and the choice holds on the next page.
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.goto(base + pages[0].replace(/index\.html$/, ""), { waitUntil: "load" });
      const before = await background();
      await page.click("button.theme");
      const after = await background();
      await page.goto(base + pages[1].replace(/index\.html$/, ""), { waitUntil: "load" });
      const kept = await background();
      if (before === after || after !== kept) { failures++; console.error(`dark mode toggle: background ${before} -> ${after}, next page ${kept}`); }
    }
    await context.close();
  }
  await browser.close();
  server.close();
  console.log(`accessibility: ${checked} page views (${pages.length} pages x ${widths.length} widths), ${failures} serious or critical problems`);
  process.exit(failures === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
