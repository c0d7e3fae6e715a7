// @ts-check
'use strict';

/**
 * The example workflows of examples/, imported into a real n8n with `n8n import:workflow`
 * next to the emulator credential (`n8n import:credentials`), and run the way users run them:
 * the scheduled ones with `n8n execute --id`, the one started by the Walmart Marketplace Trigger
 * with the editor's "Execute workflow" (REST), the storefront and ERP ones by calling their
 * production webhooks on a started n8n. Every result is checked against the emulator: what n8n
 * output against a direct read of the same Walmart query, and what it changed against the
 * emulator's stored orders.
 *
 * One user folder and one n8n (port 5691) serve the whole file. The CLI runs come first because
 * two n8n processes writing one SQLite database can lock each other out.
 */

const {
	SETUP_TIMEOUT_MS,
	freshN8n,
	startEmulator,
	readAll,
	requestsTo,
	readJson,
} = require('./support');
const { emulatorCredential, loadExamples } = require('../../scripts/lib/n8n');
const { acknowledgeProblems, shippingProblems } = require('../helpers/walmart-spec');

jest.setTimeout(120_000);

const DAY_MS = 24 * 60 * 60 * 1000;

/** @type {import('../../scripts/lib/n8n').N8n} */
let n8n;
/** @type {import('../../emulator').Emulator} */
let emulator;
/** @type {Record<string, import('../../scripts/lib/n8n').RunResult>} */
const runs = {};
/** @type {Record<string, any[]>} the emulator requests each CLI run made */
const runRequests = {};

/** @param {string} name */
function example(name) {
	const workflow = loadExamples().find((candidate) => candidate.name === name);
	if (!workflow) throw new Error(`no example workflow named "${name}"`);
	return workflow;
}

/**
 * @param {string} workflowId
 */
async function executeAndRecord(workflowId) {
	const before = emulator.requests.length;
	runs[workflowId] = await n8n.execute(workflowId);
	runRequests[workflowId] = emulator.requests.slice(before);
}

/**
 * @param {any} line a Walmart order line
 * @param {string} status
 */
function statusQuantity(line, status) {
	return line.orderLineStatuses.orderLineStatus
		.filter((/** @type {any} */ entry) => entry.status === status)
		.reduce((/** @type {number} */ sum, /** @type {any} */ entry) => {
			return sum + Number(entry.statusQuantity.amount);
		}, 0);
}

/**
 * @param {string} purchaseOrderId
 * @param {string} lineNumber
 */
function orderLine(purchaseOrderId, lineNumber) {
	const order = emulator.getOrder(purchaseOrderId);
	const line = order?.orderLines.orderLine.find((candidate) => candidate.lineNumber === lineNumber);
	if (!line) throw new Error(`emulator has no line ${lineNumber} on ${purchaseOrderId}`);
	return line;
}

beforeAll(async () => {
	// The emulator's business clock runs one day ahead of the machine's, so that "the last 24
	// hours" n8n asks for (from the real clock) holds a few of seed 42's returns, the newest of
	// which are a day or more old. Orders and returns keep their ages relative to that clock.
	emulator = await startEmulator({ now: Date.now() + DAY_MS });
	({ n8n } = freshN8n('examples', { port: 5691 }));
	await n8n.importCredentials([emulatorCredential(emulator)]);
	await n8n.importWorkflows(loadExamples());
	await executeAndRecord(example('Walmart: New orders to ERP').id);
	await executeAndRecord(example('Walmart: Daily returns digest').id);
	await n8n.start();
	await n8n.ensureOwner();
	await n8n.activate(example('Walmart: Storefront cancellation').id);
	await n8n.activate(example('Walmart: ERP credit note refund').id);
	await n8n.activate(example('Walmart: ERP shipment to Ship Lines').id);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await emulator?.close();
});

test('every example uses only n8n built-in nodes and this package\u2019s nodes', () => {
	for (const workflow of loadExamples()) {
		for (const node of workflow.nodes) {
			expect(node.type).toMatch(/^(n8n-nodes-base\.|n8n-nodes-walmart-marketplace\.)/);
			if (node.type.startsWith('n8n-nodes-walmart-marketplace.')) {
				expect(node.credentials?.walmartMarketplaceApi?.id).toBe('walmartEmulator1');
			}
		}
	}
});

