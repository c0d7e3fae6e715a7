// @ts-check
// GET /v3/orders, /v3/orders/released and /v3/orders/{id}, checked against expectations the
// test computes itself from emu.orders().

const { startEmulator } = require('..');
const {
	DAY_MS,
	createClient,
	fetchAllPages,
	asOrderList,
	asOrder,
	firstError,
	isoSeconds,
} = require('./helpers');

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').LineStatus} LineStatus */

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;
/** @type {Order[]} */
let all;
/** Far enough back to include every seeded order. */
const SINCE_START = `createdStartDate=${isoSeconds(NOW - 175 * DAY_MS)}`;

beforeAll(async () => {
	emu = await startEmulator({ seed: 11, orderCount: 2000, now: NOW });
	client = createClient(emu);
	all = emu.orders();
});

afterAll(async () => {
	await emu.close();
});

/**
 * @param {(order: Order) => boolean} predicate
 * @param {string} [shipNodeType]
 */
function expectedIds(predicate, shipNodeType = 'SellerFulfilled') {
	return all
		.filter((order) => order.shipNode.type === shipNodeType && predicate(order))
		.map((order) => order.purchaseOrderId);
}

/** @param {Order} order */
function inDefaultWindow(order) {
	return order.orderDate >= emu.now() - 7 * DAY_MS && order.orderDate <= emu.now();
}

/** @param {Order} order */
const anyTime = (order) => order.orderDate > 0;

/**
 * @param {Order} order
 * @param {LineStatus} status
 */
function hasStatus(order, status) {
	return order.orderLines.orderLine.some((line) =>
		line.orderLineStatuses.orderLineStatus.some((entry) => entry.status === status),
	);
}

/** @param {string} query */
async function allIds(query) {
	const { ids } = await fetchAllPages(client, '/v3/orders', query);
	return ids;
}

describe('seeded data', () => {
	test('about a third of the orders are in the last 7 days; mix of ship nodes', () => {
		const recent = all.filter(inDefaultWindow).length;
		expect(recent / all.length).toBeGreaterThan(0.25);
		expect(recent / all.length).toBeLessThan(0.42);
		const wfs = all.filter((order) => order.shipNode.type === 'WFSFulfilled').length;
		const thirdParty = all.filter((order) => order.shipNode.type === '3PLFulfilled').length;
		expect(wfs / all.length).toBeGreaterThan(0.06);
		expect(thirdParty / all.length).toBeGreaterThan(0.02);
	});
});

