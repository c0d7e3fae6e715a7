// @ts-check
/**
 * At most once for the fulfilment writes, on n8n's real engine against the emulator: two
 * executions at once on the same order (10 trials each), sequential re-runs, a write Walmart
 * applies after the node's timeout (found by reading back, or unconfirmed and never resent), and
 * apply-then-5xx / apply-then-drop in the middle of a 250-line shipment.
 */
const { startEmulator, BULK_ORDERS } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { orderOf } = require('../helpers/state');

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrder} WalmartOrder */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrderLine} WalmartOrderLine */

const TRIALS = 10;

/** @param {WalmartOrderLine} line */
function quantities(line) {
	/** @type {Record<string, number>} */
	const byStatus = {};
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		byStatus[entry.status] = (byStatus[entry.status] ?? 0) + Number(entry.statusQuantity.amount);
	}
	return byStatus;
}

/** @param {WalmartOrderLine} line @param {string} trackingNumber */
const underTracking = (line, trackingNumber) =>
	line.orderLineStatuses.orderLineStatus
		.filter((entry) => entry.trackingInfo?.trackingNumber === trackingNumber)
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);

/** @param {Emulator} emu @param {string} id @param {string} suffix */
const writesTo = (emu, id, suffix) =>
	emu.requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith(`/${id}/${suffix}`),
	);

/** @param {Emulator} emu @param {(order: WalmartOrder) => boolean} predicate @param {number} count */
function ordersWhere(emu, predicate, count) {
	const found = /** @type {WalmartOrder[]} */ (emu.orders()).filter(
		(order) =>
			(order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
			!order.purchaseOrderId.startsWith('9') &&
			predicate(order),
	);
	if (found.length < count) throw new Error(`only ${found.length} orders fit, ${count} needed`);
	return found.slice(0, count);
}

/** Line 1 has open units and no intent-to-cancel flag. */
const shippable = (/** @type {WalmartOrder} */ order) => {
	const line = order.orderLines.orderLine[0];
	const byStatus = quantities(line);
	return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) > 0 && !line.intentToCancel;
};

const hasCreated = (/** @type {WalmartOrder} */ order) =>
	order.orderLines.orderLine.some((line) => (quantities(line).Created ?? 0) > 0);

/** @param {string} purchaseOrderId */
const acknowledge = (purchaseOrderId) => ({
	resource: 'order',
	operation: 'acknowledge',
	purchaseOrderId,
});

/** @param {string} purchaseOrderId @param {Record<string, unknown>} [extra] */
const shipOne = (purchaseOrderId, extra = {}) => ({
	resource: 'order',
	operation: 'shipLines',
	purchaseOrderId,
	lines: { line: [{ lineNumber: '1', quantity: 1 }] },
	carrier: 'USPS',
	methodCode: 'Standard',
	trackingNumber: `9400-${purchaseOrderId}`,
	...extra,
});

