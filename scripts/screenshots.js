// @ts-check
'use strict';

/**
 * Regenerates the README pictures in docs/images/ from a real n8n editor in headless Chromium:
 *   operations.png          the node's actions in n8n's node panel
 *   cancel-lines-reason.png the Cancel Lines form with the Cancellation Reason list open
 *   refund-lines.png        the Refund Lines form with one refund line
 *   ship-lines-carrier.png  the Ship Lines form with the Carrier list open
 *   executed-workflow.png   the "New orders to ERP" example after a run against the emulator
 *
 * By default it starts its own emulator and n8n (a fresh user folder under .tmp/) exactly as
 * `npm start` sets them up, and stops them afterwards. Options:
 *   --out <dir>   where the PNGs go (default docs/images)
 *   --url <url>   use an n8n that is already running with the demo login (e.g. `npm start`'s)
 *   --port <n>    port for the n8n this script starts (default 5692)
 *
 * Chromium is Debian's (/usr/bin/chromium, installed by scripts/chromium.sh when missing), driven
 * by playwright-core; every step waits for the element it needs and fails loudly when the editor
 * does not show it, so a picture never shows the wrong screen.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { chromium, selectors } = require('playwright-core');
const { ROOT } = require('./lib/runtime');
const { N8n, DEFAULT_OWNER, packProject, emulatorCredential, loadExamples } = require('./lib/n8n');
const { n8nUserFolder } = require('./lib/paths');

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

/** @param {string} message */
function log(message) {
	process.stderr.write(`[screenshots] ${message}\n`);
}

/**
 * @param {string[]} argv
 * @param {string} name
 */
function option(argv, name) {
	const index = argv.indexOf(name);
	return index >= 0 ? argv[index + 1] : undefined;
}

