// @ts-check
'use strict';

/**
 * The packed package in a real n8n (Node 24, n8n 2.41.1 from .runtime/): installed the way the
 * Community Nodes installer installs it, loaded with every node and credential and no warning,
 * and its credential test passing against the emulator as the editor's "Test" button runs it.
 *
 * One user folder and one `n8n start` (port 5690, JSON debug log) serve the whole file.
 */

const fs = require('fs');
const path = require('path');
const { SETUP_TIMEOUT_MS, freshN8n, startEmulator, requestsTo, readJson } = require('./support');
const { PACKAGE_NAME, emulatorCredential } = require('../../scripts/lib/n8n');

jest.setTimeout(120_000);

/** @type {{ name: string, version: string, n8n: { nodes: string[], credentials: string[] } }} */
const manifest = readJson('package.json');

/**
 * Warnings every n8n 2.41 prints on a machine like this one, whatever packages it loads: the
 * Python task runner is not installed, internal task-runner mode and two defaults are deprecated,
 * and the licence does not auto-renew offline.
 */
const EXPECTED_WARNINGS = [
	/^Failed to start Python task runner/,
	/There are deprecations related to your n8n setup/,
	/^Automatic license renewal is disabled/,
];

/** @type {import('../../scripts/lib/n8n').N8n} */
let n8n;
/** @type {import('../../emulator').Emulator} */
let emulator;
/** @type {string} */
let packageDir;
/** n8n's log up to "ready", parsed (N8N_LOG_FORMAT=json). */
/** @type {Array<{ level: string, message: string, metadata?: Record<string, any> }>} */
let startupLog = [];
/** Lines of the start-up output that are not n8n log records (stray console output). */
/** @type {string[]} */
let strayLines = [];

