// @ts-check
// GET /v3/returns: filters, offset cursors, rendering, and links back to real order lines.

const { startEmulator } = require('..');
const {
	DAY_MS,
	createClient,
	fetchAllPages,
	asReturnList,
	firstError,
	isoSeconds,
} = require('./helpers');

/** @typedef {import('../types').ReturnOrder} ReturnOrder */

const NOW = Date.UTC(2025, 8, 1, 8, 30, 0);

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;
/** @type {ReturnOrder[]} */
let all;

beforeAll(async () => {
	emu = await startEmulator({ seed: 5, orderCount: 600, returnCount: 90, now: NOW });
	client = createClient(emu);
	all = emu.returns();
});

afterAll(async () => {
	await emu.close();
});

/** @param {(entry: ReturnOrder) => boolean} predicate */
function expectedIds(predicate) {
	return all.filter(predicate).map((entry) => entry.returnOrderId);
}

/** @param {string} query */
async function allIds(query) {
	return (await fetchAllPages(client, '/v3/returns', query)).ids;
}

test('seeds the requested number of returns, each pointing at a shipped order line', () => {
	expect(all).toHaveLength(90);
	for (const entry of all) {
		for (const line of entry.returnOrderLines) {
			const order = emu.getOrder(line.purchaseOrderId);
			expect(order?.customerOrderId).toBe(entry.customerOrderId);
			const orderLine = order?.orderLines.orderLine.find(
				(candidate) => candidate.lineNumber === String(line.purchaseOrderLineNumber),
			);
			expect(orderLine?.item.sku).toBe(line.item.sku);
			const shipped = (orderLine?.orderLineStatuses.orderLineStatus ?? [])
				.filter((status) => status.status === 'Shipped' || status.status === 'Delivered')
				.reduce((sum, status) => sum + Number(status.statusQuantity.amount), 0);
			expect(line.quantity.measurementValue).toBeLessThanOrEqual(shipped);
		}
	}
	const statuses = new Set(
		all.flatMap((entry) => entry.returnOrderLines.map((line) => line.status)),
	);
	expect([...statuses].sort()).toEqual(['COMPLETED', 'DELIVERED', 'INITIATED']);
});

