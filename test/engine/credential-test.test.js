// @ts-check
/**
 * The credential's Test, run as n8n 2.41.1's credential tester runs it (test/helpers/
 * credential-tester.js), against the emulator: its verdict depends only on the keys,
 * environment and market as they are now, whatever token is stored.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { createCredentialTester } = require('../helpers/credential-tester');

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */

const OK = { status: 'OK', message: 'Connection successful!' };
const KEYS_MESSAGE =
	/^Walmart refused the Client ID and Client Secret \(HTTP 401 from http:\/\/127\.0\.0\.1:\d+\/v3\/token\)\. Check that both are copied whole and that they belong to the chosen environment/;
const WRONG_SECRET = 'not-the-secret-xyz';

/** @param {Emulator} emu @param {Record<string, unknown>} [overrides] */
function credentialOf(emu, overrides = {}) {
	return /** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */ ({
		clientId: emu.clientId,
		clientSecret: emu.clientSecret,
		environment: 'custom',
		customBaseUrl: emu.baseUrl,
		market: 'us',
		channelType: '',
		accessToken: '',
		...overrides,
	});
}

/** @param {Emulator} emu */
function tokenCalls(emu) {
	return emu.requests.filter((request) => request.path === '/v3/token');
}

/**
 * A token the emulator accepts right now, as a workflow run would have stored it.
 * @param {Emulator} emu
 */
async function storedTokenFromARun(emu) {
	const engine = await createEngine(emu);
	const result = await engine.runNode({
		resource: 'order',
		operation: 'getAll',
		limit: 1,
		filters: {},
	});
	if (result.error) throw result.error;
	return String(engine.storedCredential().accessToken);
}

/** @param {{ message: string }} result @param {string} secret @param {string} clientId */
function expectNoSecret(result, secret, clientId) {
	expect(result.message).not.toContain(secret);
	expect(result.message).not.toContain(Buffer.from(`${clientId}:${secret}`).toString('base64'));
}

