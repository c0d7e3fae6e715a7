// @ts-check
/**
 * At most once under races and faults, on n8n's real engine against the emulator: two
 * executions at once on the same order (10 trials each), sequential re-runs, a write Walmart
 * applies after the node's timeout, and apply-then-5xx / apply-then-drop in the middle of a
 * 250-line series. The refund scenarios run under both readings of `chargeAmount`.
 */
const { startEmulator, BULK_ORDERS } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { orderOf, returnOf } = require('../helpers/state');
const { execFile } = require('node:child_process');
const path = require('node:path');

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

/** @param {Emulator} emu @param {string} id @param {string} suffix */
const writesTo = (emu, id, suffix) =>
	emu.requests.filter(
		(request) => request.method === 'POST' && request.path.endsWith(`/${id}/${suffix}`),
	);

/** @param {WalmartOrder} order */
const firstLine = (order) => order.orderLines.orderLine[0];

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

/** A shipped line 1 with nothing refunded and at least 5.00 of product charge. */
const refundable = (/** @type {WalmartOrder} */ order) => {
	const line = firstLine(order);
	const byStatus = quantities(line);
	const product = line.charges.charge.find((charge) => charge.chargeType === 'PRODUCT');
	return (
		(byStatus.Shipped ?? 0) + (byStatus.Delivered ?? 0) > 0 &&
		!line.refund &&
		!!product &&
		product.chargeAmount.amount >= 5
	);
};

/** @param {WalmartOrder} order */
const productRefunds = (order) =>
	(firstLine(order).refund?.refundCharges?.refundCharge ?? []).filter(
		(refund) => refund.charge.chargeType === 'PRODUCT',
	);

/** @param {string} purchaseOrderId */
const partialRefund = (purchaseOrderId) => ({
	resource: 'order',
	operation: 'refundLines',
	purchaseOrderId,
	linesInput: 'json',
	linesJson: JSON.stringify([
		{ lineNumber: '1', chargeType: 'PRODUCT', amount: '2.50', taxAmount: 0, reason: 'DamagedItem' },
	]),
});
/** @param {string} purchaseOrderId */
const fullRefund = (purchaseOrderId) => ({
	resource: 'order',
	operation: 'refundLines',
	purchaseOrderId,
	refundType: 'full',
	fullRefundLines: { line: [{ lineNumber: '1', reason: 'Customer returned item' }] },
});
/** @param {string} purchaseOrderId @param {number | 'all'} quantity */
const cancel = (purchaseOrderId, quantity) => ({
	resource: 'order',
	operation: 'cancelLines',
	purchaseOrderId,
	lines: { line: [{ lineNumber: '1', quantity }] },
	reason: 'SELLER_CANCEL_OUT_OF_STOCK',
});

