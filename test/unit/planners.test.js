// @ts-check
/**
 * The pure planners and the charge ledger, without n8n or HTTP: what each plans for an order,
 * and what each refuses.
 */
const { lineLedger } = require('../../dist/nodes/WalmartMarketplace/helpers/ledger');
const {
	planCancel,
	parseRequestedCancels,
} = require('../../dist/nodes/WalmartMarketplace/actions/order/cancelLines.plan');
const {
	planRefund,
	parseRequestedRefund,
} = require('../../dist/nodes/WalmartMarketplace/actions/order/refundLines.plan');
const {
	planReturnRefund,
	parseRequestedReturnRefunds,
} = require('../../dist/nodes/WalmartMarketplace/actions/return/refund.plan');
const { REFUND_REASONS } = require('../../dist/nodes/WalmartMarketplace/descriptions/reasons');
const { simplifyOrderLine } = require('../../dist/nodes/WalmartMarketplace/helpers/simplify');

/**
 * @param {string} lineNumber
 * @param {Record<string, number>} statuses
 * @param {{ ordered?: number, product?: number, productTax?: number, shipping?: number, shippingTax?: number, refunds?: any[], returnOrderId?: string }} [money]
 */
function line(lineNumber, statuses, money = {}) {
	const ordered = money.ordered ?? Object.values(statuses).reduce((sum, n) => sum + n, 0);
	const charge = [
		{
			chargeType: 'PRODUCT',
			chargeName: 'ItemPrice',
			chargeAmount: { currency: 'USD', amount: money.product ?? 19.99 },
			tax: { taxName: 'Tax1', taxAmount: { currency: 'USD', amount: money.productTax ?? 1.6 } },
		},
	];
	if (money.shipping !== undefined) {
		charge.push({
			chargeType: 'SHIPPING',
			chargeName: 'Shipping',
			chargeAmount: { currency: 'USD', amount: money.shipping },
			tax: { taxName: 'Tax1', taxAmount: { currency: 'USD', amount: money.shippingTax ?? 0 } },
		});
	}
	return {
		lineNumber,
		item: { productName: 'Thing', sku: `SKU-${lineNumber}` },
		charges: { charge },
		orderLineQuantity: { unitOfMeasurement: 'EACH', amount: String(ordered) },
		statusDate: 0,
		orderLineStatuses: {
			orderLineStatus: Object.entries(statuses).map(([status, amount]) => ({
				status,
				statusQuantity: { unitOfMeasurement: 'EACH', amount: String(amount) },
			})),
		},
		...(money.refunds ? { refund: { refundCharges: { refundCharge: money.refunds } } } : {}),
		...(money.returnOrderId ? { returnOrderId: money.returnOrderId } : {}),
	};
}

/** @param {any[]} lines @param {string} [shipNode] */
const order = (lines, shipNode = 'SellerFulfilled') =>
	/** @type {any} */ ({
		purchaseOrderId: '1000000000001',
		customerOrderId: '2000000000001',
		orderDate: 0,
		shipNode: { type: shipNode },
		orderLines: { orderLine: lines },
	});

describe('the charge ledger', () => {
	test('never lets a refund exceed the line under either reading of chargeAmount', () => {
		const ledger = lineLedger(line('1', { Shipped: 4 }, { product: 10, productTax: 0.8 }));
		// Per unit: 40.00 charged; line total: 10.00. The ceiling is the smaller.
		expect(ledger.accounts.PRODUCT.chargedCents).toBe(1000);
		expect(ledger.accounts.PRODUCT.mostChargedCents).toBe(4000);
		expect(ledger.accounts.PRODUCT.chargedTaxCents).toBe(80);
	});
	test('only shipped or delivered units count; cancelled ones never do', () => {
		const ledger = lineLedger(line('1', { Shipped: 1, Cancelled: 1 }, { product: 10, ordered: 2 }));
		expect(ledger.accounts.PRODUCT.chargedCents).toBe(500);
		expect(lineLedger(line('1', { Created: 1 })).accounts.PRODUCT.chargedCents).toBe(0);
	});
	test('refunds are counted in cents, whatever their sign', () => {
		const ledger = lineLedger(
			line(
				'1',
				{ Shipped: 1 },
				{
					product: 19.99,
					refunds: [
						{
							refundReason: 'Others',
							charge: {
								chargeType: 'PRODUCT',
								chargeAmount: { amount: -0.1 },
								tax: { taxAmount: { amount: -0.2 } },
							},
						},
						{
							refundReason: 'Others',
							charge: { chargeType: 'PRODUCT', chargeAmount: { amount: 0.2 } },
						},
					],
				},
			),
		);
		expect(ledger.accounts.PRODUCT.refundedCents).toBe(30);
		expect(ledger.accounts.PRODUCT.refundableCents).toBe(1969);
		expect(ledger.accounts.PRODUCT.refundedTaxCents).toBe(20);
	});
	test('the simplified output reads the same ledger as the refund ceiling', () => {
		const raw = line('1', { Shipped: 2 }, { product: 10, productTax: 1, shipping: 5 });
		const simple = simplifyOrderLine(raw);
		const ledger = lineLedger(raw);
		expect(simple.productAmount).toBe(10);
		expect(simple.shippingAmount).toBe(5);
		expect(simple.taxAmount).toBe(1);
		expect(simple.refundable).toEqual({
			product: ledger.accounts.PRODUCT.refundableCents / 100,
			productTax: ledger.accounts.PRODUCT.refundableTaxCents / 100,
			shipping: ledger.accounts.SHIPPING.refundableCents / 100,
			shippingTax: 0,
		});
	});
});

