// @ts-check
// Injected faults, real throttling, the HTTP control routes and the CLI.

const { spawn } = require('node:child_process');
const path = require('node:path');
const { startEmulator } = require('..');
const {
	createClient,
	requestToken,
	asOrder,
	asToken,
	firstError,
	readResponse,
} = require('./helpers');

const CANCEL_LINE_1 = {
	orderCancellation: {
		orderLines: {
			orderLine: [
				{
					lineNumber: '1',
					orderLineStatuses: {
						orderLineStatus: [
							{
								status: 'Cancelled',
								cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
								statusQuantity: { unitOfMeasurement: 'EA', amount: '1' },
							},
						],
					},
				},
			],
		},
	},
};
const BULK_CREATED = '9000000000250';

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 3, orderCount: 100 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/**
 * @param {string} pathAndQuery
 * @param {{ method?: string, body?: unknown }} [options]
 */
async function control(pathAndQuery, options = {}) {
	const response = await fetch(`${emu.baseUrl}${pathAndQuery}`, {
		method: options.method ?? 'GET',
		...(options.body === undefined
			? {}
			: { body: JSON.stringify(options.body), headers: { 'Content-Type': 'application/json' } }),
	});
	return readResponse(response);
}

/** @param {string} url */
async function fetchFails(url, /** @type {RequestInit} */ init) {
	try {
		await fetch(url, init);
		return false;
	} catch {
		return true;
	}
}

describe('faults', () => {
	test('throttle: 429 REQUEST_THRESHOLD_VIOLATED with zero tokens and a replenishment time', async () => {
		await client.headers();
		const before = Date.now();
		emu.injectFault({ type: 'throttle', count: 2, replenishInMs: 1500 });
		for (let attempt = 0; attempt < 2; attempt++) {
			const response = await client.get('/v3/orders');
			expect(response.status).toBe(429);
			expect(firstError(response)).toMatchObject({
				code: 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API',
				category: 'REQUEST',
			});
			expect(response.headers.get('x-current-token-count')).toBe('0');
			const replenish = Number(response.headers.get('x-next-replenishment-time'));
			expect(replenish).toBeGreaterThanOrEqual(before + 1500);
			expect(replenish).toBeLessThan(Date.now() + 1600);
		}
		expect((await client.get('/v3/orders')).status).toBe(200);
	});

	test('faults skip the token call unless they name it', async () => {
		emu.injectFault({ type: 'throttle', count: 1 });
		expect((await client.get('/v3/orders')).status).toBe(429);
		emu.injectFault({ type: 'serverError', pathPrefix: '/v3/token' });
		expect((await requestToken(emu)).status).toBe(500);
	});

	test.each([500, 502, 504])('serverError %d answers a Walmart error body', async (status) => {
		await client.headers();
		emu.injectFault({ type: 'serverError', status });
		const response = await client.get('/v3/orders');
		expect(response.status).toBe(status);
		expect(firstError(response).code).toMatch(/^(SYSTEM_ERROR|DOWNSTREAM_SYSTEM_TIME_OUT)\.GMP_/);
		expect(firstError(response).category).toBe('SYSTEM');
	});

	test('serverError 503 answers a bare body, unless bare:false', async () => {
		await client.headers();
		emu.injectFault({ type: 'serverError', status: 503 });
		const bare = await client.get('/v3/orders');
		expect(bare.status).toBe(503);
		expect(bare.text).toBe('Service Unavailable');
		emu.injectFault({ type: 'serverError', status: 503, bare: false });
		const wrapped = await client.get('/v3/orders');
		expect(firstError(wrapped).code).toBe('SYSTEM_ERROR.GMP_ORDER_API');
	});

	test('a server error does not apply the write', async () => {
		emu.injectFault({ type: 'serverError', method: 'POST' });
		expect((await client.post(`/v3/orders/${BULK_CREATED}/cancel`, CANCEL_LINE_1)).status).toBe(
			500,
		);
		const line = emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0];
		expect(line?.orderLineStatuses.orderLineStatus[0].status).toBe('Created');
	});

	test('slow delays the response', async () => {
		await client.headers();
		emu.injectFault({ type: 'slow', delayMs: 400 });
		const started = Date.now();
		const response = await client.get('/v3/orders?limit=1');
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(390);
	});

	test("drop 'before' closes the connection and does not apply the write", async () => {
		const headers = await client.headers({ 'Content-Type': 'application/json' });
		emu.injectFault({ type: 'drop', pathPrefix: '/v3/orders/' });
		const failed = await fetchFails(`${emu.baseUrl}/v3/orders/${BULK_CREATED}/cancel`, {
			method: 'POST',
			headers,
			body: JSON.stringify(CANCEL_LINE_1),
		});
		expect(failed).toBe(true);
		const line = emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0];
		expect(line?.orderLineStatuses.orderLineStatus[0].status).toBe('Created');
		expect(emu.requests[emu.requests.length - 1]).toMatchObject({ status: 0, fault: 'drop' });
	});

	test("drop 'after' applies the write, then closes the connection", async () => {
		const headers = await client.headers({ 'Content-Type': 'application/json' });
		emu.injectFault({ type: 'drop', when: 'after', method: 'POST' });
		const failed = await fetchFails(`${emu.baseUrl}/v3/orders/${BULK_CREATED}/cancel`, {
			method: 'POST',
			headers,
			body: JSON.stringify(CANCEL_LINE_1),
		});
		expect(failed).toBe(true);
		const line = emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0];
		expect(line?.orderLineStatuses.orderLineStatus[0]).toMatchObject({
			status: 'Cancelled',
			cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
		});
		// A blind retry is now refused: the line is no longer cancellable.
		const retry = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, CANCEL_LINE_1);
		expect(retry.status).toBe(400);
		expect(firstError(retry).description).toContain('CANCELLED status');
	});

	test('expireToken makes the presented token expired for good', async () => {
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
		emu.injectFault({ type: 'expireToken', count: 1 });
		const response = await client.get('/v3/orders?limit=1');
		expect(response.status).toBe(401);
		expect(firstError(response).description).toContain('expired');
		expect((await client.get('/v3/orders?limit=1')).status).toBe(401);
		client.resetToken();
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
	});

	test('faults apply in injection order and respect method and pathPrefix', async () => {
		await client.headers();
		emu.injectFault({ type: 'serverError', status: 502, pathPrefix: '/v3/returns' });
		emu.injectFault({ type: 'throttle', method: 'GET' });
		emu.injectFault({ type: 'serverError', status: 504 });
		expect((await client.get('/v3/orders?limit=1')).status).toBe(429);
		expect((await client.get('/v3/returns')).status).toBe(502);
		expect((await client.get('/v3/orders?limit=1')).status).toBe(504);
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
	});

	test('invalid faults are refused', () => {
		expect(() => emu.injectFault({ type: 'explode' })).toThrow(/fault.type/);
		expect(() => emu.injectFault({ type: 'slow' })).toThrow(/delayMs/);
		expect(() => emu.injectFault({ type: 'serverError', status: 418 })).toThrow(/status/);
		expect(() => emu.injectFault({ type: 'drop', count: 0 })).toThrow(/count/);
	});
});