describe('4. New orders to ERP (schedule, n8n execute)', () => {
	const workflowId = () => example('Walmart: New orders to ERP').id;

	test('reads released orders of the last day, all pages, and ends successfully', () => {
		const run = runs[workflowId()];
		expect(run.status).toBe('success');
		const reads = runRequests[workflowId()].filter((request) =>
			request.path.startsWith('/v3/orders'),
		);
		expect(reads[0].path).toBe('/v3/orders/released');
		const query = new URLSearchParams(reads[0].query);
		expect(query.get('limit')).toBe('200');
		const since = Date.parse(String(query.get('createdStartDate')));
		expect(Math.abs(Date.now() - DAY_MS - since)).toBeLessThan(10 * 60 * 1000);
		for (const read of reads) expect(read.status).toBe(200);
	});

	test('outputs one ERP line per Walmart order line, mapped field by field', async () => {
		const run = runs[workflowId()];
		const [firstRead] = runRequests[workflowId()].filter((request) =>
			request.path.startsWith('/v3/orders'),
		);
		const orders = await readAll(
			emulator,
			`${firstRead.path}${firstRead.query}`,
			(page) => ({ items: page.list.elements.order, nextCursor: page.list.meta.nextCursor }),
			firstRead.path,
		);
		const expected = orders.flatMap((order) =>
			order.orderLines.orderLine.map((/** @type {any} */ line) => ({
				externalOrderNumber: order.purchaseOrderId,
				customerOrderNumber: order.customerOrderId,
				lineNumber: line.lineNumber,
				sku: line.item.sku,
				description: line.item.productName,
				quantity: Number(line.orderLineQuantity.amount),
				unitPrice: line.charges.charge.find((/** @type {any} */ c) => c.chargeType === 'PRODUCT')
					.chargeAmount.amount,
				currency: 'USD',
			})),
		);
		expect(expected.length).toBeGreaterThan(0);
		const output = run.output['Shape ERP sales-order line'].map((item) => item.json);
		expect(output).toHaveLength(expected.length);
		/** @param {Record<string, any>} line */
		const key = (line) => `${line.externalOrderNumber}/${line.lineNumber}`;
		const byKey = new Map(output.map((line) => [key(line), line]));
		for (const line of expected) {
			expect(byKey.get(key(line))).toEqual(expect.objectContaining(line));
		}
		for (const line of output) {
			expect(Date.parse(line.orderDate)).not.toBeNaN();
			expect(line.shipTo).toEqual(expect.objectContaining({ name: expect.any(String) }));
		}
	});
});

describe('3. Daily returns digest (schedule, n8n execute)', () => {
	const workflowId = () => example('Walmart: Daily returns digest').id;

	test('lists every return of the last 24 hours and sums them per reason and SKU', async () => {
		const run = runs[workflowId()];
		expect(run.status).toBe('success');
		const [read] = runRequests[workflowId()].filter((request) => request.path === '/v3/returns');
		const query = new URLSearchParams(read.query);
		expect(query.get('limit')).toBe('200');
		const since = Date.parse(String(query.get('returnCreationStartDate')));
		expect(Math.abs(Date.now() - DAY_MS - since)).toBeLessThan(10 * 60 * 1000);

		const returns = await readAll(
			emulator,
			`${read.path}${read.query}`,
			(page) => ({ items: page.returnOrders ?? [], nextCursor: page.meta?.nextCursor }),
			read.path,
		);
		expect(returns.length).toBeGreaterThan(0);
		expect(run.output['Returns of the last 24 hours']).toHaveLength(returns.length);

		/** @type {Map<string, { returnReason: string, sku: string, units: number, refundAmount: number, returns: number }>} */
		const groups = new Map();
		for (const returnOrder of returns) {
			for (const line of returnOrder.returnOrderLines) {
				const key = `${line.returnReason}|${line.item.sku}`;
				const group = groups.get(key) ?? {
					returnReason: line.returnReason,
					sku: line.item.sku,
					units: 0,
					refundAmount: 0,
					returns: 0,
				};
				group.units += line.quantity.measurementValue;
				group.refundAmount += line.chargeTotals.find(
					(/** @type {any} */ total) => total.name === 'lineTotal',
				).value.currencyAmount;
				group.returns += 1;
				groups.set(key, group);
			}
		}
		const digest = run.output['Summarise per reason and SKU'].map((item) => item.json);
		expect(digest).toHaveLength(groups.size);
		for (const row of digest) {
			const group = groups.get(`${row.returnReason}|${row.sku}`);
			expect(group).toBeDefined();
			expect(row.units).toBe(group?.units);
			expect(row.refundAmount).toBeCloseTo(group?.refundAmount ?? NaN, 2);
			expect(row.returns).toBe(group?.returns);
		}
		// Biggest refund first, as a morning digest should read.
		const amounts = digest.map((row) => row.refundAmount);
		expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
	});
});

