import { launchChromium } from '/work/wt-partners/tests/browser/lib.mjs';
const [url, out, js] = process.argv.slice(2);
const browser = await launchChromium();
for (const w of [375, 1280]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: 900 }, javaScriptEnabled: js !== 'nojs' });
  const page = await ctx.newPage();
  await page.goto(url);
  const sec = page.locator('section.exercise').first();
  if (js !== 'nojs') {
    await page.locator('textarea[id$="communication--need--partner-1"]').fill('I need to know when plans change.');
    await page.locator('label[for$="__partner-2"]').first().click();
    await page.locator('textarea[id$="communication--need--partner-2"]').fill('I need some quiet time after work.');
  }
  await sec.screenshot({ path: `${out}-${w}.png` });
  await page.locator('tbody tr').first().screenshot({ path: `${out}-${w}-row.png` });
  await ctx.close();
}
await browser.close();
