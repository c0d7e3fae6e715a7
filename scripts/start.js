// @ts-check
'use strict';

/**
 * `npm start`: the package in a real n8n editor on http://localhost:5678, talking to the local
 * Walmart emulator, with the example workflows ready to run.
 *
 * Steps: build the package (when its sources changed), install Node 24 and n8n into .runtime/
 * (once), start the emulator on loopback, install a fresh `npm pack` of the package into the demo
 * n8n user folder as the Community Nodes installer does, import the emulator credential and the
 * examples (when they changed), start n8n, set up its owner, publish the webhook examples, and
 * print what to click first. Ctrl-C stops everything this started.
 *
 * Options: --fresh (throw the demo user folder away first), --port <n> (editor port, default
 * 5678), --emulator-port <n> (default 8089), --build (rebuild even if dist/ looks current).
 */

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { ROOT, ensureRuntime, isRuntimeReady, N8N_VERSION } = require('./lib/runtime');
const { buildIfNeeded } = require('./lib/build');
const { n8nUserFolder } = require('./lib/paths');
const {
	N8n,
	packProject,
	emulatorCredential,
	loadExamples,
	isPortFree,
	EMULATOR_CREDENTIAL,
} = require('./lib/n8n');

const started = Date.now();

/** @param {string} message */
function step(message) {
	const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
	process.stdout.write(`[start ${elapsed} s] ${message}\n`);
}

/**
 * @param {string[]} argv
 * @param {string} name
 */