describe('1. Storefront cancellation (Shopify webhook)', () => {
	const hook = 'walmart/shopify-order-cancelled';
	/** @type {any} */
	const sample = readJson('examples/payloads/shopify-order-cancelled.json');

	test('cancels the Walmart lines of the cancelled Shopify order, with the mapped reason', async () => {
		const purchaseOrderId = '8837251161811';
		const before = requestsTo(emulator, 'POST', /\/cancel$/).length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body).toEqual(
			expect.objectContaining({
				shopifyOrder: '#1042',
				purchaseOrderId,
				reason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
				unmatchedSkus: [],
			}),
		);
		expect(response.body.summary).toEqual(
			expect.objectContaining({ cancelled: 3, skipped: 0, failed: 0, requests: 1 }),
		);
		expect(response.body.lines.map((/** @type {any} */ line) => line.outcome)).toEqual([
			'cancelled',
			'cancelled',
			'cancelled',
		]);

		const cancels = requestsTo(emulator, 'POST', /\/cancel$/).slice(before);
		expect(cancels).toHaveLength(1);
		expect(cancels[0].path).toBe(`/v3/orders/${purchaseOrderId}/cancel`);
		expect(cancels[0].status).toBe(200);
		for (const item of sample.line_items) {
			const line = emulator
				.getOrder(purchaseOrderId)
				?.orderLines.orderLine.find((candidate) => candidate.item.sku === item.sku);
			expect(statusQuantity(line, 'Cancelled')).toBe(item.quantity);
			expect(line?.orderLineStatuses.orderLineStatus[0].cancellationReason).toBe(
				'CUSTOMER_REQUESTED_SELLER_TO_CANCEL',
			);
		}
	});

	test('a redelivered webhook finds the lines cancelled and sends nothing again', async () => {
		const before = requestsTo(emulator, 'POST', /\/cancel$/).length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body.summary).toEqual(
			expect.objectContaining({ cancelled: 0, skipped: 3, failed: 0, requests: 0 }),
		);
		for (const line of response.body.lines) expect(line.message).toMatch(/already cancelled/);
		expect(requestsTo(emulator, 'POST', /\/cancel$/).length).toBe(before);
	});

	test('an out-of-stock cancellation cancels the open line and reports the shipped one', async () => {
		// Seed 42: line 1 (LB-BLA-1058) is acknowledged, line 2 (CIS-RED-1022, 3 units) shipped.
		const purchaseOrderId = '7245800646327';
		const payload = {
			...sample,
			id: 5829471239999,
			name: '#1077',
			cancel_reason: 'inventory',
			note_attributes: [{ name: 'walmart_purchase_order_id', value: purchaseOrderId }],
			line_items: [
				{ id: 1, sku: 'LB-BLA-1058', quantity: 1, title: 'Laundry basket', price: '9.99' },
				{ id: 2, sku: 'CIS-RED-1022', quantity: 3, title: 'Cast iron skillet', price: '19.99' },
				{ id: 3, sku: 'NOT-ON-WALMART', quantity: 1, title: 'Gift wrap', price: '2.00' },
			],
		};
		const response = await n8n.callWebhook(hook, payload);
		expect(response.status).toBe(200);
		expect(response.body.reason).toBe('SELLER_CANCEL_OUT_OF_STOCK');
		expect(response.body.unmatchedSkus).toEqual([{ sku: 'NOT-ON-WALMART', quantity: 1 }]);
		const outcomes = Object.fromEntries(
			response.body.lines.map((/** @type {any} */ line) => [line.lineNumber, line]),
		);
		expect(outcomes['1'].outcome).toBe('cancelled');
		expect(outcomes['2'].outcome).toBe('skipped');
		expect(outcomes['2'].message).toMatch(/Shipped/);
		expect(statusQuantity(orderLine(purchaseOrderId, '1'), 'Cancelled')).toBe(1);
		expect(orderLine(purchaseOrderId, '1').orderLineStatuses.orderLineStatus[0]).toEqual(
			expect.objectContaining({ cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK' }),
		);
		expect(statusQuantity(orderLine(purchaseOrderId, '2'), 'Shipped')).toBe(3);
	});

	test('a Shopify reason with no Walmart equivalent is refused with 422 and the reason', async () => {
		// Seed 42: both lines of this order are acknowledged, so only the reason stops it.
		const purchaseOrderId = '4712152107742';
		const before = requestsTo(emulator, 'POST', /\/cancel$/).length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			name: '#1078',
			cancel_reason: 'staff',
			note_attributes: [{ name: 'walmart_purchase_order_id', value: purchaseOrderId }],
			line_items: [{ id: 1, sku: 'OC-WHI-1049', quantity: 1, title: 'Organizer', price: '5' }],
		});
		expect(response.status).toBe(422);
		expect(response.body).toEqual(
			expect.objectContaining({ shopifyOrder: '#1078', purchaseOrderId, status: 'refused' }),
		);
		expect(String(response.body.error)).toMatch(
			/"staff", which has no Walmart cancellation reason/,
		);
		expect(requestsTo(emulator, 'POST', /\/cancel$/).length).toBe(before);
		expect(statusQuantity(orderLine(purchaseOrderId, '1'), 'Acknowledged')).toBe(1);
	});

	test('an unknown purchase order is refused with 422 and the reason, not a bare 500', async () => {
		const purchaseOrderId = '1111111111111';
		expect(emulator.getOrder(purchaseOrderId)).toBeUndefined();
		const before = requestsTo(emulator, 'POST', /\/cancel$/).length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			name: '#1079',
			note_attributes: [{ name: 'walmart_purchase_order_id', value: purchaseOrderId }],
		});
		expect(response.status).toBe(422);
		expect(response.body).toEqual(
			expect.objectContaining({ shopifyOrder: '#1079', purchaseOrderId, status: 'refused' }),
		);
		expect(String(response.body.error)).toMatch(new RegExp(purchaseOrderId));
		expect(requestsTo(emulator, 'POST', /\/cancel$/).length).toBe(before);
	});

	test('a cancellation without a Walmart purchase order ID is refused with 422', async () => {
		const response = await n8n.callWebhook(hook, { ...sample, name: '#1080', note_attributes: [] });
		expect(response.status).toBe(422);
		expect(response.body).toEqual(
			expect.objectContaining({ shopifyOrder: '#1080', purchaseOrderId: null, status: 'refused' }),
		);
		expect(String(response.body.error)).toMatch(/Purchase Order ID/);
	});
});