describe('real throttling', () => {
	test('an endpoint bucket empties, answers 429, and refills', async () => {
		emu.setThrottle({
			capacity: 1000,
			refillPerSecond: 1000,
			endpoints: { getAllOrders: { capacity: 3, refillPerSecond: 5 } },
		});
		const counts = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			const response = await client.get('/v3/orders?limit=1');
			expect(response.status).toBe(200);
			counts.push(Number(response.headers.get('x-current-token-count')));
		}
		expect(counts).toEqual([2, 1, 0]);
		const throttled = await client.get('/v3/orders?limit=1');
		expect(throttled.status).toBe(429);
		const replenishAt = Number(throttled.headers.get('x-next-replenishment-time'));
		expect(replenishAt).toBeGreaterThan(Date.now());
		// Other endpoints have their own bucket.
		expect((await client.get('/v3/returns')).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, replenishAt - Date.now()) + 20));
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
	});

	test('the throttle option applies from startup', async () => {
		const tight = await startEmulator({
			orderCount: 5,
			throttle: { capacity: 1, refillPerSecond: 0.5 },
		});
		try {
			expect((await requestToken(tight)).status).toBe(200);
			expect((await requestToken(tight)).status).toBe(429);
		} finally {
			await tight.close();
		}
	});
});

describe('HTTP control routes', () => {
	test('info describes the emulator without the secret', async () => {
		const info = await control('/_emulator/info');
		expect(info.status).toBe(200);
		expect(info.body).toMatchObject({
			baseUrl: emu.baseUrl,
			clientId: emu.clientId,
			orderCount: 100,
			bulkOrders: { created250: '9000000000250', acknowledged150: '9000000000150' },
		});
		expect(info.text).not.toContain(emu.clientSecret);
	});

	test('requests log can be read and cleared; control calls are not logged', async () => {
		await client.get('/v3/orders?limit=1');
		const log = await control('/_emulator/requests');
		expect(log.body).toEqual([
			expect.objectContaining({ path: '/v3/token', status: 200 }),
			expect.objectContaining({ path: '/v3/orders', query: '?limit=1', status: 200 }),
		]);
		expect((await control('/_emulator/requests', { method: 'DELETE' })).status).toBe(200);
		expect((await control('/_emulator/requests')).body).toEqual([]);
		expect(emu.requests).toHaveLength(0);
	});

	test('faults can be queued over HTTP, and bad ones are refused', async () => {
		await client.headers();
		const queued = await control('/_emulator/faults', {
			method: 'POST',
			body: { type: 'serverError', status: 502 },
		});
		expect(queued.status).toBe(200);
		expect((await client.get('/v3/orders')).status).toBe(502);
		const bad = await control('/_emulator/faults', { method: 'POST', body: { type: 'nope' } });
		expect(bad.status).toBe(400);
	});

	test('token lifetime and token expiry over HTTP', async () => {
		expect(
			(await control('/_emulator/token-lifetime', { method: 'POST', body: { seconds: 2 } })).status,
		).toBe(200);
		expect(asToken(await requestToken(emu)).expires_in).toBe(2);
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
		expect((await control('/_emulator/expire-tokens', { method: 'POST' })).status).toBe(200);
		expect((await client.get('/v3/orders?limit=1')).status).toBe(401);
		expect(
			(await control('/_emulator/token-lifetime', { method: 'POST', body: { seconds: -1 } }))
				.status,
		).toBe(400);
	});

	test('orders and returns can be read by ID; 404 for unknown IDs', async () => {
		const order = await control(`/_emulator/orders/${BULK_CREATED}`);
		expect(order.status).toBe(200);
		expect(order.body).toMatchObject({
			purchaseOrderId: BULK_CREATED,
			lastModified: expect.any(Number),
		});
		const [firstReturn] = emu.returns();
		expect((await control(`/_emulator/returns/${firstReturn.returnOrderId}`)).body).toEqual(
			firstReturn,
		);
		expect((await control('/_emulator/orders/nope')).status).toBe(404);
		expect((await control('/_emulator/returns/nope')).status).toBe(404);
	});

	test('reset restores the seeded data, optionally with new options', async () => {
		await client.post(`/v3/orders/${BULK_CREATED}/cancel`, CANCEL_LINE_1);
		expect(
			emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0]
				.status,
		).toBe('Cancelled');
		const reset = await control('/_emulator/reset', { method: 'POST' });
		expect(reset.status).toBe(200);
		expect(
			emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0]
				.status,
		).toBe('Created');
		expect(emu.requests).toHaveLength(0);
		const resized = await control('/_emulator/reset', { method: 'POST', body: { orderCount: 30 } });
		expect(resized.body).toMatchObject({ orderCount: 30, returnCount: 6 });
		expect(emu.orders()).toHaveLength(30);
		emu.reset({ orderCount: 100, returnCount: 20 });
	});

	test('reset clears tokens', async () => {
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
		emu.reset();
		expect((await client.get('/v3/orders?limit=1')).status).toBe(401);
	});
});

