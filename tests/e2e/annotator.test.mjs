// The annotator flows, as a user does them: add, relabel, delete, undo/redo,
// edit a metric, reload and restore, import, every export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, openPage, screenshot, outDir } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// 𠀀 (astral: 2 UTF-16 units) before the annotations, so UTF-16 and scalar offsets differ.
const TEXT = '𠀀2023年，咸安区一般公共预算收入15.48亿元，同比增长12.3%。湖北银行落户咸安。';

async function annotate(page, text = TEXT) {
  await page.getByTestId('input').fill(text);
  await page.getByTestId('annotate').click();
  await page.locator('[data-testid=ann]').first().waitFor();
}

/** Selects `needle` (its first occurrence) inside the text view, as a mouse drag
 *  would, across highlights if it spans several. */
async function select(page, needle) {
  await page.evaluate((needle) => {
    const view = document.querySelector('[data-testid=text-view]');
    const at = view.textContent.indexOf(needle);
    if (at < 0) throw new Error('not found: ' + needle);
    // the text node and offset of UTF-16 position `pos` of the view's text
    const point = (pos) => {
      const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (pos <= n.data.length) return [n, pos];
        pos -= n.data.length;
      }
    };
    const r = document.createRange();
    r.setStart(...point(at));
    r.setEnd(...point(at + needle.length));
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }, needle);
}

const mark = (page, text) => page.locator('[data-testid=ann]', { hasText: text }).first();

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), body: await readFile(await d.path(), 'utf-8') };
}

test('a long document appears in blocks of whole paragraphs; a selection across two blocks gets the right offsets', async () => {
  const page = await openPage(browser, server.url);
  const para = '咸安区一般公共预算收入15.48亿元，同比增长12.3%。湖北银行落户咸安。'.repeat(6);
  const text = Array.from({ length: 40 }, (_, i) => `第${i}段。${para}`).join('\n\n');
  await annotate(page, text);
  await page.locator('[data-testid=text-view][data-complete=true]').waitFor();
  const blocks = page.locator('[data-testid=text-view] .block');
  assert.ok(await blocks.count() > 2, `expected several blocks, saw ${await blocks.count()}`);
  assert.equal(await page.getByTestId('text-view').textContent(), text, 'the view shows the text exactly');
  // every block ends with a line break (whole paragraphs), except the last
  const ends = await blocks.evaluateAll((bs) => bs.slice(0, -1).map((b) => b.textContent.endsWith('\n')));
  assert.ok(ends.every(Boolean));
  // select from the last paragraph of block 1 into block 2 and label it
  const cut = await blocks.nth(1).getAttribute('data-block-start');
  const start = Number(cut) - 6, end = Number(cut) + 4;
  await page.evaluate(([start, end]) => {
    const point = (offset) => {
      for (const el of document.querySelectorAll('[data-testid=text-view] [data-start]')) {
        const s = Number(el.dataset.start), n = [...el.textContent].length;
        if (offset >= s && offset < s + n) {
          const text = el.firstChild;
          return [text, [...el.textContent].slice(0, offset - s).join('').length];
        }
      }
    };
    const r = document.createRange();
    r.setStart(...point(start));
    r.setEnd(...point(end));
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, [start, end]);
  const before = await page.evaluate(() => {
    getSelection().getRangeAt(0).startContainer.parentElement.scrollIntoView({ block: 'center' });
    return [scrollY, document.querySelectorAll('[data-testid=text-view] .block').length];
  });
  await page.keyboard.press('5');
  await page.locator('[data-testid=ann].ann--manual').waitFor();
  // the edit re-renders only the blocks it changed: the view keeps its blocks and scroll position
  const after = await page.evaluate(() => [scrollY, document.querySelectorAll('[data-testid=text-view] .block').length]);
  assert.deepEqual(after, before);
  const { body } = await download(page, 'export-pizhu');
  const added = JSON.parse(body).annotations.filter((a) => a.origin === 'manual');
  assert.equal(added.length, 1);
  assert.deepEqual([added[0].start, added[0].end, added[0].text], [start, end, [...text].slice(start, end).join('')]);
  await page.context().close();
});

test('select text and press 2 to add a place; relabel; delete; undo and redo', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  // add: 一般公共预算 is not annotated by the engine as a place
  await select(page, '公共预算');
  await page.keyboard.press('2');
  const added = mark(page, '公共预算');
  await added.waitFor();
  assert.equal(await added.getAttribute('data-label'), 'place');
  assert.match(await added.getAttribute('class'), /ann--manual/);

  // relabel by clicking the highlight and a label button
  await added.click();
  await page.getByTestId('relabel-org').click();
  assert.equal(await mark(page, '公共预算').getAttribute('data-label'), 'org');

  // delete with the keyboard
  await mark(page, '公共预算').click();
  await page.keyboard.press('Delete');
  assert.equal(await page.locator('[data-testid=ann]', { hasText: '公共预算' }).count(), 0);

  // undo brings it back as org, undo again as place, redo as org
  await page.keyboard.press('Control+z');
  assert.equal(await mark(page, '公共预算').getAttribute('data-label'), 'org');
  await page.keyboard.press('Control+z');
  assert.equal(await mark(page, '公共预算').getAttribute('data-label'), 'place');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await mark(page, '公共预算').getAttribute('data-label'), 'org');
  await screenshot(page, 'annotator-edited');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('edit a metric value, unit and indicator; the export marks it manual', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  await mark(page, '12.3%').click();
  await page.getByTestId('edit-value').fill('12.5');
  await page.getByTestId('edit-indicator').fill('收入增速');
  await page.getByTestId('edit-save').click();
  const { body } = await download(page, 'export-pizhu');
  const doc = JSON.parse(body);
  const m = doc.annotations.find((a) => a.text === '12.3%');
  assert.equal(m.metric.value, 12.5);
  assert.equal(m.metric.indicator, '收入增速');
  assert.equal(m.origin, 'manual');
  const ls = JSON.parse((await download(page, 'export-labelstudio')).body);
  const r = ls[0].predictions[0].result.find((x) => x.value.text === '12.3%');
  assert.equal(r.origin, 'manual');
  await page.context().close();
});

