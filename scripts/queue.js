// @ts-check
'use strict';

/**
 * `npm start -- --queue` (or `node scripts/queue.js`): the package in n8n's queue mode, as sellers
 * who outgrow one process run it. Starts Redis and PostgreSQL from Debian's packages (installed
 * when missing), the Walmart emulator, n8n's main process (editor, webhooks, schedules and polling
 * triggers) and two workers that run the executions, every process with the package installed as
 * the Community Nodes installer does; imports the emulator credential and the example workflows
 * and publishes the webhook ones. Ctrl-C stops everything it started.
 *
 * Options: --port <n> (main process, default 5678), --emulator-port <n> (default 8089),
 * --workers <n> (default 2), --webhook-process (also run `n8n webhook`), --orders <n> (emulator
 * orders, default 200).
 */

const os = require('os');
const path = require('path');
const { isPortFree, loadExamples, EMULATOR_CREDENTIAL } = require('./lib/n8n');
const { startQueueSetup } = require('./lib/queue-setup');

const started = Date.now();

/** @param {string} message */
function step(message) {
	const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
	process.stdout.write(`[queue ${elapsed} s] ${message}\n`);
}

/**
 * @param {string[]} argv
 * @param {string} name
 */
function option(argv, name) {
	const index = argv.indexOf(name);
	return index >= 0 ? argv[index + 1] : undefined;
}

/** @type {{ cluster?: import('./lib/queue').QueueCluster, emulator?: { close: () => Promise<void> }, stopping: boolean }} */
const running = { stopping: false };

/** @param {number} code */
async function shutdown(code) {
	if (running.stopping) return;
	running.stopping = true;
	process.stdout.write('\n');
	step('stopping the workers, n8n, Redis, PostgreSQL and the emulator');
	await running.cluster?.stop().catch(() => {});
	await running.emulator?.close().catch(() => {});
	step('stopped');
	process.exit(code);
}

async function main() {
	const argv = process.argv.slice(2).filter((arg) => arg !== '--queue');
	const port = Number(option(argv, '--port') ?? process.env.N8N_DEMO_PORT ?? 5678);
	const emulatorPort = Number(option(argv, '--emulator-port') ?? 8089);
	const workers = Number(option(argv, '--workers') ?? 2);
	const orderCount = Number(option(argv, '--orders') ?? 200);
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	/** @type {{ startEmulator: (options: Record<string, unknown>) => Promise<any> }} */
	const emulatorModule = require(path.join(__dirname, '..', 'emulator'));
	const emulator = await emulatorModule.startEmulator({
		port: (await isPortFree(emulatorPort)) ? emulatorPort : 0,
		host: '127.0.0.1',
		seed: 42,
		orderCount,
	});
	running.emulator = emulator;
	step(`Walmart emulator listening on ${emulator.baseUrl}`);

	const examples = loadExamples();
	const cluster = await startQueueSetup({
		baseDir: path.join(os.tmpdir(), 'n8n-nodes-walmart-marketplace', 'queue-demo'),
		emulator,
		workflows: examples,
		port,
		workers,
		webhookProcess: argv.includes('--webhook-process'),
		log: step,
		onCluster: (created) => {
			running.cluster = created;
		},
	});
	const main = /** @type {import('./lib/n8n').N8n} */ (cluster.main);

	const line = '─'.repeat(78);
	const hooks = cluster.webhook ? `http://localhost:${cluster.webhook.port}` : main.baseUrl;
	process.stdout.write(
		[
			'',
			line,
			`  n8n editor      ${main.baseUrl}   (queue mode: main process + ${cluster.workers.length} workers)`,
			`  sign in         ${main.owner.email}   password: ${main.owner.password}`,
			`  Walmart API     ${emulator.baseUrl}  (local emulator: seed 42, ${orderCount} orders)`,
			`  Redis           127.0.0.1:${cluster.redis?.port}   PostgreSQL 127.0.0.1:${cluster.postgres?.port} (database n8n)`,
			`  logs            ${cluster.baseDir}/*.log`,
			line,
			`  The credential "${EMULATOR_CREDENTIAL.name}" and the example workflows are imported;`,
			'  executions, manual ones included, run on the workers. Try the webhooks:',
			`    curl -X POST -H 'content-type: application/json' \\`,
			`      --data @examples/payloads/erp-credit-note.json ${hooks}/webhook/walmart/erp-credit-note`,
			line,
			`  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl-C to stop everything.`,
			'',
		].join('\n'),
	);

	for (const service of [
		cluster.main?.process,
		...cluster.workers.map((worker) => worker.service.child),
	]) {
		service?.once('exit', (code) => {
			if (running.stopping) return;
			process.stderr.write(`an n8n process exited unexpectedly (code ${code}); see the logs\n`);
			void shutdown(1);
		});
	}
}

main().catch((error) => {
	process.stderr.write(`\nqueue mode failed: ${error instanceof Error ? error.message : error}\n`);
	void shutdown(1);
});
