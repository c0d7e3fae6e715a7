// @ts-check
/**
 * Cancel Lines and Refund Lines on n8n's real engine against the emulator: batching, guards
 * before any request, read-back after a lost connection, dry runs and re-runs.
 */
const { startEmulator, BULK_ORDERS } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { orderOf } = require('../helpers/state');

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrder} WalmartOrder */
/** @typedef {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrderLine} WalmartOrderLine */

/** @param {WalmartOrderLine} line */
function quantities(line) {
	/** @type {Record<string, number>} */
	const byStatus = {};
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		byStatus[entry.status] = (byStatus[entry.status] ?? 0) + Number(entry.statusQuantity.amount);
	}
	return byStatus;
}

/** @param {Emulator} emu @param {string} suffix */
function posts(emu, suffix) {
	return emu.requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith(suffix),
	);
}

/** @param {WalmartOrder} order */
const lineOf = (order, lineNumber = '1') =>
	/** @type {WalmartOrderLine} */ (
		order.orderLines.orderLine.find((line) => line.lineNumber === lineNumber)
	);

describe('Cancel Lines on the n8n engine', () => {
	/** @type {Emulator} */
	let emu;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 21, orderCount: 300 });
	});
	afterEach(async () => {
		await emu.close();
	});

	/** @param {(order: WalmartOrder) => boolean} predicate */
	const findOrder = (predicate) => {
		const order = emu
			.orders()
			.find(
				(candidate) =>
					(candidate.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
					predicate(candidate),
			);
		if (!order) throw new Error('no such order in the emulator');
		return order;
	};

	test('a 250-line cancel goes out as 3 requests of at most 100 and reports 250 outcomes', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const result = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'all',
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		});
		expect(result.error).toBeUndefined();
		const cancelPosts = posts(emu, '/cancel');
		expect(
			cancelPosts.map(
				(request) =>
					/** @type {any} */ (request.body).orderCancellation.orderLines.orderLine.length,
			),
		).toEqual([100, 100, 50]);
		const cancellation = /** @type {any} */ (result.items[0].json);
		expect(cancellation.lines).toHaveLength(250);
		expect(cancellation.summary).toMatchObject({
			requested: 250,
			cancelled: 250,
			failed: 0,
			requests: 3,
		});
		const after = orderOf(emu, purchaseOrderId);
		for (const line of after.orderLines.orderLine) {
			expect(quantities(line)).toEqual({ Cancelled: Number(line.orderLineQuantity.amount) });
			expect(line.orderLineStatuses.orderLineStatus[0].cancellationReason).toBe(
				'SELLER_CANCEL_OUT_OF_STOCK',
			);
		}
	});

	test('running the same cancel again sends nothing and reports the lines as already cancelled', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.acknowledged150;
		const parameters = {
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'json',
			linesJson: JSON.stringify(Array.from({ length: 150 }, (_, index) => index + 1)),
			reason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
		};
		const first = await engine.runNode(parameters);
		expect(first.error).toBeUndefined();
		expect(posts(emu, '/cancel')).toHaveLength(2);
		emu.clearRequests();
		const second = await engine.runNode(parameters);
		expect(second.error).toBeUndefined();
		expect(posts(emu, '/cancel')).toHaveLength(0);
		const summary = /** @type {any} */ (second.items[0].json).summary;
		expect(summary).toMatchObject({ requested: 150, cancelled: 0, skipped: 150, requests: 0 });
	});

	test('a shipped line stops the item before any cancel is sent (the default, safe choice)', async () => {
		const engine = await createEngine(emu);
		const order = findOrder((candidate) => {
			const lines = candidate.orderLines.orderLine;
			return (
				lines.length >= 2 &&
				(quantities(lines[0]).Shipped ?? 0) > 0 &&
				(quantities(lines[0]).Created ?? 0) === 0 &&
				(quantities(lines[0]).Acknowledged ?? 0) === 0
			);
		});
		const before = JSON.stringify(orderOf(emu, order.purchaseOrderId));
		const result = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId: order.purchaseOrderId,
			lineSelection: 'list',
			lines: { line: [{ lineNumber: '1', quantity: 'all' }] },
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		});
		expect(result.error?.message).toMatch(/^Line 1 cannot be cancelled: it is Shipped \d/);
		expect(result.error?.message).toMatch(/Nothing was cancelled\.$/);
		expect(posts(emu, '/cancel')).toHaveLength(0);
		expect(JSON.stringify(orderOf(emu, order.purchaseOrderId))).toBe(before);
	});

	test('with "skip", ineligible lines are reported and the others cancelled', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const result = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'list',
			lines: {
				line: [
					{ lineNumber: '1', quantity: 'all' },
					{ lineNumber: '999', quantity: 'all' },
					{ lineNumber: '2', quantity: 1 },
				],
			},
			reason: 'SELLER_CANCEL_PRICING_ERROR',
			options: { ineligible: 'skip' },
		});
		expect(result.error).toBeUndefined();
		const lines = /** @type {any} */ (result.items[0].json).lines;
		expect(lines.find((/** @type {any} */ line) => line.lineNumber === '999')).toMatchObject({
			outcome: 'skipped',
		});
		expect(lines.find((/** @type {any} */ line) => line.lineNumber === '999').message).toMatch(
			/^Line 999 does not exist on purchase order 9000000000250/,
		);
		expect(
			lines
				.filter((/** @type {any} */ line) => line.outcome === 'cancelled')
				.map((/** @type {any} */ line) => line.lineNumber),
		).toEqual(['1', '2']);
		expect(quantities(lineOf(orderOf(emu, purchaseOrderId), '1')).Cancelled).toBeGreaterThan(0);
		expect(quantities(lineOf(orderOf(emu, purchaseOrderId), '3')).Cancelled).toBeUndefined();
	});

	test('dry run outputs the exact requests and sends nothing', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const result = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'all',
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
			options: { dryRun: true },
		});
		expect(result.error).toBeUndefined();
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.dryRun).toBe(true);
		expect(json.requests).toHaveLength(3);
		expect(json.requests[0].path).toBe(`/v3/orders/${purchaseOrderId}/cancel`);
		expect(json.requests[0].body.orderCancellation.orderLines.orderLine[0]).toEqual({
			lineNumber: '1',
			orderLineStatuses: {
				orderLineStatus: [
					{
						status: 'Cancelled',
						cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
						statusQuantity: {
							unitOfMeasurement: 'EA',
							amount:
								json.requests[0].body.orderCancellation.orderLines.orderLine[0].orderLineStatuses
									.orderLineStatus[0].statusQuantity.amount,
						},
					},
				],
			},
		});
		expect(
			emu.requests.filter((request) => request.method === 'POST' && request.path !== '/v3/token'),
		).toHaveLength(0);
		expect(emu.requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(0);
		expect(Object.keys(quantities(lineOf(orderOf(emu, purchaseOrderId))))).toEqual(['Created']);
	});

	test('a connection lost after Walmart applied a batch is read back, not resent', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		emu.injectFault({
			type: 'drop',
			when: 'after',
			count: 1,
			method: 'POST',
			pathPrefix: '/v3/orders',
		});
		const result = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'all',
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		});
		expect(result.error).toBeUndefined();
		expect(posts(emu, '/cancel')).toHaveLength(3);
		expect(/** @type {any} */ (result.items[0].json).summary).toMatchObject({
			cancelled: 250,
			failed: 0,
		});
		for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
			expect(quantities(line).Cancelled).toBe(Number(line.orderLineQuantity.amount));
		}
	});

	test('a connection lost before Walmart saw a batch is read back and reported unconfirmed, never resent', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		emu.injectFault({
			type: 'drop',
			when: 'before',
			count: 1,
			method: 'POST',
			pathPrefix: '/v3/orders',
		});
		const result = await engine.runNode(
			{
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId,
				lineSelection: 'all',
				reason: 'SELLER_CANCEL_OUT_OF_STOCK',
				options: { readBackSeconds: 2 },
			},
			{ continueOnFail: true },
		);
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.error).toBe(
			`Cancelled 150 of 250 lines on purchase order ${purchaseOrderId}; 100 failed or unconfirmed`,
		);
		expect(json.details.summary).toMatchObject({ cancelled: 150, unconfirmed: 100, requests: 3 });
		expect(posts(emu, '/cancel')).toHaveLength(3);
		const unconfirmed = json.details.lines.filter(
			(/** @type {any} */ line) => line.outcome === 'unconfirmed',
		);
		expect(unconfirmed[0].message).toMatch(/Not resent, because Walmart may still apply it/);
		expect(unconfirmed[0].message).toMatch(/Seller Center/);
		// A re-run after checking sends only what is still open, once.
		emu.clearRequests();
		const rerun = await engine.runNode({
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId,
			lineSelection: 'all',
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		});
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).summary).toMatchObject({
			cancelled: 100,
			requests: 1,
		});
	});

	test('5xx answers are unknown outcomes: read back, reported line by line, the other batches still land', async () => {
		const engine = await createEngine(emu);
		const { purchaseOrderId } = BULK_ORDERS.created250;
		emu.injectFault({
			type: 'serverError',
			count: 2,
			status: 500,
			method: 'POST',
			pathPrefix: '/v3/orders',
		});
		const result = await engine.runNode(
			{
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId,
				lineSelection: 'all',
				reason: 'SELLER_CANCEL_OUT_OF_STOCK',
				options: { readBackSeconds: 2 },
			},
			{ continueOnFail: true },
		);
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.error).toBe(
			`Cancelled 50 of 250 lines on purchase order ${purchaseOrderId}; 200 failed or unconfirmed`,
		);
		expect(json.details.summary).toMatchObject({ cancelled: 50, unconfirmed: 200 });
		expect(
			json.details.lines
				.filter((/** @type {any} */ line) => line.outcome === 'unconfirmed')
				.map((/** @type {any} */ line) => line.lineNumber),
		).toEqual(Array.from({ length: 200 }, (_, index) => String(index + 1)));
		expect(posts(emu, '/cancel')).toHaveLength(3);
		const after = orderOf(emu, purchaseOrderId);
		expect(quantities(lineOf(after, '1')).Cancelled).toBeUndefined();
		expect(quantities(lineOf(after, '201')).Cancelled).toBe(
			Number(lineOf(after, '201').orderLineQuantity.amount),
		);
	});
});

