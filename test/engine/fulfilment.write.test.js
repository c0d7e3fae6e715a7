// @ts-check
/**
 * Acknowledge, Ship Lines and Update Tracking on n8n's real engine against the emulator: every
 * request checked against Walmart's spec (path, headers, body), the guards, re-runs, per-line
 * outcomes, read-back after a lost connection, dry runs, one order per item.
 */
const { startEmulator, BULK_ORDERS } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { orderOf } = require('../helpers/state');
const { acknowledgeProblems, shippingProblems } = require('../helpers/walmart-spec');

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
const posts = (emu, suffix) =>
	emu.requests.filter((request) => request.method === 'POST' && request.path.endsWith(suffix));

/** @param {WalmartOrder} order @param {string} lineNumber */
const lineOf = (order, lineNumber) =>
	/** @type {WalmartOrderLine} */ (
		order.orderLines.orderLine.find((line) => line.lineNumber === lineNumber)
	);

/** @param {WalmartOrderLine} line @param {string} trackingNumber */
const underTracking = (line, trackingNumber) =>
	line.orderLineStatuses.orderLineStatus
		.filter((entry) => entry.trackingInfo?.trackingNumber === trackingNumber)
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);

/** @param {string} purchaseOrderId @param {Record<string, unknown>} [extra] */
const shipAll = (purchaseOrderId, extra = {}) => ({
	resource: 'order',
	operation: 'shipLines',
	purchaseOrderId,
	lineSelection: 'all',
	carrier: 'FedEx',
	methodCode: 'Express',
	trackingNumber: '794612345678',
	trackingURL: 'https://www.fedex.com/fedextrack/?trknbr=794612345678',
	...extra,
});

