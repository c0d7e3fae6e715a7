// @ts-check
'use strict';

const {
	REFUND_REASONS,
	REFUND_REASON_OPTIONS,
	US_CANCELLATION_REASONS,
	CA_CANCELLATION_REASONS,
	MX_CANCELLATION_REASONS,
	CANCELLATION_REASON_OPTIONS,
	CANCELLATION_REASONS_BY_MARKET,
} = require('../../dist/nodes/WalmartMarketplace/descriptions/reasons');

/** @param {Array<{ value: unknown }>} options */
const values = (options) => options.map((option) => option.value);

describe('refund reasons', () => {
	test('the dropdown offers each of Walmart’s 22 codes once, spelled exactly', () => {
		expect(REFUND_REASONS).toHaveLength(22);
		expect(REFUND_REASON_OPTIONS).toHaveLength(22);
		expect([...values(REFUND_REASON_OPTIONS)].sort()).toEqual([...REFUND_REASONS].sort());
	});

	test('each reason says when to use it and ends with its exact code', () => {
		for (const option of REFUND_REASON_OPTIONS) {
			expect(option.description).toMatch(
				new RegExp(`\\(code "${escape(String(option.value))}"\\)\\.?$`),
			);
			expect(String(option.description).length).toBeGreaterThan(40);
		}
	});

	test('twins sit next to each other and name each other', () => {
		const twins = [
			['DamagedItem', 'Shipping & Delivery -> Damaged'],
			['ItemNotReceivedByCustomer', 'Merchandise not received'],
			['Missing Parts / Instructions', 'Quality -> Missing Parts / Instructions'],
			['IncorrectShippingPrice', 'Shipping & Delivery -> Shipping Price Discrepancy'],
			['CancelledYetShipped', 'Buyer canceled'],
		];
		const order = values(REFUND_REASON_OPTIONS);
		for (const [first, second] of twins) {
			expect(order.indexOf(second) - order.indexOf(first)).toBe(1);
		}
	});
});

describe('cancellation reasons', () => {
	test('every market’s reasons, US first, then Canada’s own, then Mexico’s, each once', () => {
		expect(values(CANCELLATION_REASON_OPTIONS)).toEqual([
			...values(US_CANCELLATION_REASONS),
			'CANCEL_BY_SELLER',
			...values(MX_CANCELLATION_REASONS),
		]);
		const all = new Set(Object.values(CANCELLATION_REASONS_BY_MARKET).flatMap(values));
		expect(new Set(values(CANCELLATION_REASON_OPTIONS))).toEqual(all);
	});

	test('a reason of another market than the US carries the market in its name', () => {
		const us = new Set(values(US_CANCELLATION_REASONS));
		for (const option of CANCELLATION_REASON_OPTIONS.filter((o) => !us.has(o.value))) {
			const market = values(CA_CANCELLATION_REASONS).includes(option.value) ? 'Canada' : 'Mexico';
			expect(option.name).toMatch(new RegExp(`\\(${market} Only\\)$`));
		}
	});
});

/** @param {string} text */
function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
