// @ts-check
/**
 * Bad input to the write operations: each case must fail with the exact message, before any
 * write reaches Walmart, and leave the emulator's orders and returns exactly as they were.
 */
const { startEmulator, BULK_ORDERS } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

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

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Awaited<ReturnType<typeof createEngine>>} */
let engine;
/** @type {{ shipped: WalmartOrder, created: WalmartOrder, returnId: string, returnLeft: number }} */
const fixtures = /** @type {any} */ ({});

const seller = (/** @type {WalmartOrder} */ order) =>
	(order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled';

beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 99, orderCount: 300, returnCount: 60 });
	engine = await createEngine(emu);
	const orders = emu.orders().filter(seller);
	const shipped = orders.find((order) => {
		const line = order.orderLines.orderLine[0];
		const byStatus = quantities(line);
		return Object.keys(byStatus).join() === 'Shipped' && !line.refund;
	});
	const created = orders.find((order) => {
		const line = order.orderLines.orderLine[0];
		return (
			Object.keys(quantities(line)).join() === 'Created' && order.orderLines.orderLine.length < 5
		);
	});
	const openReturn = emu
		.returns()
		.find((entry) =>
			(entry.returnOrderLines ?? []).every((line) => Number(line.refundedQty ?? 0) === 0),
		);
	if (!shipped || !created || !openReturn) throw new Error('emulator lacks the fixtures');
	fixtures.shipped = shipped;
	fixtures.created = created;
	fixtures.returnId = openReturn.returnOrderId;
	fixtures.returnLeft = Number(openReturn.returnOrderLines?.[0].quantity?.measurementValue ?? 1);
});
afterAll(async () => {
	await emu.close();
});

const PO250 = BULK_ORDERS.created250.purchaseOrderId;
const cancel = (/** @type {Record<string, unknown>} */ extra) => ({
	resource: 'order',
	operation: 'cancelLines',
	purchaseOrderId: PO250,
	lineSelection: 'list',
	lines: { line: [{ lineNumber: '1', quantity: 0 }] },
	reason: 'SELLER_CANCEL_OUT_OF_STOCK',
	...extra,
});
const refund = (
	/** @type {Record<string, unknown>} */ line,
	/** @type {Record<string, unknown>} */ extra = {},
) => ({
	resource: 'order',
	operation: 'refundLines',
	purchaseOrderId: fixtures.shipped.purchaseOrderId,
	linesInput: 'json',
	linesJson: JSON.stringify([
		{ lineNumber: '1', chargeType: 'PRODUCT', amount: 1, reason: 'DamagedItem', ...line },
	]),
	...extra,
});