describe('Cancel Lines planner', () => {
	const reason = 'SELLER_CANCEL_OUT_OF_STOCK';
	test('a quantity means "at least N units cancelled", so a re-run cancels nothing more', () => {
		const fresh = order([line('1', { Created: 3 })]);
		expect(
			planCancel(fresh, {
				lines: [{ lineNumber: '1', quantity: 1 }],
				reason,
				skipIneligible: false,
			}).toCancel,
		).toEqual([{ lineNumber: '1', quantity: 1 }]);
		const afterFirstRun = order([line('1', { Created: 2, Cancelled: 1 })]);
		const again = planCancel(afterFirstRun, {
			lines: [{ lineNumber: '1', quantity: 1 }],
			reason,
			skipIneligible: false,
		});
		expect(again.toCancel).toEqual([]);
		expect(again.skipped[0].message).toMatch(/already has 1 unit\(s\) cancelled/);
		const more = planCancel(afterFirstRun, {
			lines: [{ lineNumber: '1', quantity: 2 }],
			reason,
			skipIneligible: false,
		});
		expect(more.toCancel).toEqual([{ lineNumber: '1', quantity: 1 }]);
	});
	test('"all" takes what is open; a line with nothing open but cancelled units is skipped', () => {
		const plan = planCancel(
			order([line('1', { Acknowledged: 2, Cancelled: 1 }), line('2', { Cancelled: 1 })]),
			{
				lines: [
					{ lineNumber: '1', quantity: 'all' },
					{ lineNumber: '2', quantity: 'all' },
				],
				reason,
				skipIneligible: false,
			},
		);
		expect(plan.toCancel).toEqual([{ lineNumber: '1', quantity: 2 }]);
		expect(plan.skipped.map((/** @type {any} */ entry) => entry.lineNumber)).toEqual(['2']);
	});
	test('shipped, unknown and over-open lines refuse the item, or are skipped by choice', () => {
		const shipped = order([line('1', { Shipped: 1 }), line('2', { Created: 1 })]);
		/** @type {{ lines: Array<{ lineNumber: string, quantity: number | 'all' }>, reason: string }} */
		const input = {
			lines: [
				{ lineNumber: '1', quantity: 'all' },
				{ lineNumber: '2', quantity: 1 },
				{ lineNumber: '3', quantity: 1 },
			],
			reason,
		};
		expect(() => planCancel(shipped, { ...input, skipIneligible: false })).toThrow(
			'2 lines cannot be cancelled. Nothing was cancelled.',
		);
		const skipped = planCancel(shipped, { ...input, skipIneligible: true });
		expect(skipped.toCancel).toEqual([{ lineNumber: '2', quantity: 1 }]);
		expect(skipped.skipped).toHaveLength(2);
	});
	test('WFS orders are refused', () => {
		expect(() =>
			planCancel(order([line('1', { Created: 1 })], 'WFSFulfilled'), {
				lines: 'all',
				reason,
				skipIneligible: false,
			}),
		).toThrow('is fulfilled by Walmart (WFS)');
	});
	test('lines are parsed strictly: bare numbers are whole lines, objects need a quantity', () => {
		expect(
			parseRequestedCancels(
				[1, '2', { lineNumber: 3, quantity: 'all' }, { lineNumber: '4', quantity: '2' }],
				true,
			),
		).toEqual([
			{ lineNumber: '1', quantity: 'all' },
			{ lineNumber: '2', quantity: 'all' },
			{ lineNumber: '3', quantity: 'all' },
			{ lineNumber: '4', quantity: 2 },
		]);
		expect(() => parseRequestedCancels([{ lineNumber: 1 }], true)).toThrow(
			'Line 1 has no quantity',
		);
		expect(() => parseRequestedCancels([1, 1], true)).toThrow('Line 1 is listed twice');
		expect(() => parseRequestedCancels([], true)).toThrow('No lines to cancel were given');
	});
});

