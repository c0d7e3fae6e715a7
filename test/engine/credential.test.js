// @ts-check
/**
 * The credential on n8n's real engine, against the emulator over loopback: keys as pasted,
 * input refused before any request, the token endpoint's faults told apart from wrong keys, and
 * a fresh correlation ID on every request, the resend after a 401 included.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */

const KEYS_MESSAGE = /^Walmart refused the Client ID and Client Secret \(HTTP 401/;
const UNAVAILABLE_MESSAGE =
	/^Walmart's token service is unavailable \(HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/v3\/token, 4 attempts\) — try again later; your keys were not rejected\./;

/** @param {Emulator} emu */
function tokenCalls(emu) {
	return emu.requests.filter((request) => request.path === '/v3/token');
}

/** @param {Emulator} emu */
function listCalls(emu) {
	return emu.requests.filter((request) => request.path === '/v3/orders');
}

const READ_ONE = { resource: 'order', operation: 'getAll', limit: 1, filters: {} };

/**
 * Nothing a run produced may show the secret, in clear or inside a Basic header.
 * @param {unknown} run
 * @param {string} clientId
 * @param {string} secret
 */
function expectNoSecret(run, clientId, secret) {
	const serialized = JSON.stringify(run);
	expect(serialized).not.toContain(secret);
	expect(serialized).not.toContain(Buffer.from(`${clientId}:${secret}`).toString('base64'));
	expect(serialized).not.toContain(Buffer.from(secret).toString('base64'));
}

describe('Walmart Marketplace credential on the n8n engine', () => {
	/** @type {Emulator} */
	let emu;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, seed: 11, orderCount: 60 });
	});
	afterAll(async () => {
		await emu.close();
	});
	beforeEach(() => {
		emu.clearFaults();
		emu.clearRequests();
	});

	describe('keys as pasted', () => {
		test('a trailing newline or spaces around the keys are dropped and the keys work', async () => {
			const engine = await createEngine({
				...emu,
				clientId: `  ${emu.clientId}\n`,
				clientSecret: `${emu.clientSecret} \r\n`,
			});
			const result = await engine.runNode(READ_ONE);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(tokenCalls(emu).map((request) => request.status)).toEqual([200]);
		});

		test.each([
			['Client ID', { clientId: '' }],
			['Client ID', { clientId: ' \n\t' }],
			['Client Secret', { clientSecret: '' }],
			['Client Secret', { clientSecret: '   \n' }],
		])('an empty %s is refused before any request', async (field, keys) => {
			const engine = await createEngine({ ...emu, ...keys });
			const result = await engine.runNode(READ_ONE);
			expect(result.error?.message).toBe(
				`The Walmart Marketplace credential's ${field} is empty. Copy it from Seller Center → Settings → API Key Management (Developer Portal); sandbox and production keys are different.`,
			);
			expect(emu.requests).toHaveLength(0);
		});
	});

	describe('Custom Base URL', () => {
		/** @param {Emulator} emu */
		const hostOf = (emu) => emu.baseUrl.replace(/^http:\/\//, '');

		test.each([
			['a query', (/** @type {Emulator} */ e) => `${e.baseUrl}?key=abc`, 'has a query (?…)', '?…'],
			[
				'a fragment',
				(/** @type {Emulator} */ e) => `${e.baseUrl}/#walmart`,
				'has a fragment (#…)',
				'#…',
			],
			[
				'user:password@',
				(/** @type {Emulator} */ e) => `http://admin:hunter2@${hostOf(e)}`,
				'contains a user name or password (user:password@)',
				'http://…@',
			],
			[
				'another scheme',
				(/** @type {Emulator} */ e) => `ftp://${hostOf(e)}`,
				'is not an http(s) URL',
				'ftp://',
			],
			['no scheme', (/** @type {Emulator} */ e) => hostOf(e), 'is not an http(s) URL', '127.0.0.1'],
			['nothing at all', () => '   ', 'is empty', '""'],
		])(
			'with %s is refused before any request, naming the value and the fix',
			async (_name, url, problem, shown) => {
				const engine = await createEngine({ ...emu, baseUrl: url(emu) });
				const result = await engine.runNode(READ_ONE);
				const message = String(result.error?.message);
				expect(message).toMatch(/^The Walmart Marketplace credential's Custom Base URL "/);
				expect(message).toContain(problem);
				expect(message).toContain(shown);
				expect(message).toContain('such as http://127.0.0.1:8089');
				expect(message).not.toContain('hunter2');
				expect(message).not.toContain('key=abc');
				expect(emu.requests).toHaveLength(0);
				expectNoSecret(result.run, emu.clientId, emu.clientSecret);
			},
		);

		test('surrounding spaces and trailing slashes are dropped', async () => {
			const engine = await createEngine({ ...emu, baseUrl: ` ${emu.baseUrl}// ` });
			const result = await engine.runNode(READ_ONE);
			expect(result.error).toBeUndefined();
			expect(listCalls(emu)).toHaveLength(1);
		});
	});

	describe('token endpoint faults', () => {
		test('two 5xx answers and a dropped connection are retried and the call succeeds', async () => {
			emu.injectFault({ type: 'serverError', count: 2, status: 503, pathPrefix: '/v3/token' });
			emu.injectFault({ type: 'drop', count: 1, pathPrefix: '/v3/token' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(tokenCalls(emu).map((request) => request.status)).toEqual([503, 503, 0, 200]);
		});

		test('four 5xx answers say the token service is unavailable, not that the keys are wrong', async () => {
			emu.injectFault({ type: 'serverError', count: 4, status: 503, pathPrefix: '/v3/token' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			const message = String(result.error?.message);
			expect(message).toMatch(UNAVAILABLE_MESSAGE);
			expect(message).not.toMatch(/Client ID and Client Secret/);
			expect(listCalls(emu)).toHaveLength(0);
			// Four attempts per exchange; the transport does not start the exchange over again.
			expect(tokenCalls(emu).map((request) => request.status)).toEqual([503, 503, 503, 503]);
			expectNoSecret(result.run, emu.clientId, emu.clientSecret);
		});

		test('a connection dropped on every attempt is reported as unavailable too', async () => {
			emu.injectFault({ type: 'drop', count: 4, pathPrefix: '/v3/token' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			expect(String(result.error?.message)).toMatch(
				/^Walmart's token service is unavailable \(connection reset at http:\/\/127\.0\.0\.1:\d+\/v3\/token, 4 attempts\) — try again later; your keys were not rejected\./,
			);
		});

		test('a 429 on the token endpoint is waited out', async () => {
			emu.injectFault({ type: 'throttle', count: 2, replenishInMs: 150, pathPrefix: '/v3/token' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			expect(result.error).toBeUndefined();
			expect(tokenCalls(emu).map((request) => request.status)).toEqual([429, 429, 200]);
		});

		test('a token endpoint that stays throttled says so, not that the keys are wrong', async () => {
			emu.injectFault({ type: 'throttle', count: 4, replenishInMs: 100, pathPrefix: '/v3/token' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			expect(String(result.error?.message)).toMatch(
				/^Walmart is throttling token requests \(HTTP 429 from .*\/v3\/token, 4 attempts\) — wait a minute and try again; your keys were not rejected\./,
			);
			expect(tokenCalls(emu)).toHaveLength(4);
		});

		test('a 401 on the token endpoint says the keys are wrong, at once and without the secret', async () => {
			const engine = await createEngine({ ...emu, clientSecret: 'not-the-secret-xyz' });
			const result = await engine.runNode(READ_ONE);
			expect(String(result.error?.message)).toMatch(KEYS_MESSAGE);
			expect(tokenCalls(emu).map((request) => request.status)).toEqual([401]);
			expect(listCalls(emu)).toHaveLength(0);
			expectNoSecret(result.run, emu.clientId, 'not-the-secret-xyz');
		});
	});

	describe('correlation IDs', () => {
		/** @param {Emulator} emu */
		const correlationIds = (emu) =>
			emu.requests.map((request) => request.headers['wm_qos.correlation_id']);

		test('every request carries its own, the resend after an expired token included', async () => {
			const engine = await createEngine(emu);
			const first = await engine.runNode(READ_ONE);
			expect(first.error).toBeUndefined();
			emu.expireAllTokens();
			const second = await engine.runNode({ ...READ_ONE, limit: 2 });
			expect(second.error).toBeUndefined();
			expect(emu.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
				'/v3/token 200',
				'/v3/orders 200',
				'/v3/orders 401',
				'/v3/token 200',
				'/v3/orders 200',
			]);
			const ids = correlationIds(emu);
			expect(ids.every((id) => typeof id === 'string' && id.length >= 32)).toBe(true);
			expect(new Set(ids).size).toBe(ids.length);
		});

		test('retried token calls and a resend after an expireToken fault each get a fresh one', async () => {
			emu.injectFault({ type: 'serverError', count: 2, status: 502, pathPrefix: '/v3/token' });
			emu.injectFault({ type: 'expireToken', count: 1, pathPrefix: '/v3/orders' });
			const engine = await createEngine(emu);
			const result = await engine.runNode(READ_ONE);
			expect(result.error).toBeUndefined();
			expect(emu.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
				'/v3/token 502',
				'/v3/token 502',
				'/v3/token 200',
				'/v3/orders 401',
				'/v3/token 200',
				'/v3/orders 200',
			]);
			const ids = correlationIds(emu);
			expect(new Set(ids).size).toBe(ids.length);
		});
	});
});
