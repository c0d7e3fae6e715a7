// @ts-check
const {
	WalmartMarketplaceApi,
	exchangeKeysForToken,
	readKeys,
	resolveBaseUrl,
} = require('../../dist/credentials/WalmartMarketplaceApi.credentials');

const credential = new WalmartMarketplaceApi();

/** @param {Record<string, unknown>} overrides */
function credentialsWith(overrides = {}) {
	return /** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */ ({
		clientId: 'id',
		clientSecret: 'secret',
		environment: 'custom',
		customBaseUrl: 'http://127.0.0.1:8089',
		market: 'us',
		channelType: '',
		accessToken: 'token-2',
		...overrides,
	});
}

describe('readKeys', () => {
	test('drops whitespace around pasted keys', () => {
		expect(readKeys(credentialsWith({ clientId: ' id\n', clientSecret: '\tsecret \r\n' }))).toEqual(
			{ clientId: 'id', clientSecret: 'secret' },
		);
	});

	test('keeps whitespace inside a key, which Walmart would refuse, as it is', () => {
		expect(readKeys(credentialsWith({ clientSecret: 'sec ret' })).clientSecret).toBe('sec ret');
	});

	test.each([
		['Client ID', { clientId: ' ' }],
		['Client Secret', { clientSecret: '\n' }],
		['Client Secret', { clientSecret: undefined }],
	])('names the empty %s and where to find it', (field, overrides) => {
		expect(() => readKeys(credentialsWith(overrides))).toThrow(
			`The Walmart Marketplace credential's ${field} is empty. Copy it from Seller Center`,
		);
	});
});

describe('resolveBaseUrl', () => {
	test.each([
		['production', 'https://marketplace.walmartapis.com'],
		['sandbox', 'https://sandbox.walmartapis.com'],
	])('%s ignores the Custom Base URL', (environment, expected) => {
		expect(resolveBaseUrl(credentialsWith({ environment, customBaseUrl: 'nonsense' }))).toBe(
			expected,
		);
	});

	test.each([
		['http://127.0.0.1:8089', 'http://127.0.0.1:8089'],
		[' http://127.0.0.1:8089/ ', 'http://127.0.0.1:8089'],
		['HTTPS://Proxy.Example.com/walmart//', 'https://proxy.example.com/walmart'],
	])('accepts %j as %j', (input, expected) => {
		expect(resolveBaseUrl(credentialsWith({ customBaseUrl: input }))).toBe(expected);
	});

	test.each([
		['http://127.0.0.1:8089?x=1', 'has a query', '"http://127.0.0.1:8089?…"'],
		['http://127.0.0.1:8089/?', 'has a query', '"http://127.0.0.1:8089/?…"'],
		['http://127.0.0.1:8089#top', 'has a fragment', '"http://127.0.0.1:8089#…"'],
		[
			'http://me:pa55@127.0.0.1:8089',
			'contains a user name or password',
			'"http://…@127.0.0.1:8089"',
		],
		['http://me@127.0.0.1:8089', 'contains a user name or password', '"http://…@127.0.0.1:8089"'],
		['ftp://127.0.0.1', 'is not an http(s) URL', '"ftp://127.0.0.1"'],
		['127.0.0.1:8089', 'is not an http(s) URL', '"127.0.0.1:8089"'],
		['http://', 'is not a valid URL', '"http://"'],
		['', 'is empty', '""'],
	])('refuses %j: %s', (input, problem, shown) => {
		let message = '';
		try {
			resolveBaseUrl(credentialsWith({ customBaseUrl: input }));
		} catch (error) {
			message = /** @type {Error} */ (error).message;
		}
		expect(message).toContain(`Custom Base URL ${shown} ${problem}`);
		expect(message).toContain('such as http://127.0.0.1:8089');
		expect(message).not.toContain('pa55');
		expect(message).not.toContain('x=1');
	});
});