function ensureChromium() {
	const result = spawnSync('bash', [path.join(__dirname, 'chromium.sh')], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('Chromium is not available at /usr/bin/chromium');
}

/**
 * Starts the emulator and an n8n set up like `npm start`'s, in a throwaway user folder.
 * @param {number} port
 */
async function startStack(port) {
	/** @type {{ startEmulator: (options: Record<string, unknown>) => Promise<any> }} */
	const emulatorModule = require(path.join(ROOT, 'emulator'));
	const emulator = await emulatorModule.startEmulator({ port: 0, seed: 42, orderCount: 200 });
	const userFolder = n8nUserFolder('screenshots');
	const n8n = new N8n({ userFolder, port });
	try {
		n8n.resetUserFolder();
		n8n.installPackage(packProject(path.join(userFolder, 'pack')));
		await n8n.importCredentials([emulatorCredential(emulator)]);
		await n8n.importWorkflows(loadExamples());
		await n8n.start();
		await n8n.ensureOwner();
	} catch (error) {
		await n8n.stop();
		await emulator.close();
		throw error;
	}
	return {
		url: n8n.baseUrl,
		stop: async () => {
			await n8n.stop();
			await emulator.close();
		},
	};
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 */
async function signIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(DEFAULT_OWNER.email);
	await page.locator('#password').fill(DEFAULT_OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/**
 * Pop-ups n8n shows to new users (surveys, what's new) would cover the pictures.
 * @param {import('playwright-core').Page} page
 */
async function dismissPopups(page) {
	for (const testId of ['nps-survey-modal', 'version-updates-panel']) {
		const popup = page.getByTestId(testId);
		if (await popup.isVisible().catch(() => false)) await page.keyboard.press('Escape');
	}
}

/**
 * Opens an empty workflow and the node panel on the Walmart Marketplace node's actions.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 */
async function openWalmartActions(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('canvas-add-button').waitFor({ timeout: 60_000 });
	await dismissPopups(page);
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').waitFor();
	// The search field has the focus when the panel opens.
	await page.keyboard.type('Walmart');
	await page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: /^Walmart Marketplace$/ })
		.first()
		.click();
	// On an empty workflow n8n lists the package's triggers first and may fold its actions away.
	await page.getByTestId('node-creator-category-item').first().waitFor();
	const cancelLines = page
		.getByTestId('node-creator-item-name')
		.filter({ hasText: 'Cancel order lines' });
	if (!(await cancelLines.isVisible())) {
		await page
			.getByTestId('node-creator-category-item')
			.filter({ hasText: /^Actions/ })
			.click();
	}
	await cancelLines.waitFor();
}

/**
 * Adds a Walmart Marketplace action to an empty workflow and waits for its form.
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {string} action
 */
async function addWalmartAction(page, baseUrl, action) {
	await openWalmartActions(page, baseUrl);
	await page.getByTestId('node-creator-item-name').filter({ hasText: action }).first().click();
	await page.getByTestId('ndv').waitFor();
	await page.getByTestId('node-credentials-select').first().waitFor();
	await page.waitForTimeout(500);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
async function shoot(page, file) {
	await page.waitForTimeout(400);
	await page.screenshot({ path: file });
	log(`wrote ${path.relative(ROOT, file)}`);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} baseUrl
 * @param {string} outDir
 */
async function takeAll(page, baseUrl, outDir) {
	await signIn(page, baseUrl);

	await openWalmartActions(page, baseUrl);
	for (const action of ['Get many orders', 'Refund order lines', 'Get many returns']) {
		await page.getByTestId('node-creator-item-name').filter({ hasText: action }).waitFor();
	}
	// The last action sits below the fold of a 900-pixel window: scroll the panel to it.
	await page.getByTestId('node-creator-item-name').last().scrollIntoViewIfNeeded();
	await shoot(page, path.join(outDir, 'operations.png'));

	await addWalmartAction(page, baseUrl, 'Cancel order lines');
	await page.getByTestId('parameter-input-purchaseOrderId').locator('input').fill('8837251161811');
	await page.getByTestId('fixed-collection-add').click();
	await page.getByTestId('parameter-input-lineNumber').locator('input').fill('2');
	await page.getByTestId('parameter-input-reason').click();
	await page.getByText('Seller Cancel: Out of Stock', { exact: true }).first().waitFor();
	await shoot(page, path.join(outDir, 'cancel-lines-reason.png'));
	await page.keyboard.press('Escape');

	await addWalmartAction(page, baseUrl, 'Refund order lines');
	await page.getByTestId('parameter-input-purchaseOrderId').locator('input').fill('3981965906256');
	await page.getByTestId('fixed-collection-add').click();
	await page.getByTestId('parameter-input-lineNumber').locator('input').fill('1');
	await page.getByTestId('parameter-input-amount').locator('input').fill('10');
	await page.getByTestId('parameter-input-taxAmount').locator('input').fill('0.83');
	await page
		.getByTestId('parameter-input-comments')
		.locator('input')
		.fill('Damaged case: partial credit');
	await page.getByTestId('parameter-input-reason').click();
	await page
		.getByRole('option', { name: /^Damaged Item/ })
		.first()
		.click();
	// No focus ring or hover toolbar in the picture.
	await page.evaluate('document.activeElement && document.activeElement.blur()');
	await page.mouse.move(VIEWPORT.width / 2, 40);
	await page.getByTestId('parameter-input-lineNumber').scrollIntoViewIfNeeded();
	await shoot(page, path.join(outDir, 'refund-lines.png'));

	await addWalmartAction(page, baseUrl, 'Ship order lines');
	await page.getByTestId('parameter-input-purchaseOrderId').locator('input').fill('4440081800611');
	await page.getByTestId('fixed-collection-add').click();
	await page.getByTestId('parameter-input-lineNumber').locator('input').fill('1');
	await page.getByTestId('parameter-input-quantity').locator('input').fill('2');
	// The package's own tracking number (in the line) and the shipment's (below) share a name.
	await page
		.getByTestId('parameter-input-trackingNumber')
		.last()
		.locator('input')
		.fill('1Z999AA10123456784');
	await page.getByTestId('parameter-input-carrier').scrollIntoViewIfNeeded();
	await page.getByTestId('parameter-input-carrier').click();
	await page.getByText('DHL Ecommerce - US', { exact: true }).first().waitFor();
	await shoot(page, path.join(outDir, 'ship-lines-carrier.png'));
	await page.keyboard.press('Escape');

	await page.goto(`${baseUrl}/workflow/walmartExNewOrders`);
	await page.getByTestId('canvas-node').first().waitFor({ timeout: 60_000 });
	await dismissPopups(page);
	const execute = page.getByTestId('execute-workflow-button').first();
	await execute.click();
	// While the run lasts the button shows a spinner instead of its label; then edge labels such
	// as "258 items" carry the run's counts.
	await page
		.getByTestId('execute-workflow-button')
		.filter({ hasText: 'Execute workflow' })
		.first()
		.waitFor({ state: 'hidden' })
		.catch(() => {});
	await page
		.getByTestId('execute-workflow-button')
		.filter({ hasText: 'Execute workflow' })
		.first()
		.waitFor({ timeout: 120_000 });
	await page
		.getByTestId('edge-label')
		.filter({ hasText: /\d+ items?/ })
		.first()
		.waitFor();
	await page
		.getByTestId('zoom-to-fit')
		.or(page.getByTestId('fit-view-button'))
		.first()
		.click()
		.catch(() => {});
	await shoot(page, path.join(outDir, 'executed-workflow.png'));
}

async function main() {
	const argv = process.argv.slice(2);
	const outDir = path.resolve(option(argv, '--out') ?? path.join(ROOT, 'docs', 'images'));
	const givenUrl = option(argv, '--url');
	fs.mkdirSync(outDir, { recursive: true });
	ensureChromium();

	const stack = givenUrl
		? { url: givenUrl.replace(/\/$/, ''), stop: async () => {} }
		: await startStack(Number(option(argv, '--port') ?? 5692));
	// A fresh profile each time: nothing from an earlier run (a session, a dismissed pop-up)
	// changes what the pictures show.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'walmart-n8n-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultTimeout(30_000);
	// n8n's editor marks its elements with data-test-id rather than Playwright's data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const page = context.pages()[0] ?? (await context.newPage());
	try {
		await takeAll(page, stack.url, outDir);
	} catch (error) {
		const failure = path.join(outDir, 'failure.png');
		await page.screenshot({ path: failure }).catch(() => {});
		log(`failed; the screen at that moment is in ${failure}`);
		throw error;
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
		await stack.stop();
	}
}

main().catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
	process.exit(1);
});