describe.each(['perUnit', 'lineTotal'])(
	'Refund Lines on the n8n engine, chargeAmount read as %s',
	(reading) => {
		/** @type {Emulator} */
		let emu;
		beforeEach(async () => {
			emu = await startEmulator({
				port: 0,
				seed: 33,
				orderCount: 300,
				chargeReading: /** @type {'perUnit' | 'lineTotal'} */ (reading),
			});
		});
		afterEach(async () => {
			await emu.close();
		});

		/** A shipped line with nothing refunded yet and at least 20 of product charge. */
		const refundableOrder = (skip = 0) => {
			const found = emu.orders().filter((order) => {
				if ((order.shipNode?.type ?? 'SellerFulfilled') !== 'SellerFulfilled') return false;
				const line = order.orderLines.orderLine[0];
				const shipped = (quantities(line).Shipped ?? 0) + (quantities(line).Delivered ?? 0);
				const product = line.charges.charge.find((charge) => charge.chargeType === 'PRODUCT');
				return shipped > 0 && !line.refund && !!product && product.chargeAmount.amount >= 20;
			});
			if (found.length <= skip) throw new Error('no refundable order');
			return found[skip];
		};

		/** @param {WalmartOrder} order */
		const productRefunds = (order) =>
			(
				lineOf(orderOf(emu, order.purchaseOrderId)).refund?.refundCharges?.refundCharge ?? []
			).filter((refund) => refund.charge.chargeType === 'PRODUCT');

		test('a partial refund is sent negative and recorded once; the same refund run twice refunds once', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder();
			const parameters = {
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				refundType: 'partial',
				linesInput: 'ui',
				refundLines: {
					line: [
						{
							lineNumber: '1',
							chargeType: 'PRODUCT',
							amount: 5,
							taxAmount: 0.4,
							reason: 'DamagedItem',
							comments: 'box crushed',
						},
					],
				},
			};
			const first = await engine.runNode(parameters);
			expect(first.error).toBeUndefined();
			const body = /** @type {any} */ (posts(emu, '/refund')[0].body);
			const charge =
				body.orderRefund.orderLines.orderLine[0].refunds.refund[0].refundCharges.refundCharge[0]
					.charge;
			expect(charge.chargeAmount).toEqual({ currency: 'USD', amount: -5 });
			expect(charge.tax.taxAmount).toEqual({ currency: 'USD', amount: -0.4 });
			const second = await engine.runNode(parameters);
			expect(second.error).toBeUndefined();
			expect(posts(emu, '/refund')).toHaveLength(1);
			const summary = /** @type {any} */ (second.items[0].json).summary;
			expect(summary).toMatchObject({ refunded: 0, skipped: 1, requests: 0 });
			expect(productRefunds(order)).toHaveLength(1);
			expect(productRefunds(order)[0].charge.chargeAmount.amount).toBe(-5);
		});

		test('Allow Repeat Refunds sends the same refund again on purpose', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder(1);
			const parameters = {
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				linesInput: 'json',
				linesJson: JSON.stringify([
					{ lineNumber: 1, chargeType: 'PRODUCT', amount: -2.5, reason: 'General adjustment' },
				]),
				options: { allowRepeat: true },
			};
			await engine.runNode(parameters);
			const second = await engine.runNode(parameters);
			expect(second.error).toBeUndefined();
			expect(productRefunds(order)).toHaveLength(2);
		});

		test('a refund above what is left names the line, the charge type and the numbers, and sends nothing', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder(2);
			const line = order.orderLines.orderLine[0];
			const product =
				/** @type {import('../../nodes/WalmartMarketplace/helpers/interfaces').WalmartCharge} */ (
					line.charges.charge.find((charge) => charge.chargeType === 'PRODUCT')
				);
			// The stricter of the two readings of chargeAmount: per unit, or the whole line.
			const listedCents = Math.round(product.chargeAmount.amount * 100);
			const shipped = (quantities(line).Shipped ?? 0) + (quantities(line).Delivered ?? 0);
			const ordered = Number(line.orderLineQuantity.amount);
			const charged =
				Math.min(listedCents * shipped, Math.floor((listedCents * shipped) / ordered)) / 100;
			const result = await engine.runNode({
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				refundLines: {
					line: [
						{ lineNumber: '1', chargeType: 'PRODUCT', amount: charged + 1, reason: 'DamagedItem' },
					],
				},
			});
			expect(result.error?.message).toBe(
				`Line 1 PRODUCT: refunding ${(charged + 1).toFixed(2)} USD is more than the ${charged.toFixed(2)} left (charged ${charged.toFixed(2)}, already refunded 0.00). Nothing was refunded.`,
			);
			expect(posts(emu, '/refund')).toHaveLength(0);
			expect(productRefunds(order)).toHaveLength(0);
		});

		test('a full refund empties the line; running it again is skipped', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder(3);
			const parameters = {
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				refundType: 'full',
				fullRefundLines: { line: [{ lineNumber: '1', reason: 'Customer returned item' }] },
			};
			const first = await engine.runNode(parameters);
			expect(first.error).toBeUndefined();
			expect(
				/** @type {any} */ (posts(emu, '/refund')[0].body).orderRefund.orderLines.orderLine[0]
					.isFullRefund,
			).toBe(true);
			const second = await engine.runNode(parameters);
			expect(second.error).toBeUndefined();
			expect(posts(emu, '/refund')).toHaveLength(1);
			expect(/** @type {any} */ (second.items[0].json).lines[0].message).toBe(
				'Line 1 is already fully refunded; not sent again',
			);
		});

		test('a refund whose connection drops after Walmart applied it is read back, not sent twice', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder(4);
			emu.injectFault({
				type: 'drop',
				when: 'after',
				count: 1,
				method: 'POST',
				pathPrefix: '/v3/orders',
			});
			const result = await engine.runNode({
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				refundLines: {
					line: [{ lineNumber: '1', chargeType: 'PRODUCT', amount: 3, reason: 'BillingError' }],
				},
			});
			expect(result.error).toBeUndefined();
			expect(posts(emu, '/refund')).toHaveLength(1);
			expect(productRefunds(order)).toHaveLength(1);
		});

		test('dry run validates against the live order and sends nothing', async () => {
			const engine = await createEngine(emu);
			const order = refundableOrder(5);
			const result = await engine.runNode({
				resource: 'order',
				operation: 'refundLines',
				purchaseOrderId: order.purchaseOrderId,
				refundLines: {
					line: [{ lineNumber: '1', chargeType: 'PRODUCT', amount: 1, reason: 'Others' }],
				},
				options: { dryRun: true },
			});
			expect(result.error).toBeUndefined();
			expect(/** @type {any} */ (result.items[0].json).requests[0].path).toBe(
				`/v3/orders/${order.purchaseOrderId}/refund`,
			);
			expect(
				emu.requests.filter((request) => request.method === 'POST' && request.path !== '/v3/token'),
			).toHaveLength(0);
			expect(emu.requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(0);
		});
	},
);