describe('GET /v3/orders', () => {
	test('defaults to the last 7 days, SellerFulfilled, newest first, 100 per page', async () => {
		const firstPage = asOrderList(await client.get('/v3/orders'));
		const expected = expectedIds(inDefaultWindow);
		expect(firstPage.list.meta.totalCount).toBe(expected.length);
		expect(firstPage.list.meta.limit).toBe(100);
		expect(firstPage.list.elements.order.map((order) => order.purchaseOrderId)).toEqual(
			expected.slice(0, 100),
		);
		expect(await allIds('?limit=200')).toEqual(expected);
	});

	test('renders orders like Walmart: epoch ms dates, string quantities, numeric money', async () => {
		const [order] = asOrderList(await client.get('/v3/orders?limit=1')).list.elements.order;
		expect(typeof order.orderDate).toBe('number');
		expect(order.purchaseOrderId).toMatch(/^\d{13}$/);
		expect(order.customerOrderId).toMatch(/^\d{13}$/);
		expect(order.customerEmailId).toMatch(/@relay\.walmart\.com$/);
		expect(order).not.toHaveProperty('lastModified');
		expect(order).not.toHaveProperty('orderType');
		const line = order.orderLines.orderLine[0];
		expect(typeof line.orderLineQuantity.amount).toBe('string');
		expect(typeof line.charges.charge[0].chargeAmount.amount).toBe('number');
		expect(typeof line.statusDate).toBe('number');
		expect(line.item).not.toHaveProperty('imageUrl');
		expect(line.item).not.toHaveProperty('weight');
	});

	test('productInfo=true adds item.imageUrl and item.weight', async () => {
		const [order] = asOrderList(await client.get('/v3/orders?limit=1&productInfo=true')).list
			.elements.order;
		expect(order.orderLines.orderLine[0].item.imageUrl).toMatch(/^https:\/\//);
		// The spec types weight.value as a string.
		expect(order.orderLines.orderLine[0].item.weight).toEqual({
			value: expect.stringMatching(/^\d+(\.\d+)?$/),
			unit: 'Pounds',
		});
	});

	test.each(
		/** @type {LineStatus[]} */ (['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled']),
	)('status=%s matches orders with a line in that status', async (status) => {
		const expected = expectedIds((order) => hasStatus(order, status));
		expect(expected.length).toBeGreaterThan(0);
		expect(await allIds(`?limit=200&${SINCE_START}&status=${status}`)).toEqual(expected);
	});

	test('sku, customerOrderId and purchaseOrderId filters', async () => {
		const sample = all.filter(
			(order) => order.shipNode.type === 'SellerFulfilled' && inDefaultWindow(order),
		)[3];
		const sku = sample.orderLines.orderLine[0].item.sku;
		expect(await allIds(`?limit=200&sku=${encodeURIComponent(sku)}`)).toEqual(
			expectedIds(
				(order) =>
					inDefaultWindow(order) &&
					order.orderLines.orderLine.some((line) => line.item.sku === sku),
			),
		);
		expect(await allIds(`?customerOrderId=${sample.customerOrderId}`)).toEqual([
			sample.purchaseOrderId,
		]);
		expect(await allIds(`?purchaseOrderId=${sample.purchaseOrderId}`)).toEqual([
			sample.purchaseOrderId,
		]);
	});

	test('createdStartDate/createdEndDate in every documented format', async () => {
		const start = NOW - 40 * DAY_MS;
		const end = NOW - 30 * DAY_MS;
		const expected = expectedIds((order) => order.orderDate >= start && order.orderDate <= end);
		expect(expected.length).toBeGreaterThan(10);
		expect(
			await allIds(
				`?limit=200&createdStartDate=${isoSeconds(start)}&createdEndDate=${isoSeconds(end)}`,
			),
		).toEqual(expected);
		const withOffset = `createdStartDate=${isoSeconds(start).replace('Z', '%2B00:00')}&createdEndDate=${isoSeconds(end).replace('Z', '+00:00')}`;
		expect(await allIds(`?limit=200&${withOffset}`)).toEqual(expected);

		const dayStart = Date.UTC(2025, 4, 1);
		const dayEnd = Date.UTC(2025, 4, 10);
		expect(
			await allIds('?limit=200&createdStartDate=2025-05-01&createdEndDate=2025-05-10'),
		).toEqual(expectedIds((order) => order.orderDate >= dayStart && order.orderDate <= dayEnd));
	});

	test('createdStartDate older than 180 days is moved to the horizon', async () => {
		const response = asOrderList(
			await client.get('/v3/orders?limit=10&createdStartDate=2024-01-01'),
		);
		const cursor = new URLSearchParams(String(response.list.meta.nextCursor));
		const movedTo = Date.parse(String(cursor.get('createdStartDate')));
		expect(Math.abs(movedTo - (emu.now() - 180 * DAY_MS))).toBeLessThan(5000);
		expect(response.list.meta.totalCount).toBe(expectedIds(anyTime).length);
	});

	test('a window entirely before the horizon finds nothing (404 CONTENT_NOT_FOUND)', async () => {
		const response = await client.get(
			'/v3/orders?createdStartDate=2024-01-01&createdEndDate=2024-02-01',
		);
		expect(response.status).toBe(404);
		expect(firstError(response)).toMatchObject({
			code: 'CONTENT_NOT_FOUND.GMP_ORDER_API',
			severity: 'INFO',
			category: 'APPLICATION',
		});
		expect(firstError(response).description).toContain(
			'Orders not found for given search parameters',
		);
	});

	test('expected ship date filters', async () => {
		const from = NOW - 20 * DAY_MS;
		const to = NOW - 10 * DAY_MS;
		expect(
			await allIds(
				`?limit=200&${SINCE_START}&fromExpectedShipDate=${isoSeconds(from)}&toExpectedShipDate=${isoSeconds(to)}`,
			),
		).toEqual(
			expectedIds(
				(order) =>
					order.shippingInfo.estimatedShipDate >= from &&
					order.shippingInfo.estimatedShipDate <= to,
			),
		);
	});

	test('lastModified filters', async () => {
		const from = NOW - 12 * DAY_MS;
		const to = NOW - 5 * DAY_MS;
		const expected = expectedIds((order) => order.lastModified >= from && order.lastModified <= to);
		expect(expected.length).toBeGreaterThan(0);
		expect(
			await allIds(
				`?limit=200&${SINCE_START}&lastModifiedStartDate=${isoSeconds(from)}&lastModifiedEndDate=${isoSeconds(to)}`,
			),
		).toEqual(expected);
	});

	test.each(['WFSFulfilled', '3PLFulfilled'])('shipNodeType=%s', async (shipNodeType) => {
		const expected = expectedIds(anyTime, shipNodeType);
		expect(expected.length).toBeGreaterThan(0);
		expect(await allIds(`?limit=200&${SINCE_START}&shipNodeType=${shipNodeType}`)).toEqual(
			expected,
		);
	});

	test('shippingProgramType filter', async () => {
		for (const programType of ['TWO_DAY', 'ONE_DAY']) {
			const expected = expectedIds((order) =>
				order.orderLines.orderLine.some(
					(line) => line.fulfillment.shippingProgramType === programType,
				),
			);
			expect(expected.length).toBeGreaterThan(0);
			expect(await allIds(`?limit=200&${SINCE_START}&shippingProgramType=${programType}`)).toEqual(
				expected,
			);
		}
	});

	test('orderType=REPLACEMENT with replacementInfo shows the original order', async () => {
		const expected = expectedIds((order) => order.orderType === 'REPLACEMENT');
		expect(expected.length).toBeGreaterThan(0);
		const page = asOrderList(
			await client.get(
				`/v3/orders?limit=200&${SINCE_START}&orderType=REPLACEMENT&replacementInfo=true`,
			),
		);
		expect(page.list.elements.order.map((order) => order.purchaseOrderId)).toEqual(expected);
		for (const order of page.list.elements.order) {
			expect(order.orderType).toBe('REPLACEMENT');
			expect(order.originalCustomerOrderID).toMatch(/^\d{13}$/);
		}
		const regular = asOrderList(
			await client.get(`/v3/orders?limit=20&${SINCE_START}&orderType=REGULAR`),
		);
		expect(regular.list.meta.totalCount).toBe(
			expectedIds((order) => order.orderType === 'REGULAR').length,
		);
	});

	test('incentiveInfo and unknown parameters are accepted', async () => {
		const response = await client.get('/v3/orders?limit=3&incentiveInfo=false&somethingElse=1');
		expect(asOrderList(response).list.elements.order).toHaveLength(3);
	});

	test.each([
		['limit=0', 'limit'],
		['limit=201', 'limit'],
		['limit=abc', 'limit'],
		['limit=1.5', 'limit'],
		['status=shipped', 'status'],
		['status=Refund', 'status'],
		['shipNodeType=Walmart', 'shipNodeType'],
		['shippingProgramType=THREE_DAY', 'shippingProgramType'],
		['orderType=GIFT', 'orderType'],
		['productInfo=yes', 'productInfo'],
		['createdStartDate=2025-06-01T10:00:00.123Z', 'createdStartDate'],
		['createdEndDate=2025-06-01T10:00:00.000Z', 'createdEndDate'],
		['createdStartDate=06/01/2025', 'createdStartDate'],
		['createdStartDate=2025-02-30', 'createdStartDate'],
		['lastModifiedStartDate=2025-06-01T10:00:00', 'lastModifiedStartDate'],
		['toExpectedShipDate=tomorrow', 'toExpectedShipDate'],
	])('%s → 400 INVALID_REQUEST_PARAM naming %s', async (query, field) => {
		const response = await client.get(`/v3/orders?${query}`);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API',
			field,
			severity: 'ERROR',
			category: 'DATA',
		});
		expect(firstError(response).description).toContain(field);
	});

	test('a date with milliseconds is refused as "Invalid Date format value"', async () => {
		const response = await client.get('/v3/orders?createdStartDate=2025-06-01T10:00:00.396Z');
		expect(firstError(response).description).toContain('Invalid Date format value');
	});

	test.each([1, 200])('limit=%d is accepted', async (limit) => {
		const page = asOrderList(await client.get(`/v3/orders?limit=${limit}&${SINCE_START}`));
		expect(page.list.elements.order).toHaveLength(limit);
		expect(page.list.meta.limit).toBe(limit);
	});
});