describe('fulfilment under races and faults', () => {
	/** @type {Emulator} */
	let emu;
	/** @type {Awaited<ReturnType<typeof createEngine>>} */
	let engine;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 79, orderCount: 800 });
		engine = await createEngine(emu);
	});
	afterEach(async () => {
		await emu.close();
	});

	test(`an order acknowledged twice at once gets one request (${TRIALS} trials); a re-run sends none`, async () => {
		for (const order of ordersWhere(emu, hasCreated, TRIALS)) {
			const id = order.purchaseOrderId;
			const results = await Promise.all([
				engine.runNode(acknowledge(id)),
				engine.runNode(acknowledge(id)),
			]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'acknowledge')).toHaveLength(1);
			const requests = results.map(
				(result) => /** @type {any} */ (result.items[0].json).summary.requests,
			);
			expect(requests.sort()).toEqual([0, 1]);
			const rerun = await engine.runNode(acknowledge(id));
			expect(rerun.error).toBeUndefined();
			expect(writesTo(emu, id, 'acknowledge')).toHaveLength(1);
			for (const line of orderOf(emu, id).orderLines.orderLine) {
				expect(quantities(line).Created).toBeUndefined();
			}
		}
	});

	test(`the same tracking number shipped twice at once gets one request (${TRIALS} trials); a re-run sends none`, async () => {
		for (const order of ordersWhere(emu, shippable, TRIALS)) {
			const id = order.purchaseOrderId;
			const results = await Promise.all([engine.runNode(shipOne(id)), engine.runNode(shipOne(id))]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'shipping')).toHaveLength(1);
			const outcomes = results.map(
				(result) => /** @type {any} */ (result.items[0].json).lines[0].outcome,
			);
			expect(outcomes.sort()).toEqual(['shipped', 'skipped']);
			const rerun = await engine.runNode(shipOne(id));
			expect(rerun.error).toBeUndefined();
			expect(writesTo(emu, id, 'shipping')).toHaveLength(1);
			expect(underTracking(orderOf(emu, id).orderLines.orderLine[0], `9400-${id}`)).toBe(1);
		}
	});

	test(`"All Open Lines" twice at once ships each line once (${TRIALS} trials)`, async () => {
		const noIntent = (/** @type {WalmartOrder} */ order) =>
			shippable(order) && order.orderLines.orderLine.every((line) => !line.intentToCancel);
		for (const order of ordersWhere(emu, noIntent, TRIALS)) {
			const id = order.purchaseOrderId;
			const parameters = shipOne(id, { lineSelection: 'all' });
			const open = order.orderLines.orderLine.map((line) => {
				const byStatus = quantities(line);
				return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0);
			});
			const results = await Promise.all([engine.runNode(parameters), engine.runNode(parameters)]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'shipping')).toHaveLength(1);
			orderOf(emu, id).orderLines.orderLine.forEach((line, index) => {
				expect(underTracking(line, `9400-${id}`)).toBe(open[index]);
			});
		}
	});

	test(`a tracking correction made twice at once is sent once (${TRIALS} trials)`, async () => {
		for (const order of ordersWhere(emu, shippable, TRIALS)) {
			const id = order.purchaseOrderId;
			await engine.runNode(shipOne(id));
			const parameters = {
				resource: 'order',
				operation: 'updateTracking',
				purchaseOrderId: id,
				corrections: {
					line: [
						{ lineNumber: '1', currentTrackingNumber: `9400-${id}`, trackingNumber: `9401-${id}` },
					],
				},
			};
			const results = await Promise.all([engine.runNode(parameters), engine.runNode(parameters)]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'shipping')).toHaveLength(2);
			expect(underTracking(orderOf(emu, id).orderLines.orderLine[0], `9401-${id}`)).toBe(1);
		}
	});

	test('a shipment Walmart applies after the node timed out is found by reading back, not sent twice', async () => {
		const [order] = ordersWhere(emu, shippable, 1);
		const id = order.purchaseOrderId;
		emu.injectFault({
			type: 'late',
			applyAfterMs: 1500,
			holdMs: 4000,
			method: 'POST',
			pathPrefix: `/v3/orders/${id}`,
		});
		const result = await engine.runNode(
			shipOne(id, { options: { timeoutSeconds: 1, readBackSeconds: 6 } }),
		);
		expect(result.error).toBeUndefined();
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.lines[0]).toMatchObject({ outcome: 'shipped' });
		expect(json.lines[0].message).toMatch(/reading purchase order \d+ back shows it applied/);
		expect(writesTo(emu, id, 'shipping')).toHaveLength(1);
		expect(underTracking(orderOf(emu, id).orderLines.orderLine[0], `9400-${id}`)).toBe(1);
	});

	test('a shipment that lands after the read-back window is unconfirmed, never resent; a later re-run sees it', async () => {
		const [order] = ordersWhere(emu, shippable, 2).slice(1);
		const id = order.purchaseOrderId;
		emu.injectFault({
			type: 'late',
			applyAfterMs: 3500,
			holdMs: 6000,
			method: 'POST',
			pathPrefix: `/v3/orders/${id}`,
		});
		const result = await engine.runNode(
			shipOne(id, { options: { timeoutSeconds: 1, readBackSeconds: 2 } }),
			{ continueOnFail: true },
		);
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.details.lines[0].outcome).toBe('unconfirmed');
		expect(json.details.lines[0].message).toMatch(/Not resent/);
		expect(json.details.lines[0].message).toMatch(
			/shipments of purchase order \d+ in Seller Center/,
		);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const rerun = await engine.runNode(shipOne(id));
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).lines[0].outcome).toBe('skipped');
		expect(writesTo(emu, id, 'shipping')).toHaveLength(1);
		expect(underTracking(orderOf(emu, id).orderLines.orderLine[0], `9400-${id}`)).toBe(1);
	});

	test('an acknowledgement Walmart applies after the node timed out is found by reading back', async () => {
		const [order] = ordersWhere(emu, hasCreated, 1);
		const id = order.purchaseOrderId;
		emu.injectFault({
			type: 'late',
			applyAfterMs: 1500,
			holdMs: 4000,
			method: 'POST',
			pathPrefix: `/v3/orders/${id}`,
		});
		const result = await engine.runNode({
			...acknowledge(id),
			options: { timeoutSeconds: 1, readBackSeconds: 6 },
		});
		expect(result.error).toBeUndefined();
		expect(/** @type {any} */ (result.items[0].json).summary).toMatchObject({
			unconfirmed: 0,
			requests: 1,
		});
		expect(writesTo(emu, id, 'acknowledge')).toHaveLength(1);
	});

	test.each([
		['apply-then-5xx', { type: 'serverError', status: 502, applied: true }],
		['apply-then-drop', { type: 'drop', when: 'after' }],
	])(
		'%s on the second of three shipping requests: read back, 250 shipped, 3 requests',
		async (_name, fault) => {
			const { purchaseOrderId } = BULK_ORDERS.created250;
			emu.injectFault({ type: 'slow', delayMs: 0, method: 'POST', pathPrefix: '/v3/orders' });
			emu.injectFault({ ...fault, method: 'POST', pathPrefix: '/v3/orders' });
			const result = await engine.runNode({
				...shipOne(purchaseOrderId, { lineSelection: 'all', trackingNumber: 'BULK-1' }),
				options: { readBackSeconds: 5 },
			});
			expect(result.error).toBeUndefined();
			const json = /** @type {any} */ (result.items[0].json);
			expect(json.summary).toMatchObject({
				shipped: 250,
				failed: 0,
				unconfirmed: 0,
				requests: 3,
			});
			expect(json.lines).toHaveLength(250);
			expect(writesTo(emu, purchaseOrderId, 'shipping')).toHaveLength(3);
			for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
				expect(quantities(line)).toEqual({ Shipped: 1 });
				expect(underTracking(line, 'BULK-1')).toBe(1);
			}
		},
	);
});
