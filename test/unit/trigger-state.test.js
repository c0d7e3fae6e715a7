// @ts-check
'use strict';

/**
 * The trigger's memory rules (pollState.ts) and its change marks (statusChanges.ts), as pure
 * functions: windows, forgetting, the bound on remembered orders, the first-version state.
 */
const {
	evictKnown,
	nextFloor,
	nextWindow,
	pruneSeen,
	readState,
} = require('../../dist/nodes/WalmartMarketplace/helpers/pollState');
const {
	markOrder,
	initialOrderMark,
	orderChanges,
	markReturn,
	initialReturnMark,
	returnChanges,
} = require('../../dist/nodes/WalmartMarketplace/helpers/statusChanges');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const T = Date.UTC(2026, 10, 1, 12, 0, 0);

describe('windows', () => {
	test('the next window reaches back the look-back and ends now, in whole seconds', () => {
		const window = nextWindow(
			{ end: T, floor: T - 2 * HOUR },
			T + 5 * MINUTE + 700,
			2 * HOUR,
			48 * HOUR,
		);
		expect(window).toEqual({ start: T - 2 * HOUR, end: T + 5 * MINUTE, partial: false });
		expect(nextFloor({ floor: T - 2 * HOUR }, window, 2 * HOUR)).toBe(T - 2 * HOUR + 5 * MINUTE);
	});

	test('after downtime the window stops at the catch-up limit', () => {
		const window = nextWindow({ end: T, floor: T - 2 * HOUR }, T + 100 * HOUR, 2 * HOUR, 48 * HOUR);
		expect(window).toEqual({ start: T - 2 * HOUR, end: T + 48 * HOUR, partial: true });
	});

	test('a longer look-back never reaches below what was forgotten; a shorter one applies at once', () => {
		const state = { end: T, floor: T - 2 * HOUR };
		expect(nextWindow(state, T + MINUTE, 6 * HOUR, 48 * HOUR).start).toBe(T - 2 * HOUR);
		expect(nextWindow(state, T + MINUTE, 30 * MINUTE, 48 * HOUR).start).toBe(T - 30 * MINUTE);
	});

	test('a clock that went back does not shrink the window below the last end', () => {
		expect(nextWindow({ end: T, floor: T - HOUR }, T - 10 * MINUTE, HOUR, 48 * HOUR).end).toBe(T);
	});

	test('IDs are forgotten once no later window can list them', () => {
		expect(pruneSeen({ a: T - HOUR, b: T, c: T + HOUR }, T)).toEqual({ b: T, c: T + HOUR });
	});
});

describe('the bound on remembered orders', () => {
	/** @type {Record<string, [number, number, unknown]>} */
	const known = {
		old: [T - 40 * 24 * HOUR, T - 3 * HOUR, {}],
		a: [T - 5 * HOUR, T - 3 * HOUR, {}],
		b: [T - 4 * HOUR, T - 3 * HOUR, {}],
		listedLately: [T - 50 * HOUR, T, {}],
		c: [T - 2 * HOUR, T - 3 * HOUR, {}],
	};

	test('drops the oldest first, never one a later window may list, and moves the baseline past it', () => {
		const result = evictKnown(known, 0, { floor: T - HOUR, limit: 3 });
		expect(Object.keys(result.known).sort()).toEqual(['b', 'c', 'listedLately']);
		expect(result.baseline).toBe(T - 5 * HOUR + 1);
		expect(result.dropped).toBe(2);
	});

	test('drops what Walmart no longer lists, whatever the count', () => {
		const result = evictKnown(known, 0, {
			floor: T - HOUR,
			limit: 100,
			createdSince: T - 30 * 24 * HOUR,
		});
		expect(Object.keys(result.known).sort()).toEqual(['a', 'b', 'c', 'listedLately']);
	});

	test('entries a later window may list stay even above the limit', () => {
		const result = evictKnown(known, 0, { floor: T - HOUR, limit: 1 });
		expect(Object.keys(result.known)).toEqual(['listedLately']);
		expect(evictKnown(known, 0, { floor: T - 10 * HOUR, limit: 1 }).known).toEqual(known);
	});
});