describe('authenticate', () => {
	test('a resend keeps the caller’s headers but gets a fresh correlation ID and the new token', async () => {
		const first = await credential.authenticate(credentialsWith({ accessToken: 'token-1' }), {
			method: 'POST',
			url: '/v3/orders/1/cancel',
			headers: { 'Content-Type': 'application/json', 'X-Caller': 'kept' },
			body: {},
		});
		const firstHeaders = /** @type {Record<string, string>} */ (first.headers);
		expect(firstHeaders['WM_SEC.ACCESS_TOKEN']).toBe('token-1');
		// n8n hands the options returned the first time back to authenticate after a 401.
		const resend = await credential.authenticate(
			credentialsWith({ accessToken: 'token-2' }),
			first,
		);
		const headers = /** @type {Record<string, string>} */ (resend.headers);
		expect(headers['Content-Type']).toBe('application/json');
		expect(headers['X-Caller']).toBe('kept');
		expect(headers['WM_SEC.ACCESS_TOKEN']).toBe('token-2');
		expect(headers['WM_QOS.CORRELATION_ID']).toMatch(/^[0-9a-f-]{36}$/);
		expect(headers['WM_QOS.CORRELATION_ID']).not.toBe(firstHeaders['WM_QOS.CORRELATION_ID']);
		expect(resend.baseURL).toBe('http://127.0.0.1:8089');
	});

	test('a caller’s correlation ID or token in another letter case does not survive either', async () => {
		const options = await credential.authenticate(credentialsWith(), {
			url: '/v3/orders',
			headers: { 'wm_qos.correlation_id': 'stale', 'wm_sec.access_token': 'stale' },
		});
		const headers = /** @type {Record<string, string>} */ (options.headers);
		expect(Object.values(headers)).not.toContain('stale');
	});

	test('the market, channel type and dynamic sandbox headers are added', async () => {
		const options = await credential.authenticate(
			credentialsWith({
				environment: 'sandbox',
				dynamicSandbox: true,
				market: 'mx',
				channelType: ' abc ',
			}),
			{ url: '/v3/orders' },
		);
		expect(options.baseURL).toBe('https://sandbox.walmartapis.com');
		expect(options.headers).toMatchObject({
			WM_MARKET: 'mx',
			WM_GLOBAL_VERSION: '3.1',
			'WM_CONSUMER.CHANNEL.TYPE': 'abc',
			WM_SANDBOX: 'v2',
		});
	});

	test('the token exchange the credential test sends is signed with the keys as they are now', async () => {
		const options = await credential.authenticate(
			credentialsWith({ clientId: ' id\n', clientSecret: 'secret\n', accessToken: 'stored' }),
			{
				method: 'POST',
				url: '/v3/token',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'grant_type=client_credentials',
			},
		);
		const headers = /** @type {Record<string, string>} */ (options.headers);
		expect(headers.Authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
		expect(headers['WM_SEC.ACCESS_TOKEN']).toBeUndefined();
		expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
		expect(headers['WM_SVC.NAME']).toBe('Walmart Marketplace');
		expect(options.baseURL).toBe('http://127.0.0.1:8089');
	});

	test('the token exchange is refused before sending when a key is empty', async () => {
		await expect(
			credential.authenticate(credentialsWith({ clientSecret: ' ' }), {
				method: 'POST',
				url: '/v3/token',
			}),
		).rejects.toThrow("The Walmart Marketplace credential's Client Secret is empty.");
	});
});

describe('exchangeKeysForToken', () => {
	/**
	 * Helpers whose httpRequest answers each call with the next outcome: an object to resolve
	 * with, or an error to throw.
	 * @param {unknown[]} outcomes
	 */
	function helpersAnswering(outcomes) {
		/** @type {Array<Record<string, any>>} */
		const calls = [];
		const helpers = {
			httpRequest: async (/** @type {Record<string, any>} */ options) => {
				calls.push(options);
				const outcome = outcomes[calls.length - 1];
				if (outcome instanceof Error) throw outcome;
				return outcome;
			},
		};
		return { helpers: /** @type {any} */ (helpers), calls };
	}

	/** @param {Record<string, unknown>} fields */
	const failure = (fields) => Object.assign(new Error('Request failed'), fields);

	test('a request that never left is not retried, and its reason is quoted without the keys', async () => {
		const basic = Buffer.from('id:secret').toString('base64');
		const { helpers, calls } = helpersAnswering([
			new Error(`Domain not allowed for Basic ${basic} and secret`),
		]);
		await expect(exchangeKeysForToken(helpers, credentialsWith())).rejects.toThrow(
			'The token request to http://127.0.0.1:8089/v3/token could not be sent: Domain not allowed for Basic … and …',
		);
		expect(calls).toHaveLength(1);
	});

	test('a host name that does not resolve is not retried', async () => {
		const { helpers, calls } = helpersAnswering([failure({ code: 'ENOTFOUND' })]);
		await expect(exchangeKeysForToken(helpers, credentialsWith())).rejects.toThrow(
			'Could not connect to http://127.0.0.1:8089/v3/token (host name not found). Check the Custom Base URL',
		);
		expect(calls).toHaveLength(1);
	});

	test('a refused connection is retried, each attempt with its own correlation ID', async () => {
		const refused = failure({ code: 'ECONNREFUSED' });
		const { helpers, calls } = helpersAnswering([refused, refused, { access_token: 'tok' }]);
		await expect(exchangeKeysForToken(helpers, credentialsWith())).resolves.toBe('tok');
		expect(calls).toHaveLength(3);
		const ids = calls.map((call) => call.headers['WM_QOS.CORRELATION_ID']);
		expect(new Set(ids).size).toBe(3);
		expect(calls[0].headers.Authorization).toBe(
			`Basic ${Buffer.from('id:secret').toString('base64')}`,
		);
	});

	test('a 403 names the keys’ access, not a typo, and is not retried', async () => {
		const { helpers, calls } = helpersAnswering([failure({ response: { status: 403 } })]);
		await expect(exchangeKeysForToken(helpers, credentialsWith())).rejects.toThrow(
			'Walmart will not issue a token for these keys (HTTP 403 from http://127.0.0.1:8089/v3/token)',
		);
		expect(calls).toHaveLength(1);
	});

	test('a 404 points at the base URL', async () => {
		const { helpers } = helpersAnswering([failure({ response: { status: 404 } })]);
		await expect(
			exchangeKeysForToken(helpers, credentialsWith({ customBaseUrl: 'http://proxy.test/x' })),
		).rejects.toThrow(
			"Walmart's token endpoint answered HTTP 404 (http://proxy.test/x/v3/token). Check that the Custom Base URL points at the Walmart Marketplace API.",
		);
	});

	test('a 200 without a token is refused', async () => {
		const { helpers } = helpersAnswering([{ token_type: 'Bearer' }]);
		await expect(exchangeKeysForToken(helpers, credentialsWith())).rejects.toThrow(
			'answered without an access token',
		);
	});

	test('the 429 wait follows X-Next-Replenishment-Time in epoch milliseconds', async () => {
		const throttled = failure({
			response: { status: 429, headers: { 'x-next-replenishment-time': String(Date.now() + 300) } },
		});
		const { helpers, calls } = helpersAnswering([throttled, { access_token: 'tok' }]);
		const started = Date.now();
		await expect(exchangeKeysForToken(helpers, credentialsWith())).resolves.toBe('tok');
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(calls).toHaveLength(2);
	});
});