describe.each(['perUnit', 'lineTotal'])('refunds, chargeAmount read as %s', (reading) => {
	/** @type {Emulator} */
	let emu;
	/** @type {Awaited<ReturnType<typeof createEngine>>} */
	let engine;
	beforeAll(async () => {
		emu = await startEmulator({
			port: 0,
			seed: 77,
			orderCount: 600,
			returnCount: 120,
			chargeReading: /** @type {any} */ (reading),
		});
		engine = await createEngine(emu);
	});
	afterAll(async () => {
		await emu.close();
	});

	test(`two executions at once refund a line once (${TRIALS} trials), and a re-run refunds nothing`, async () => {
		for (const order of ordersWhere(emu, refundable, TRIALS)) {
			const id = order.purchaseOrderId;
			const results = await Promise.all([
				engine.runNode(partialRefund(id)),
				engine.runNode(partialRefund(id)),
			]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'refund')).toHaveLength(1);
			expect(productRefunds(orderOf(emu, id))).toHaveLength(1);
			const outcomes = results.map(
				(result) => /** @type {any} */ (result.items[0].json).lines[0].outcome,
			);
			expect(outcomes.sort()).toEqual(['refunded', 'skipped']);
			const rerun = await engine.runNode(partialRefund(id));
			expect(rerun.error).toBeUndefined();
			expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		}
	});

	test(`two full refunds at once send one request (${TRIALS} trials); a re-run is skipped`, async () => {
		const used = new Set();
		const orders = ordersWhere(
			emu,
			(order) => refundable(order) && !used.has(order.purchaseOrderId),
			TRIALS + 20,
		).slice(TRIALS, TRIALS * 2);
		for (const order of orders) {
			const id = order.purchaseOrderId;
			const results = await Promise.all([
				engine.runNode(fullRefund(id)),
				engine.runNode(fullRefund(id)),
			]);
			for (const result of results) expect(result.error).toBeUndefined();
			const posts = writesTo(emu, id, 'refund');
			expect(posts).toHaveLength(1);
			const sentLine = /** @type {any} */ (posts[0].body).orderRefund.orderLines.orderLine[0];
			expect(sentLine.isFullRefund).toBe(true);
			// Product and, where the line has one, shipping: both, so "fully refunded" holds after.
			const charges = sentLine.refunds.refund[0].refundCharges.refundCharge.map(
				(/** @type {any} */ charge) => charge.charge.chargeType,
			);
			const hasShipping = firstLine(order).charges.charge.some(
				(charge) => charge.chargeType === 'SHIPPING',
			);
			expect(charges).toEqual(hasShipping ? ['PRODUCT', 'SHIPPING'] : ['PRODUCT']);
			const rerun = await engine.runNode(fullRefund(id));
			expect(rerun.error).toBeUndefined();
			expect(/** @type {any} */ (rerun.items[0].json).summary).toMatchObject({
				skipped: 1,
				requests: 0,
			});
			expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		}
	});

	test('a refund Walmart applies after the node timed out is found by reading back, not sent twice', async () => {
		const [order] = ordersWhere(emu, refundable, TRIALS * 2 + 25).slice(-1);
		const id = order.purchaseOrderId;
		emu.injectFault({
			type: 'late',
			applyAfterMs: 1500,
			holdMs: 4000,
			method: 'POST',
			pathPrefix: `/v3/orders/${id}`,
		});
		const result = await engine.runNode({
			...partialRefund(id),
			options: { timeoutSeconds: 1, readBackSeconds: 6 },
		});
		expect(result.error).toBeUndefined();
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.lines[0]).toMatchObject({ outcome: 'refunded' });
		expect(json.lines[0].message).toMatch(/reading purchase order \d+ back shows it applied/);
		expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		expect(productRefunds(orderOf(emu, id))).toHaveLength(1);
	});

	test('a refund that lands after the read-back window is reported unconfirmed, never resent; a later re-run sees it', async () => {
		const [order] = ordersWhere(emu, refundable, TRIALS * 2 + 26).slice(-1);
		const id = order.purchaseOrderId;
		emu.injectFault({
			type: 'late',
			applyAfterMs: 3500,
			holdMs: 6000,
			method: 'POST',
			pathPrefix: `/v3/orders/${id}`,
		});
		const result = await engine.runNode(
			{ ...partialRefund(id), options: { timeoutSeconds: 1, readBackSeconds: 2 } },
			{ continueOnFail: true },
		);
		const json = /** @type {any} */ (result.items[0].json);
		expect(json.details.lines[0].outcome).toBe('unconfirmed');
		expect(json.details.lines[0].message).toMatch(/Not resent/);
		expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(productRefunds(orderOf(emu, id))).toHaveLength(1);
		const rerun = await engine.runNode(partialRefund(id));
		expect(rerun.error).toBeUndefined();
		expect(/** @type {any} */ (rerun.items[0].json).lines[0].outcome).toBe('skipped');
		expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		expect(productRefunds(orderOf(emu, id))).toHaveLength(1);
	});
});

