// @ts-check
// The live control API (live.js): the clock, new orders, line moves, refunds, returns and their
// progress, seen through the /v3 API the way a polling client sees them; and the malformed fault.

const { startEmulator } = require('..');
const { createClient, asOrderList, asReturnList, readResponse } = require('./helpers');

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 11, orderCount: 40 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/** @param {number} epochMs */
function iso(epochMs) {
	return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * @param {string} path
 * @param {unknown} body
 */
async function control(path, body) {
	const response = await fetch(`${emu.baseUrl}${path}`, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'Content-Type': 'application/json' },
	});
	return readResponse(response);
}

/** @param {string} query */
async function orderIds(query) {
	const response = await client.get(`/v3/orders${query}`);
	if (response.status === 404) return [];
	return asOrderList(response).list.elements.order.map((order) => order.purchaseOrderId);
}

describe('live control API', () => {
	test('the clock advances on request, and new orders take its time', async () => {
		const before = emu.now();
		expect(emu.advanceClock(3 * 3600 * 1000)).toBeGreaterThanOrEqual(before + 3 * 3600 * 1000);
		const order = emu.createOrder();
		expect(order.orderDate).toBeGreaterThanOrEqual(
			Math.floor((before + 3 * 3600 * 1000) / 1000) * 1000,
		);
		expect(order.orderDate % 1000).toBe(0);
		expect(order.purchaseOrderId).toMatch(/^8\d{12}$/);
		const reply = await control('/_emulator/clock', { advanceMs: 60000 });
		expect(reply.status).toBe(200);
		expect(/** @type {{ clock: number }} */ (reply.body).clock).toBeGreaterThanOrEqual(
			order.orderDate + 60000,
		);
		expect((await control('/_emulator/clock', { advanceMs: -1 })).status).toBe(400);
	});

	test('a new order is listed by created date, newest first, ties by ID', async () => {
		const now = emu.now();
		const first = emu.createOrder({ orderDate: Math.floor(now / 1000) * 1000 });
		const second = emu.createOrder({ orderDate: first.orderDate });
		const ids = await orderIds(`?createdStartDate=${iso(now - 1000)}`);
		expect(ids.slice(0, 2)).toEqual(
			[second.purchaseOrderId, first.purchaseOrderId].sort().reverse(),
		);
		expect(emu.getOrder(first.purchaseOrderId)?.orderLines.orderLine[0].orderLineStatuses).toEqual({
			orderLineStatus: [
				{ status: 'Created', statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' } },
			],
		});
	});

	test('a late-listed order keeps its order date but is modified when listed', async () => {
		const now = emu.now();
		const late = emu.createOrder({ orderDate: Math.floor((now - 90 * 60000) / 1000) * 1000 });
		expect(await orderIds(`?createdStartDate=${iso(now - 60000)}`)).not.toContain(
			late.purchaseOrderId,
		);
		expect(await orderIds(`?createdStartDate=${iso(now - 2 * 3600000)}`)).toContain(
			late.purchaseOrderId,
		);
		expect(
			await orderIds(
				`?createdStartDate=${iso(now - 2 * 3600000)}&lastModifiedStartDate=${iso(now - 1000)}`,
			),
		).toEqual([late.purchaseOrderId]);
	});

	test('lines move, ship with tracking, deliver and refund; each bumps lastModified', async () => {
		const order = emu.createOrder({ lines: [{ quantity: 3 }, { quantity: 1 }] });
		const po = order.purchaseOrderId;
		emu.advanceClock(60000);
		emu.moveLine(po, '1', { status: 'Acknowledged' });
		emu.moveLine(po, '1', { status: 'Shipped', quantity: 2, trackingNumber: 'TRK-1' });
		emu.moveLine(po, '1', { status: 'Cancelled', quantity: 1 });
		emu.moveLine(po, '1', { status: 'Delivered', quantity: 1 });
		emu.moveLine(po, '2', { status: 'Shipped' });
		const updated = emu.refundLine(po, '2', { amount: 5, tax: 0.35 });
		const line1 = updated.orderLines.orderLine[0].orderLineStatuses.orderLineStatus;
		expect(line1.map((entry) => [entry.status, entry.statusQuantity.amount])).toEqual([
			['Shipped', '1'],
			['Cancelled', '1'],
			['Delivered', '1'],
		]);
		expect(line1[2].trackingInfo?.trackingNumber).toBe('TRK-1');
		expect(line1[1].cancellationReason).toBe('CUSTOMER_REQUESTED_SELLER_TO_CANCEL');
		const line2 = updated.orderLines.orderLine[1];
		expect(line2.orderLineStatuses.orderLineStatus[0].trackingInfo?.trackingNumber).toMatch(
			/^1ZLIVE/,
		);
		expect(line2.refund?.refundCharges.refundCharge[0].charge.chargeAmount.amount).toBe(-5);
		expect(updated.lastModified).toBeGreaterThan(order.lastModified);
		expect(() => emu.moveLine(po, '2', { status: 'Cancelled' })).toThrow(/0 unit/);
		expect(() => emu.refundLine(order.purchaseOrderId, '9', { amount: 1 })).toThrow(/no line 9/);
		const reply = await control(`/_emulator/orders/${po}/lines/1/status`, { status: 'Delivered' });
		expect(reply.status).toBe(200);
	});

	test('returns open on shipped lines, are listed, and progress', async () => {
		const order = emu.createOrder({ lines: [{ quantity: 2 }] });
		emu.moveLine(order.purchaseOrderId, '1', { status: 'Shipped' });
		const opened = emu.openReturn({ purchaseOrderId: order.purchaseOrderId });
		expect(opened.returnOrderId).toMatch(/^3\d{17}$/);
		expect(opened.returnOrderLines[0]).toMatchObject({
			status: 'INITIATED',
			refundedQty: 0,
			quantity: { measurementValue: 2 },
		});
		const listed = await client.get(
			`/v3/returns?returnCreationStartDate=${iso(emu.now() - 60000)}`,
		);
		expect(asReturnList(listed).returnOrders.map((entry) => entry.returnOrderId)).toContain(
			opened.returnOrderId,
		);
		emu.advanceClock(3600000);
		const moved = emu.moveReturnLine(opened.returnOrderId, 1, {
			status: 'DELIVERED',
			refundedQuantity: 1,
		});
		expect(moved.returnOrderLines[0]).toMatchObject({
			status: 'DELIVERED',
			refundedQty: 1,
			currentRefundStatus: 'REFUND_PARTIALLY_COMPLETED',
			currentDeliveryStatus: 'DELIVERED',
		});
		const modified = await client.get(
			`/v3/returns?returnLastModifiedStartDate=${iso(emu.now() - 1000)}`,
		);
		expect(asReturnList(modified).returnOrders.map((entry) => entry.returnOrderId)).toEqual([
			opened.returnOrderId,
		]);
		expect(() => emu.moveReturnLine(opened.returnOrderId, 1, { refundedQuantity: 0 })).toThrow(
			/refundedQuantity/,
		);
		const unshipped = emu.createOrder();
		const refused = await control('/_emulator/returns', {
			purchaseOrderId: unshipped.purchaseOrderId,
		});
		expect(refused.status).toBe(400);
	});

	test('reset forgets live orders and gives the same IDs again', () => {
		const first = emu.createOrder();
		emu.reset();
		expect(emu.getOrder(first.purchaseOrderId)).toBeUndefined();
		expect(emu.createOrder().purchaseOrderId).toBe(first.purchaseOrderId);
	});
});

describe('malformed fault', () => {
	test('answers 200 with an HTML body and applies nothing', async () => {
		emu.injectFault({ type: 'malformed', pathPrefix: '/v3/orders' });
		const response = await client.get('/v3/orders');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/text\/html/);
		expect(response.text).toMatch(/^<html>/);
		expect((await client.get('/v3/orders')).status).toBe(200);
		expect(emu.requests.at(-2)?.fault).toBe('malformed');
		expect(() => emu.injectFault({ type: 'malformed', body: 5 })).toThrow(/body/);
	});
});