describe('nextCursor paging', () => {
	test('cursor appended to /v3/orders walks every match exactly once', async () => {
		const expected = expectedIds(anyTime);
		const { pages, ids } = await fetchAllPages(client, '/v3/orders', `?limit=150&${SINCE_START}`);
		expect(ids).toEqual(expected);
		expect(pages).toHaveLength(Math.ceil(expected.length / 150));
		const last = asOrderList(pages[pages.length - 1]);
		// The spec types nextCursor as a string; the last page leaves it out.
		expect(last.list.meta).not.toHaveProperty('nextCursor');
		expect(last.list.meta.limit).toBe(expected.length - 150 * (pages.length - 1));
		for (const page of pages) expect(asOrderList(page).list.meta.totalCount).toBe(expected.length);
	});

	test('the cursor is a Walmart-style query string carrying every filter', async () => {
		const page = asOrderList(
			await client.get(`/v3/orders?limit=5&${SINCE_START}&status=Delivered&productInfo=true`),
		);
		const cursor = String(page.list.meta.nextCursor);
		expect(cursor).toMatch(
			/^\?limit=5&hasMoreElements=true&soIndex=\d+&cursor=[A-Za-z0-9_-]+&poIndex=5&partnerId=\d+&sellerId=\d+&createdStartDate=[^&]+&createdEndDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z&shipNodeType=SellerFulfilled&status=Delivered&productInfo=true$/,
		);
		const next = asOrderList(await client.get(`/v3/orders${cursor}`));
		expect(next.list.elements.order[0].orderLines.orderLine[0].item.imageUrl).toBeDefined();
		expect(next.list.elements.order.every((order) => hasStatus(order, 'Delivered'))).toBe(true);
	});

	test('exactly 1000 matches at limit 200 take exactly 5 pages', async () => {
		const sellerOrders = all.filter((order) => order.shipNode.type === 'SellerFulfilled');
		const thousandth = sellerOrders[999];
		expect(sellerOrders[1000].orderDate).toBeLessThan(thousandth.orderDate);
		const { pages, ids } = await fetchAllPages(
			client,
			'/v3/orders',
			`?limit=200&createdStartDate=${isoSeconds(thousandth.orderDate)}`,
		);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		expect(pages).toHaveLength(5);
		expect(pages.map((page) => asOrderList(page).list.meta.nextCursor === undefined)).toEqual([
			false,
			false,
			false,
			false,
			true,
		]);
	});

	test('?nextCursor=<cursor> silently repeats page one with no cursor, like production', async () => {
		const first = asOrderList(await client.get(`/v3/orders?limit=20&${SINCE_START}`));
		const cursor = String(first.list.meta.nextCursor);
		const misused = asOrderList(
			await client.get(
				`/v3/orders?nextCursor=${encodeURIComponent(cursor)}&limit=20&${SINCE_START}`,
			),
		);
		expect(misused.list.elements.order.map((order) => order.purchaseOrderId)).toEqual(
			first.list.elements.order.map((order) => order.purchaseOrderId),
		);
		expect(misused.list.meta).not.toHaveProperty('nextCursor');
	});

	test('a tampered cursor token is refused', async () => {
		const first = asOrderList(await client.get(`/v3/orders?limit=20&${SINCE_START}`));
		const tampered = String(first.list.meta.nextCursor).replace('poIndex=20', 'poIndex=40');
		const response = await client.get(`/v3/orders${tampered}`);
		expect(response.status).toBe(400);
		expect(firstError(response).field).toBe('cursor');
	});
});