describe('cancels and return refunds', () => {
	/** @type {Emulator} */
	let emu;
	/** @type {Awaited<ReturnType<typeof createEngine>>} */
	let engine;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 78, orderCount: 800, returnCount: 160 });
		engine = await createEngine(emu);
	});
	afterEach(async () => {
		await emu.close();
	});

	const openAtLeast = (/** @type {number} */ units) => (/** @type {WalmartOrder} */ order) => {
		const byStatus = quantities(firstLine(order));
		return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) >= units;
	};

	test(`"cancel 1 unit" twice at once cancels one unit (${TRIALS} trials); a re-run cancels nothing`, async () => {
		for (const order of ordersWhere(emu, openAtLeast(2), TRIALS)) {
			const id = order.purchaseOrderId;
			const results = await Promise.all([
				engine.runNode(cancel(id, 1)),
				engine.runNode(cancel(id, 1)),
			]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'cancel')).toHaveLength(1);
			expect(quantities(firstLine(orderOf(emu, id))).Cancelled).toBe(1);
			const rerun = await engine.runNode(cancel(id, 1));
			expect(rerun.error).toBeUndefined();
			expect(writesTo(emu, id, 'cancel')).toHaveLength(1);
			expect(quantities(firstLine(orderOf(emu, id))).Cancelled).toBe(1);
		}
	});

	test(`a whole-line cancel twice at once sends one request (${TRIALS} trials); a re-run sends none`, async () => {
		for (const order of ordersWhere(emu, openAtLeast(1), TRIALS * 2).slice(TRIALS)) {
			const id = order.purchaseOrderId;
			const open = quantities(firstLine(order));
			const results = await Promise.all([
				engine.runNode(cancel(id, 'all')),
				engine.runNode(cancel(id, 'all')),
			]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'cancel')).toHaveLength(1);
			expect(quantities(firstLine(orderOf(emu, id))).Cancelled).toBe(
				(open.Created ?? 0) + (open.Acknowledged ?? 0) + (open.Cancelled ?? 0),
			);
			await engine.runNode(cancel(id, 'all'));
			expect(writesTo(emu, id, 'cancel')).toHaveLength(1);
		}
	});

	test(`a return refunded twice at once is refunded once (${TRIALS} trials); a re-run sends nothing`, async () => {
		const open = emu
			.returns()
			.filter((entry) =>
				(entry.returnOrderLines ?? []).every((line) => Number(line.refundedQty ?? 0) === 0),
			)
			.slice(0, TRIALS);
		expect(open).toHaveLength(TRIALS);
		for (const entry of open) {
			const id = entry.returnOrderId;
			const parameters = {
				resource: 'return',
				operation: 'refund',
				returnOrderId: id,
				lineSelection: 'all',
			};
			const results = await Promise.all([engine.runNode(parameters), engine.runNode(parameters)]);
			for (const result of results) expect(result.error).toBeUndefined();
			expect(writesTo(emu, id, 'refund')).toHaveLength(1);
			for (const line of returnOf(emu, id).returnOrderLines ?? []) {
				expect(Number(line.refundedQty)).toBe(Number(line.quantity?.measurementValue));
			}
			await engine.runNode(parameters);
			expect(writesTo(emu, id, 'refund')).toHaveLength(1);
		}
	});

	test.each([
		['apply-then-5xx', { type: 'serverError', status: 502, applied: true }],
		['apply-then-drop', { type: 'drop', when: 'after' }],
	])(
		'%s on the second of three cancel requests: read back, 250 cancelled, 3 requests',
		async (_name, fault) => {
			const { purchaseOrderId } = BULK_ORDERS.created250;
			emu.injectFault({ type: 'slow', delayMs: 0, method: 'POST', pathPrefix: '/v3/orders' });
			emu.injectFault({ ...fault, method: 'POST', pathPrefix: '/v3/orders' });
			const result = await engine.runNode({
				resource: 'order',
				operation: 'cancelLines',
				purchaseOrderId,
				lineSelection: 'all',
				reason: 'SELLER_CANCEL_OUT_OF_STOCK',
				options: { readBackSeconds: 5 },
			});
			expect(result.error).toBeUndefined();
			const json = /** @type {any} */ (result.items[0].json);
			expect(json.summary).toMatchObject({
				cancelled: 250,
				failed: 0,
				unconfirmed: 0,
				requests: 3,
			});
			expect(json.lines).toHaveLength(250);
			expect(writesTo(emu, purchaseOrderId, 'cancel')).toHaveLength(3);
			for (const line of orderOf(emu, purchaseOrderId).orderLines.orderLine) {
				expect(quantities(line)).toEqual({ Cancelled: 1 });
			}
		},
	);

	test('a 5xx that was not applied, followed by a failing read-back, still reports all 250 lines', async () => {
		const { purchaseOrderId } = BULK_ORDERS.created250;
		// The planning read passes; every read after the failed write meets 502s.
		emu.injectFault({
			type: 'slow',
			delayMs: 0,
			method: 'GET',
			pathPrefix: `/v3/orders/${purchaseOrderId}`,
		});
		emu.injectFault({ type: 'serverError', status: 500, method: 'POST', pathPrefix: '/v3/orders' });
		emu.injectFault({
			type: 'serverError',
			status: 502,
			count: 40,
			method: 'GET',
			pathPrefix: `/v3/orders/${purchaseOrderId}`,
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
		expect(json.details.lines).toHaveLength(250);
		expect(json.details.summary).toMatchObject({ cancelled: 150, unconfirmed: 100 });
		expect(json.details.lines[0].message).toMatch(/reading purchase order \d+ back failed too/);
		expect(json.details.summary.verification).toMatch(/^not possible/);
	});
});

