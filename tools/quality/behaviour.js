// What the site's scripts do, checked in Chromium on the built site: the any-two comparison picker, search
// (the header's title search with its keyboard, and the search page over the Pagefind index with its filters),
// the estimate inputs disclosure, the model page's what-if panel and latency target, and the home page's pickers.
// Each check fails with what it saw; exit 1 on any failure.
//   node behaviour.js SITE_DIR
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { serve, launch } = require("./static-server");

const [site] = process.argv.slice(2);
const failures = [];
const expect = (ok, message) => { if (!ok) failures.push(message); };

// The leading figure of a cell ("93.1 tok/s" of "93.1 tok/sƒhow this is computed ±20% typical error").
const figure = text => (text.match(/^[~≈]?\s*[0-9][0-9,.]*\s*(tok\/s|ms|s)\b/) || [text])[0];

(async () => {
  const { server, base } = await serve(site);
  const browser = await launch(chromium);
  const page = await browser.newPage();
  page.on("pageerror", e => failures.push("script error: " + e.message));

  // 1. A pair from the URL draws the same figures its prebuilt comparison page prints.
  await page.goto(base + "compare/?a=llama-3-1-405b&b=llama-4-maverick", { waitUntil: "load" });
  await page.waitForSelector(".picked table", { timeout: 10000 });
  const picked = await page.evaluate(() => {
    const tables = [...document.querySelectorAll(".picked table")];
    const byCaption = start => tables.find(t => t.caption.textContent.startsWith(start));
    const rows = t => t ? [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim())) : [];
    return { heading: document.querySelector(".picked h3").textContent, speed: rows(byCaption("Estimated single-user speed")), scores: rows(byCaption("Published scores")), full: !!document.querySelector(".picked a[href$='compare/llama-3-1-405b-vs-llama-4-maverick/']") };
  });
  await page.goto(base + "compare/llama-3-1-405b-vs-llama-4-maverick/", { waitUntil: "load" });
  const prebuilt = await page.evaluate(() => [...document.querySelectorAll("#speed tbody tr")].map(r => [...r.cells].map(c => c.textContent.trim())));
  expect(picked.heading === "Llama 3.1 405B vs Llama 4 Maverick (17B active, 128 experts)", "picker heading: " + picked.heading);
  expect(picked.full, "picker does not link the pair's full comparison page");
  expect(prebuilt.length === 2 && picked.speed.length === 2, `speed rows: picker ${picked.speed.length}, page ${prebuilt.length}`);
  for (let i = 0; i < prebuilt.length && i < picked.speed.length; i++) {
    for (let c = 1; c <= 2; c++) {
      expect(figure(picked.speed[i][c]) === figure(prebuilt[i][c]), `speed row ${i} col ${c}: picker "${picked.speed[i][c]}", page "${prebuilt[i][c]}"`);
    }
  }
  const math = picked.scores.find(r => r[0] === "MATH");
  const mmlu = picked.scores.find(r => r[0] === "MMLU");
  expect(math && math[3] === "not comparable", "MATH delta across settings: " + JSON.stringify(math));
  expect(mmlu && mmlu[3] === "+0.3", "MMLU delta in one setting: " + JSON.stringify(mmlu));

  // 2. Picking in the form draws the pair and puts it in the URL, so the view can be shared.
  await page.goto(base + "compare/", { waitUntil: "load" });
  await page.selectOption("#pick-a", "gpt-oss-120b");
  await page.selectOption("#pick-b", "gpt-oss-20b");
  await page.click(".picker button[type=submit]");
  await page.waitForSelector(".picked h3", { timeout: 10000 });
  expect((await page.textContent(".picked h3")) === "gpt-oss-120b vs gpt-oss-20b", "form pick heading: " + await page.textContent(".picked h3"));
  expect(new URL(page.url()).search === "?a=gpt-oss-120b&b=gpt-oss-20b", "form pick URL: " + page.url());

  // 3. The same model twice is refused in words, not drawn as a comparison with itself.
  await page.selectOption("#pick-b", "gpt-oss-120b");
  await page.click(".picker button[type=submit]");
  await page.waitForFunction(() => document.querySelector(".picked").textContent.includes("Pick two different models."), null, { timeout: 10000 });
  expect(!(await page.$(".picked table")), "a model compared with itself drew a table");

  // 4. The header search: a model name finds the model's page first; arrows move through the results,
  //    Escape closes them; Enter opens the search page with the query.
  await page.goto(base, { waitUntil: "load" });
  await page.fill("#q", "qwen3");
  await page.waitForSelector(".search-results:not([hidden]) a", { timeout: 10000 });
  const first = await page.getAttribute(".search-results a", "href");
  expect(/models\/qwen3/.test(first), "header search qwen3: first result " + first);
  await page.fill("#q", "llama3");
  await page.waitForFunction(() => { const a = document.querySelector(".search-results a"); return a && /models\/llama-3/.test(a.getAttribute("href")); }, null, { timeout: 10000 }).catch(() => failures.push("header search llama3 does not find a Llama 3 model page first"));
  await page.focus("#q");
  await page.keyboard.press("ArrowDown");
  expect(await page.evaluate(() => document.activeElement === document.querySelector(".search-results a")), "ArrowDown does not move to the first result");
  await page.keyboard.press("Escape");
  expect(await page.evaluate(() => document.querySelector(".search-results").hidden && document.activeElement.id === "q"), "Escape does not close the results and return to the box");
  await page.fill("#q", "405");
  await Promise.all([page.waitForNavigation(), page.press("#q", "Enter")]);
  expect(/\/search\/\?q=405$/.test(page.url()), "Enter in the header box goes to " + page.url());

  // 5. The search page: the full-text index is published, the query in the URL runs, the model page named
  //    by the query comes first, filters narrow the results, and a query nothing matches says so.
  expect(fs.existsSync(path.join(site, "pagefind", "pagefind.js")), "no pagefind/ in the site: build it with Pagefind installed (npm ci --prefix tools/search)");
  await page.waitForFunction(() => /pages? match/.test(document.querySelector(".search-status").textContent), null, { timeout: 15000 }).catch(() => {});
  const results = await page.evaluate(() => ({ status: document.querySelector(".search-status").textContent, hits: [...document.querySelectorAll(".search-hits li")].map(li => ({ href: li.querySelector("a").getAttribute("href"), kind: li.querySelector(".tag").textContent })) }));
  expect(results.hits.length > 5 && /models\/llama-3-1-405b\/$/.test(results.hits[0].href), "search 405: " + JSON.stringify(results.hits.slice(0, 3)));
  expect(results.hits.some(h => h.kind === "Post") && results.hits.some(h => h.kind === "Comparison"), "search 405 finds no post or comparison in full text: " + results.status);
  await page.goto(base + "search/?q=fp8", { waitUntil: "load" });
  await page.waitForSelector("fieldset.filters:not([hidden]) input[value=Model]", { timeout: 15000 });
  await page.check("fieldset.filters input[name=kind][value=Model]");
  await page.waitForFunction(() => { const tags = [...document.querySelectorAll(".search-hits .tag")]; return tags.length > 0 && tags.every(t => t.textContent === "Model"); }, null, { timeout: 10000 })
    .catch(() => failures.push("the Model filter does not narrow fp8 to model pages"));
  expect(await page.$("fieldset.filters input[name=vendor][value=NVIDIA]") !== null, "no vendor filter for NVIDIA");
  await page.goto(base + "search/?q=qqqqzzzzw", { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector(".search-status").textContent.length > 0, null, { timeout: 15000 });
  expect((await page.textContent(".search-status")).startsWith("No page matches"), "no-results line: " + await page.textContent(".search-status"));

  // 6. Confidence: the tiers differ in line style (not colour alone), the legend shows them, and the formula
  //    mark beside a number opens its inputs and sources in place (no hover needed) and closes again.
  await page.goto(base + "models/llama-3-1-405b/", { waitUntil: "load" });
  const styles = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll(".legend .est")].map(e => [e.className.replace("est tier-", ""), getComputedStyle(e).borderBottomStyle])));
  expect(new Set(Object.values(styles)).size === 4 && Object.keys(styles).length === 4, "tier line styles in the legend: " + JSON.stringify(styles));
  const mark = await page.$("#recommendations a.f");
  await mark.click();
  const panel = await page.evaluate(() => { const p = document.querySelector("#recommendations .why"); return p && { items: p.querySelectorAll("li").length, text: p.textContent, expanded: document.querySelector("#recommendations a.f[aria-expanded=true]") !== null }; });
  expect(panel && panel.items > 0 && panel.expanded && /\(/.test(panel.text), "the formula mark does not open inputs with sources: " + JSON.stringify(panel));
  expect(page.url().endsWith("/models/llama-3-1-405b/"), "the formula mark navigated away: " + page.url());
  await mark.click();
  expect(!(await page.$("#recommendations .why")), "a second press does not close the inputs");

  // 7. What if: the panel opens on the page's best setup with the page's own figures, more users raise the
  //    latency and the total throughput, and the cost follows the reader's hourly price.
  await page.goto(base + "models/llama-3-1-70b/", { waitUntil: "load" });
  // The grid is fetched only when the panel comes near the screen.
  await page.waitForTimeout(500);
  expect(!(await page.$(".what-if-result table")), "the what-if grid loaded before the panel was near the screen");
  await page.$eval("form.what-if", f => f.parentNode.scrollIntoView());
  await page.waitForSelector(".what-if-result table", { timeout: 15000 });
  const cells = async () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll(".what-if-result tr")].map(r => [r.cells[0].textContent, r.cells[1].textContent])));
  const pageTtft = await page.evaluate(() => {
    const heads = [...document.querySelectorAll("#recommendations thead th")].map(t => t.textContent.trim());
    const cell = document.querySelector("#recommendations tbody tr").children[heads.indexOf("TTFT")];
    return cell && cell.querySelector(".est").firstChild.textContent;
  });
  const opened = await cells();
  expect(pageTtft && opened["Time to first token"] === pageTtft, `what-if TTFT ${opened["Time to first token"]} vs the page's ${pageTtft}`);
  const ms = t => parseFloat(t.replace(/[^0-9.]/g, ""));
  // The most users the best setup still holds (a small setup may not hold 32 at once: then the panel says so).
  const userCounts = await page.$$eval("form.what-if select[name=users] option", os => os.map(o => o.textContent).filter(t => t !== "1"));
  let busy = null, busyUsers = null;
  for (const users of userCounts) {
    await page.selectOption("form.what-if select[name=users]", { label: users });
    const shown = await cells();
    if (shown["Inter-token latency"]) { busy = shown; busyUsers = users; continue; }
    const text = await page.$eval(".what-if-result", e => e.textContent);
    expect(/does not fit \(needs [\d.,]+ GB, [\d.,]+ GB usable\)/.test(text), users + " users: neither figures nor why not: " + text);
  }
  expect(busy !== null, "the best setup holds no more than one user in the what-if panel");
  if (busy) {
    await page.selectOption("form.what-if select[name=users]", { label: busyUsers });
    expect(ms(busy["Inter-token latency"]) > ms(opened["Inter-token latency"]) && ms(busy["All users together"]) > ms(opened["All users together"]), busyUsers + " users: " + JSON.stringify(busy));
  }
  const price = parseFloat(await page.inputValue("form.what-if input[name=usd]"));
  await page.fill("form.what-if input[name=usd]", String(price * 2));
  const doubled = await cells();
  const cost = t => parseFloat(t.replace(/[^0-9.]/g, ""));
  expect(Math.abs(cost(doubled["Cost per million output tokens"]) / cost(busy["Cost per million output tokens"]) - 2) < 0.02, "doubling the hourly price: " + busy["Cost per million output tokens"] + " -> " + doubled["Cost per million output tokens"]);

  // 8. A reader's own latency target: the points are fetched on the first question (not in the page), every plan
  //    listed meets both limits, figures are printed as the page prints them, and a target no plan meets says so.
  expect(!(await page.content()).includes("\"points\":[["), "the frontier points are in the page again");
  await page.fill("form.target-form input[name=ttft]", "2000");
  await page.fill("form.target-form input[name=itl]", "100");
  await page.click("form.target-form button");
  await page.waitForFunction(() => document.querySelectorAll("form.target-form tbody tr").length > 0, null, { timeout: 10000 });
  const met = await page.evaluate(() => [...document.querySelectorAll("form.target-form tbody tr")].map(r => [...r.cells].map(c => c.textContent)));
  const printed = /^(\d{1,3}(,\d{3})*|\d{1,2}\.\d) (ms|tok\/s)$/;
  expect(met.length > 0 && met.every(r => r.length === 7 && ms(r[2]) <= 2000 && ms(r[3]) <= 100 && [2, 3, 4, 5].every(i => printed.test(r[i]))), "target 2000 ms / 100 ms: " + JSON.stringify(met.slice(0, 3)));
  await page.fill("form.target-form input[name=ttft]", "1");
  await page.click("form.target-form button");
  await page.waitForFunction(() => /No plan/.test(document.querySelector("form.target-form tbody").textContent), null, { timeout: 10000 }).catch(() => {});
  const none = await page.evaluate(() => document.querySelector("form.target-form tbody").textContent);
  expect(/No plan/.test(none), "an impossible target: " + none);

  // 9. The home page starts from a model or an accelerator and lists the newest posts.
  await page.goto(base, { waitUntil: "load" });
  expect((await page.$$("#latest-posts li")).length > 0, "the home page lists no posts");
  await page.selectOption("#pick-model", "llama-3-1-8b");
  await Promise.all([page.waitForNavigation(), page.click("form.pick[data-kind=models] button")]);
  expect(page.url().endsWith("/models/llama-3-1-8b/"), "picking a model opens " + page.url());
  await page.goto(base, { waitUntil: "load" });
  await page.selectOption("#pick-gpu", "h100-sxm");
  await Promise.all([page.waitForNavigation(), page.click("form.pick[data-kind=gpus] button")]);
  expect(page.url().endsWith("/gpus/h100-sxm/"), "picking an accelerator opens " + page.url());

  await browser.close();
  server.close();
  failures.forEach(f => console.error("behaviour: " + f));
  console.log(`behaviour: compare picker, search, estimate inputs, what-if panel, latency target and home pickers, ${failures.length} problems`);
  process.exit(failures.length === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