describe('GET /v3/orders/released', () => {
	test('returns only orders with Created lines, paging via cursors on the released path', async () => {
		const expected = expectedIds((order) => inDefaultWindow(order) && hasStatus(order, 'Created'));
		expect(expected).toContain('9000000000250');
		expect(expected).not.toContain('9000000000150');
		const first = asOrderList(await client.get('/v3/orders/released?limit=10'));
		expect(first.list.meta.nextCursor).toContain('status=Created');
		const { ids } = await fetchAllPages(client, '/v3/orders/released', '?limit=10');
		expect(ids).toEqual(expected);
	});

	test('ignores status and lastModified parameters', async () => {
		const expected = expectedIds((order) => inDefaultWindow(order) && hasStatus(order, 'Created'));
		const { ids } = await fetchAllPages(
			client,
			'/v3/orders/released',
			'?limit=200&status=Shipped&lastModifiedStartDate=2000-01-01&lastModifiedEndDate=2000-01-02',
		);
		expect(ids).toEqual(expected);
	});
});

describe('GET /v3/orders/{purchaseOrderId}', () => {
	test('returns {order}, honouring productInfo and replacementInfo', async () => {
		const sample = all.find((order) => order.orderType === 'REPLACEMENT') ?? all[0];
		const plain = asOrder(await client.get(`/v3/orders/${sample.purchaseOrderId}`));
		expect(plain.purchaseOrderId).toBe(sample.purchaseOrderId);
		expect(plain).not.toHaveProperty('orderType');
		const rich = asOrder(
			await client.get(
				`/v3/orders/${sample.purchaseOrderId}?productInfo=true&replacementInfo=true`,
			),
		);
		expect(rich.orderType).toBe('REPLACEMENT');
		expect(rich.originalCustomerOrderID).toBe(sample.originalCustomerOrderID);
		expect(rich.orderLines.orderLine[0].item.imageUrl).toBeDefined();
	});

	test('works for orders of any age and ship node', async () => {
		const oldWfs = all.find(
			(order) => order.shipNode.type === 'WFSFulfilled' && !inDefaultWindow(order),
		);
		expect(asOrder(await client.get(`/v3/orders/${oldWfs?.purchaseOrderId}`)).shipNode.type).toBe(
			'WFSFulfilled',
		);
	});

	test('unknown purchaseOrderId → 404 CONTENT_NOT_FOUND.GMP_ORDER_API', async () => {
		const response = await client.get('/v3/orders/1234567890123');
		expect(response.status).toBe(404);
		expect(firstError(response)).toMatchObject({
			code: 'CONTENT_NOT_FOUND.GMP_ORDER_API',
			severity: 'INFO',
		});
		expect(firstError(response).description).toContain('1234567890123');
	});
});

describe('empty data set', () => {
	test('orderCount 0 answers 404 on every list', async () => {
		const empty = await startEmulator({ orderCount: 0 });
		try {
			const emptyClient = createClient(empty);
			expect((await emptyClient.get('/v3/orders')).status).toBe(404);
			expect((await emptyClient.get('/v3/orders/released')).status).toBe(404);
			const returns = await emptyClient.get('/v3/returns');
			expect(returns.status).toBe(404);
			expect(firstError(returns).code).toBe('CONTENT_NOT_FOUND.GMP_RETURNS_API');
		} finally {
			await empty.close();
		}
	});
});