test('default page: 10 newest returns, offset cursor, ISO dates, no lastModified', async () => {
	const body = asReturnList(await client.get('/v3/returns'));
	expect(body.meta.totalCount).toBe(90);
	expect(body.meta.limit).toBe(10);
	expect(body.meta.nextCursor).toMatch(/^\?sellerId=\d+&limit=10&offset=10$/);
	expect(body.returnOrders.map((entry) => entry.returnOrderId)).toEqual(
		expectedIds(() => true).slice(0, 10),
	);
	const [first] = body.returnOrders;
	expect(first.returnOrderDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
	expect(first).not.toHaveProperty('lastModified');
	expect(first).not.toHaveProperty('returnType');
	expect(first.totalRefundAmount).toEqual({
		currencyAmount: expect.any(Number),
		currencyUnit: 'USD',
	});
	const [line] = first.returnOrderLines;
	expect(line).toMatchObject({
		returnOrderLineNumber: 1,
		purchaseOrderId: expect.stringMatching(/^\d{13}$/),
		item: { sku: expect.any(String), productName: expect.any(String), condition: 'New' },
		quantity: { unitOfMeasure: 'EACH', measurementValue: expect.any(Number) },
		refundedQty: expect.any(Number),
	});
	expect(line.chargeTotals.map((total) => total.name)).toEqual([
		'lineUnitPrice',
		'lineProductTaxes',
		'lineTotalTaxes',
		'lineSubTotal',
		'lineTotal',
	]);
});

test('cursor appended to /v3/returns walks every return once', async () => {
	const { pages, ids } = await fetchAllPages(client, '/v3/returns', '?limit=25');
	expect(ids).toEqual(expectedIds(() => true));
	expect(pages).toHaveLength(4);
	// The returns schema requires nextCursor, as a string: the last page sends it empty.
	expect(asReturnList(pages[3]).meta.nextCursor).toBe('');
});

test('filters are carried in the cursor', async () => {
	const expected = expectedIds((entry) =>
		entry.returnOrderLines.some((line) => line.status === 'COMPLETED'),
	);
	const first = asReturnList(await client.get('/v3/returns?status=COMPLETED&limit=5'));
	expect(first.meta.nextCursor).toBe(`?sellerId=101058904&status=COMPLETED&limit=5&offset=5`);
	expect(await allIds('?status=COMPLETED&limit=5')).toEqual(expected);
});

test.each(['INITIATED', 'DELIVERED', 'COMPLETED'])('status=%s', async (status) => {
	expect(await allIds(`?status=${status}&limit=200`)).toEqual(
		expectedIds((entry) => entry.returnOrderLines.some((line) => line.status === status)),
	);
});

test('returnOrderId and customerOrderId filters', async () => {
	const sample = all[7];
	expect(await allIds(`?returnOrderId=${sample.returnOrderId}`)).toEqual([sample.returnOrderId]);
	expect(await allIds(`?customerOrderId=${sample.customerOrderId}`)).toEqual(
		expectedIds((entry) => entry.customerOrderId === sample.customerOrderId),
	);
});

test('returnType filter and replacementInfo', async () => {
	const replacements = expectedIds((entry) => entry.returnType === 'REPLACEMENT');
	expect(replacements.length).toBeGreaterThan(0);
	expect(await allIds('?returnType=REPLACEMENT&limit=200')).toEqual(replacements);
	const withInfo = asReturnList(
		await client.get('/v3/returns?returnType=REPLACEMENT&replacementInfo=true&limit=1'),
	);
	expect(withInfo.returnOrders[0].returnType).toBe('REPLACEMENT');
	expect(withInfo.returnOrders[0].replacementCustomerOrderId).toMatch(/^\d{13}$/);
	expect(await allIds('?returnType=REFUND&limit=200')).toEqual(
		expectedIds((entry) => entry.returnType === 'REFUND'),
	);
});

test('creation and last-modified date windows, with or without milliseconds', async () => {
	const from = NOW - 30 * DAY_MS;
	const to = NOW - 10 * DAY_MS;
	const created = expectedIds((entry) => {
		const date = Date.parse(entry.returnOrderDate);
		return date >= from && date <= to;
	});
	expect(created.length).toBeGreaterThan(0);
	expect(
		await allIds(
			`?limit=200&returnCreationStartDate=${isoSeconds(from)}&returnCreationEndDate=${new Date(to).toISOString()}`,
		),
	).toEqual(created);

	const modified = expectedIds((entry) => entry.lastModified >= from && entry.lastModified <= to);
	// The spec's own offset example, with '+' sent unencoded (it arrives as a space).
	const offsetFrom = new Date(from).toISOString().replace('Z', '+0000');
	expect(
		await allIds(
			`?limit=200&returnLastModifiedStartDate=${offsetFrom}&returnLastModifiedEndDate=${isoSeconds(to)}`,
		),
	).toEqual(modified);
});

test.each([
	['status=REFUNDED', 'status'],
	['returnType=EXCHANGE', 'returnType'],
	['limit=0', 'limit'],
	['limit=201', 'limit'],
	['offset=-1', 'offset'],
	['returnCreationStartDate=yesterday', 'returnCreationStartDate'],
	['replacementInfo=maybe', 'replacementInfo'],
])('%s → 400 INVALID_REQUEST_PARAM.GMP_RETURNS_API naming %s', async (query, field) => {
	const response = await client.get(`/v3/returns?${query}`);
	expect(response.status).toBe(400);
	expect(firstError(response)).toMatchObject({
		code: 'INVALID_REQUEST_PARAM.GMP_RETURNS_API',
		field,
	});
});

test('no matches → 404 CONTENT_NOT_FOUND.GMP_RETURNS_API', async () => {
	const response = await client.get('/v3/returns?returnOrderId=1');
	expect(response.status).toBe(404);
	expect(firstError(response)).toMatchObject({
		code: 'CONTENT_NOT_FOUND.GMP_RETURNS_API',
		severity: 'INFO',
		category: 'APPLICATION',
	});
});

test('?nextCursor= is ignored: page one again, no cursor', async () => {
	const misused = asReturnList(await client.get('/v3/returns?nextCursor=%3Foffset%3D10'));
	expect(misused.returnOrders[0].returnOrderId).toBe(all[0].returnOrderId);
	expect(misused.meta.nextCursor).toBe('');
});
