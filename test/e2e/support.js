// @ts-check
'use strict';

/**
 * Shared set-up for the end-to-end tests: each test file gets its own n8n user folder under
 * the system temp folder (see scripts/lib/paths.js), the freshly packed package installed into it as n8n's Community Nodes installer
 * does, and its own emulator. The first run installs Node 24 and n8n into .runtime/ (about
 * 7 minutes cold); `bash scripts/runtime.sh` before jest keeps that out of the test timeouts.
 */

const fs = require('fs');
const path = require('path');
const { ROOT, ensureRuntime } = require('../../scripts/lib/runtime');
const { buildIfNeeded } = require('../../scripts/lib/build');
const { N8n, packProject } = require('../../scripts/lib/n8n');
const { n8nUserFolder } = require('../../scripts/lib/paths');

/** Enough for a cold Node 24 + n8n install inside beforeAll, should it be needed. */
const SETUP_TIMEOUT_MS = 20 * 60 * 1000;

/** @param {string} message */
function note(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

/**
 * A fresh user folder with the package installed from a fresh `npm pack`.
 * @param {string} name folder name under the e2e user folders
 * @param {{ port: number, env?: Record<string, string> }} options
 */
function freshN8n(name, options) {
	buildIfNeeded({ log: note });
	ensureRuntime();
	const userFolder = n8nUserFolder(path.join('e2e', name));
	const n8n = new N8n({ userFolder, port: options.port, env: options.env });
	n8n.resetUserFolder();
	const tarball = packProject(path.join(userFolder, 'pack'));
	const packageDir = n8n.installPackage(tarball);
	return { n8n, tarball, packageDir };
}

/**
 * @typedef {import('../../emulator').Emulator} Emulator
 */

/**
 * @param {Record<string, unknown>} [options]
 * @returns {Promise<Emulator>}
 */
async function startEmulator(options = {}) {
	const { startEmulator: start } = require('../../emulator');
	return await start({ port: 0, seed: 42, orderCount: 200, ...options });
}

/**
 * Calls the emulator's API directly with a token of its own: the reference the tests compare
 * n8n's output with. Follows nextCursor the way Walmart documents it (appended to the path).
 * @param {Emulator} emulator
 * @param {string} pathAndQuery e.g. `/v3/returns?limit=200`
 * @param {(page: any) => { items: any[], nextCursor?: string | null }} extract
 * @param {string} basePath path the cursor is appended to
 */
async function readAll(emulator, pathAndQuery, extract, basePath) {
	const common = {
		accept: 'application/json',
		'wm_svc.name': 'e2e reference',
		'wm_qos.correlation_id': 'e2e-reference',
	};
	const basic = Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64');
	const tokenResponse = await fetch(`${emulator.baseUrl}/v3/token`, {
		method: 'POST',
		headers: {
			...common,
			authorization: `Basic ${basic}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: 'grant_type=client_credentials',
	});
	const { access_token: token } = /** @type {{ access_token: string }} */ (
		await tokenResponse.json()
	);
	/** @type {any[]} */
	const items = [];
	/** @type {string | null | undefined} */
	let next = pathAndQuery;
	while (next) {
		const response = await fetch(`${emulator.baseUrl}${next}`, {
			headers: { ...common, 'wm_sec.access_token': token },
		});
		if (response.status === 404) break;
		if (!response.ok) throw new Error(`GET ${next} answered ${response.status}`);
		const page = extract(await response.json());
		items.push(...page.items);
		next = page.nextCursor ? `${basePath}${page.nextCursor}` : null;
	}
	return items;
}

/**
 * The requests n8n sent to the emulator (its request log), without the token exchange.
 * @param {Emulator} emulator
 * @param {string} method
 * @param {RegExp} pathPattern
 */
function requestsTo(emulator, method, pathPattern) {
	return emulator.requests.filter(
		(request) => request.method === method && pathPattern.test(request.path),
	);
}

/** @param {string} file */
function readJson(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

module.exports = {
	ROOT,
	SETUP_TIMEOUT_MS,
	freshN8n,
	startEmulator,
	readAll,
	requestsTo,
	readJson,
	note,
};