describe('2. ERP credit note refund (ERP webhook)', () => {
	const hook = 'walmart/erp-credit-note';
	/** @type {any} */
	const sample = readJson('examples/payloads/erp-credit-note.json');
	const purchaseOrderId = '3981965906256';

	test('refunds each credit-note line and answers with the per-line outcome', async () => {
		const before = requestsTo(emulator, 'POST', /\/refund$/).length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body).toEqual(
			expect.objectContaining({
				creditNoteNumber: 'CN-2026-000731',
				purchaseOrderId,
				status: 'refunded',
			}),
		);
		expect(response.body.lines).toEqual([
			expect.objectContaining({
				lineNo: 10,
				walmartLineNumber: '1',
				chargeType: 'PRODUCT',
				outcome: 'refunded',
				amount: -10,
				taxAmount: -0.83,
				reason: 'DamagedItem',
			}),
			expect.objectContaining({
				lineNo: 20,
				walmartLineNumber: '3',
				chargeType: 'SHIPPING',
				outcome: 'refunded',
				amount: -7.49,
				taxAmount: -0.62,
				reason: 'IncorrectShippingPrice',
			}),
		]);

		const refunds = requestsTo(emulator, 'POST', /\/refund$/).slice(before);
		expect(refunds).toHaveLength(1);
		expect(refunds[0].path).toBe(`/v3/orders/${purchaseOrderId}/refund`);
		expect(refunds[0].status).toBe(200);
		const product = orderLine(purchaseOrderId, '1').refund?.refundCharges.refundCharge ?? [];
		expect(product).toEqual([
			expect.objectContaining({
				refundReason: 'DamagedItem',
				charge: expect.objectContaining({
					chargeType: 'PRODUCT',
					chargeAmount: { currency: 'USD', amount: -10 },
					tax: expect.objectContaining({ taxAmount: { currency: 'USD', amount: -0.83 } }),
				}),
			}),
		]);
		const shipping = orderLine(purchaseOrderId, '3').refund?.refundCharges.refundCharge ?? [];
		expect(shipping).toEqual([
			expect.objectContaining({
				refundReason: 'IncorrectShippingPrice',
				charge: expect.objectContaining({
					chargeType: 'SHIPPING',
					chargeAmount: { currency: 'USD', amount: -7.49 },
				}),
			}),
		]);
		expect(orderLine(purchaseOrderId, '2').refund).toBeUndefined();
	});

	test('a redelivered credit note refunds nothing twice', async () => {
		const before = requestsTo(emulator, 'POST', /\/refund$/).length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body.status).toBe('nothing to do');
		expect(response.body.lines.map((/** @type {any} */ line) => line.outcome)).toEqual([
			'skipped',
			'skipped',
		]);
		expect(requestsTo(emulator, 'POST', /\/refund$/).length).toBe(before);
		expect(orderLine(purchaseOrderId, '1').refund?.refundCharges.refundCharge).toHaveLength(1);
	});

	test('a credit note for an unshipped line is refused with the reason, nothing refunded', async () => {
		// Seed 42: line 1 of this order is still in Created status.
		const unshipped = '6726632998854';
		const before = requestsTo(emulator, 'POST', /\/refund$/).length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			creditNoteNumber: 'CN-2026-000732',
			channelOrderNumber: unshipped,
			lines: [{ ...sample.lines[0], channelLineNumber: '1' }],
		});
		expect(response.status).toBe(422);
		expect(response.body).toEqual(
			expect.objectContaining({
				creditNoteNumber: 'CN-2026-000732',
				purchaseOrderId: unshipped,
				status: 'refused',
			}),
		);
		expect(String(response.body.error)).toMatch(/has not shipped/);
		expect(requestsTo(emulator, 'POST', /\/refund$/).length).toBe(before);
	});
});

