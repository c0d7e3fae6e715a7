// @ts-check
// Token endpoint and the gateway checks every business call goes through.

const crypto = require('node:crypto');
const { startEmulator } = require('..');
const {
	basicAuth,
	requestToken,
	getToken,
	createClient,
	readResponse,
	asToken,
	errorsOf,
	firstError,
} = require('./helpers');

/** @type {import('..').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({ seed: 7, orderCount: 50 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
});

/**
 * @param {Record<string, string>} headers
 * @param {string} [path]
 */
async function rawGet(headers, path = '/v3/orders') {
	return readResponse(await fetch(`${emu.baseUrl}${path}`, { headers }));
}

describe('POST /v3/token', () => {
	test('issues a bearer token as JSON when JSON is accepted', async () => {
		const response = await requestToken(emu);
		const token = asToken(response);
		expect(token.token_type).toBe('Bearer');
		expect(token.expires_in).toBe(900);
		expect(token.access_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		expect(response.headers.get('x-current-token-count')).toMatch(/^\d+$/);
	});

	test('answers XML when Accept does not ask for JSON', async () => {
		const response = await requestToken(emu, { Accept: '*/*' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('application/xml');
		expect(response.text).toMatch(
			/<OAuthTokenDTO><accessToken>[^<]+<\/accessToken><tokenType>Bearer<\/tokenType><expiresIn>900<\/expiresIn><\/OAuthTokenDTO>/,
		);
	});

	test('refuses a wrong secret with 401 UNAUTHORIZED.GMP_GATEWAY_API', async () => {
		const wrong = 'Basic ' + Buffer.from(`${emu.clientId}:nope`).toString('base64');
		const response = await requestToken(emu, { Authorization: wrong });
		expect(response.status).toBe(401);
		expect(firstError(response)).toMatchObject({
			code: 'UNAUTHORIZED.GMP_GATEWAY_API',
			severity: 'ERROR',
			category: 'DATA',
			causes: [],
			errorIdentifiers: { entry: [] },
		});
	});

	test('refuses a missing Authorization header with 401', async () => {
		const response = await readResponse(
			await fetch(`${emu.baseUrl}/v3/token`, {
				method: 'POST',
				headers: {
					'WM_SVC.NAME': 'x',
					'WM_QOS.CORRELATION_ID': 'y',
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
			}),
		);
		expect(response.status).toBe(401);
		expect(firstError(response).description).toContain('Authorization');
	});

	test.each(['WM_SVC.NAME', 'WM_QOS.CORRELATION_ID'])(
		'requires the %s header (400 naming it)',
		async (header) => {
			/** @type {Record<string, string>} */
			const headers = {
				'WM_SVC.NAME': 'Walmart Marketplace',
				'WM_QOS.CORRELATION_ID': crypto.randomUUID(),
				Authorization: basicAuth(emu),
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			};
			delete headers[header];
			const response = await readResponse(
				await fetch(`${emu.baseUrl}/v3/token`, {
					method: 'POST',
					headers,
					body: 'grant_type=client_credentials',
				}),
			);
			expect(response.status).toBe(400);
			expect(firstError(response)).toMatchObject({
				code: 'MISSING_REQUEST_HEADER.GMP_GATEWAY_API',
				field: header,
			});
		},
	);

	test('rejects a grant type other than client_credentials', async () => {
		const response = await readResponse(
			await fetch(`${emu.baseUrl}/v3/token`, {
				method: 'POST',
				headers: {
					'WM_SVC.NAME': 'x',
					'WM_QOS.CORRELATION_ID': 'y',
					Authorization: basicAuth(emu),
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: 'grant_type=password',
			}),
		);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_PARAM.GMP_GATEWAY_API',
			field: 'grant_type',
		});
	});

	test('rejects a JSON body with 415', async () => {
		const response = await readResponse(
			await fetch(`${emu.baseUrl}/v3/token`, {
				method: 'POST',
				headers: {
					'WM_SVC.NAME': 'x',
					'WM_QOS.CORRELATION_ID': 'y',
					Authorization: basicAuth(emu),
					'Content-Type': 'application/json',
					Accept: 'application/json',
				},
				body: JSON.stringify({ grant_type: 'client_credentials' }),
			}),
		);
		expect(response.status).toBe(415);
		expect(firstError(response).code).toBe('UNSUPPORTED_MEDIA_TYPE.GMP_GATEWAY_API');
	});
});

describe('business call headers and auth', () => {
	test('accepts a valid token, whatever the header name case', async () => {
		const token = await getToken(emu);
		const response = await rawGet({
			'wm_svc.name': 'Walmart Marketplace',
			'Wm_Qos.Correlation_Id': 'abc',
			'WM_SEC.ACCESS_TOKEN': token,
		});
		expect(response.status).toBe(200);
	});

	test('reports every missing service header in one 400', async () => {
		const token = await getToken(emu);
		const response = await rawGet({ 'WM_SEC.ACCESS_TOKEN': token });
		expect(response.status).toBe(400);
		expect(errorsOf(response).map((error) => [error.code, error.field])).toEqual([
			['MISSING_REQUEST_HEADER.GMP_GATEWAY_API', 'WM_QOS.CORRELATION_ID'],
			['MISSING_REQUEST_HEADER.GMP_GATEWAY_API', 'WM_SVC.NAME'],
		]);
		expect(response.headers.get('x-current-token-count')).not.toBeNull();
		expect(response.headers.get('x-next-replenishment-time')).toMatch(/^\d{13}$/);
	});

	test('a blank correlation ID counts as missing', async () => {
		const token = await getToken(emu);
		const response = await rawGet({
			'WM_SVC.NAME': 'x',
			'WM_QOS.CORRELATION_ID': '  ',
			'WM_SEC.ACCESS_TOKEN': token,
		});
		expect(response.status).toBe(400);
		expect(firstError(response).field).toBe('WM_QOS.CORRELATION_ID');
	});

	test('401 without WM_SEC.ACCESS_TOKEN', async () => {
		const response = await rawGet({ 'WM_SVC.NAME': 'x', 'WM_QOS.CORRELATION_ID': 'y' });
		expect(response.status).toBe(401);
		expect(firstError(response).code).toBe('UNAUTHORIZED.GMP_GATEWAY_API');
	});

	test('401 when the token is sent only as Authorization: Bearer', async () => {
		const token = await getToken(emu);
		const response = await rawGet({
			'WM_SVC.NAME': 'x',
			'WM_QOS.CORRELATION_ID': 'y',
			Authorization: `Bearer ${token}`,
		});
		expect(response.status).toBe(401);
		expect(firstError(response).description).toContain('WM_SEC.ACCESS_TOKEN');
	});

	test('401 for an unknown token', async () => {
		const response = await rawGet({
			'WM_SVC.NAME': 'x',
			'WM_QOS.CORRELATION_ID': 'y',
			'WM_SEC.ACCESS_TOKEN': 'made-up',
		});
		expect(response.status).toBe(401);
		expect(firstError(response).description).toContain('invalid');
	});

	test('tokens expire after tokenLifetimeSeconds', async () => {
		emu.setTokenLifetime(0.2);
		const client = createClient(emu);
		expect((await client.get('/v3/orders')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const expired = await client.get('/v3/orders');
		expect(expired.status).toBe(401);
		expect(firstError(expired).description).toContain('expired');
		client.resetToken();
		expect((await client.get('/v3/orders')).status).toBe(200);
	});

	test('setTokenLifetime changes expires_in of new tokens', async () => {
		emu.setTokenLifetime(0.5);
		expect(asToken(await requestToken(emu)).expires_in).toBe(0.5);
	});

	test('expireAllTokens invalidates issued tokens', async () => {
		const client = createClient(emu);
		expect((await client.get('/v3/orders')).status).toBe(200);
		emu.expireAllTokens();
		expect((await client.get('/v3/orders')).status).toBe(401);
	});

	test('WM_MARKET requires WM_GLOBAL_VERSION 3.1 and a known market', async () => {
		const client = createClient(emu);
		const noVersion = await client.get('/v3/orders', { WM_MARKET: 'ca' });
		expect(noVersion.status).toBe(400);
		expect(firstError(noVersion).field).toBe('WM_GLOBAL_VERSION');

		const wrongVersion = await client.get('/v3/orders', {
			WM_MARKET: 'ca',
			WM_GLOBAL_VERSION: '3.0',
		});
		expect(wrongVersion.status).toBe(400);
		expect(firstError(wrongVersion).field).toBe('WM_GLOBAL_VERSION');

		const unknownMarket = await client.get('/v3/orders', {
			WM_MARKET: 'de',
			WM_GLOBAL_VERSION: '3.1',
		});
		expect(unknownMarket.status).toBe(400);
		expect(firstError(unknownMarket)).toMatchObject({
			code: 'INVALID_REQUEST_HEADER.GMP_GATEWAY_API',
			field: 'WM_MARKET',
		});

		const ok = await client.get('/v3/orders', { WM_MARKET: 'mx', WM_GLOBAL_VERSION: '3.1' });
		expect(ok.status).toBe(200);
	});

	test('unknown routes answer 404 CONTENT_NOT_FOUND.GMP_GATEWAY_API', async () => {
		const client = createClient(emu);
		const response = await client.get('/v3/price');
		expect(response.status).toBe(404);
		expect(firstError(response)).toMatchObject({
			code: 'CONTENT_NOT_FOUND.GMP_GATEWAY_API',
			severity: 'INFO',
			category: 'APPLICATION',
		});
		expect(firstError(response).description).toContain('v3/price');
		expect(response.headers.get('x-current-token-count')).not.toBeNull();
	});

	test('a wrong method answers 405 with Allow', async () => {
		const client = createClient(emu);
		const response = await readResponse(
			await fetch(`${emu.baseUrl}/v3/orders`, {
				method: 'DELETE',
				headers: await client.headers(),
			}),
		);
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('GET');
		expect(firstError(response).code).toBe('METHOD_NOT_ALLOWED.GMP_GATEWAY_API');

		const postToOrder = await client.post('/v3/orders/released', {});
		expect(postToOrder.status).toBe(405);
	});
});

describe('request log', () => {
	test('records business calls with redacted credentials, not control calls', async () => {
		const client = createClient(emu);
		await client.get('/v3/orders?limit=5');
		await fetch(`${emu.baseUrl}/_emulator/info`);
		const [tokenCall, ordersCall] = emu.requests;
		expect(emu.requests).toHaveLength(2);
		expect(tokenCall).toMatchObject({
			seq: 1,
			method: 'POST',
			path: '/v3/token',
			query: '',
			status: 200,
			body: { grant_type: 'client_credentials' },
		});
		expect(tokenCall.headers.authorization).toBe('Basic [REDACTED]');
		expect(ordersCall).toMatchObject({
			seq: 2,
			method: 'GET',
			path: '/v3/orders',
			query: '?limit=5',
		});
		expect(ordersCall.headers['wm_sec.access_token']).toBe('[REDACTED]');
		expect(ordersCall.headers['wm_svc.name']).toBe('Walmart Marketplace');
		expect(typeof ordersCall.time).toBe('number');
		emu.clearRequests();
		expect(emu.requests).toHaveLength(0);
	});

	test('logs JSON bodies parsed', async () => {
		const client = createClient(emu);
		await client.post('/v3/orders/123/cancel', { hello: 'world' });
		expect(emu.requests[1].body).toEqual({ hello: 'world' });
	});
});