function option(argv, name) {
	const index = argv.indexOf(name);
	return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * @typedef {object} Emulator
 * @property {string} baseUrl
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {() => Promise<void>} close
 */

/**
 * @param {number} preferredPort
 * @returns {Promise<Emulator>}
 */
async function startEmulator(preferredPort) {
	/** @type {{ startEmulator: (options: Record<string, unknown>) => Promise<Emulator> }} */
	const emulator = require(path.join(ROOT, 'emulator'));
	// A fixed port keeps the stored credential valid from one run to the next; when it is taken,
	// any free port works (the credential is then re-imported).
	const port = (await isPortFree(preferredPort)) ? preferredPort : 0;
	return await emulator.startEmulator({ port, host: '127.0.0.1', seed: 42, orderCount: 200 });
}

/**
 * Whether a workflow starts from the Walmart Marketplace Webhook Trigger: publishing it makes the
 * emulator's notifications API hold a subscription that delivers to this n8n.
 * @param {Record<string, any>} workflow
 */
function usesWalmartWebhook(workflow) {
	return (workflow.nodes ?? []).some(
		(/** @type {any} */ node) =>
			node.type === 'n8n-nodes-walmart-marketplace.walmartMarketplaceWebhookTrigger',
	);
}

/**
 * Webhook paths of a workflow (the examples triggered by a storefront or an ERP).
 * @param {Record<string, any>} workflow
 * @returns {string[]}
 */
function webhookPaths(workflow) {
	return (workflow.nodes ?? [])
		.filter((/** @type {any} */ node) => node.type === 'n8n-nodes-base.webhook')
		.map((/** @type {any} */ node) => String(node.parameters?.path ?? ''));
}

/**
 * What this run started, so that Ctrl-C, a failure or n8n dying stops all of it.
 * @type {{ n8n?: import('./lib/n8n').N8n, emulator?: Emulator, stopping: boolean }}
 */
const running = { stopping: false };

/** @param {number} code */
async function shutdown(code) {
	if (running.stopping) return;
	running.stopping = true;
	if (running.n8n?.process || running.emulator) {
		process.stdout.write('\n');
		step('stopping n8n and the emulator');
		await running.n8n?.stop().catch(() => {});
		await running.emulator?.close().catch(() => {});
		step('stopped');
	}
	process.exit(code);
}

async function main() {
	const argv = process.argv.slice(2);
	const editorPort = Number(option(argv, '--port') ?? process.env.N8N_DEMO_PORT ?? 5678);
	const emulatorPort = Number(option(argv, '--emulator-port') ?? 8089);

	buildIfNeeded({ force: argv.includes('--build'), log: step });
	if (!isRuntimeReady()) {
		step(
			`installing Node 24 and n8n ${N8N_VERSION} into .runtime/ (once); the [runtime] lines show each step`,
		);
	}
	const runtime = ensureRuntime();
	step(`n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion} ready`);

	if (!(await isPortFree(editorPort))) {
		throw new Error(
			`Port ${editorPort} is taken (another n8n?). Stop it, or run: npm start -- --port <other port>`,
		);
	}

	const userFolder = n8nUserFolder('demo');
	const n8n = new N8n({ userFolder, port: editorPort, logFile: path.join(userFolder, 'n8n.log') });
	if (argv.includes('--fresh')) {
		step('--fresh: starting from an empty n8n user folder');
		n8n.resetUserFolder();
	}
	fs.mkdirSync(n8n.dataFolder, { recursive: true });

	running.n8n = n8n;
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	const emulator = await startEmulator(emulatorPort);
	running.emulator = emulator;
	step(`Walmart emulator listening on ${emulator.baseUrl}`);

	const tarball = packProject(path.join(userFolder, 'pack'));
	n8n.installPackage(tarball);
	step(`installed ${path.basename(tarball)} into ${path.relative(ROOT, n8n.dataFolder)}/nodes`);

	const credential = emulatorCredential(emulator);
	const examples = loadExamples();
	// Imports cost an n8n start-up each; they run only when the credential or an example changed
	// (and on a fresh folder), which keeps a second `npm start` at a few seconds.
	const importKey = crypto
		.createHash('sha256')
		.update(JSON.stringify({ credential, examples, n8n: N8N_VERSION }))
		.digest('hex');
	const stampPath = path.join(userFolder, 'imported.sha256');
	const previousKey = fs.existsSync(stampPath) ? fs.readFileSync(stampPath, 'utf8').trim() : '';
	if (previousKey !== importKey || !fs.existsSync(path.join(n8n.dataFolder, 'database.sqlite'))) {
		step('importing the emulator credential and the example workflows');
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows(examples);
		fs.writeFileSync(stampPath, `${importKey}\n`);
		step(`imported "${EMULATOR_CREDENTIAL.name}" and ${examples.length} workflows`);
	} else {
		step('credential and example workflows already imported');
	}

	step(`starting n8n on http://localhost:${editorPort} (log: ${path.relative(ROOT, n8n.logFile)})`);
	await n8n.start();
	const login = await n8n.ensureOwner();
	const live = [];
	const subscribed = [];
	for (const workflow of examples) {
		const paths = webhookPaths(workflow);
		const walmartWebhook = usesWalmartWebhook(workflow);
		if (paths.length === 0 && !walmartWebhook) continue;
		// Without a session (the demo password was changed in the editor) the workflows keep
		// whatever published state the user left them in.
		if (login.signedIn) await n8n.activate(workflow.id);
		if (paths.length > 0) live.push({ name: workflow.name, paths });
		if (walmartWebhook) subscribed.push(workflow.name);
	}
	step(`n8n is ready (${login.created ? 'owner account created' : 'owner account exists'})`);

	const line = '─'.repeat(78);
	const webhookLines = live.flatMap((workflow) =>
		workflow.paths.map(
			(webhookPath) => `         ${workflow.name}: POST ${n8n.baseUrl}/webhook/${webhookPath}`,
		),
	);
	process.stdout.write(
		[
			'',
			line,
			`  n8n editor      ${n8n.baseUrl}`,
			login.signedIn
				? `  sign in         ${login.email}   password: ${login.password}`
				: `  sign in         ${login.email} with the password you set (npm start -- --fresh resets it)`,
			`  Walmart API     ${emulator.baseUrl}  (local emulator: seed 42, 200 orders, fresh each start)`,
			line,
			'  What to click first:',
			'    1. Open the editor and sign in with the login above.',
			'    2. Open the workflow "Walmart: New orders to ERP" and click "Execute workflow":',
			"       the Walmart Marketplace node reads the emulator's orders, one item per line.",
			'    3. Double-click the Walmart Marketplace node to see its resources and operations;',
			`       the credential "${EMULATOR_CREDENTIAL.name}" is already selected.`,
			'    4. The storefront and ERP examples are published; try them with:',
			...webhookLines,
			'       (sample bodies: examples/payloads/*.json, e.g.',
			`        curl -X POST -H 'content-type: application/json' \\`,
			`          --data @examples/payloads/shopify-order-cancelled.json \\`,
			`          ${n8n.baseUrl}/webhook/${live[0]?.paths[0] ?? 'walmart/shopify-order-cancelled'})`,
			'    5. Open "Walmart: New released orders acknowledged to ERP" and click "Execute workflow":',
			'       its Walmart Marketplace Trigger fetches the newest released order and the',
			'       Acknowledge node acknowledges it (each run takes the newest still released).',
			...(subscribed.length > 0
				? [
						`    6. "${subscribed[0]}" is published: the emulator holds its`,
						'       Walmart notification subscription. Create an order at the emulator and watch',
						'       one execution acknowledge it (Executions tab):',
						`         curl -X POST -H 'content-type: application/json' -d '{}' ${emulator.baseUrl}/_emulator/orders`,
					]
				: []),
			line,
			`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop n8n and the emulator.`,
			'',
		].join('\n'),
	);

	n8n.process?.once('exit', (code) => {
		if (running.stopping) return;
		process.stderr.write(`n8n exited unexpectedly (code ${code}); see ${n8n.logFile}\n`);
		void shutdown(1);
	});
}

main().catch((error) => {
	process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : error}\n`);
	void shutdown(1);
});
