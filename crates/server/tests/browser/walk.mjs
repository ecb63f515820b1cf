// Walks pages in headless Chromium (Debian's, driven by playwright-core) for the browser tests
// of the emailed-link pages (crates/server/tests/api/pages.rs), and reports what a person
// would have seen, as JSON on stdout; the Rust test judges it.
//
//   node walk.mjs '<json>'
//
// The JSON: `executablePath` (the Chromium binary), `locale` (the browser's languages as its
// Accept-Language lists them: `ko-KR,ko;q=0.9,en;q=0.8`), and `steps`, each one of:
//   {"open": URL}                       go to the address
//   {"fill": CSS selector, "value": V}  type V into the field
//   {"submit": CSS selector}            click the button and wait for the next page
//   {"screenshot": PATH}                save the page as a PNG
// After each `open` and `submit` it records the page: `status` of its response, `url`,
// `lang`, `title`, `heading`, `text` (what is shown), `background` (the body's computed
// background colour: whether the inline stylesheet applied), `headers` (of the response) and
// `console` (messages of type error, such as a blocked stylesheet). Prints
// `{"pages": [...]}` on success, `{"error": ...}` and exits 1 on failure.
// playwright-core is found under $ACCOUNT_TEST_NODE_MODULES (scripts/test-servers/node-tools).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const modules = process.env.ACCOUNT_TEST_NODE_MODULES;
if (!modules) {
  console.log(JSON.stringify({ error: 'ACCOUNT_TEST_NODE_MODULES is not set: run scripts/test-servers/node-tools' }));
  process.exit(1);
}
const entry = pathToFileURL(join(modules, 'playwright-core', 'index.mjs')).href;
const { chromium } = await import(entry);

const config = JSON.parse(process.argv[2] ?? '{}');
const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ['--no-sandbox'],
});
const pages = [];
try {
  // The browser's language is the first of the list; the header is the whole list, with
  // its q-values.
  const languages = config.locale ?? 'en-US';
  const context = await browser.newContext({
    locale: languages.split(/[,;]/)[0].trim(),
    extraHTTPHeaders: { 'Accept-Language': languages },
    viewport: { width: 480, height: 480 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  let messages = [];
  page.on('console', (message) => {
    if (message.type() === 'error') messages.push(message.text());
  });
  const record = async (response) => {
    const shown = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      heading: document.querySelector('h1')?.innerText ?? '',
      text: document.body?.innerText ?? '',
      background: document.body ? getComputedStyle(document.body).backgroundColor : '',
    }));
    pages.push({
      status: response?.status() ?? 0,
      url: page.url(),
      headers: response ? await response.allHeaders() : {},
      console: messages,
      ...shown,
    });
    messages = [];
  };
  for (const step of config.steps ?? []) {
    if (step.open !== undefined) {
      await record(await page.goto(step.open));
    } else if (step.fill !== undefined) {
      await page.fill(step.fill, step.value);
    } else if (step.submit !== undefined) {
      const [response] = await Promise.all([
        page.waitForNavigation(),
        page.click(step.submit),
      ]);
      await record(response);
    } else if (step.screenshot !== undefined) {
      await page.screenshot({ path: step.screenshot, fullPage: true });
    } else {
      throw new Error(`unknown step ${JSON.stringify(step)}`);
    }
  }
  console.log(JSON.stringify({ pages }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error), pages }));
  process.exitCode = 1;
} finally {
  await browser.close();
}
