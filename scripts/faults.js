// @ts-check
/**
 * Prints figures, asserts nothing: every write scenario under faults, races and re-runs through
 * n8n's real engine against the emulator, plus the bad-input table. One line per scenario, then
 *
 *   faults: T tried, L orders lost, D writes doubled, S secret leaks
 *   bad inputs: N tried, R refused before any request
 *
 * "Lost": a requested line missing from the node's report, or an order missing from a Return All.
 * "Doubled": Walmart's state shows more cancelled units, refunded money, refunded return units,
 * shipped units or acknowledgements than the run meant to apply. "Secret leak": the client secret, its Basic header or an access
 * token anywhere in the node's output, errors or descriptions.
 *
 * `npm run faults` (builds first) runs everything; `--fast` runs one scenario of each kind with
 * short read-back windows (CI runs that through test/engine/faults-script.test.js).
 */
const { startEmulator, BULK_ORDERS } = require('../emulator');
const { createEngine } = require('../test/helpers/engine');
const { BAD_INPUTS, findFixtures } = require('../test/helpers/bad-inputs');

const FAST = process.argv.includes('--fast');

// n8n's engine logs every node error it meets (through winston, straight to stdout); the
// figures below are this script's output, so only its own lines get through.
const writeOut = process.stdout.write.bind(process.stdout);
const print = (/** @type {string} */ line) => writeOut(`${line}\n`);
process.stdout.write = () => true;
console.log = () => {};

/** @typedef {Awaited<ReturnType<typeof startEmulator>>} Emulator */
/** @typedef {Awaited<ReturnType<typeof createEngine>>} Engine */
/** @typedef {import('../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrder} WalmartOrder */
/** @typedef {import('../nodes/WalmartMarketplace/helpers/interfaces').WalmartOrderLine} WalmartOrderLine */
/** @typedef {{ lost: number, doubled: number, leaks: number, note: string }} Tally */

/** @param {WalmartOrderLine} line */
function quantities(line) {
	/** @type {Record<string, number>} */
	const byStatus = {};
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		byStatus[entry.status] = (byStatus[entry.status] ?? 0) + Number(entry.statusQuantity.amount);
	}
	return byStatus;
}

/** @param {WalmartOrderLine} line */
const refundedCents = (line) =>
	(line.refund?.refundCharges?.refundCharge ?? []).reduce(
		(sum, refund) => sum + Math.abs(Math.round(refund.charge.chargeAmount.amount * 100)),
		0,
	);

/** Every line the node reported on, from its output item or from its error. */
function reportedLines(/** @type {any} */ result) {
	const json = result.items[0]?.json ?? {};
	const lines = json.lines ?? json.details?.lines ?? result.error?.report?.lines ?? [];
	return /** @type {Array<{ lineNumber: string, outcome: string }>} */ (lines);
}

/** Secrets that must never reach output, errors or descriptions. */
function leaks(/** @type {Emulator} */ emu, /** @type {any} */ result) {
	const text = JSON.stringify({
		items: result.items,
		error: result.error && {
			message: result.error.message,
			description: result.error.description,
			context: result.error.context,
			stack: result.error.stack,
		},
	});
	const basic = Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString('base64');
	const tokens = emu.requests
		.map((request) => request.headers?.['wm_sec.access_token'])
		.filter((token) => typeof token === 'string' && token !== '[REDACTED]');
	return [emu.clientSecret, basic, ...tokens].filter((secret) => text.includes(String(secret)))
		.length;
}

/** @param {Emulator} emu @param {string} purchaseOrderId */
const order = (emu, purchaseOrderId) =>
	/** @type {WalmartOrder} */ (/** @type {unknown} */ (emu.getOrder(purchaseOrderId)));