describe('stored state', () => {
	test('another key or an unknown shape starts afresh; the 0.1 state carries over', () => {
		const state = { v: 1, key: 'k', end: T, floor: T - HOUR, seen: {}, known: {}, baseline: 0 };
		expect(readState(state, 'k', true)).toEqual(state);
		expect(readState(state, 'other', true)).toBeUndefined();
		expect(readState({ v: 1, key: 'k', end: 'x' }, 'k', true)).toBeUndefined();
		expect(readState({ lastPollAt: T + 500, emittedIds: [['1', T]] }, 'k', true)).toEqual({
			v: 1,
			key: 'k',
			end: T,
			floor: T - 10 * MINUTE,
			seen: { 1: T },
			known: {},
			baseline: 0,
		});
		expect(readState({ lastPollAt: T, emittedIds: [] }, 'k', false)).toBeUndefined();
	});
});

describe('change marks', () => {
	/**
	 * A partial order with what the marks read: enough for these tests, so typed loosely.
	 * @param {Array<[string, number]>} statuses
	 * @returns {any}
	 */
	function orderWith(statuses, refund = false) {
		return {
			purchaseOrderId: '1',
			orderLines: {
				orderLine: [
					{
						lineNumber: '1',
						item: { sku: 'S' },
						orderLineQuantity: { amount: '2' },
						charges: { charge: [{ chargeType: 'PRODUCT', chargeAmount: { amount: 10 } }] },
						orderLineStatuses: {
							orderLineStatus: statuses.map(([status, amount]) => ({
								status,
								statusQuantity: { amount: String(amount) },
								...(status === 'Shipped' ? { trackingInfo: { trackingNumber: 'T1' } } : {}),
							})),
						},
						...(refund
							? {
									refund: {
										refundCharges: {
											refundCharge: [
												{
													refundReason: 'Others',
													charge: { chargeType: 'PRODUCT', chargeAmount: { amount: -1.5 } },
												},
											],
										},
									},
								}
							: {}),
					},
				],
			},
		};
	}

	test('a new order stands as its initial state; a partial ship reports units, tracking and type', () => {
		const created = orderWith([['Created', 2]]);
		expect(markOrder(created)).toEqual(initialOrderMark(created));
		expect(orderChanges(created, initialOrderMark(created), markOrder(created)).changes).toEqual(
			[],
		);
		const shipped = orderWith([
			['Created', 1],
			['Shipped', 1],
		]);
		expect(orderChanges(shipped, markOrder(created), markOrder(shipped))).toEqual({
			changes: [
				{
					lineNumber: '1',
					sku: 'S',
					from: { Created: 2 },
					to: { Created: 1, Shipped: 1 },
					tracking: { added: ['T1'], removed: [] },
				},
			],
			types: ['shipped'],
		});
		const refunded = orderWith(
			[
				['Created', 1],
				['Shipped', 1],
			],
			true,
		);
		expect(orderChanges(refunded, markOrder(shipped), markOrder(refunded))).toEqual({
			changes: [
				expect.objectContaining({
					refund: { amount: 1.5, refunds: 1 },
					from: { Created: 1, Shipped: 1 },
				}),
			],
			types: ['refunded'],
		});
	});

	test('without an earlier mark, every line is reported with from: null', () => {
		const shipped = orderWith([['Shipped', 2]]);
		const { changes, types } = orderChanges(shipped, undefined, markOrder(shipped));
		expect(changes).toEqual([expect.objectContaining({ from: null, to: { Shipped: 2 } })]);
		expect(types).toEqual(['shipped']);
	});

	test('a return compares status and refunds; its initial refund status is not compared', () => {
		/** @type {any} */
		const opened = {
			returnOrderId: 'R',
			returnOrderLines: [
				{
					returnOrderLineNumber: 1,
					status: 'INITIATED',
					currentRefundStatus: 'REFUND_INITIATED',
					refundedQty: 0,
				},
			],
		};
		expect(returnChanges(opened, initialReturnMark(opened), markReturn(opened)).changes).toEqual(
			[],
		);
		/** @type {any} */
		const done = {
			...opened,
			returnOrderLines: [
				{
					returnOrderLineNumber: 1,
					status: 'COMPLETED',
					currentRefundStatus: 'REFUND_COMPLETED',
					refundedQty: 1,
				},
			],
		};
		const { changes, types } = returnChanges(done, markReturn(opened), markReturn(done));
		expect(types.sort()).toEqual(['completed', 'refunded']);
		expect(changes[0]).toMatchObject({
			from: { status: 'INITIATED', refundStatus: 'REFUND_INITIATED', refundedQuantity: 0 },
			to: { status: 'COMPLETED', refundStatus: 'REFUND_COMPLETED', refundedQuantity: 1 },
		});
	});
});