describe('Refund Lines planner', () => {
	const shipped = () =>
		order([
			line('1', { Shipped: 2 }, { product: 10, productTax: 0.8, shipping: 4, shippingTax: 0.3 }),
			line('2', { Created: 1 }),
		]);
	const partial = (/** @type {any} */ entry) =>
		parseRequestedRefund(
			{ lineNumber: '1', chargeType: 'PRODUCT', reason: 'DamagedItem', ...entry },
			0,
			false,
			REFUND_REASONS,
		);

	test('a partial refund goes out in cents with no tax object when the tax is 0', () => {
		const plan = planRefund(shipped(), {
			full: false,
			lines: [partial({ amount: '2.50' })],
			allowRepeat: false,
		});
		expect(plan.toSend).toEqual([
			{
				lineNumber: '1',
				isFullRefund: false,
				comments: undefined,
				charges: [
					{
						chargeType: 'PRODUCT',
						chargeName: 'ItemPrice',
						reason: 'DamagedItem',
						amountCents: 250,
						taxCents: 0,
						taxName: 'Tax1',
					},
				],
			},
		]);
	});
	test('the ceiling is the smaller reading of chargeAmount (10.00 on a 2-unit line listed at 10.00)', () => {
		expect(() =>
			planRefund(shipped(), {
				full: false,
				lines: [partial({ amount: 10.01 })],
				allowRepeat: false,
			}),
		).toThrow(
			'Line 1 PRODUCT: refunding 10.01 USD is more than the 10.00 left (charged 10.00, already refunded 0.00). Nothing was refunded.',
		);
		expect(
			planRefund(shipped(), { full: false, lines: [partial({ amount: 10 })], allowRepeat: false })
				.toSend,
		).toHaveLength(1);
	});
	test('an identical refund already on the line is a repeat, unless repeats are allowed', () => {
		const refunded = order([
			line(
				'1',
				{ Shipped: 1 },
				{
					product: 10,
					refunds: [
						{
							refundReason: 'DamagedItem',
							charge: { chargeType: 'PRODUCT', chargeAmount: { amount: -2.5 } },
						},
					],
				},
			),
		]);
		const again = planRefund(refunded, {
			full: false,
			lines: [partial({ amount: 2.5 })],
			allowRepeat: false,
		});
		expect(again.toSend).toEqual([]);
		expect(again.skipped[0].message).toMatch(/already has a PRODUCT refund of 2\.50 USD/);
		expect(
			planRefund(refunded, { full: false, lines: [partial({ amount: 2.5 })], allowRepeat: true })
				.toSend,
		).toHaveLength(1);
	});
	test('a full refund sends product and shipping with their tax, from the ledger, never quantity × amount', () => {
		const plan = planRefund(shipped(), {
			full: true,
			lines: [parseRequestedRefund({ lineNumber: 1, reason: 'Others' }, 0, true, REFUND_REASONS)],
			allowRepeat: false,
		});
		expect(plan.toSend[0].isFullRefund).toBe(true);
		expect(
			plan.toSend[0].charges.map((/** @type {any} */ c) => [
				c.chargeType,
				c.amountCents,
				c.taxCents,
			]),
		).toEqual([
			['PRODUCT', 1000, 80],
			['SHIPPING', 400, 30],
		]);
	});
	test('a line already fully refunded is skipped; unshipped lines and duplicates are refused', () => {
		const done = order([line('1', { Shipped: 1 }, { returnOrderId: '2000' })]);
		const full = (/** @type {any} */ o, /** @type {any[]} */ lines) =>
			planRefund(o, {
				full: true,
				lines: lines.map((entry, index) =>
					parseRequestedRefund(entry, index, true, REFUND_REASONS),
				),
				allowRepeat: false,
			});
		expect(full(done, [{ lineNumber: 1, reason: 'Others' }]).skipped[0].message).toBe(
			'Line 1 is already fully refunded; not sent again',
		);
		expect(() => full(shipped(), [{ lineNumber: 2, reason: 'Others' }])).toThrow(
			'Line 2 has not shipped (Created 1)',
		);
		expect(() =>
			full(shipped(), [
				{ lineNumber: 1, reason: 'Others' },
				{ lineNumber: '1', reason: 'BillingError' },
			]),
		).toThrow('Line 1 is listed twice');
	});
});

describe('Refund Return planner', () => {
	const returnOrder = (/** @type {number} */ refunded) =>
		/** @type {any} */ ({
			returnOrderId: '100000000000000001',
			customerOrderId: '2000000000001',
			returnOrderLines: [
				{
					returnOrderLineNumber: 1,
					quantity: { unitOfMeasure: 'EA', measurementValue: 3 },
					refundedQty: refunded,
				},
			],
		});
	test('a quantity means "at least N units refunded"', () => {
		const wanted = parseRequestedReturnRefunds([{ returnOrderLineNumber: '1', quantity: '2' }]);
		expect(planReturnRefund(returnOrder(0), wanted).toRefund).toEqual([
			{ returnOrderLineNumber: 1, unitOfMeasure: 'EA', quantity: 2 },
		]);
		expect(planReturnRefund(returnOrder(1), wanted).toRefund).toEqual([
			{ returnOrderLineNumber: 1, unitOfMeasure: 'EA', quantity: 1 },
		]);
		expect(planReturnRefund(returnOrder(2), wanted).toRefund).toEqual([]);
		expect(planReturnRefund(returnOrder(3), 'all').skipped).toHaveLength(1);
		expect(() =>
			planReturnRefund(
				returnOrder(0),
				parseRequestedReturnRefunds([{ returnOrderLineNumber: 1, quantity: 4 }]),
			),
		).toThrow('asks for 4 unit(s) refunded, but only 3 was returned');
	});
});