describe('the credential test (Test button)', () => {
	/** @type {Emulator} */
	let emu;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, seed: 5, orderCount: 20 });
	});
	afterAll(async () => {
		await emu.close();
	});
	beforeEach(() => {
		emu.clearFaults();
		emu.clearRequests();
	});

	test('right keys pass, exchanging them at the token endpoint', async () => {
		const tester = await createCredentialTester(credentialOf(emu));
		expect(await tester.test()).toEqual(OK);
		expect(tokenCalls(emu).map((request) => request.status)).toEqual([200, 200]);
		// The test's own call is signed with the keys, not with a stored token.
		const testCall = tokenCalls(emu)[1];
		expect(testCall.headers.authorization).toBe('Basic [REDACTED]');
		expect(testCall.headers['wm_sec.access_token']).toBeUndefined();
		expect(testCall.body).toEqual({ grant_type: 'client_credentials' });
		expect(testCall.headers['wm_svc.name']).toBe('Walmart Marketplace');
	});

	test('a wrong secret fails with the keys message, even while a valid token is stored', async () => {
		const token = await storedTokenFromARun(emu);
		emu.clearRequests();
		const tester = await createCredentialTester(
			credentialOf(emu, { clientSecret: WRONG_SECRET, accessToken: token }),
		);
		const result = await tester.test();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(KEYS_MESSAGE);
		expectNoSecret(result, WRONG_SECRET, emu.clientId);
		// The test's exchange is refused; n8n then renews once, which is refused too.
		expect(tokenCalls(emu).map((request) => request.status)).toEqual([401, 401]);
		expect(emu.requests.filter((request) => request.path !== '/v3/token')).toHaveLength(0);
	});

	test('a wrong secret with no token stored fails with the keys message', async () => {
		const tester = await createCredentialTester(credentialOf(emu, { clientSecret: WRONG_SECRET }));
		const result = await tester.test();
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(KEYS_MESSAGE);
		expectNoSecret(result, WRONG_SECRET, emu.clientId);
	});

	test('right keys pass with an expired, an unknown or a forgotten stored token', async () => {
		const token = await storedTokenFromARun(emu);
		emu.expireAllTokens();
		for (const accessToken of [token, 'a-token-the-emulator-never-issued']) {
			const tester = await createCredentialTester(credentialOf(emu, { accessToken }));
			expect(await tester.test()).toEqual(OK);
		}
		// An emulator restart forgets every token.
		const fresh = await storedTokenFromARun(emu);
		emu.reset();
		const tester = await createCredentialTester(credentialOf(emu, { accessToken: fresh }));
		expect(await tester.test()).toEqual(OK);
	});

	test('wrong, right, wrong again: each verdict follows the keys of that moment', async () => {
		const tester = await createCredentialTester(credentialOf(emu));
		expect(await tester.test()).toEqual(OK);
		const saved = tester.stored();
		expect(saved.accessToken).not.toBe('');
		tester.save({ ...saved, clientSecret: WRONG_SECRET });
		expect((await tester.test()).message).toMatch(KEYS_MESSAGE);
		tester.save({ ...tester.stored(), clientSecret: emu.clientSecret });
		expect(await tester.test()).toEqual(OK);
		tester.save({ ...tester.stored(), clientSecret: `${WRONG_SECRET}2` });
		expect((await tester.test()).message).toMatch(KEYS_MESSAGE);
	});

	test('keys pasted with whitespace pass', async () => {
		const tester = await createCredentialTester(
			credentialOf(emu, { clientId: ` ${emu.clientId}\n`, clientSecret: `${emu.clientSecret}\n` }),
		);
		expect(await tester.test()).toEqual(OK);
	});

	test.each([
		['an empty Client Secret', { clientSecret: ' \n' }, /Client Secret is empty/],
		['an empty Client ID', { clientId: '' }, /Client ID is empty/],
		['a Custom Base URL with a query', { customBaseUrl: 'http://127.0.0.1:1?a=b' }, /has a query/],
		[
			'a Custom Base URL with user:password@',
			{ customBaseUrl: 'http://u:p@127.0.0.1:1' },
			/contains a user name or password/,
		],
	])(
		'%s fails before any request, with or without a stored token',
		async (_name, overrides, message) => {
			for (const accessToken of ['', 'some-stored-token']) {
				emu.clearRequests();
				const tester = await createCredentialTester(
					credentialOf(emu, { ...overrides, accessToken }),
				);
				const result = await tester.test();
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(message);
				expect(emu.requests).toHaveLength(0);
			}
		},
	);

	test('a token service answering 503 is reported as unavailable, not as wrong keys', async () => {
		emu.injectFault({ type: 'serverError', count: 1, status: 503, pathPrefix: '/v3/token' });
		const tester = await createCredentialTester(credentialOf(emu, { accessToken: 'stored' }));
		const result = await tester.test();
		expect(result).toEqual({
			status: 'Error',
			message:
				"Walmart's token service is unavailable (HTTP 503) — try again later; your keys were not rejected.",
		});
	});

	test('with no token stored, the exchange before the test retries a 5xx and the test passes', async () => {
		emu.injectFault({ type: 'serverError', count: 2, status: 502, pathPrefix: '/v3/token' });
		const tester = await createCredentialTester(credentialOf(emu));
		expect(await tester.test()).toEqual(OK);
		expect(tokenCalls(emu).map((request) => request.status)).toEqual([502, 502, 200, 200]);
	});

	test('a throttled token endpoint says so', async () => {
		emu.injectFault({ type: 'throttle', count: 1, pathPrefix: '/v3/token' });
		const tester = await createCredentialTester(credentialOf(emu, { accessToken: 'stored' }));
		expect(await tester.test()).toEqual({
			status: 'Error',
			message:
				'Walmart is throttling token requests (HTTP 429) — wait a minute and try again; your keys were not rejected.',
		});
	});

	test('the market and channel type reach the token endpoint', async () => {
		const tester = await createCredentialTester(
			credentialOf(emu, { market: 'ca', channelType: 'channel-1', accessToken: 'stored' }),
		);
		expect(await tester.test()).toEqual(OK);
		const [call] = tokenCalls(emu);
		expect(call.headers.wm_market).toBe('ca');
		expect(call.headers.wm_global_version).toBe('3.1');
		expect(call.headers['wm_consumer.channel.type']).toBe('channel-1');
	});

	test('every call of a test carries its own correlation ID', async () => {
		const tester = await createCredentialTester(credentialOf(emu, { clientSecret: WRONG_SECRET }));
		await tester.test();
		await tester.test();
		const ids = emu.requests.map((request) => request.headers['wm_qos.correlation_id']);
		expect(ids.length).toBeGreaterThanOrEqual(2);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
