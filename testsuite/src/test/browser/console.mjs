// Drives headless Chromium through the admin console (/admin/) for AdminConsoleIT, one command
// at a time: the test kills nodes between commands, so the script reads its commands from
// standard input, one JSON object a line, and answers each with lines of tab-separated fields
// ending with "ok" (or one "error <text>" line).
//
// Usage: node console.mjs <chromium path>. Commands:
//   {"op": "open", "url": ..., "user": ..., "password": ...}   (user null: no credentials)
//       -> "status <HTTP status of the page>"; for 200, once the page has shown the API's answers
//   {"op": "table"}   clicks Refresh and waits for the page to show the new answers
//       -> "row <node> <client address> <sessions> <uptime> <state> <button label>" per line,
//          then "counts <users> <sessions> <nodes>" and "message <text>"
//   {"op": "click", "node": ..., "button": ..., "answers": [true, false, ...], "message": bool}
//       clicks the button on the node's line and answers the dialogs in turn (accept for true),
//       dismissing any beyond; waits for as many dialogs as answers, and with "message" for the
//       page's status message -> "dialog <type> <text>" per dialog, then "message <text>"
//   {"op": "settings"}   -> "settings <the settings the page offers for joining its cluster>"
//   {"op": "join", "settings": ..., "answers": [...]}   pastes the settings, clicks "Join
//       cluster" and answers the dialogs as "click" does; waits for the page's status message
//       -> "dialog <type> <text>" per dialog, then "message <text>"
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const WAIT = 30000;

function emit(...fields) {
    process.stdout.write(fields.map((f) => String(f).replace(/[\t\r\n]/g, ' ')).join('\t') + '\n');
}

const browser = await chromium.launch({
    executablePath: process.argv[2],
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
let context = null;
let page = null;

async function open(command) {
    if (context) {
        await context.close();
    }
    const options = command.user === null ? {}
        : { httpCredentials: { username: command.user, password: command.password } };
    context = await browser.newContext(options);
    page = await context.newPage();
    page.on('console', (m) => process.stderr.write(`[console] ${m.type()}: ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[console] ${e}\n`));
    // Without credentials Chromium cancels the Basic challenge and the navigation fails
    // (ERR_INVALID_AUTH_CREDENTIALS): the status is that of the response it got
    let status = null;
    const seen = (r) => {
        if (r.request().isNavigationRequest() && r.url() === command.url) {
            status = r.status();
        }
    };
    page.on('response', seen);
    try {
        status = (await page.goto(command.url)).status();
    } catch (e) {
        if (status === null) {
            throw e;
        }
    } finally {
        page.off('response', seen);
    }
    emit('status', status);
    if (status === 200) {
        await page.waitForSelector('body[data-loaded="true"]', { timeout: WAIT });
    }
}

async function table() {
    // Mark the page stale, refresh, and wait until render() has run again
    await page.evaluate(() => { delete document.body.dataset.loaded; });
    await page.click('#refresh');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: WAIT });
    const rows = await page.$$eval('#cluster tbody tr', (trs) => trs.map((tr) =>
        [tr.dataset.node, ...[...tr.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent),
            [...tr.querySelectorAll('button')].map((b) => b.textContent).join(',')]));
    for (const row of rows) {
        emit('row', ...row);
    }
    emit('counts', ...await page.$$eval('#users, #sessions, #nodes', (dds) => dds.map((d) => d.textContent)));
    emit('message', await page.textContent('#message'));
}

async function settings() {
    await page.waitForFunction(() => document.getElementById('own-settings').value !== '',
        null, { timeout: WAIT });
    emit('settings', await page.inputValue('#own-settings'));
}

async function join(command) {
    await page.fill('#join-settings', command.settings);
    await answering(command, () => page.click('#join'));
}

async function click(command) {
    await answering(command,
        () => page.click(`#cluster tr[data-node="${command.node}"] >> text="${command.button}"`));
}

// Runs the action and answers the dialogs it opens in turn (accept for true), dismissing any
// beyond the answers; with "message", waits for the page's status message.
async function answering(command, action) {
    const dialogs = [];
    const answer = async (dialog) => {
        const accept = command.answers[dialogs.length] === true;
        dialogs.push([dialog.type(), dialog.message()]);
        await (accept ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', answer);
    try {
        await page.evaluate(() => { document.getElementById('message').textContent = ''; });
        await action();
        const until = Date.now() + WAIT;
        while (dialogs.length < command.answers.length && Date.now() < until) {
            await page.waitForTimeout(50);
        }
        if (command.message) {
            await page.waitForFunction(() => document.getElementById('message').textContent !== '',
                null, { timeout: WAIT });
        }
        for (const [type, text] of dialogs) {
            emit('dialog', type, text);
        }
        emit('message', await page.textContent('#message'));
    } finally {
        page.off('dialog', answer);
    }
}

const operations = { open, table, click, settings, join };
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
    if (line.trim() === '') {
        continue;
    }
    try {
        const command = JSON.parse(line);
        await operations[command.op](command);
        emit('ok');
    } catch (e) {
        emit('error', e.message.split('\n')[0]);
    }
}
await browser.close();
