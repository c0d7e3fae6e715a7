// @ts-check
/**
 * Read operations on n8n's real engine, against the emulator over loopback: token exchange,
 * paging, renewal of an expired token, throttling, filters and error mapping.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */

/** @param {Emulator} emu @param {string} prefix */
function calls(emu, prefix) {
	return emu.requests.filter((request) => request.path.startsWith(prefix));
}

/** @param {Emulator} emu */
function listCalls(emu) {
	return emu.requests.filter(
		(request) => request.method === 'GET' && /^\/v3\/orders(\/released)?$/.test(request.path),
	);
}

/**
 * A createdStartDate, whole seconds, that lets exactly `count` seller-fulfilled orders through.
 * @param {Emulator} emu @param {number} count
 */
function startDateForExactly(emu, count) {
	const dates = emu
		.orders()
		.filter((order) => (order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled')
		.map((order) => order.orderDate)
		.sort((a, b) => b - a);
	if (dates.length <= count) throw new Error(`emulator has only ${dates.length} seller orders`);
	const inside = dates[count - 1];
	const outside = dates[count];
	const start = Math.floor(inside / 1000) * 1000;
	if (start <= outside) throw new Error('no whole-second boundary between the two orders');
	return new Date(start).toISOString().replace('.000Z', 'Z');
}

describe('Order Get Many on the n8n engine', () => {
	/** @type {Emulator} */
	let emu;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, seed: 7, orderCount: 1600 });
	});
	afterAll(async () => {
		await emu.close();
	});
	beforeEach(() => {
		emu.clearRequests();
	});

	test('Return All over 1,000 orders makes 1 token call and 5 list calls of 200', async () => {
		const engine = await createEngine(emu);
		const createdStartDate = startDateForExactly(emu, 1000);
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { createdStartDate },
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		const ids = new Set(result.items.map((item) => item.json.purchaseOrderId));
		expect(ids.size).toBe(1000);
		expect(calls(emu, '/v3/token')).toHaveLength(1);
		const lists = listCalls(emu);
		expect(lists).toHaveLength(5);
		expect(lists[0].query).toContain('limit=200');
		// Later pages append Walmart's cursor as the whole query, never as ?nextCursor=.
		for (const page of lists.slice(1)) {
			expect(page.query).not.toContain('nextCursor');
			expect(page.query).toContain('hasMoreElements=true');
		}
		expect(
			result.items.every(
				(item) => item.pairedItem && 'item' in /** @type {object} */ (item.pairedItem),
			),
		).toBe(true);
	});

	test('a token that expires mid-way through Return All is renewed once and the run succeeds', async () => {
		const engine = await createEngine(emu);
		const createdStartDate = startDateForExactly(emu, 1000);
		// A 2 s token and 0.8 s pages: the token runs out once around page 4, with a second of
		// slack either side so a loaded machine does not make it run out twice.
		emu.setTokenLifetime(2);
		try {
			emu.injectFault({ type: 'slow', count: 10, delayMs: 800, pathPrefix: '/v3/orders' });
			const result = await engine.runNode({
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
				filters: { createdStartDate },
			});
			expect(result.error).toBeUndefined();
			expect(new Set(result.items.map((item) => item.json.purchaseOrderId)).size).toBe(1000);
			expect(calls(emu, '/v3/token')).toHaveLength(2);
			const rejected = listCalls(emu).filter((request) => request.status === 401);
			expect(rejected).toHaveLength(1);
			expect(listCalls(emu).filter((request) => request.status === 200)).toHaveLength(5);
			expect(engine.credentialsHelper.updates).toBe(2);
		} finally {
			emu.setTokenLifetime(900);
			emu.reset();
		}
	});

	test('a burst of 429s is waited out using X-Next-Replenishment-Time', async () => {
		const engine = await createEngine(emu);
		emu.injectFault({ type: 'throttle', count: 3, replenishInMs: 300, pathPrefix: '/v3/orders' });
		const started = Date.now();
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const statuses = listCalls(emu).map((request) => request.status);
		expect(statuses).toEqual([429, 429, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(800);
	});

	test('reads are retried after a 5xx and a dropped connection', async () => {
		const engine = await createEngine(emu);
		emu.injectFault({ type: 'serverError', count: 1, status: 503, pathPrefix: '/v3/orders' });
		emu.injectFault({ type: 'drop', count: 1, pathPrefix: '/v3/orders' });
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			limit: 3,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
	});

	test('Limit stops exactly at the limit', async () => {
		const engine = await createEngine(emu);
		const createdStartDate = startDateForExactly(emu, 1000);
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 250,
			filters: { createdStartDate },
		});
		expect(result.items).toHaveLength(250);
		expect(listCalls(emu)).toHaveLength(2);
	});

	test('filters reach Walmart, dates without milliseconds, and the results match them', async () => {
		const engine = await createEngine(emu);
		const sample = emu
			.orders()
			.find((order) =>
				order.orderLines.orderLine.some((line) =>
					line.orderLineStatuses.orderLineStatus.some((status) => status.status === 'Shipped'),
				),
			);
		if (!sample) throw new Error('no shipped order in the emulator');
		const sku = sample.orderLines.orderLine[0].item.sku;
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: {
				sku,
				status: 'Shipped',
				createdStartDate: '2020-01-01',
				createdEndDate: new Date(Date.now() + 60_000).toISOString(),
			},
			options: { output: 'line' },
		});
		expect(result.error).toBeUndefined();
		const query = listCalls(emu)[0].query;
		expect(query).toContain(`sku=${encodeURIComponent(sku)}`);
		expect(query).toContain('status=Shipped');
		expect(query).toMatch(/createdEndDate=\d{4}-\d{2}-\d{2}T\d{2}(%3A|:)\d{2}(%3A|:)\d{2}Z/);
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) {
			expect(typeof item.json.purchaseOrderId).toBe('string');
		}
		expect(result.items.some((item) => item.json.sku === sku)).toBe(true);
	});

	test('Released Orders Only reads /v3/orders/released, whose lines are all Created', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			releasedOnly: true,
			limit: 20,
			filters: { createdStartDate: '2020-01-01' },
		});
		expect(result.error).toBeUndefined();
		expect(listCalls(emu)[0].path).toBe('/v3/orders/released');
		expect(result.items.length).toBeGreaterThan(0);
		for (const item of result.items) {
			expect(item.json.statuses).toContain('Created');
		}
	});

	test('no matching orders (404 CONTENT_NOT_FOUND) is an empty result, not an error', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { sku: 'NO-SUCH-SKU-ANYWHERE' },
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(0);
	});

	test('a date that is not a date fails naming the field, before any request', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			limit: 5,
			filters: { createdStartDate: 'last tuesday' },
		});
		expect(result.error?.message).toBe('"Created After" is not a date: "last tuesday"');
		expect(listCalls(emu)).toHaveLength(0);
	});

	test('Walmart errors come back with code, field and the fix; continueOnFail keeps going', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode(
			{ resource: 'order', operation: 'get', purchaseOrderId: '1111111111111' },
			{ continueOnFail: true, items: [{}, {}] },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/^Walmart rejected GET \/v3\/orders\/1111111111111/);
		expect(/** @type {any} */ (result.items[0].json.details).description).toMatch(
			/CONTENT_NOT_FOUND/,
		);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['details', 'error']);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('Get returns the order, simplified with computed totals, or raw', async () => {
		const engine = await createEngine(emu);
		const order = emu.orders()[3];
		const simplified = await engine.runNode({
			resource: 'order',
			operation: 'get',
			purchaseOrderId: order.purchaseOrderId,
			simplify: true,
		});
		expect(simplified.error).toBeUndefined();
		const json = simplified.items[0].json;
		expect(json.purchaseOrderId).toBe(order.purchaseOrderId);
		expect(json.orderDate).toBe(new Date(order.orderDate).toISOString());
		expect(json.lineCount).toBe(order.orderLines.orderLine.length);
		const lines = /** @type {Array<Record<string, unknown>>} */ (json.lines);
		expect(typeof lines[0].quantity).toBe('number');
		expect(json.orderTotal).toBeCloseTo(
			/** @type {number} */ (json.productTotal) +
				/** @type {number} */ (json.shippingTotal) +
				/** @type {number} */ (json.taxTotal),
			2,
		);
		const raw = await engine.runNode({
			resource: 'order',
			operation: 'get',
			purchaseOrderId: order.purchaseOrderId,
			simplify: false,
		});
		const rawOrder = /** @type {any} */ (raw.items[0].json);
		expect(rawOrder.purchaseOrderId).toBe(order.purchaseOrderId);
		expect(rawOrder.orderDate).toBe(order.orderDate);
		expect(rawOrder.orderLines.orderLine).toHaveLength(order.orderLines.orderLine.length);
		expect(typeof rawOrder.orderLines.orderLine[0].orderLineQuantity.amount).toBe('string');
	});

	test('wrong keys give a clear error that never shows the secret', async () => {
		const engine = await createEngine({
			...emu,
			clientId: emu.clientId,
			clientSecret: 'not-the-secret-xyz',
		});
		const result = await engine.runNode({
			resource: 'order',
			operation: 'getAll',
			limit: 1,
			filters: {},
		});
		expect(result.error?.message).toMatch(
			/^Walmart refused the Client ID and Client Secret \(HTTP 401/,
		);
		const serialized = JSON.stringify(result.run);
		expect(serialized).not.toContain('not-the-secret-xyz');
		expect(serialized).not.toContain(
			Buffer.from(`${emu.clientId}:not-the-secret-xyz`).toString('base64'),
		);
		expect(listCalls(emu)).toHaveLength(0);
	});

	test('the Canada market sends the Global API headers', async () => {
		const engine = await createEngine({ ...emu, market: 'ca' });
		await engine.runNode({ resource: 'order', operation: 'getAll', limit: 1, filters: {} });
		const headers = listCalls(emu)[0].headers;
		expect(headers.wm_market).toBe('ca');
		expect(headers.wm_global_version).toBe('3.1');
	});
});