describe('fulfilment on the n8n engine', () => {
	/** @type {Emulator} */
	let emu;
	/** @type {Awaited<ReturnType<typeof createEngine>>} */
	let engine;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 21, orderCount: 300 });
		engine = await createEngine(emu);
	});
	afterEach(async () => {
		await emu.close();
	});

	/** @param {(order: WalmartOrder) => boolean} predicate @param {number} [skip] */
	const findOrder = (predicate, skip = 0) => {
		const found = emu
			.orders()
			.filter(
				(candidate) =>
					(candidate.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
					!candidate.purchaseOrderId.startsWith('9') &&
					predicate(candidate),
			);
		if (found.length <= skip) throw new Error('no such order in the emulator');
		return found[skip];
	};

	test('Acknowledge: one bodiless request as the spec has it; the same order twice sends one request', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const parameters = { resource: 'order', operation: 'acknowledge', purchaseOrderId };
		const first = await engine.runNode(parameters);
		expect(first.error).toBeUndefined();
		const json = /** @type {any} */ (first.items[0].json);
		expect(json.summary).toMatchObject({
			requested: 250,
			acknowledged: 250,
			failed: 0,
			requests: 1,
			verification: 'matches the plan',
		});
		expect(json.lines).toHaveLength(250);
		const second = await engine.runNode(parameters);
		expect(second.error).toBeUndefined();
		expect(/** @type {any} */ (second.items[0].json).summary).toMatchObject({
			acknowledged: 0,
			skipped: 250,
			requests: 0,
		});
		expect(/** @type {any} */ (second.items[0].json).lines[0].message).toBe(
			'Line 1 is already acknowledged or beyond (Acknowledged 1); not sent again',
		);
		const sent = posts(emu, '/acknowledge');
		expect(sent).toHaveLength(1);
		expect(acknowledgeProblems(/** @type {any} */ (sent[0]), purchaseOrderId)).toEqual([]);
		expect(sent[0].status).toBe(200);
		for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
			expect(quantities(line)).toEqual({ Acknowledged: 1 });
		}
	});

	test('Acknowledge works one order per item: every released order in one node', async () => {
		const released = emu
			.orders()
			.filter(
				(order) =>
					(order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
					!order.purchaseOrderId.startsWith('9') &&
					order.orderLines.orderLine.some((line) => (quantities(line).Created ?? 0) > 0),
			)
			.slice(0, 5);
		const result = await engine.runNode(
			{
				resource: 'order',
				operation: 'acknowledge',
				purchaseOrderId: '={{ $json.purchaseOrderId }}',
			},
			{ items: released.map((order) => ({ purchaseOrderId: order.purchaseOrderId })) },
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.purchaseOrderId)).toEqual(
			released.map((order) => order.purchaseOrderId),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			released.map((_, index) => ({ item: index })),
		);
		expect(posts(emu, '/acknowledge')).toHaveLength(5);
		for (const order of released) {
			for (const line of orderOf(emu, order.purchaseOrderId).orderLines.orderLine) {
				expect(quantities(line).Created).toBeUndefined();
			}
		}
	});

	test('Acknowledge: a connection lost after Walmart applied it is read back, not resent', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		emu.injectFault({ type: 'drop', when: 'after', method: 'POST', pathPrefix: '/v3/orders' });
		const result = await engine.runNode({
			resource: 'order',
			operation: 'acknowledge',
			purchaseOrderId,
		});
		expect(result.error).toBeUndefined();
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.summary).toMatchObject({ acknowledged: 250, unconfirmed: 0, requests: 1 });
		expect(json.lines[0].message).toMatch(/reading purchase order \d+ back shows it applied/);
		expect(posts(emu, '/acknowledge')).toHaveLength(1);
	});

	test('Ship Lines: a 250-line shipment goes out as 3 spec-conform requests and reports 250 outcomes; a re-run sends none', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const first = await engine.runNode(shipAll(purchaseOrderId));
		expect(first.error).toBeUndefined();
		const json = /** @type {any} */ (first.items[0].json);
		expect(json.lines).toHaveLength(250);
		expect(json.summary).toMatchObject({
			requested: 250,
			shipped: 250,
			failed: 0,
			requests: 3,
			verification: 'matches the plan',
		});
		const sent = posts(emu, '/shipping');
		expect(
			sent.map(
				(request) => /** @type {any} */ (request.body).orderShipment.orderLines.orderLine.length,
			),
		).toEqual([100, 100, 50]);
		for (const request of sent) {
			expect(shippingProblems(/** @type {any} */ (request), purchaseOrderId)).toEqual([]);
			expect(request.status).toBe(200);
		}
		const firstLine = /** @type {any} */ (sent[0].body).orderShipment.orderLines.orderLine[0];
		expect(firstLine).toEqual({
			lineNumber: '1',
			sellerOrderId: purchaseOrderId,
			orderLineStatuses: {
				orderLineStatus: [
					{
						status: 'Shipped',
						statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
						trackingInfo: {
							shipDateTime: expect.any(Number),
							carrierName: { carrier: 'FedEx' },
							methodCode: 'Express',
							trackingNumber: '794612345678',
							trackingURL: 'https://www.fedex.com/fedextrack/?trknbr=794612345678',
						},
					},
				],
			},
		});
		const shipDate = firstLine.orderLineStatuses.orderLineStatus[0].trackingInfo.shipDateTime;
		expect(shipDate % 1000).toBe(0);
		expect(Math.abs(Date.now() - shipDate)).toBeLessThan(60_000);
		for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
			expect(quantities(line)).toEqual({ Shipped: 1 });
		}
		emu.clearRequests();
		const rerun = await engine.runNode(shipAll(purchaseOrderId));
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).summary).toMatchObject({
			shipped: 0,
			skipped: 250,
			requests: 0,
		});
		expect(posts(emu, '/shipping')).toHaveLength(0);
	});

	test('Ship Lines: one line in two packages with two tracking numbers; the same input again sends nothing', async () => {
		const order = findOrder((candidate) => {
			const line = candidate.orderLines.orderLine[0];
			const byStatus = quantities(line);
			return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) >= 2 && !line.intentToCancel;
		});
		const id = order.purchaseOrderId;
		const parameters = {
			resource: 'order',
			operation: 'shipLines',
			purchaseOrderId: id,
			lineSelection: 'json',
			linesJson: JSON.stringify([
				{ lineNumber: '1', quantity: 1, trackingNumber: '1Z999AA10000000001' },
				{
					lineNumber: '1',
					quantity: 1,
					trackingNumber: 'PUR-777',
					otherCarrier: 'Purolator',
					trackingURL: 'https://www.purolator.com/track/PUR-777',
				},
			]),
			carrier: 'UPS',
			methodCode: 'Standard',
		};
		const first = await engine.runNode(parameters);
		expect(first.error).toBeUndefined();
		expect(
			/** @type {any} */ (first.items[0].json).lines.map((/** @type {any} */ l) => l.outcome),
		).toEqual(['shipped', 'shipped']);
		const sent = posts(emu, '/shipping');
		expect(sent).toHaveLength(1);
		expect(shippingProblems(/** @type {any} */ (sent[0]), id)).toEqual([]);
		const packages = /** @type {any} */ (sent[0].body).orderShipment.orderLines.orderLine[0]
			.orderLineStatuses.orderLineStatus;
		expect(packages.map((/** @type {any} */ p) => p.trackingInfo.carrierName)).toEqual([
			{ carrier: 'UPS' },
			{ otherCarrier: 'Purolator' },
		]);
		const line = lineOf(orderOf(emu, id), '1');
		expect(underTracking(line, '1Z999AA10000000001')).toBe(1);
		expect(underTracking(line, 'PUR-777')).toBe(1);
		const second = await engine.runNode(parameters);
		expect(second.error).toBeUndefined();
		expect(/** @type {any} */ (second.items[0].json).summary).toMatchObject({
			skipped: 2,
			requests: 0,
		});
		expect(posts(emu, '/shipping')).toHaveLength(1);
	});

	test('Ship Lines: with "skip", a cancelled and an unknown line are reported per line and the rest ships', async () => {
		const order = findOrder(
			(candidate) =>
				candidate.orderLines.orderLine.length >= 2 &&
				Object.keys(quantities(candidate.orderLines.orderLine[0])).join() === 'Cancelled' &&
				(quantities(candidate.orderLines.orderLine[1]).Created ?? 0) +
					(quantities(candidate.orderLines.orderLine[1]).Acknowledged ?? 0) >
					0 &&
				!candidate.orderLines.orderLine[1].intentToCancel,
		);
		const id = order.purchaseOrderId;
		const result = await engine.runNode({
			resource: 'order',
			operation: 'shipLines',
			purchaseOrderId: id,
			lineSelection: 'list',
			lines: {
				line: [
					{ lineNumber: '1', quantity: 'all' },
					{ lineNumber: '2', quantity: 'all' },
					{ lineNumber: '99', quantity: 1, trackingNumber: 'OTHER' },
				],
			},
			carrier: 'USPS',
			methodCode: 'Value',
			trackingNumber: '9400100000000000000000',
			options: { ineligible: 'skip' },
		});
		expect(result.error).toBeUndefined();
		const lines = /** @type {any} */ (result.items[0].json).lines;
		const byLine = Object.fromEntries(lines.map((/** @type {any} */ l) => [l.lineNumber, l]));
		expect(byLine['1']).toMatchObject({ outcome: 'skipped' });
		expect(byLine['1'].message).toMatch(
			/^Line 1 is cancelled \(Cancelled \d+\) and cannot be shipped$/,
		);
		expect(byLine['99'].message).toMatch(/^Line 99 does not exist on purchase order/);
		expect(byLine['2']).toMatchObject({
			outcome: 'shipped',
			trackingNumber: '9400100000000000000000',
		});
		expect(posts(emu, '/shipping')).toHaveLength(1);
	});

	test('Ship Lines: an intent-to-cancel line ships only with the override, which is then sent', async () => {
		const order = findOrder((candidate) =>
			candidate.orderLines.orderLine.some(
				(line) =>
					line.intentToCancel &&
					(quantities(line).Created ?? 0) + (quantities(line).Acknowledged ?? 0) > 0,
			),
		);
		const line = /** @type {WalmartOrderLine} */ (
			order.orderLines.orderLine.find((candidate) => candidate.intentToCancel)
		);
		const parameters = {
			resource: 'order',
			operation: 'shipLines',
			purchaseOrderId: order.purchaseOrderId,
			lines: { line: [{ lineNumber: line.lineNumber, quantity: 'all' }] },
			carrier: 'UPS',
			trackingNumber: '1Z-INTENT',
		};
		const refused = await engine.runNode(parameters);
		expect(refused.error?.message).toBe(
			`Line ${line.lineNumber} is one the customer asked to cancel (Walmart’s intent-to-cancel flag). Nothing was shipped.`,
		);
		expect(refused.error?.description).toMatch(/Ship Lines the Customer Asked to Cancel/);
		expect(posts(emu, '/shipping')).toHaveLength(0);
		const shipped = await engine.runNode({
			...parameters,
			options: { intentToCancelOverride: true },
		});
		expect(shipped.error).toBeUndefined();
		const sent = posts(emu, '/shipping');
		expect(sent).toHaveLength(1);
		expect(/** @type {any} */ (sent[0].body).orderShipment.orderLines.orderLine[0]).toMatchObject({
			lineNumber: line.lineNumber,
			intentToCancelOverride: true,
		});
		expect(shippingProblems(/** @type {any} */ (sent[0]), order.purchaseOrderId)).toEqual([]);
	});

	test('Ship Lines: a connection dropped before Walmart saw it is reported unconfirmed, not resent; the re-run ships once', async () => {
		const { purchaseOrderId } = BULK_ORDERS.acknowledged150;
		emu.injectFault({ type: 'drop', when: 'before', method: 'POST', pathPrefix: '/v3/orders' });
		const result = await engine.runNode(
			shipAll(purchaseOrderId, { options: { readBackSeconds: 2 } }),
			{ continueOnFail: true },
		);
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.error).toBe(
			`Shipped 50 of 150 lines on purchase order ${purchaseOrderId}; 100 failed or unconfirmed`,
		);
		expect(json.details.summary).toMatchObject({ shipped: 50, unconfirmed: 100, requests: 2 });
		expect(posts(emu, '/shipping')).toHaveLength(2);
		emu.clearRequests();
		const rerun = await engine.runNode(shipAll(purchaseOrderId));
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).summary).toMatchObject({
			shipped: 100,
			skipped: 50,
			requests: 1,
		});
		for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
			expect(quantities(line)).toEqual({ Shipped: 1 });
		}
	});

	test('Ship Lines: dry run checks against the live order and outputs the exact requests, sending nothing', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		const result = await engine.runNode(
			shipAll(purchaseOrderId, { shipDate: '2026-01-01T00:00:00Z', options: { dryRun: true } }),
		);
		// The bulk order was placed hours ago: a New Year ship date is before it.
		expect(result.error?.message).toMatch(
			/^The ship date 2026-01-01T00:00:00Z is before the order date \S+ of purchase order 9000000000250$/,
		);
		const dry = await engine.runNode(shipAll(purchaseOrderId, { options: { dryRun: true } }));
		expect(dry.error).toBeUndefined();
		const json = /** @type {any} */ (dry.items[0].json);
		expect(json.dryRun).toBe(true);
		expect(json.requests).toHaveLength(3);
		for (const request of json.requests) {
			expect(
				shippingProblems(
					{
						...request,
						headers: {
							'wm_sec.access_token': 'x',
							'wm_qos.correlation_id': 'x',
							'wm_svc.name': 'x',
							'content-type': 'application/json',
						},
					},
					purchaseOrderId,
				),
			).toEqual([]);
		}
		expect(posts(emu, '/shipping')).toHaveLength(0);
		expect(json.summary).toMatchObject({ planned: 250, requests: 0 });
	});

	test('Update Tracking: corrects a shipped package with PARTIAL_UPDATE as the spec has it; a re-run sends nothing', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		await engine.runNode(
			shipAll(purchaseOrderId, {
				lineSelection: 'list',
				lines: { line: [{ lineNumber: '7', quantity: 1 }] },
			}),
		);
		const parameters = {
			resource: 'order',
			operation: 'updateTracking',
			purchaseOrderId,
			corrections: {
				line: [
					{
						lineNumber: '7',
						currentTrackingNumber: '794612345678',
						trackingNumber: '794612345679',
					},
				],
			},
			methodCode: 'Standard',
			trackingURL: 'https://www.fedex.com/fedextrack/?trknbr=794612345679',
		};
		const first = await engine.runNode(parameters);
		expect(first.error).toBeUndefined();
		expect(/** @type {any} */ (first.items[0].json).lines).toEqual([
			expect.objectContaining({
				lineNumber: '7',
				outcome: 'updated',
				previousTrackingNumber: '794612345678',
				trackingNumber: '794612345679',
				carrier: 'FedEx',
				methodCode: 'Standard',
			}),
		]);
		const sent = posts(emu, '/shipping');
		expect(sent).toHaveLength(2);
		expect(shippingProblems(/** @type {any} */ (sent[1]), purchaseOrderId)).toEqual([]);
		const entry = /** @type {any} */ (sent[1].body).orderShipment;
		expect(entry.processMode).toBe('PARTIAL_UPDATE');
		expect(
			entry.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].currentTrackingInfo,
		).toEqual({
			trackingNumber: '794612345678',
		});
		const line = lineOf(orderOf(emu, purchaseOrderId), '7');
		expect(line.orderLineStatuses.orderLineStatus[0].trackingInfo).toMatchObject({
			trackingNumber: '794612345679',
			methodCode: 'Standard',
			carrierName: { carrier: 'FedEx' },
		});
		const rerun = await engine.runNode(parameters);
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).summary).toMatchObject({
			updated: 0,
			skipped: 1,
			requests: 0,
		});
		expect(posts(emu, '/shipping')).toHaveLength(2);
	});
});
