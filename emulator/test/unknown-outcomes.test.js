// @ts-check
// Faults that leave the client not knowing whether its write happened: late writes, writes
// applied before a 5xx or a dropped connection, and concurrent writes to one purchase order.

const { startEmulator } = require('..');
const { createClient, firstError, readResponse } = require('./helpers');

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').OrderLine} OrderLine */
/** @typedef {import('../types').ReturnOrder} ReturnOrder */
/** @typedef {import('../types').RequestLogEntry} RequestLogEntry */

const BULK_CREATED = '9000000000250';

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 5, orderCount: 300 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {string} lineNumber
 * @param {string} [amount]
 */
function cancelBody(lineNumber, amount = '1') {
	return {
		orderCancellation: {
			orderLines: {
				orderLine: [
					{
						lineNumber,
						orderLineStatuses: {
							orderLineStatus: [
								{
									status: 'Cancelled',
									cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
									statusQuantity: { unitOfMeasurement: 'EA', amount },
								},
							],
						},
					},
				],
			},
		},
	};
}

/**
 * @param {string} po
 * @param {string} lineNumber
 * @param {number} cents positive
 */
function refundBody(po, lineNumber, cents) {
	return {
		orderRefund: {
			purchaseOrderId: po,
			orderLines: {
				orderLine: [
					{
						lineNumber,
						refunds: {
							refund: [
								{
									refundCharges: {
										refundCharge: [
											{
												refundReason: 'DamagedItem',
												charge: {
													chargeType: 'PRODUCT',
													chargeName: 'ItemPrice',
													chargeAmount: { currency: 'USD', amount: -cents / 100 },
												},
											},
										],
									},
								},
							],
						},
					},
				],
			},
		},
	};
}

/**
 * A shipped line with no refund yet and what is left to refund on it (PRODUCT, per unit).
 * @returns {{ order: Order, line: OrderLine, remaining: number }}
 */
function refundableLine() {
	for (const order of emu.orders()) {
		if (order.shipNode.type !== 'SellerFulfilled') continue;
		for (const line of order.orderLines.orderLine) {
			const shipped = line.orderLineStatuses.orderLineStatus
				.filter((entry) => entry.status === 'Shipped' || entry.status === 'Delivered')
				.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
			if (shipped === 0 || line.refund !== undefined) continue;
			const remaining = Math.round(line.charges.charge[0].chargeAmount.amount * 100) * shipped;
			if (remaining >= 900) return { order, line, remaining };
		}
	}
	throw new Error('no refundable seeded line');
}

/** A return with nothing refunded yet. */
function unrefundedReturn() {
	const found = emu
		.returns()
		.find((entry) => entry.returnOrderLines.every((line) => line.refundedQty === 0));
	if (!found) throw new Error('no unrefunded seeded return');
	return found;
}

/** @param {ReturnOrder} target */
function returnRefundBody(target) {
	return { customerOrderId: target.customerOrderId, refundLines: [{ returnOrderLineNumber: 1 }] };
}

/**
 * Posts like a client with a timeout; resolves to the response, or to the error's name when the
 * connection failed or the client gave up.
 * @param {string} path
 * @param {unknown} body
 * @param {number} [timeoutMs]
 */
async function postGivingUp(path, body, timeoutMs) {
	const headers = await client.headers({ 'Content-Type': 'application/json' });
	try {
		const response = await fetch(`${emu.baseUrl}${path}`, {
			method: 'POST',
			headers,
			body: JSON.stringify(body),
			...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
		});
		return readResponse(response);
	} catch (error) {
		// Errors from fetch come from another realm under Jest, so instanceof Error fails.
		return typeof error === 'object' && error !== null && 'name' in error
			? String(error.name)
			: 'unknown';
	}
}

/** @param {string} path */
function lastLogFor(path) {
	const entry = [...emu.requests].reverse().find((candidate) => candidate.path === path);
	if (entry === undefined) throw new Error(`no request to ${path} in the log`);
	return entry;
}

/**
 * @param {RequestLogEntry} entry
 * @param {string} state
 */
