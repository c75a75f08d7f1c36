// Drives headless Chromium through index.html: for each transport, the page logs in with
// strophe.js, sends one chat message to a peer and waits for one from it, then logs out.
//
// Usage: node drive.mjs '<json>' with {"chromium": path, "jid": bare JID, "password": ...,
// "peer": full JID, "transports": [{"name": ..., "service": wss:// or https:// URL}], "wait": ms}.
// Writes one line per event, fields separated by tabs, for BrowserIT to read as they come:
//   online <transport> <full JID>        the page is logged in
//   sent <transport> <body>              the page sent its message to the peer
//   received <transport> <from> <body>   the page got a message
//   closed <transport> <websockets> <bosh posts>   logged out; what the browser opened to the server
//   error <text>                         then exit code 1
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const config = JSON.parse(process.argv[2]);
const page_url = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'index.html')).href;

function emit(...fields) {
    process.stdout.write(fields.map((f) => String(f).replace(/[\t\r\n]/g, ' ')).join('\t') + '\n');
}

async function run(browser, transport) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    let websockets = 0;
    let posts = 0;
    page.on('websocket', (ws) => {
        if (new URL(ws.url()).pathname === '/ws-xmpp') {
            websockets++;
        }
    });
    page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/http-bind') {
            posts++;
        }
    });
    page.on('console', (message) => {
        // strophe.js traces every request at debug level; the rest is worth keeping
        if (message.type() !== 'debug') {
            process.stderr.write(`[page ${transport.name}] ${message.type()}: ${message.text()}\n`);
        }
    });
    page.on('pageerror', (error) => process.stderr.write(`[page ${transport.name}] ${error}\n`));
    try {
        await page.goto(page_url);
        const full = await page.evaluate(([s, j, p]) => window.meerkat.login(s, j, p),
            [transport.service, config.jid, config.password]);
        emit('online', transport.name, full);
        const body = `hello from the browser over ${transport.name}`;
        await page.evaluate(([to, b]) => window.meerkat.send(to, b), [config.peer, body]);
        emit('sent', transport.name, body);
        const message = await page.evaluate((t) => window.meerkat.nextMessage(t), config.wait);
        emit('received', transport.name, message.from, message.body);
        await page.evaluate(() => window.meerkat.logout());
        emit('closed', transport.name, websockets, posts);
    } catch (e) {
        const log = await page.evaluate(() => window.meerkat && window.meerkat.log.join(', ')).catch(() => '');
        throw new Error(`${transport.name}: ${e.message.split("\n")[0]} (strophe status: ${log})`);
    } finally {
        await context.close();
    }
}

const browser = await chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--ignore-certificate-errors'],
});
let failed = false;
try {
    for (const transport of config.transports) {
        await run(browser, transport);
    }
} catch (e) {
    emit('error', e.message);
    failed = true;
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
