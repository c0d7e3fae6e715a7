// @ts-check
'use strict';

/**
 * The whole queue-mode setup that `npm start -- --queue` and test/queue share: the package
 * packed and installed into every n8n process's user folder, Redis, PostgreSQL, the emulator
 * credential and the workflows imported into the shared database, n8n's main process and the
 * workers started, the owner set up and the webhook workflows published.
 */

const path = require('path');
const { buildIfNeeded } = require('./build');
const { ensureRuntime } = require('./runtime');
const { packProject, emulatorCredential } = require('./n8n');
const { QueueCluster } = require('./queue');

/**
 * @param {Record<string, any>} workflow
 * @returns {boolean}
 */
function hasWebhook(workflow) {
	return (workflow.nodes ?? []).some(
		(/** @type {any} */ node) => node.type === 'n8n-nodes-base.webhook',
	);
}

/**
 * @param {object} options
 * @param {string} options.baseDir
 * @param {{ baseUrl: string, clientId: string, clientSecret: string }} options.emulator
 * @param {Array<Record<string, any>>} options.workflows imported with their fixed IDs
 * @param {import('./n8n').CredentialImport[]} [options.credentials] default: the example
 *   workflows' credential, pointing at `emulator`
 * @param {string[]} [options.activate] IDs to publish (default: every workflow with a webhook)
 * @param {number} [options.port]
 * @param {number} [options.workers]
 * @param {boolean} [options.webhookProcess]
 * @param {Record<string, string>} [options.env]
 * @param {(line: string) => void} [options.log]
 * @param {(cluster: QueueCluster) => void} [options.onCluster] gets the cluster before anything
 *   starts, so a caller's Ctrl-C handler can stop whatever part of it is already running
 */
async function startQueueSetup(options) {
	const log = options.log ?? (() => {});
	buildIfNeeded({ log });
	ensureRuntime();
	const cluster = new QueueCluster({
		baseDir: options.baseDir,
		port: options.port,
		workers: options.workers,
		webhookProcess: options.webhookProcess,
		env: options.env,
		log,
	});
	options.onCluster?.(cluster);
	await cluster.startServices();
	const main = /** @type {import('./n8n').N8n} */ (cluster.main);
	const tarball = packProject(path.join(options.baseDir, 'pack'));
	cluster.installPackageEverywhere(tarball);
	// The imports run before any n8n is up: the first one creates the schema in PostgreSQL.
	await main.importCredentials(options.credentials ?? [emulatorCredential(options.emulator)]);
	await main.importWorkflows(options.workflows);
	log(
		`imported ${options.credentials?.length ?? 1} credentials and ${options.workflows.length} workflows into PostgreSQL`,
	);
	await cluster.startN8n();
	await main.ensureOwner();
	const toActivate =
		options.activate ?? options.workflows.filter(hasWebhook).map((workflow) => workflow.id);
	for (const id of toActivate) await main.activate(id);
	log(`published ${toActivate.length} workflows`);
	return cluster;
}

module.exports = { startQueueSetup };