/** @type {Array<[string, () => Record<string, unknown>, string | RegExp, string?]>} */
const cases = [
	[
		'an expression that gives an empty purchase order ID',
		() => cancel({ purchaseOrderId: '={{ "" }}' }),
		'"Purchase Order ID" is empty',
	],
	[
		'a purchase order ID with letters',
		() => cancel({ purchaseOrderId: 'PO-1234567' }),
		'"Purchase Order ID" must be digits only, but it is "PO-1234567"',
	],
	[
		'an unknown purchase order',
		() => cancel({ purchaseOrderId: '1111111111111' }),
		/^Walmart rejected GET \/v3\/orders\/1111111111111: /,
	],
	[
		'an unknown line',
		() => cancel({ lines: { line: [{ lineNumber: '999' }] } }),
		`Line 999 does not exist on purchase order ${PO250} (its lines: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 … 250 (250 lines)). Nothing was cancelled.`,
	],
	[
		'a line number that is text',
		() => cancel({ lines: { line: [{ lineNumber: 'abc' }] } }),
		'Line 1 to cancel has the line number "abc", which is not a line number',
	],
	[
		'line number 0',
		() => cancel({ lineSelection: 'json', linesJson: '[0]' }),
		'Line 1 to cancel has the line number 0, which is not a line number',
	],
	[
		'a fractional quantity',
		() => cancel({ lines: { line: [{ lineNumber: '1', quantity: 1.5 }] } }),
		'Line 1 has the quantity 1.5, which is not a whole number of units',
	],
	[
		'a negative quantity',
		() => cancel({ lineSelection: 'json', linesJson: '[{"lineNumber": 1, "quantity": -2}]' }),
		'Line 1 has the quantity -2, which is not a whole number of units',
	],
	[
		'a quantity above what is open',
		() => cancel({ lines: { line: [{ lineNumber: '1', quantity: 99 }] } }),
		/^Line 1 asks to cancel 99 but only \d+ is open \(Created \d+\)\. Nothing was cancelled\.$/,
	],
	[
		'a Seller Center label as reason',
		() => cancel({ reason: 'CUSTOMER_CHANGED_MIND' }),
		'"Cancellation Reason" "CUSTOMER_CHANGED_MIND" is not a Walmart cancellation reason for the US market',
		'Use one of: CUSTOMER_REQUESTED_SELLER_TO_CANCEL, SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE, SELLER_CANCEL_FRAUD_STOP_SHIPMENT, SELLER_CANCEL_OUT_OF_STOCK, SELLER_CANCEL_PRICING_ERROR.',
	],
	[
		'a reason in the wrong case from an expression',
		() => cancel({ reason: 'seller_cancel_out_of_stock' }),
		'"Cancellation Reason" "seller_cancel_out_of_stock" is not a Walmart cancellation reason for the US market',
		'Walmart is case-sensitive: use "SELLER_CANCEL_OUT_OF_STOCK".',
	],
	[
		'a Canada-only reason on a US credential',
		() => cancel({ reason: 'CANCEL_BY_SELLER' }),
		'"Cancellation Reason" "CANCEL_BY_SELLER" is not a Walmart cancellation reason for the US market',
	],
	[
		'the same line listed twice',
		() => cancel({ lines: { line: [{ lineNumber: '1' }, { lineNumber: '1' }] } }),
		'Line 1 is listed twice',
	],
	['no lines at all', () => cancel({ lines: {} }), 'No lines to cancel were given'],
	[
		'lines that are not JSON',
		() => cancel({ lineSelection: 'json', linesJson: '[1, 2' }),
		'"Lines (JSON)" is not valid JSON',
	],
	[
		'a shipped line (terminal for cancel)',
		() => cancel({ purchaseOrderId: fixtures.shipped.purchaseOrderId }),
		/^Line 1 cannot be cancelled: it is Shipped \d+; only Created or Acknowledged quantity can be cancelled\. Nothing was cancelled\.$/,
	],
	[
		'an amount that is not a number',
		() => refund({ amount: 'ten' }),
		'Line 1 PRODUCT amount is "ten", which is not a number',
	],
	['an amount of zero', () => refund({ amount: 0 }), 'Line 1 PRODUCT amount is 0'],
	[
		'an amount with fractions of a cent',
		() => refund({ amount: 1.234 }),
		'Line 1 PRODUCT amount 1.234 has more than 2 decimals',
	],
	[
		'an amount above what was charged',
		() => refund({ amount: 100000 }),
		/^Line 1 PRODUCT: refunding 100000\.00 USD is more than the \d+\.\d\d left \(charged \d+\.\d\d, already refunded 0\.00\)\. Nothing was refunded\.$/,
	],
	[
		'two refunds of one charge that together exceed it',
		() => ({
			...refund({}),
			linesJson: JSON.stringify(
				[0, 1].map(() => ({
					lineNumber: 1,
					chargeType: 'PRODUCT',
					amount: 99999,
					reason: 'Others',
				})),
			),
		}),
		/^Line 1 PRODUCT: refunding 99999\.00 USD is more than/,
	],
	[
		'tax above what was charged',
		() => refund({ taxAmount: 5000 }),
		/^Line 1 PRODUCT: refunding 5000\.00 USD of tax is more than the \d+\.\d\d left/,
	],
	[
		'an unknown charge type',
		() => refund({ chargeType: 'FEE' }),
		'Line 1 has the charge type "FEE", which Walmart does not accept',
	],
	[
		'a refund reason with the wrong spelling',
		() => refund({ reason: 'Damaged Item' }),
		'Line 1 has the refund reason "Damaged Item", which Walmart does not accept',
		'Walmart spells it exactly "DamagedItem".',
	],
	[
		'a refund reason Walmart does not know',
		() => refund({ reason: 'Changed mind' }),
		'Line 1 has the refund reason "Changed mind", which Walmart does not accept',
	],
	[
		'a currency other than the order’s',
		() => refund({ currency: 'CAD' }),
		`Line 1 is in CAD but purchase order ${'${po}'} was charged in USD. Nothing was refunded.`,
	],
	[
		'a line that has not shipped',
		() => refund({}, { purchaseOrderId: fixtures.created.purchaseOrderId }),
		/^Line 1 has not shipped \(Created \d+\), and Walmart refunds only shipped or delivered lines\. Nothing was refunded\.$/,
	],
	[
		'a refund of an unknown line',
		() => refund({ lineNumber: 42 }),
		/^Line 42 does not exist on purchase order \d+ \(its lines: [\d, ]+\)\. Nothing was refunded\.$/,
	],
	[
		'a refund line number that is text',
		() => refund({ lineNumber: 'one' }),
		'Refund line 1 has the line number "one", which is not a line number',
	],
	[
		'a return order ID with letters',
		() => ({ resource: 'return', operation: 'refund', returnOrderId: 'RMA-1' }),
		'"Return Order ID" must be digits only, but it is "RMA-1"',
	],
	[
		'a return refund above what is left',
		() => ({
			resource: 'return',
			operation: 'refund',
			returnOrderId: fixtures.returnId,
			lineSelection: 'list',
			lines: { line: [{ returnOrderLineNumber: '1', quantity: fixtures.returnLeft + 5 }] },
		}),
		/^Return line 1 asks to refund \d+ but only \d+ is left to refund\. Nothing was refunded\.$/,
	],
];

describe('bad input is refused before any write, naming the field and the fix', () => {
	test('the table has at least 25 cases', () => {
		expect(cases.length).toBeGreaterThanOrEqual(25);
	});

	// Every row gets four values: with three, jest would pass its done callback as the fourth.
	const rows = cases.map(
		([name, parameters, message, description]) =>
			/** @type {const} */ ([name, parameters, message, description ?? '']),
	);
	test.each(rows)('%s', async (_name, parameters, message, description) => {
		const before = JSON.stringify([emu.orders(), emu.returns()]);
		emu.clearRequests();
		const resolved = parameters();
		const result = await engine.runNode(resolved);
		const expected =
			typeof message === 'string'
				? message.replace('${po}', String(resolved.purchaseOrderId))
				: message;
		if (typeof expected === 'string') expect(result.error?.message).toBe(expected);
		else expect(result.error?.message).toMatch(expected);
		expect(result.error?.description ?? '').not.toBe('');
		if (description) expect(result.error?.description).toBe(description);
		const writes = emu.requests.filter(
			(request) => request.method === 'POST' && request.path !== '/v3/token',
		);
		expect(writes).toHaveLength(0);
		expect(JSON.stringify([emu.orders(), emu.returns()])).toBe(before);
	});
});