describe('CLI', () => {
	test('prints base URL and credentials, serves requests, stops on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				path.join(__dirname, '..', 'cli.js'),
				'--port',
				'0',
				'--orders',
				'20',
				'--seed',
				'9',
				'--charge-reading',
				'lineTotal',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
		});
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 10000);
			child.stdout.on('data', () => {
				if (output.includes('Client secret:')) {
					clearTimeout(timer);
					resolve(undefined);
				}
			});
		});
		const lines = output.trim().split('\n');
		expect(lines[0]).toMatch(/^Base URL: http:\/\/127\.0\.0\.1:\d+$/);
		expect(lines[1]).toBe('Client ID: emulator-client-id');
		expect(lines[2]).toBe('Client secret: emulator-client-secret');
		const baseUrl = lines[0].replace('Base URL: ', '');
		const info = await readResponse(await fetch(`${baseUrl}/_emulator/info`));
		expect(info.body).toMatchObject({ orderCount: 20, seed: 9, chargeReading: 'lineTotal' });
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
	});
});

test('a slow response shows the state from when the request was processed', async () => {
	await client.headers();
	emu.injectFault({ type: 'slow', delayMs: 300, method: 'GET' });
	const slowRead = client.get(`/v3/orders/${BULK_CREATED}`);
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect((await client.post(`/v3/orders/${BULK_CREATED}/cancel`, CANCEL_LINE_1)).status).toBe(200);
	const order = asOrder(await slowRead);
	expect(order.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].status).toBe('Created');
});