async function waitForLateState(entry, state) {
	for (let attempt = 0; attempt < 100 && entry.late?.state !== state; attempt++) await sleep(20);
	return entry;
}

/** @param {string} po */
function firstLineStatuses(po) {
	return emu.getOrder(po)?.orderLines.orderLine[0].orderLineStatuses.orderLineStatus;
}

describe("fault 'late'", () => {
	test('a write with no answer lands after the client has given up', async () => {
		emu.injectFault({ type: 'late', applyAfterMs: 400 });
		const path = `/v3/orders/${BULK_CREATED}/cancel`;
		const started = Date.now();
		expect(await postGivingUp(path, cancelBody('1'), 150)).toBe('TimeoutError');
		expect(Date.now() - started).toBeLessThan(400);
		const entry = lastLogFor(path);
		await sleep(30);
		expect(entry).toMatchObject({
			fault: 'late',
			status: 0,
			late: { applyAt: entry.time + 400, state: 'pending' },
		});
		expect(emu.info().pendingLateWrites).toEqual([
			{ seq: entry.seq, method: 'POST', path, applyAt: entry.time + 400 },
		]);
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Created');

		await waitForLateState(entry, 'applied');
		expect(entry.outcome).toEqual({ status: 200 });
		expect(Date.now()).toBeGreaterThanOrEqual(entry.time + 400);
		expect(firstLineStatuses(BULK_CREATED)?.[0]).toMatchObject({ status: 'Cancelled' });
		expect(emu.info().pendingLateWrites).toEqual([]);
	});

	test('holdMs destroys the connection; the write still lands', async () => {
		emu.injectFault({ type: 'late', applyAfterMs: 250, holdMs: 100 });
		const started = Date.now();
		expect(await postGivingUp(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('2'))).toBe(
			'TypeError',
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
		const entry = lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`);
		expect(entry.status).toBe(0);
		await waitForLateState(entry, 'applied');
		expect(emu.getOrder(BULK_CREATED)?.orderLines.orderLine[1].orderLineStatuses).toMatchObject({
			orderLineStatus: [{ status: 'Cancelled' }],
		});
	});

	test('a GET is held, then dropped, with nothing to apply', async () => {
		await client.headers();
		emu.injectFault({ type: 'late', applyAfterMs: 0, holdMs: 100, method: 'GET' });
		await expect(client.get('/v3/orders?limit=1')).rejects.toThrow();
		const entry = lastLogFor('/v3/orders');
		expect(entry).toMatchObject({ fault: 'late', status: 0 });
		expect(entry.late).toBeUndefined();
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
	});

	test('a write arriving meanwhile is applied at once; the late one is then refused and logged', async () => {
		const { order, line, remaining } = refundableLine();
		const po = order.purchaseOrderId;
		const path = `/v3/orders/${po}/refund`;
		emu.injectFault({ type: 'late', applyAfterMs: 300, pathPrefix: path });
		expect(await postGivingUp(path, refundBody(po, line.lineNumber, remaining), 100)).toBe(
			'TimeoutError',
		);
		const lateEntry = lastLogFor(path);

		// The client's retry reaches Walmart before the first attempt is processed.
		const retry = await client.post(path, refundBody(po, line.lineNumber, remaining));
		expect(retry.status).toBe(200);

		await waitForLateState(lateEntry, 'rejected');
		expect(lateEntry.outcome?.status).toBe(400);
		expect(lateEntry.outcome?.error).toMatch(
			/^INVALID_REQUEST_CONTENT\.GMP_ORDER_API: Refund amount exceeds/,
		);
		const refunds = emu
			.getOrder(po)
			?.orderLines.orderLine.find((candidate) => candidate.lineNumber === line.lineNumber)?.refund
			?.refundCharges.refundCharge;
		expect(refunds).toHaveLength(1);
	});

	test('a late return refund that is overtaken is refused when it lands', async () => {
		const target = unrefundedReturn();
		const path = `/v3/returns/${target.returnOrderId}/refund`;
		emu.injectFault({ type: 'late', applyAfterMs: 250, holdMs: 50 });
		expect(await postGivingUp(path, returnRefundBody(target))).toBe('TypeError');
		const lateEntry = lastLogFor(path);
		expect((await client.post(path, returnRefundBody(target))).status).toBe(200);
		await waitForLateState(lateEntry, 'rejected');
		expect(lateEntry.outcome?.error).toContain('already refunded');
		expect(emu.getReturn(target.returnOrderId)?.returnOrderLines[0].refundedQty).toBe(
			target.returnOrderLines[0].quantity.measurementValue,
		);
	});

	test('a late return refund lands when nothing overtakes it', async () => {
		const target = unrefundedReturn();
		const path = `/v3/returns/${target.returnOrderId}/refund`;
		emu.injectFault({ type: 'late', applyAfterMs: 100, holdMs: 20 });
		expect(await postGivingUp(path, returnRefundBody(target))).toBe('TypeError');
		await waitForLateState(lastLogFor(path), 'applied');
		expect(emu.getReturn(target.returnOrderId)?.returnOrderLines[0].currentRefundStatus).toBe(
			'REFUND_COMPLETED',
		);
	});

	test('what the gateway refuses is never applied; the log says why', async () => {
		emu.injectFault({ type: 'late', applyAfterMs: 50, holdMs: 20 });
		const headers = await client.headers({
			'Content-Type': 'application/json',
			'WM_SEC.ACCESS_TOKEN': 'not-a-token',
		});
		await expect(
			fetch(`${emu.baseUrl}/v3/orders/${BULK_CREATED}/cancel`, {
				method: 'POST',
				headers,
				body: JSON.stringify(cancelBody('1')),
			}),
		).rejects.toThrow();
		const entry = lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`);
		expect(entry.late?.state).toBe('rejected');
		expect(entry.outcome?.status).toBe(401);
		expect(emu.info().pendingLateWrites).toEqual([]);
		await sleep(80);
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Created');
	});

	test('reset forgets pending late writes', async () => {
		emu.injectFault({ type: 'late', applyAfterMs: 150, holdMs: 10 });
		await postGivingUp(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('1'));
		const entry = lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`);
		emu.reset();
		expect(entry.late?.state).toBe('cancelled');
		await sleep(200);
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Created');
	});

	test('late faults can be queued over HTTP; bad ones are refused', async () => {
		const queued = await readResponse(
			await fetch(`${emu.baseUrl}/_emulator/faults`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ type: 'late', applyAfterMs: 20, holdMs: 10, method: 'POST' }),
			}),
		);
		expect(queued.body).toEqual({
			queued: [{ type: 'late', count: 1, method: 'POST', applyAfterMs: 20, holdMs: 10 }],
		});
		expect(() => emu.injectFault({ type: 'late' })).toThrow(/applyAfterMs/);
		expect(() => emu.injectFault({ type: 'late', applyAfterMs: 1, holdMs: -1 })).toThrow(/holdMs/);
		expect(() => emu.injectFault({ type: 'serverError', applied: 'yes' })).toThrow(/applied/);
	});
});

describe('writes applied before the client is told something else', () => {
	test('serverError applied:true on a cancel: 500, but the line is cancelled', async () => {
		emu.injectFault({ type: 'serverError', applied: true, method: 'POST' });
		const response = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('1'));
		expect(response.status).toBe(500);
		expect(firstError(response).code).toBe('SYSTEM_ERROR.GMP_ORDER_API');
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Cancelled');
		expect(lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`)).toMatchObject({
			status: 500,
			fault: 'serverError',
			outcome: { status: 200 },
		});
	});

	test('serverError applied:true on a refund: 504, and the refund is recorded', async () => {
		const { order, line } = refundableLine();
		const po = order.purchaseOrderId;
		emu.injectFault({ type: 'serverError', status: 504, applied: true, method: 'POST' });
		const response = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, line.lineNumber, 100),
		);
		expect(response.status).toBe(504);
		const stored = emu
			.getOrder(po)
			?.orderLines.orderLine.find((l) => l.lineNumber === line.lineNumber);
		expect(stored?.refund?.refundCharges.refundCharge).toHaveLength(1);
	});

	test('serverError applied:true on a return refund: bare 503, and the return is refunded', async () => {
		const target = unrefundedReturn();
		emu.injectFault({ type: 'serverError', status: 503, applied: true, method: 'POST' });
		const response = await client.post(
			`/v3/returns/${target.returnOrderId}/refund`,
			returnRefundBody(target),
		);
		expect(response.status).toBe(503);
		expect(response.text).toBe('Service Unavailable');
		expect(emu.getReturn(target.returnOrderId)?.returnOrderLines[0].refundedQty).toBeGreaterThan(0);
	});

	test('serverError applied:true logs a refused write too, and nothing changes', async () => {
		emu.injectFault({ type: 'serverError', applied: true, method: 'POST' });
		const response = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('1', '2'));
		expect(response.status).toBe(500);
		expect(lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`).outcome?.status).toBe(400);
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Created');
	});

	test("drop 'after' on a refund: no answer, refund recorded, outcome logged", async () => {
		const { order, line } = refundableLine();
		const po = order.purchaseOrderId;
		emu.injectFault({ type: 'drop', when: 'after', method: 'POST' });
		expect(
			await postGivingUp(`/v3/orders/${po}/refund`, refundBody(po, line.lineNumber, 100)),
		).toBe('TypeError');
		expect(lastLogFor(`/v3/orders/${po}/refund`)).toMatchObject({
			status: 0,
			fault: 'drop',
			outcome: { status: 200 },
		});
		const stored = emu
			.getOrder(po)
			?.orderLines.orderLine.find((l) => l.lineNumber === line.lineNumber);
		expect(stored?.refund?.refundCharges.refundCharge).toHaveLength(1);
	});

	test("drop 'after' on a return refund: no answer, return refunded", async () => {
		const target = unrefundedReturn();
		const path = `/v3/returns/${target.returnOrderId}/refund`;
		emu.injectFault({ type: 'drop', when: 'after', pathPrefix: '/v3/returns/' });
		expect(await postGivingUp(path, returnRefundBody(target))).toBe('TypeError');
		expect(lastLogFor(path).outcome).toEqual({ status: 200 });
		const retry = await client.post(path, returnRefundBody(target));
		expect(retry.status).toBe(400);
		expect(firstError(retry).description).toContain('already refunded');
	});

	test("drop 'after' on a cancel records the outcome", async () => {
		emu.injectFault({ type: 'drop', when: 'after', method: 'POST' });
		await postGivingUp(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('1'));
		expect(lastLogFor(`/v3/orders/${BULK_CREATED}/cancel`).outcome).toEqual({ status: 200 });
		expect(firstLineStatuses(BULK_CREATED)?.[0].status).toBe('Cancelled');
	});
});

describe('concurrent writes to one purchase order', () => {
	test('parallel cancels of the same unit: exactly one wins', async () => {
		await client.headers();
		const responses = await Promise.all(
			Array.from({ length: 8 }, () =>
				client.post(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody('7')),
			),
		);
		const statuses = responses.map((response) => response.status).sort();
		expect(statuses).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
		expect(emu.getOrder(BULK_CREATED)?.orderLines.orderLine[6].orderLineStatuses).toEqual({
			orderLineStatus: [
				{
					status: 'Cancelled',
					statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
					cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
				},
			],
		});
	});

	test('parallel partial refunds never exceed what was charged', async () => {
		const { order, line, remaining } = refundableLine();
		const po = order.purchaseOrderId;
		const third = Math.floor(remaining / 3);
		await client.headers();
		const responses = await Promise.all(
			Array.from({ length: 6 }, () =>
				client.post(`/v3/orders/${po}/refund`, refundBody(po, line.lineNumber, third)),
			),
		);
		expect(responses.filter((response) => response.status === 200)).toHaveLength(3);
		expect(responses.filter((response) => response.status === 400)).toHaveLength(3);
		const stored = emu
			.getOrder(po)
			?.orderLines.orderLine.find((l) => l.lineNumber === line.lineNumber);
		expect(stored?.refund?.refundCharges.refundCharge).toHaveLength(3);
	});
});