test('a span marked as a metric by hand gets its value and unit from the engine (read in the worker)', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  await select(page, '收入15.48亿元');
  await page.keyboard.press('1');
  const added = mark(page, '收入15.48亿元');
  await added.waitFor();
  assert.equal(await added.getAttribute('data-label'), 'metric');
  // the worker's reading arrives a moment later
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=ann]')]
    .some((m) => m.textContent === '收入15.48亿元' && /1548000000 CNY/.test(m.title)));
  const doc = JSON.parse((await download(page, 'export-pizhu')).body);
  const m = doc.annotations.find((a) => a.text === '收入15.48亿元');
  assert.deepEqual([m.origin, m.metric.value, m.metric.unit], ['manual', 1548000000, 'CNY']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('documents and edits survive a reload', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  await select(page, '公共预算');
  await page.keyboard.press('6');
  await mark(page, '公共预算').waitFor();
  await page.reload();
  await page.getByTestId('input').waitFor();
  const restored = mark(page, '公共预算');
  await restored.waitFor();
  assert.equal(await restored.getAttribute('data-label'), 'project');
  assert.equal(await page.getByTestId('tab').count(), 1);
  await page.context().close();
});

test('every export has its format\'s shape, with UTF-16 offsets where JavaScript tools count them', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  const metric = '15.48亿元';
  const start = [...TEXT].indexOf('1', 10); // scalar offset of 15.48亿元
  assert.equal([...TEXT].slice(start, start + [...metric].length).join(''), metric);

  const pizhu = JSON.parse((await download(page, 'export-pizhu')).body);
  assert.equal(pizhu.format, 'pizhu/1');
  assert.equal(pizhu.offset_unit, 'unicode_scalar');
  const a = pizhu.annotations.find((x) => x.text === metric);
  assert.equal(a.start, start);
  assert.equal(a.utf16_start, start + 1);
  assert.equal(TEXT.slice(a.utf16_start, a.utf16_end), metric);

  const dc = await download(page, 'export-doccano');
  assert.equal(dc.name, 'pasted.doccano.jsonl');
  const line = JSON.parse(dc.body.trim());
  assert.equal(line.text, TEXT);
  assert.ok(line.label.some(([s, e, l]) => s === start && e === start + 7 && l === 'metric'));

  const ls = JSON.parse((await download(page, 'export-labelstudio')).body);
  const r = ls[0].predictions[0].result.find((x) => x.value.text === metric);
  assert.equal(TEXT.slice(r.value.start, r.value.end), metric);
  assert.deepEqual(r.value.labels, ['metric']);
  assert.equal(r.type, 'labels');

  const [ann, txt] = await Promise.all([
    page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.ann')),
    page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.txt')),
    page.getByTestId('export-brat').click(),
  ]);
  const annBody = await readFile(await ann.path(), 'utf-8');
  assert.equal(await readFile(await txt.path(), 'utf-8'), TEXT);
  const tline = annBody.split('\n').find((l) => l.endsWith('\t' + metric));
  assert.match(tline, new RegExp(`^T\\d+\\tMetric ${start} ${start + 7}\\t`));

  const csv = await download(page, 'export-csv');
  assert.equal(csv.name, 'pasted.metrics.csv');
  assert.match(csv.body, /^id,start,end,text,value/);
  assert.ok(csv.body.includes(`,${start},${start + 7},${metric},1548000000,`));
  await page.context().close();
});