beforeAll(async () => {
	emulator = await startEmulator();
	({ n8n, packageDir } = freshN8n('package-in-n8n', {
		port: 5690,
		env: { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'debug' },
	}));
	await n8n.importCredentials([emulatorCredential(emulator)]);
	await n8n.start();
	await n8n.ensureOwner();
	for (const line of n8n.readLog().split('\n')) {
		if (line.trim() === '') continue;
		try {
			startupLog.push(JSON.parse(line));
		} catch {
			strayLines.push(line);
		}
	}
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

describe('installation as the Community Nodes installer does it', () => {
	test('the package is unpacked (not linked) under .n8n/nodes/node_modules', () => {
		expect(packageDir).toBe(path.join(n8n.dataFolder, 'nodes', 'node_modules', PACKAGE_NAME));
		expect(fs.lstatSync(packageDir).isSymbolicLink()).toBe(false);
		const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
		expect(installed.version).toBe(manifest.version);
		// The installer strips these before `npm install`, so n8n-workflow is never installed twice.
		expect(installed.devDependencies).toBeUndefined();
		expect(installed.peerDependencies).toBeUndefined();
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(fs.existsSync(path.join(packageDir, file))).toBe(true);
		}
		// Only what `files` publishes: no sources, tests or emulator.
		expect(fs.existsSync(path.join(packageDir, 'nodes'))).toBe(false);
		expect(fs.existsSync(path.join(packageDir, 'emulator'))).toBe(false);
		expect(fs.existsSync(path.join(packageDir, 'node_modules'))).toBe(false);
	});

	test('the installed-nodes ledger records the package and its version', () => {
		const ledger = JSON.parse(
			fs.readFileSync(path.join(n8n.dataFolder, 'nodes', 'package.json'), 'utf8'),
		);
		expect(ledger).toEqual({
			name: 'installed-nodes',
			private: true,
			dependencies: { [PACKAGE_NAME]: manifest.version },
		});
	});
});

describe('loading', () => {
	test('n8n reports loading every node and credential the package declares', () => {
		const loaded = startupLog.find(
			(record) => record.message === `Loaded all credentials and nodes from ${PACKAGE_NAME}`,
		);
		expect(loaded).toBeDefined();
		expect(loaded?.metadata?.nodes).toBe(manifest.n8n.nodes.length);
		expect(loaded?.metadata?.credentials).toBe(manifest.n8n.credentials.length);
	});

	test('the editor receives every node and credential type of the package', async () => {
		const { nodes, credentials } = await n8n.loadedTypes();
		const ours = nodes.filter((node) => String(node.name).startsWith(`${PACKAGE_NAME}.`));
		for (const file of manifest.n8n.nodes) {
			const name = path.basename(file, '.node.js');
			const typeName = `${PACKAGE_NAME}.${name.charAt(0).toLowerCase()}${name.slice(1)}`;
			expect(ours.map((node) => node.name)).toContain(typeName);
		}
		const action = ours.find((node) => node.name === `${PACKAGE_NAME}.walmartMarketplace`);
		expect(action?.displayName).toBe('Walmart Marketplace');
		const resource = action?.properties.find((/** @type {any} */ p) => p.name === 'resource');
		expect(resource.options.map((/** @type {any} */ o) => o.value)).toEqual(
			expect.arrayContaining(['order', 'return']),
		);
		const operations = action?.properties
			.filter((/** @type {any} */ p) => p.name === 'operation')
			.flatMap((/** @type {any} */ p) => p.options.map((/** @type {any} */ o) => o.value));
		expect(operations).toEqual(
			expect.arrayContaining(['get', 'getAll', 'cancelLines', 'refundLines']),
		);
		// usableAsTool makes n8n add an AI-agent tool variant of the action node.
		expect(ours.map((node) => node.name)).toContain(`${PACKAGE_NAME}.walmartMarketplaceTool`);

		const credential = credentials.find((type) => type.name === 'walmartMarketplaceApi');
		expect(credential?.displayName).toBe('Walmart Marketplace API');
		expect(credential?.properties.map((/** @type {any} */ p) => p.name)).toEqual(
			expect.arrayContaining(['clientId', 'clientSecret', 'environment', 'customBaseUrl']),
		);
		expect(
			credentials.filter((type) => manifestCredentialNames().includes(type.name)),
		).toHaveLength(manifest.n8n.credentials.length);
	});

	test('start-up logged no warning or error beyond those of any n8n on this machine', () => {
		const problems = startupLog.filter(
			(record) =>
				(record.level === 'warn' || record.level === 'error') &&
				!EXPECTED_WARNINGS.some((pattern) => pattern.test(record.message.trim())),
		);
		expect(problems).toEqual([]);
		// Nothing of the package wrote to the console outside n8n's logger.
		expect(strayLines.filter((line) => /walmart/i.test(line))).toEqual([]);
		// And nothing at all, at any level, mentions the package failing or being skipped.
		const aboutPackage = startupLog.filter((record) =>
			JSON.stringify(record).includes(PACKAGE_NAME),
		);
		expect(aboutPackage.length).toBeGreaterThan(0);
		for (const record of aboutPackage) {
			expect(record.message).not.toMatch(/fail|error|skip|invalid|unknown/i);
		}
	});
});

describe('credential test (the editor\u2019s Test button)', () => {
	test('passes against the emulator, exchanging the keys at the token endpoint', async () => {
		emulator.clearRequests();
		const result = await n8n.testCredential(emulatorCredential(emulator));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		// No token stored yet: preAuthentication exchanges once, then the test request itself.
		expect(requestsTo(emulator, 'POST', /^\/v3\/token$/).map((request) => request.status)).toEqual([
			200, 200,
		]);
		expect(requestsTo(emulator, 'GET', /^\/v3\//)).toHaveLength(0);
	});

	test('fails with a message that names the cause when the secret is wrong', async () => {
		const wrong = emulatorCredential(emulator);
		wrong.data = { ...wrong.data, clientSecret: 'not-the-secret' };
		const result = await n8n.testCredential(wrong);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Client ID and Client Secret/);
	});

	test('fails clearly when the emulator is unreachable', async () => {
		const unreachable = emulatorCredential({
			baseUrl: 'http://127.0.0.1:9',
			clientId: emulator.clientId,
			clientSecret: emulator.clientSecret,
		});
		const result = await n8n.testCredential(unreachable);
		expect(result.status).toBe('Error');
	});
});

function manifestCredentialNames() {
	return manifest.n8n.credentials.map((file) => {
		const base = path.basename(file, '.credentials.js');
		return `${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}