describe('two n8n processes at once (no shared lock)', () => {
	/** @type {Emulator} */
	let emu;
	beforeAll(async () => {
		emu = await startEmulator({ port: 0, seed: 79, orderCount: 400 });
	});
	afterAll(async () => {
		await emu.close();
	});

	/**
	 * The node in a separate Node process, as a second n8n worker runs it: it shares no lock.
	 * @param {Record<string, unknown>} parameters
	 * @returns {Promise<any>}
	 */
	function runInAnotherProcess(parameters) {
		const argument = JSON.stringify({
			emulator: { baseUrl: emu.baseUrl, clientId: emu.clientId, clientSecret: emu.clientSecret },
			parameters,
		});
		return new Promise((resolve, reject) => {
			execFile(
				process.execPath,
				[path.join(__dirname, '..', 'helpers', 'run-node-process.js'), argument],
				{ timeout: 60_000 },
				(error, stdout, stderr) =>
					error ? reject(new Error(stderr || String(error))) : resolve(JSON.parse(stdout)),
			);
		});
	}

	test('a refund both send is detected after sending: the item fails, naming the line and the amounts', async () => {
		// The scenario needs both planning reads to arrive before either refund; on a loaded
		// machine a process may start late, so a trial where that did not happen is run again.
		for (const [attempt, order] of ordersWhere(emu, refundable, 3).entries()) {
			const id = order.purchaseOrderId;
			// Each read's answer is taken when it arrives and sent 8 s later.
			emu.injectFault({
				type: 'slow',
				delayMs: 8000,
				count: 2,
				method: 'GET',
				pathPrefix: `/v3/orders/${id}`,
			});
			const results = await Promise.all([
				runInAnotherProcess(partialRefund(id)),
				runInAnotherProcess(partialRefund(id)),
			]);
			emu.clearFaults();
			const log = emu.requests.filter((request) => request.path.startsWith(`/v3/orders/${id}`));
			const reads = log.filter((request) => request.method === 'GET').slice(0, 2);
			const firstWrite = log.find((request) => request.method === 'POST');
			const overlapped =
				reads.length === 2 && reads.every((read) => read.time < (firstWrite?.time ?? 0));
			if (!overlapped && attempt < 2) continue;
			expect(overlapped).toBe(true);
			expect(writesTo(emu, id, 'refund')).toHaveLength(2);
			expect(productRefunds(orderOf(emu, id))).toHaveLength(2);
			// The process whose refund lands second reads both back: it must fail loudly. The other
			// fails too when its check reads after the second refund landed.
			const failed = results.map((result) => result.items[0]).filter((json) => json.error);
			expect(failed.length).toBeGreaterThanOrEqual(1);
			for (const json of failed) {
				expect(json.error).toBe(
					`Walmart now shows more than this run sent on purchase order ${id}: line 1 PRODUCT was refunded 5.00 since this run read it, but this run sent 2.50`,
				);
				expect(json.details.excess).toHaveLength(1);
				expect(json.details.summary).toMatchObject({ refunded: 1, verification: 'excess found' });
			}
			return;
		}
	}, 90_000);
});