/** @param {Emulator} emu @param {(order: WalmartOrder) => boolean} predicate */
function orderWhere(emu, predicate, skip = 0) {
	const found = /** @type {WalmartOrder[]} */ (/** @type {unknown} */ (emu.orders())).filter(
		(candidate) =>
			(candidate.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
			!candidate.purchaseOrderId.startsWith('9') &&
			predicate(candidate),
	);
	if (found.length <= skip) throw new Error('no order fits the scenario');
	return found[skip];
}

const refundable = (/** @type {WalmartOrder} */ candidate) => {
	const line = candidate.orderLines.orderLine[0];
	const byStatus = quantities(line);
	const product = line.charges.charge.find((charge) => charge.chargeType === 'PRODUCT');
	return (
		(byStatus.Shipped ?? 0) + (byStatus.Delivered ?? 0) > 0 &&
		!line.refund &&
		(product?.chargeAmount.amount ?? 0) >= 5
	);
};

const window = FAST
	? { timeoutSeconds: 1, readBackSeconds: 2 }
	: { timeoutSeconds: 2, readBackSeconds: 6 };
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cancels all 250 lines of the bulk order with `faults` queued; doubled = units cancelled beyond
 * the line's quantity (impossible in Walmart) or more requests landing than lines.
 * @param {Emulator} emu @param {Engine} engine @param {object[]} faults
 * @returns {Promise<Tally>}
 */
async function cancelSeries(emu, engine, faults) {
	const { purchaseOrderId } = BULK_ORDERS.created250;
	for (const fault of faults) emu.injectFault(fault);
	const parameters = {
		resource: 'order',
		operation: 'cancelLines',
		purchaseOrderId,
		lineSelection: 'all',
		reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		options: window,
	};
	const first = await engine.runNode(parameters, { continueOnFail: true });
	await sleep(window.readBackSeconds * 1000 + 500);
	const rerun = await engine.runNode(parameters, { continueOnFail: true });
	const lines = order(emu, purchaseOrderId).orderLines.orderLine;
	const applied = emu.requests.filter(
		(request) =>
			request.method === 'POST' &&
			request.path.endsWith('/cancel') &&
			(request.status === 200 || request.outcome?.status === 200),
	);
	const appliedLines = applied.reduce(
		(sum, request) =>
			sum + /** @type {any} */ (request.body).orderCancellation.orderLines.orderLine.length,
		0,
	);
	const reported = new Set(reportedLines(first).map((line) => line.lineNumber));
	return {
		lost: lines.filter((line) => !reported.has(line.lineNumber)).length,
		doubled: Math.max(0, appliedLines - lines.length),
		leaks: leaks(emu, first) + leaks(emu, rerun),
		note: `${appliedLines} of ${lines.length} lines applied, first run: ${JSON.stringify(summaryOf(first))}`,
	};
}

/**
 * Ships all 250 lines of the bulk order under one tracking number with `faults` queued, waits out
 * late writes, runs again; doubled = units shipped beyond a line's quantity, or under the
 * tracking number more than once.
 * @param {Emulator} emu @param {Engine} engine @param {object[]} faults
 * @returns {Promise<Tally>}
 */
async function shipSeries(emu, engine, faults) {
	const { purchaseOrderId } = BULK_ORDERS.created250;
	for (const fault of faults) emu.injectFault(fault);
	const parameters = {
		resource: 'order',
		operation: 'shipLines',
		purchaseOrderId,
		lineSelection: 'all',
		carrier: 'UPS',
		methodCode: 'Standard',
		trackingNumber: '1Z999AA10123456784',
		options: window,
	};
	const first = await engine.runNode(parameters, { continueOnFail: true });
	await sleep(window.readBackSeconds * 1000 + 500);
	const rerun = await engine.runNode(parameters, { continueOnFail: true });
	const lines = order(emu, purchaseOrderId).orderLines.orderLine;
	const shipped = lines.map((line) => quantities(line).Shipped ?? 0);
	const reported = new Set(reportedLines(first).map((line) => line.lineNumber));
	return {
		lost: lines.filter((line) => !reported.has(line.lineNumber)).length,
		doubled: lines.filter((line, index) => shipped[index] > Number(line.orderLineQuantity.amount))
			.length,
		leaks: leaks(emu, first) + leaks(emu, rerun),
		note: `${shipped.reduce((sum, units) => sum + units, 0)} of ${lines.length} units shipped, first run: ${JSON.stringify(summaryOf(first))}, re-run: ${JSON.stringify(summaryOf(rerun))}`,
	};
}

/**
 * Acknowledges the bulk order with `faults` queued, then again; doubled = more than one
 * acknowledgement applied.
 * @param {Emulator} emu @param {Engine} engine @param {object[]} faults
 * @returns {Promise<Tally>}
 */
async function acknowledgeWithFaults(emu, engine, faults) {
	const { purchaseOrderId } = BULK_ORDERS.created250;
	for (const fault of faults) emu.injectFault(fault);
	const parameters = {
		resource: 'order',
		operation: 'acknowledge',
		purchaseOrderId,
		options: window,
	};
	const first = await engine.runNode(parameters, { continueOnFail: true });
	await sleep(window.readBackSeconds * 1000 + 500);
	const rerun = await engine.runNode(parameters, { continueOnFail: true });
	const applied = emu.requests.filter(
		(request) =>
			request.method === 'POST' &&
			request.path.endsWith('/acknowledge') &&
			(request.status === 200 ||
				request.outcome?.status === 200 ||
				request.late?.state === 'applied'),
	).length;
	const lines = order(emu, purchaseOrderId).orderLines.orderLine;
	return {
		lost: reportedLines(first).length === lines.length ? 0 : 1,
		doubled: applied > 1 ? 1 : 0,
		leaks: leaks(emu, first) + leaks(emu, rerun),
		note: `${applied} acknowledgement(s) applied, ${lines.filter((line) => quantities(line).Created).length} lines still Created; first: ${JSON.stringify(summaryOf(first))}; re-run: ${JSON.stringify(summaryOf(rerun))}`,
	};
}

function summaryOf(/** @type {any} */ result) {
	const json = result.items[0]?.json ?? {};
	const summary = json.summary ?? json.details?.summary ?? {};
	return Object.fromEntries(
		Object.entries(summary).filter(([key, value]) => value !== 0 && key !== 'verification'),
	);
}

/**
 * A partial or full refund of line 1, with faults; run once, wait for late writes, run again.
 * Doubled = the line refunded more than one refund's worth.
 * @param {Emulator} emu @param {Engine} engine @param {'partial' | 'full'} kind @param {object[]} faults @param {number} skip
 * @returns {Promise<Tally>}
 */
async function refundWithFaults(emu, engine, kind, faults, skip) {
	const target = orderWhere(emu, refundable, skip);
	const id = target.purchaseOrderId;
	const before = refundedCents(target.orderLines.orderLine[0]);
	for (const fault of faults) emu.injectFault({ ...fault, pathPrefix: `/v3/orders/${id}/refund` });
	const parameters =
		kind === 'partial'
			? {
					resource: 'order',
					operation: 'refundLines',
					purchaseOrderId: id,
					linesInput: 'json',
					linesJson: JSON.stringify([
						{ lineNumber: 1, chargeType: 'PRODUCT', amount: '2.50', reason: 'DamagedItem' },
					]),
					options: window,
				}
			: {
					resource: 'order',
					operation: 'refundLines',
					purchaseOrderId: id,
					refundType: 'full',
					fullRefundLines: { line: [{ lineNumber: '1', reason: 'Customer returned item' }] },
					options: window,
				};
	const first = await engine.runNode(parameters, { continueOnFail: true });
	await sleep(window.readBackSeconds * 1000 + 500);
	const rerun = await engine.runNode(parameters, { continueOnFail: true });
	const line = order(emu, id).orderLines.orderLine[0];
	const refunds = (line.refund?.refundCharges?.refundCharge ?? []).length;
	const added = refundedCents(line) - before;
	const doubled = kind === 'partial' ? (added > 250 ? 1 : 0) : refunds > 2 ? 1 : 0;
	return {
		lost: reportedLines(first).length === 0 ? 1 : 0,
		doubled,
		leaks: leaks(emu, first) + leaks(emu, rerun),
		note: `refunded ${(added / 100).toFixed(2)} in ${refunds} charge(s); first: ${JSON.stringify(summaryOf(first))}; re-run: ${JSON.stringify(summaryOf(rerun))}`,
	};
}

/**
 * Two executions at once, then a third after: the same write must apply once.
 * @param {Emulator} emu @param {Engine} engine @param {'cancel' | 'refund' | 'full' | 'return' | 'acknowledge' | 'ship'} kind @param {number} skip
 * @returns {Promise<Tally>}
 */
async function concurrent(emu, engine, kind, skip) {
	/** @type {Record<string, unknown>} */
	let parameters;
	/** @type {() => number} */
	let appliedUnits;
	let expected = 1;
	if (kind === 'return') {
		const open = emu
			.returns()
			.filter((entry) =>
				(entry.returnOrderLines ?? []).every((line) => Number(line.refundedQty ?? 0) === 0),
			)[skip];
		parameters = {
			resource: 'return',
			operation: 'refund',
			returnOrderId: open.returnOrderId,
			lineSelection: 'all',
		};
		expected = (open.returnOrderLines ?? []).reduce(
			(sum, line) => sum + Number(line.quantity?.measurementValue ?? 0),
			0,
		);
		appliedUnits = () =>
			(emu.getReturn(open.returnOrderId)?.returnOrderLines ?? []).reduce(
				(sum, line) => sum + Number(line.refundedQty ?? 0),
				0,
			);
	} else if (kind === 'acknowledge') {
		const target = orderWhere(
			emu,
			(candidate) =>
				candidate.orderLines.orderLine.some((line) => (quantities(line).Created ?? 0) > 0),
			skip,
		);
		parameters = {
			resource: 'order',
			operation: 'acknowledge',
			purchaseOrderId: target.purchaseOrderId,
		};
		appliedUnits = () =>
			emu.requests.filter(
				(request) =>
					request.method === 'POST' &&
					request.status === 200 &&
					request.path === `/v3/orders/${target.purchaseOrderId}/acknowledge`,
			).length;
	} else if (kind === 'ship') {
		const target = orderWhere(
			emu,
			(candidate) => {
				const line = candidate.orderLines.orderLine[0];
				const byStatus = quantities(line);
				return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) >= 1 && !line.intentToCancel;
			},
			skip,
		);
		parameters = {
			resource: 'order',
			operation: 'shipLines',
			purchaseOrderId: target.purchaseOrderId,
			lines: { line: [{ lineNumber: '1', quantity: 1 }] },
			carrier: 'FedEx',
			methodCode: 'Express',
			trackingNumber: '794612345678',
		};
		appliedUnits = () =>
			quantities(order(emu, target.purchaseOrderId).orderLines.orderLine[0]).Shipped ?? 0;
		expected = (quantities(target.orderLines.orderLine[0]).Shipped ?? 0) + 1;
	} else if (kind === 'cancel') {
		const target = orderWhere(
			emu,
			(candidate) => {
				const byStatus = quantities(candidate.orderLines.orderLine[0]);
				return (byStatus.Created ?? 0) + (byStatus.Acknowledged ?? 0) >= 2 && !byStatus.Cancelled;
			},
			skip,
		);
		parameters = {
			resource: 'order',
			operation: 'cancelLines',
			purchaseOrderId: target.purchaseOrderId,
			lines: { line: [{ lineNumber: '1', quantity: 1 }] },
			reason: 'SELLER_CANCEL_OUT_OF_STOCK',
		};
		appliedUnits = () =>
			quantities(order(emu, target.purchaseOrderId).orderLines.orderLine[0]).Cancelled ?? 0;
	} else {
		const target = orderWhere(emu, refundable, skip + 40);
		parameters =
			kind === 'refund'
				? {
						resource: 'order',
						operation: 'refundLines',
						purchaseOrderId: target.purchaseOrderId,
						linesInput: 'json',
						linesJson: JSON.stringify([
							{ lineNumber: 1, chargeType: 'PRODUCT', amount: 1, reason: 'Others' },
						]),
					}
				: {
						resource: 'order',
						operation: 'refundLines',
						purchaseOrderId: target.purchaseOrderId,
						refundType: 'full',
						fullRefundLines: { line: [{ lineNumber: '1', reason: 'Others' }] },
					};
		expected = 1;
		appliedUnits = () =>
			emu.requests.filter(
				(request) =>
					request.method === 'POST' &&
					request.status === 200 &&
					request.path === `/v3/orders/${target.purchaseOrderId}/refund`,
			).length;
	}
	const results = await Promise.all([engine.runNode(parameters), engine.runNode(parameters)]);
	const rerun = await engine.runNode(parameters);
	const units = appliedUnits();
	return {
		lost: results.some((result) => reportedLines(result).length === 0) ? 1 : 0,
		doubled: units > expected ? 1 : 0,
		leaks: results.reduce((sum, result) => sum + leaks(emu, result), leaks(emu, rerun)),
		note: `${units} applied of ${expected} meant`,
	};
}

