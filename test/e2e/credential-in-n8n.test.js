// @ts-check
'use strict';

/**
 * The credential's Test in a real n8n (Node 24, n8n 2.41.1 from .runtime/), driven through the
 * REST calls the editor makes: the credential is read back as the editor's form holds it (secret
 * and token blanked), saved with a changed secret, and tested with the form's data, which n8n
 * completes with the stored values, stored token included. The verdict must follow the keys of
 * the moment: a stored token from earlier, or one the Walmart side no longer knows, changes
 * nothing.
 *
 * One user folder and one `n8n start` (port 5694) serve the whole file.
 */

const { SETUP_TIMEOUT_MS, freshN8n, startEmulator, requestsTo } = require('./support');
const { emulatorCredential, EMULATOR_CREDENTIAL } = require('../../scripts/lib/n8n');

jest.setTimeout(120_000);

const KEYS_MESSAGE =
	/^Walmart refused the Client ID and Client Secret \(HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/v3\/token\)\. Check that both are copied whole/;
const WRONG_SECRET = 'not-the-secret-e2e';

/** @type {import('../../scripts/lib/n8n').N8n} */
let n8n;
/** @type {import('../../emulator').Emulator} */
let emulator;

beforeAll(async () => {
	emulator = await startEmulator();
	({ n8n } = freshN8n('credential-in-n8n', { port: 5694 }));
	await n8n.importCredentials([emulatorCredential(emulator)]);
	await n8n.start();
	await n8n.ensureOwner();
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

/** The credential as the editor's form receives it: secrets and the token blanked. */
async function formData() {
	const credential = await n8n.rest(
		'GET',
		`/credentials/${EMULATOR_CREDENTIAL.id}?includeData=true`,
	);
	return /** @type {Record<string, unknown>} */ (credential.data);
}

/**
 * Saves the form with some fields changed, as the editor's Save does.
 * @param {Record<string, unknown>} changes
 */
async function save(changes) {
	const data = { ...(await formData()), ...changes };
	await n8n.rest('PATCH', `/credentials/${EMULATOR_CREDENTIAL.id}`, {
		name: EMULATOR_CREDENTIAL.name,
		type: 'walmartMarketplaceApi',
		data,
	});
}

/** The editor's Test after Save: the form's data, completed by n8n from the stored credential. */
async function testCredential() {
	return /** @type {{ status: string, message: string }} */ (
		await n8n.rest('POST', '/credentials/test', {
			credentials: {
				id: EMULATOR_CREDENTIAL.id,
				name: EMULATOR_CREDENTIAL.name,
				type: 'walmartMarketplaceApi',
				data: await formData(),
			},
		})
	);
}

describe('the credential test in n8n 2.41.1', () => {
	test('right keys pass and leave a token stored', async () => {
		emulator.clearRequests();
		expect(await testCredential()).toEqual({ status: 'OK', message: 'Connection successful!' });
		const tokenCalls = requestsTo(emulator, 'POST', /^\/v3\/token$/);
		expect(tokenCalls.map((request) => request.status)).toEqual([200, 200]);
		// The form shows the token only as a blanked value, so one is stored.
		expect((await formData()).accessToken).toBeTruthy();
	});

	test('a wrong secret fails with the keys message although a valid token is stored', async () => {
		await save({ clientSecret: WRONG_SECRET });
		emulator.clearRequests();
		const result = await testCredential();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(KEYS_MESSAGE);
		expect(result.message).not.toContain(WRONG_SECRET);
		expect(requestsTo(emulator, 'GET', /^\/v3\//)).toHaveLength(0);
	});

	test('back to the right secret, it passes again', async () => {
		await save({ clientSecret: emulator.clientSecret });
		expect(await testCredential()).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('after the emulator restarts and forgets every token, it still passes', async () => {
		const port = Number(new URL(emulator.baseUrl).port);
		await emulator.close();
		emulator = await startEmulator({ port });
		expect(await testCredential()).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(requestsTo(emulator, 'POST', /^\/v3\/token$/).map((r) => r.status)).toEqual([200]);
	});

	test('a token service answering 503 is reported as unavailable, not as wrong keys', async () => {
		emulator.injectFault({ type: 'serverError', count: 1, status: 503, pathPrefix: '/v3/token' });
		expect(await testCredential()).toEqual({
			status: 'Error',
			message:
				"Walmart's token service is unavailable (HTTP 503) — try again later; your keys were not rejected.",
		});
	});

	test('a pasted trailing newline in the secret still passes', async () => {
		await save({ clientSecret: `${emulator.clientSecret}\n` });
		expect(await testCredential()).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('a Custom Base URL with a query is refused without a request', async () => {
		await save({ customBaseUrl: `${emulator.baseUrl}?x=1` });
		emulator.clearRequests();
		const result = await testCredential();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Custom Base URL ".*\?…" has a query/);
		expect(emulator.requests).toHaveLength(0);
		await save({ customBaseUrl: emulator.baseUrl });
	});
});