describe('5. New released orders acknowledged to ERP (Walmart Marketplace Trigger)', () => {
	const workflowId = () => example('Walmart: New released orders acknowledged to ERP').id;
	/** @type {import('../../scripts/lib/n8n').RunResult} */
	let run;
	/** @type {any[]} */
	let requests;
	/** @type {any} */
	let before;

	beforeAll(async () => {
		// What the trigger's test event will be: the newest released (Created) seller-fulfilled
		// order of the last 7 days by the machine's clock, as the emulator has it now.
		before = emulator
			.orders()
			.filter(
				(order) =>
					order.shipNode.type === 'SellerFulfilled' &&
					order.orderDate <= Date.now() &&
					order.orderLines.orderLine.some((line) => statusQuantity(line, 'Created') > 0),
			)
			.sort((a, b) => b.orderDate - a.orderDate)[0];
		const start = emulator.requests.length;
		run = await n8n.runManually(workflowId(), 'New released Walmart order');
		requests = emulator.requests.slice(start);
	});

	test('the trigger’s order is acknowledged with one bodiless request, as the spec has it', () => {
		expect(run.status).toBe('success');
		const [triggered] = run.output['New released Walmart order'].map((item) => item.json);
		expect(triggered.purchaseOrderId).toBe(before.purchaseOrderId);
		const acknowledgements = requests.filter(
			(request) => request.method === 'POST' && request.path.endsWith('/acknowledge'),
		);
		expect(acknowledgements).toHaveLength(1);
		expect(acknowledgeProblems(acknowledgements[0], before.purchaseOrderId)).toEqual([]);
		expect(acknowledgements[0].status).toBe(200);
		const [acknowledged] = run.output['Acknowledge the order'].map((item) => item.json);
		expect(acknowledged.summary).toEqual(
			expect.objectContaining({ acknowledged: expect.any(Number), failed: 0, requests: 1 }),
		);
		for (const line of emulator.getOrder(before.purchaseOrderId)?.orderLines.orderLine ?? []) {
			expect(statusQuantity(line, 'Created')).toBe(0);
		}
	});

	test('the ERP sales order lists every line still to fulfil, with the acknowledged quantities', () => {
		const [sales] = run.output['Shape ERP sales order'].map((item) => item.json);
		const order = emulator.getOrder(before.purchaseOrderId);
		expect(sales).toEqual(
			expect.objectContaining({
				externalOrderNumber: before.purchaseOrderId,
				customerOrderNumber: before.customerOrderId,
				acknowledged: 'now',
				currency: 'USD',
			}),
		);
		const open = (order?.orderLines.orderLine ?? []).filter(
			(line) => statusQuantity(line, 'Acknowledged') > 0,
		);
		expect(sales.lines).toEqual(
			open.map((line) =>
				expect.objectContaining({
					channelLineNumber: line.lineNumber,
					itemCode: line.item.sku,
					quantity: statusQuantity(line, 'Acknowledged'),
					customerAskedToCancel: Boolean(line.intentToCancel),
				}),
			),
		);
		expect(run.output['Not acknowledged: for a person'] ?? []).toEqual([]);
	});
});