test('import a saved JSON to continue; a tampered or foreign file is refused with nothing applied', async () => {
  const page = await openPage(browser, server.url);
  await annotate(page);
  await select(page, '公共预算');
  await page.keyboard.press('4');
  const { body } = await download(page, 'export-pizhu');
  await mkdir(outDir, { recursive: true });
  const good = join(outDir, 'saved.json');
  await writeFile(good, body);
  const tampered = join(outDir, 'tampered.json');
  const t = JSON.parse(body);
  t.text = t.text.replace('咸安区', '咸宁区'); // the hash no longer matches
  await writeFile(tampered, JSON.stringify(t));
  const foreign = join(outDir, 'foreign.json');
  await writeFile(foreign, JSON.stringify({ hello: 'world' }));

  await page.getByTestId('import').setInputFiles(tampered);
  await page.getByTestId('error').waitFor();
  assert.match(await page.getByTestId('error').textContent(), /tampered\.json.*text_sha256/s);
  await page.getByTestId('import').setInputFiles(foreign);
  await page.waitForFunction(() => document.querySelector('[data-testid=error]').textContent.includes('foreign.json'));
  assert.equal(await page.getByTestId('tab').count(), 1);

  await page.getByTestId('import').setInputFiles(good);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=tab]').length === 2);
  assert.equal(await mark(page, '公共预算').getAttribute('data-label'), 'company');
  await page.context().close();
});

test('panels: metrics table sorts and copies TSV, entities group mentions, legend toggles hide a label', async () => {
  const page = await openPage(browser, server.url);
  await page.getByTestId('sample').selectOption({ index: 2 });
  await page.locator('[data-testid=ann]').first().waitFor();
  const rows = page.getByTestId('metric-row');
  assert.ok((await rows.count()) > 20);
  await page.getByTestId('sort-2').click();
  await page.getByTestId('sort-2').click(); // descending by value
  const first = await rows.first().locator('td').nth(2).textContent();
  const second = await rows.nth(1).locator('td').nth(2).textContent();
  assert.ok(Number(first.replaceAll(',', '')) >= Number(second.replaceAll(',', '')));
  await rows.nth(3).click();
  assert.equal(await page.locator('mark.ann--sel').count(), 1);

  await page.getByTestId('tab-entities').click();
  const groups = page.getByTestId('group-count');
  assert.ok((await groups.count()) > 5);
  const counts = await groups.allTextContents();
  assert.ok(counts.some((c) => Number(c) > 1), 'some entity is mentioned more than once');
  await page.getByTestId('group').first().click();
  assert.equal(await page.locator('mark.ann--sel').count(), 1);

  await page.getByTestId('tab-chart').click();
  await page.getByTestId('chart-svg').waitFor();
  assert.ok((await page.locator('[data-testid=chart-svg] rect').count()) > 0);

  await page.getByTestId('legend-metric').click();
  // every metric highlight now looks like plain text; the others are still highlighted
  const looks = (sel) => page.locator(sel).evaluateAll((ms) => ms.map((m) => getComputedStyle(m).backgroundColor));
  assert.ok((await looks('mark.ann--metric')).every((c) => c === 'rgba(0, 0, 0, 0)'));
  assert.ok((await looks('mark.ann--place')).every((c) => c !== 'rgba(0, 0, 0, 0)'));
  await page.getByTestId('legend-metric').click();
  assert.ok((await looks('mark.ann--metric')).every((c) => c !== 'rgba(0, 0, 0, 0)'));
  await page.getByTestId('lang').click();
  assert.equal(await page.getByTestId('annotate').textContent(), 'Annotate');
  await screenshot(page, 'annotator-panels');
  await page.context().close();
});

test('works at 375 px wide', async () => {
  const page = await openPage(browser, server.url, { viewport: { width: 375, height: 800 } });
  await annotate(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await screenshot(page, 'annotator-375');
  await page.context().close();
});