/**
 * Return All over every order of the last 179 days with read faults; lost = orders missing.
 * @param {Emulator} emu @param {Engine} engine @param {object[]} faults
 * @returns {Promise<Tally>}
 */
async function readAll(emu, engine, faults) {
	for (const fault of faults) emu.injectFault(fault);
	const since = new Date(emu.now() - 179 * 86400_000).toISOString().slice(0, 10);
	const expected = /** @type {WalmartOrder[]} */ (/** @type {unknown} */ (emu.orders())).filter(
		(candidate) =>
			(candidate.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled' &&
			candidate.orderDate >= Date.parse(since),
	);
	const result = await engine.runNode({
		resource: 'order',
		operation: 'getAll',
		returnAll: true,
		filters: { createdStartDate: since },
	});
	const ids = result.items.map((item) => String(item.json.purchaseOrderId));
	const unique = new Set(ids);
	return {
		lost: result.error
			? 0
			: expected.filter((candidate) => !unique.has(candidate.purchaseOrderId)).length,
		doubled: ids.length - unique.size,
		leaks: leaks(emu, result),
		note: result.error
			? `failed loudly: ${result.error.message}`
			: `${unique.size} of ${expected.length} orders`,
	};
}

/** @type {Array<[string, (emu: Emulator, engine: Engine) => Promise<Tally>, boolean]>} name, run, in the fast subset */
const SCENARIOS = [
	[
		'cancel 250 lines: connection dropped before batch 1',
		(e, g) =>
			cancelSeries(e, g, [
				{ type: 'drop', when: 'before', method: 'POST', pathPrefix: '/v3/orders' },
			]),
		true,
	],
	[
		'cancel 250 lines: applied, then dropped, on batch 2',
		(e, g) =>
			cancelSeries(e, g, [
				{ type: 'slow', delayMs: 0, method: 'POST', pathPrefix: '/v3/orders' },
				{ type: 'drop', when: 'after', method: 'POST', pathPrefix: '/v3/orders' },
			]),
		true,
	],
	[
		'cancel 250 lines: applied, then 502, on batch 3',
		(e, g) =>
			cancelSeries(e, g, [
				{ type: 'slow', delayMs: 0, count: 2, method: 'POST', pathPrefix: '/v3/orders' },
				{
					type: 'serverError',
					status: 502,
					applied: true,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'cancel 250 lines: 500 not applied on batch 1',
		(e, g) =>
			cancelSeries(e, g, [
				{ type: 'serverError', status: 500, method: 'POST', pathPrefix: '/v3/orders' },
			]),
		false,
	],
	[
		'cancel 250 lines: batch 1 applied after the timeout, inside the read-back window',
		(e, g) =>
			cancelSeries(e, g, [
				{
					type: 'late',
					applyAfterMs: window.timeoutSeconds * 1000 + 500,
					holdMs: 10_000,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		true,
	],
	[
		'cancel 250 lines: batch 1 applied after the read-back window',
		(e, g) =>
			cancelSeries(e, g, [
				{
					type: 'late',
					applyAfterMs: (window.timeoutSeconds + window.readBackSeconds) * 1000 + 300,
					holdMs: 10_000,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'cancel 250 lines: 429 three times, then accepted',
		(e, g) =>
			cancelSeries(e, g, [
				{
					type: 'throttle',
					count: 3,
					replenishInMs: 200,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'cancel 250 lines: token expired on batch 2',
		(e, g) =>
			cancelSeries(e, g, [
				{ type: 'slow', delayMs: 0, method: 'POST', pathPrefix: '/v3/orders' },
				{ type: 'expireToken', method: 'POST', pathPrefix: '/v3/orders' },
			]),
		false,
	],
	[
		'partial refund: applied, then dropped',
		(e, g) =>
			refundWithFaults(e, g, 'partial', [{ type: 'drop', when: 'after', method: 'POST' }], 0),
		true,
	],
	[
		'partial refund: applied, then 500',
		(e, g) =>
			refundWithFaults(
				e,
				g,
				'partial',
				[{ type: 'serverError', status: 500, applied: true, method: 'POST' }],
				1,
			),
		false,
	],
	[
		'partial refund: applied after the timeout, inside the window',
		(e, g) =>
			refundWithFaults(
				e,
				g,
				'partial',
				[
					{
						type: 'late',
						applyAfterMs: window.timeoutSeconds * 1000 + 500,
						holdMs: 10_000,
						method: 'POST',
					},
				],
				2,
			),
		true,
	],
	[
		'partial refund: applied after the read-back window',
		(e, g) =>
			refundWithFaults(
				e,
				g,
				'partial',
				[
					{
						type: 'late',
						applyAfterMs: (window.timeoutSeconds + window.readBackSeconds) * 1000 + 300,
						holdMs: 10_000,
						method: 'POST',
					},
				],
				3,
			),
		true,
	],
	[
		'partial refund: dropped before sending',
		(e, g) =>
			refundWithFaults(e, g, 'partial', [{ type: 'drop', when: 'before', method: 'POST' }], 4),
		false,
	],
	[
		'full refund: applied, then dropped',
		(e, g) => refundWithFaults(e, g, 'full', [{ type: 'drop', when: 'after', method: 'POST' }], 5),
		true,
	],
	[
		'full refund: applied, then 503',
		(e, g) =>
			refundWithFaults(
				e,
				g,
				'full',
				[{ type: 'serverError', status: 503, applied: true, method: 'POST' }],
				6,
			),
		false,
	],
	[
		'full refund: applied after the timeout',
		(e, g) =>
			refundWithFaults(
				e,
				g,
				'full',
				[
					{
						type: 'late',
						applyAfterMs: window.timeoutSeconds * 1000 + 500,
						holdMs: 10_000,
						method: 'POST',
					},
				],
				7,
			),
		false,
	],
	[
		'ship 250 lines: connection dropped before batch 1',
		(e, g) =>
			shipSeries(e, g, [
				{ type: 'drop', when: 'before', method: 'POST', pathPrefix: '/v3/orders' },
			]),
		false,
	],
	[
		'ship 250 lines: applied, then dropped, on batch 2',
		(e, g) =>
			shipSeries(e, g, [
				{ type: 'slow', delayMs: 0, method: 'POST', pathPrefix: '/v3/orders' },
				{ type: 'drop', when: 'after', method: 'POST', pathPrefix: '/v3/orders' },
			]),
		true,
	],
	[
		'ship 250 lines: applied, then 502, on batch 3',
		(e, g) =>
			shipSeries(e, g, [
				{ type: 'slow', delayMs: 0, count: 2, method: 'POST', pathPrefix: '/v3/orders' },
				{
					type: 'serverError',
					status: 502,
					applied: true,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'ship 250 lines: batch 1 applied after the timeout, inside the read-back window',
		(e, g) =>
			shipSeries(e, g, [
				{
					type: 'late',
					applyAfterMs: window.timeoutSeconds * 1000 + 500,
					holdMs: 10_000,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'ship 250 lines: batch 1 applied after the read-back window',
		(e, g) =>
			shipSeries(e, g, [
				{
					type: 'late',
					applyAfterMs: (window.timeoutSeconds + window.readBackSeconds) * 1000 + 300,
					holdMs: 10_000,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'acknowledge: applied, then 500',
		(e, g) =>
			acknowledgeWithFaults(e, g, [
				{
					type: 'serverError',
					status: 500,
					applied: true,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		false,
	],
	[
		'acknowledge: applied after the timeout',
		(e, g) =>
			acknowledgeWithFaults(e, g, [
				{
					type: 'late',
					applyAfterMs: window.timeoutSeconds * 1000 + 500,
					holdMs: 10_000,
					method: 'POST',
					pathPrefix: '/v3/orders',
				},
			]),
		true,
	],
	['two executions at once: cancel 1 unit', (e, g) => concurrent(e, g, 'cancel', 0), true],
	['two executions at once: acknowledge', (e, g) => concurrent(e, g, 'acknowledge', 0), false],
	['two executions at once: ship one package', (e, g) => concurrent(e, g, 'ship', 0), true],
	['two executions at once: partial refund', (e, g) => concurrent(e, g, 'refund', 0), true],
	['two executions at once: full refund', (e, g) => concurrent(e, g, 'full', 1), true],
	['two executions at once: return refund', (e, g) => concurrent(e, g, 'return', 0), true],
	[
		'Return All: 429 ×3 and 500 ×2 between pages',
		(e, g) =>
			readAll(e, g, [
				{ type: 'throttle', count: 3, replenishInMs: 100, method: 'GET', pathPrefix: '/v3/orders' },
				{ type: 'slow', delayMs: 0, method: 'GET', pathPrefix: '/v3/orders' },
				{ type: 'serverError', status: 500, count: 2, method: 'GET', pathPrefix: '/v3/orders' },
			]),
		true,
	],
	[
		'Return All: a connection dropped on page 3',
		(e, g) =>
			readAll(e, g, [
				{ type: 'slow', delayMs: 0, count: 2, method: 'GET', pathPrefix: '/v3/orders' },
				{ type: 'drop', method: 'GET', pathPrefix: '/v3/orders' },
			]),
		false,
	],
];

async function badInputs() {
	const emu = await startEmulator({ port: 0, seed: 99, orderCount: 300, returnCount: 60 });
	try {
		const engine = await createEngine(emu);
		const fixtures = findFixtures(emu.orders(), emu.returns());
		await engine.runNode({
			resource: 'order',
			operation: 'get',
			purchaseOrderId: fixtures.shipped.purchaseOrderId,
		});
		const inputCases = BAD_INPUTS.filter((entry) => entry.stage === 'input');
		let refused = 0;
		for (const entry of inputCases) {
			emu.clearRequests();
			const result = await engine.runNode(entry.parameters(fixtures));
			const calls = emu.requests.filter((request) => request.path !== '/v3/token');
			if (result.error && calls.length === 0) refused++;
			else print(`  not refused before any request: ${entry.name}`);
		}
		return { tried: inputCases.length, refused };
	} finally {
		await emu.close();
	}
}

async function main() {
	const scenarios = SCENARIOS.filter(([, , fast]) => !FAST || fast);
	const totals = { tried: 0, lost: 0, doubled: 0, leaks: 0 };
	for (const [name, run] of scenarios) {
		const emu = await startEmulator({ port: 0, seed: 61, orderCount: 1200, returnCount: 200 });
		try {
			const engine = await createEngine(emu);
			const started = Date.now();
			const tally = await run(emu, engine);
			totals.tried++;
			totals.lost += tally.lost;
			totals.doubled += tally.doubled;
			totals.leaks += tally.leaks;
			print(
				`${tally.lost || tally.doubled || tally.leaks ? 'FAIL' : 'ok  '} ${name}: ${tally.note} (lost ${tally.lost}, doubled ${tally.doubled}, leaks ${tally.leaks}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
			);
		} finally {
			await emu.close();
		}
	}
	const bad = await badInputs();
	print(
		`faults: ${totals.tried} tried, ${totals.lost} orders lost, ${totals.doubled} writes doubled, ${totals.leaks} secret leaks`,
	);
	print(`bad inputs: ${bad.tried} tried, ${bad.refused} refused before any request`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