describe('6. ERP shipment to Ship Lines (ERP webhook)', () => {
	const hook = 'walmart/erp-shipment-confirmed';
	/** @type {any} */
	const sample = readJson('examples/payloads/erp-shipment-confirmed.json');
	const purchaseOrderId = sample.channelOrderNumber;
	const shipments = () => requestsTo(emulator, 'POST', /\/shipping$/);

	/** @param {any} line @param {string} trackingNumber */
	const underTracking = (line, trackingNumber) =>
		line.orderLineStatuses.orderLineStatus
			.filter((/** @type {any} */ entry) => entry.trackingInfo?.trackingNumber === trackingNumber)
			.reduce(
				(/** @type {number} */ sum, /** @type {any} */ entry) =>
					sum + Number(entry.statusQuantity.amount),
				0,
			);

	test('ships each package with the mapped carrier and answers per package', async () => {
		const before = shipments().length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body).toEqual(
			expect.objectContaining({
				shipmentNumber: 'SH-2026-004512',
				purchaseOrderId,
				status: 'shipped',
			}),
		);
		expect(response.body.lines).toEqual([
			expect.objectContaining({
				packageNo: 1,
				walmartLineNumber: '1',
				trackingNumber: '1Z999AA10123456784',
				outcome: 'shipped',
				shippedNow: 2,
				carrier: 'UPS',
				methodCode: 'Standard',
			}),
			expect.objectContaining({
				packageNo: 2,
				walmartLineNumber: '1',
				trackingNumber: '9400100000000000000017',
				outcome: 'shipped',
				shippedNow: 1,
				carrier: 'USPS',
				methodCode: 'Standard',
			}),
		]);
		const sent = shipments().slice(before);
		expect(sent).toHaveLength(1);
		expect(shippingProblems(/** @type {any} */ (sent[0]), purchaseOrderId)).toEqual([]);
		expect(sent[0].status).toBe(200);
		expect(
			/** @type {any} */ (sent[0].body).orderShipment.orderLines.orderLine[0].sellerOrderId,
		).toBe('SO-2026-10452');
		const line = orderLine(purchaseOrderId, '1');
		expect(underTracking(line, '1Z999AA10123456784')).toBe(2);
		expect(underTracking(line, '9400100000000000000017')).toBe(1);
		expect(statusQuantity(line, 'Acknowledged') + statusQuantity(line, 'Created')).toBe(0);
	});

	test('a redelivered shipment ships nothing twice', async () => {
		const before = shipments().length;
		const response = await n8n.callWebhook(hook, sample);
		expect(response.status).toBe(200);
		expect(response.body.status).toBe('nothing to do');
		expect(response.body.lines.map((/** @type {any} */ line) => line.outcome)).toEqual([
			'skipped',
			'skipped',
		]);
		for (const line of response.body.lines) expect(line.message).toMatch(/not sent again/);
		expect(shipments().length).toBe(before);
	});

	test('a carrier Walmart does not list goes out as otherCarrier with its tracking URL', async () => {
		// Seed 42: line 1 of this order has 3 units open.
		const other = '4917765914949';
		const response = await n8n.callWebhook(hook, {
			...sample,
			shipmentNumber: 'SH-2026-004513',
			channelOrderNumber: other,
			packages: [
				{
					packageNo: 1,
					carrierCode: 'PUROLATOR_GROUND',
					carrierName: 'Purolator',
					trackingNumber: 'PUR-332211',
					trackingUrl: 'https://www.purolator.com/en/shipping/tracker?pin=PUR-332211',
					lines: [{ channelLineNumber: '1', itemCode: 'WE-GRA-1053', quantity: 1 }],
				},
			],
		});
		expect(response.status).toBe(200);
		expect(response.body.lines[0]).toEqual(
			expect.objectContaining({ outcome: 'shipped', carrier: 'Purolator (other carrier)' }),
		);
		const [sent] = shipments().slice(-1);
		expect(shippingProblems(/** @type {any} */ (sent), other)).toEqual([]);
		const tracking = /** @type {any} */ (sent.body).orderShipment.orderLines.orderLine[0]
			.orderLineStatuses.orderLineStatus[0].trackingInfo;
		expect(tracking.carrierName).toEqual({ otherCarrier: 'Purolator' });
		expect(tracking.trackingURL).toBe(
			'https://www.purolator.com/en/shipping/tracker?pin=PUR-332211',
		);
		expect(underTracking(orderLine(other, '1'), 'PUR-332211')).toBe(1);
	});

	test('an unmapped carrier without a tracking URL is refused with 422 and the reason', async () => {
		const before = shipments().length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			shipmentNumber: 'SH-2026-004514',
			packages: [{ ...sample.packages[0], carrierCode: 'PIGEON_POST', trackingNumber: 'PP-1' }],
		});
		expect(response.status).toBe(422);
		expect(response.body).toEqual(
			expect.objectContaining({
				shipmentNumber: 'SH-2026-004514',
				purchaseOrderId,
				status: 'refused',
			}),
		);
		expect(String(response.body.error)).toMatch(/"PIGEON_POST", which has no Walmart carrier/);
		expect(shipments().length).toBe(before);
	});

	test('a line with nothing left to ship is refused with 422 and the reason, nothing shipped', async () => {
		// Seed 42: line 2 of the sample order shipped before the example ran.
		const before = shipments().length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			shipmentNumber: 'SH-2026-004515',
			packages: [
				{
					...sample.packages[0],
					trackingNumber: '1Z999AA10123456799',
					lines: [{ channelLineNumber: '2', itemCode: '1CCM-GRA-1056', quantity: 1 }],
				},
			],
		});
		expect(response.status).toBe(422);
		expect(response.body.status).toBe('refused');
		expect(String(response.body.error)).toMatch(
			/^Line 2 has nothing left to ship: it is Shipped 1/,
		);
		expect(shipments().length).toBe(before);
	});

	test('a line the customer asked to cancel is refused with 422, naming Walmart’s flag', async () => {
		const flagged = emulator
			.orders()
			.find(
				(order) =>
					order.shipNode.type === 'SellerFulfilled' &&
					order.orderDate < Date.now() - 60_000 &&
					order.orderLines.orderLine.some(
						(line) =>
							line.intentToCancel &&
							statusQuantity(line, 'Created') + statusQuantity(line, 'Acknowledged') > 0,
					),
			);
		if (!flagged) throw new Error('seed 42 has no open intent-to-cancel line');
		const line = flagged.orderLines.orderLine.find((candidate) => candidate.intentToCancel);
		const before = shipments().length;
		const response = await n8n.callWebhook(hook, {
			...sample,
			shipmentNumber: 'SH-2026-004516',
			channelOrderNumber: flagged.purchaseOrderId,
			packages: [
				{
					...sample.packages[0],
					trackingNumber: '1Z999AA10123456700',
					lines: [{ channelLineNumber: line?.lineNumber, itemCode: line?.item.sku, quantity: 1 }],
				},
			],
		});
		expect(response.status).toBe(422);
		expect(String(response.body.error)).toMatch(
			/asked to cancel \(Walmart’s intent-to-cancel flag\)/,
		);
		expect(String(response.body.description)).toMatch(/Ship Lines the Customer Asked to Cancel/);
		expect(shipments().length).toBe(before);
	});
});
