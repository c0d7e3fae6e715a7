// @ts-check
/**
 * The trigger's exactly-once promise, end to end: five triggers (one per event) poll 20 times on
 * n8n's engine while the emulator's live API creates about 200 events between the polls. The
 * timeline has same-second bursts, orders dated in the very second a window ended, an order
 * Walmart lists 90 minutes late, an order created while a poll is in flight, a round where every
 * poll fails (HTTP 500), one where every poll gets a malformed 200, one malformed answer that is
 * resent within the poll, a restart from the saved static data, and three days of downtime that
 * the next polls catch up in bounded slices. Every event must come out exactly once, with the
 * change it was. The figures are printed at the end.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** @typedef {'newOrder' | 'newReleasedOrder' | 'orderStatusChanged' | 'newReturn' | 'returnStatusChanged'} EventName */
/** @type {EventName[]} */
const EVENTS = [
	'newOrder',
	'newReleasedOrder',
	'orderStatusChanged',
	'newReturn',
	'returnStatusChanged',
];
/** @param {EventName} event */
const idKey = (event) => (/return/i.test(event) ? 'returnOrderId' : 'purchaseOrderId');

const ROUNDS = 20;
const OUTAGE_ROUND = 4;
const MALFORMED_ROUND = 7;
const LATE_LISTING_ROUND = 10;
const RESENT_MALFORMED_ROUND = 9;
const IN_FLIGHT_ROUND = 11;
const RESTART_ROUND = 12;
const DOWNTIME_ROUND = 15;

/** @param {number} epochMs */
const wholeSecond = (epochMs) => Math.floor(epochMs / 1000) * 1000;

/**
 * What each trigger should emit and what it did: per event, ID → the change types, in order.
 */
class Ledger {
	constructor() {
		/** @type {Record<string, Map<string, string[]>>} */
		this.expected = {};
		/** @type {Record<string, Map<string, string[]>>} */
		this.emitted = {};
		for (const event of EVENTS) {
			this.expected[event] = new Map();
			this.emitted[event] = new Map();
		}
		this.created = 0;
	}

	/**
	 * @param {EventName} event
	 * @param {string} id
	 * @param {string} [types] the change types the item must carry, sorted and joined
	 */
	expect(event, id, types = 'new') {
		const list = this.expected[event].get(id) ?? [];
		list.push(types);
		this.expected[event].set(id, list);
	}

	/**
	 * @param {EventName} event
	 * @param {Array<{ json: Record<string, any> }>} items
	 */
	record(event, items) {
		for (const { json } of items) {
			const id = json[idKey(event)];
			const list = this.emitted[event].get(id) ?? [];
			list.push(json.changeTypes ? [...json.changeTypes].sort().join('+') : 'new');
			this.emitted[event].set(id, list);
		}
	}

	/** @param {EventName} event */
	count(event) {
		const total = (/** @type {Map<string, string[]>} */ map) =>
			[...map.values()].reduce((sum, list) => sum + list.length, 0);
		const duplicates = [...this.emitted[event].entries()].filter(
			([id, list]) => list.length > (this.expected[event].get(id)?.length ?? 0),
		).length;
		return {
			expected: total(this.expected[event]),
			emitted: total(this.emitted[event]),
			duplicates,
		};
	}
}

/**
 * @typedef {{ id: string, stage: string, createdRound: number, lastChange: number, serial: number }} LiveOrder
 * @typedef {{ id: string, stage: string, lastChange: number }} LiveReturn
 */

test('five triggers, 20 polls, about 200 events: every event is emitted exactly once', async () => {
	const emu = await startEmulator({ port: 0, seed: 9, orderCount: 40 });
	jest.spyOn(Date, 'now').mockImplementation(() => emu.now());
	try {
		/** @type {Record<string, Awaited<ReturnType<typeof createEngine>>>} */
		const engines = {};
		for (const event of EVENTS) engines[event] = await createEngine(emu);
		const ledger = new Ledger();
		/** @type {LiveOrder[]} */
		const orders = [];
		/** @type {LiveReturn[]} */
		const returns = [];
		const returnedOrders = new Set(emu.returns().map((entry) => entry.customerOrderId));
		let lastGoodRound = 0;
		let failedPolls = 0;
		let polls = 0;

		/** @param {EventName} event */
		const parameters = (event) => ({ event, simplify: true });

		/**
		 * @param {number} round
		 * @returns {Promise<boolean>} whether every poll succeeded
		 */
		async function pollAll(round) {
			const startedAt = wholeSecond(emu.now());
			let allGood = true;
			for (const event of EVENTS) {
				polls++;
				try {
					ledger.record(event, await engines[event].poll(parameters(event)));
				} catch (error) {
					failedPolls++;
					allGood = false;
				}
			}
			// A catch-up poll that stopped short of now has not seen the newest changes yet.
			const caughtUp = EVENTS.every((event) => engines[event].triggerState().end >= startedAt);
			if (allGood && caughtUp) lastGoodRound = round;
			return allGood;
		}

		/**
		 * @param {number} round
		 * @param {{ orderDate?: number, lines?: Array<{ quantity?: number }> }} [spec]
		 */
		function newOrder(round, spec = {}) {
			const order = emu.createOrder(spec);
			ledger.created++;
			ledger.expect('newOrder', order.purchaseOrderId);
			ledger.expect('newReleasedOrder', order.purchaseOrderId);
			orders.push({
				id: order.purchaseOrderId,
				stage: 'created',
				createdRound: round,
				lastChange: -1,
				serial: orders.length,
			});
		}

		// A change may follow another (or the order's creation) only once every trigger has seen
		// the first in a successful poll; otherwise both are one change between two polls.
		const observed = (/** @type {number} */ round) => round <= lastGoodRound;

		/**
		 * @param {number} round
		 * @param {number} how many orders to move on
		 */
		function moveOrders(round, how) {
			let moved = 0;
			for (const order of orders) {
				if (moved === how) break;
				if (order.stage === 'done' || !observed(order.createdRound)) continue;
				if (order.lastChange !== -1 && !observed(order.lastChange)) continue;
				const id = order.id;
				let types;
				switch (order.stage) {
					case 'created':
						if (order.serial % 5 === 4) {
							emu.moveLine(id, '1', { status: 'Cancelled' });
							[order.stage, types] = ['done', 'cancelled'];
						} else {
							emu.moveLine(id, '1', { status: 'Acknowledged' });
							[order.stage, types] = ['acknowledged', 'acknowledged'];
						}
						break;
					case 'acknowledged':
						emu.moveLine(id, '1', { status: 'Shipped', trackingNumber: `TRK-${id}` });
						[order.stage, types] = ['shipped', 'shipped'];
						break;
					case 'shipped':
						emu.moveLine(id, '1', { status: 'Delivered' });
						[order.stage, types] = ['delivered', 'delivered'];
						break;
					default:
						emu.refundLine(id, '1', { amount: 2.5, tax: 0.18 });
						[order.stage, types] = ['done', 'refunded'];
				}
				order.lastChange = round;
				ledger.created++;
				ledger.expect('orderStatusChanged', id, types);
				moved++;
			}
		}

		/** @param {number} round */
		function openReturn(round) {
			const fromScenario = orders.find(
				(order) =>
					(order.stage === 'delivered' || order.stage === 'shipped') &&
					!returnedOrders.has(emu.getOrder(order.id)?.customerOrderId ?? ''),
			);
			const purchaseOrderId =
				fromScenario?.id ??
				emu
					.orders()
					.find(
						(order) =>
							order.shipNode.type === 'SellerFulfilled' &&
							!returnedOrders.has(order.customerOrderId) &&
							order.orderLines.orderLine.some((line) =>
								line.orderLineStatuses.orderLineStatus.some(
									(entry) => entry.status === 'Shipped' || entry.status === 'Delivered',
								),
							),
					)?.purchaseOrderId;
			if (purchaseOrderId === undefined) return;
			const opened = emu.openReturn({ purchaseOrderId });
			returnedOrders.add(opened.customerOrderId);
			ledger.created++;
			ledger.expect('newReturn', opened.returnOrderId);
			returns.push({ id: opened.returnOrderId, stage: 'INITIATED', lastChange: round });
		}

		/**
		 * @param {number} round
		 * @param {number} how
		 */
		function moveReturns(round, how) {
			let moved = 0;
			for (const entry of returns) {
				if (moved === how) break;
				if (!observed(entry.lastChange) || entry.stage === 'COMPLETED') continue;
				const line = emu.getReturn(entry.id)?.returnOrderLines[0];
				if (!line) continue;
				if (entry.stage === 'INITIATED') {
					emu.moveReturnLine(entry.id, 1, { status: 'DELIVERED' });
					entry.stage = 'DELIVERED';
					ledger.expect('returnStatusChanged', entry.id, 'delivered');
				} else {
					emu.moveReturnLine(entry.id, 1, {
						status: 'COMPLETED',
						refundedQuantity: line.quantity.measurementValue,
					});
					entry.stage = 'COMPLETED';
					ledger.expect('returnStatusChanged', entry.id, 'completed+refunded');
				}
				entry.lastChange = round;
				ledger.created++;
				moved++;
			}
		}

		// Activation: every trigger remembers what Walmart lists now and emits nothing.
		await pollAll(0);
		for (const event of EVENTS) expect(ledger.count(event).emitted).toBe(0);

		/** @type {number | undefined} */
		let catchUpEnd;
		for (let round = 1; round <= ROUNDS; round++) {
			const previousEnd = engines.newOrder.triggerState().end;
			if (round === DOWNTIME_ROUND) {
				// Three days without a poll; things keep happening.
				for (const [offset, orderCount, moves] of [
					[6 * HOUR, 3, 3],
					[30 * HOUR, 2, 3],
					[60 * HOUR, 2, 2],
				]) {
					emu.advanceClock(Math.max(0, previousEnd + offset - emu.now()));
					const second = wholeSecond(emu.now());
					for (let index = 0; index < orderCount; index++) newOrder(round, { orderDate: second });
					moveOrders(round, moves);
					openReturn(round);
					moveReturns(round, 1);
				}
				emu.advanceClock(Math.max(0, previousEnd + 72 * HOUR - emu.now()));
			} else {
				emu.advanceClock(MINUTE);
				// Dated in the very second the last window ended, listed only now.
				newOrder(round, { orderDate: previousEnd });
				emu.advanceClock(MINUTE);
				// A burst in one second, one of them with two lines.
				const second = wholeSecond(emu.now());
				newOrder(round, { orderDate: second, lines: [{ quantity: 2 }, { quantity: 1 }] });
				newOrder(round, { orderDate: second });
				newOrder(round, { orderDate: second });
				// Filtered out by Ship Node Type: not an event for these triggers.
				if (round % 3 === 0) emu.createOrder({ shipNodeType: 'WFSFulfilled' });
				if (round === LATE_LISTING_ROUND) {
					newOrder(round, { orderDate: wholeSecond(emu.now() - 90 * MINUTE) });
				}
				emu.advanceClock(MINUTE);
				moveOrders(round, 4);
				openReturn(round);
				moveReturns(round, 2);
				emu.advanceClock(2 * MINUTE);
			}

			if (round === OUTAGE_ROUND) {
				emu.injectFault({
					type: 'serverError',
					status: 500,
					count: 4 * EVENTS.length,
					pathPrefix: '/v3/',
				});
			}
			if (round === MALFORMED_ROUND) {
				emu.injectFault({ type: 'malformed', count: 4 * EVENTS.length, pathPrefix: '/v3/' });
			}
			if (round === RESENT_MALFORMED_ROUND) {
				emu.injectFault({ type: 'malformed', count: 1, pathPrefix: '/v3/orders' });
			}
			if (round === RESTART_ROUND) {
				// A restart: n8n loads the saved static data (JSON) into fresh engines, with a fresh token.
				for (const event of EVENTS) {
					const saved = JSON.parse(JSON.stringify(engines[event].triggerStaticData()));
					engines[event] = await createEngine(emu, { triggerStaticData: saved });
				}
			}
			if (round === IN_FLIGHT_ROUND) {
				// An order created while the New Order poll waits for Walmart's answer.
				emu.injectFault({ type: 'slow', delayMs: 300, pathPrefix: '/v3/orders' });
				const inFlight = engines.newOrder.poll(parameters('newOrder'));
				await new Promise((resolve) => setTimeout(resolve, 100));
				newOrder(round);
				polls++;
				ledger.record('newOrder', await inFlight);
			}

			const good = await pollAll(round);
			expect(good).toBe(round !== OUTAGE_ROUND && round !== MALFORMED_ROUND);
			if (round === DOWNTIME_ROUND) {
				catchUpEnd = engines.newOrder.triggerState().end;
				expect(catchUpEnd).toBe(previousEnd + 48 * HOUR);
			}
			if (round === DOWNTIME_ROUND + 1) {
				expect(engines.newOrder.triggerState().end).toBe(wholeSecond(emu.now()));
			}
		}

		// Quiet polls: nothing new, so nothing is emitted; count Walmart calls per poll.
		// Reads answered with data (or 404 "none"), reads answered 401 because the 15-minute token
		// ran out (n8n then exchanges the keys and resends), and token exchanges.
		/** @type {Record<string, { reads: number, expired: number, token: number }>} */
		const idle = {};
		const IDLE_POLLS = 6;
		for (const event of EVENTS) idle[event] = { reads: 0, expired: 0, token: 0 };
		for (let index = 0; index < IDLE_POLLS; index++) {
			emu.advanceClock(5 * MINUTE);
			for (const event of EVENTS) {
				const before = emu.requests.length;
				expect(await engines[event].poll(parameters(event))).toEqual([]);
				for (const request of emu.requests.slice(before)) {
					if (request.path === '/v3/token') idle[event].token++;
					else if (request.status === 401) idle[event].expired++;
					else idle[event].reads++;
				}
			}
		}

		const figures = Object.fromEntries(EVENTS.map((event) => [event, ledger.count(event)]));
		for (const event of EVENTS) {
			expect(Object.fromEntries(ledger.emitted[event])).toEqual(
				Object.fromEntries(ledger.expected[event]),
			);
			expect(figures[event].duplicates).toBe(0);
		}
		const expectedTotal = EVENTS.reduce((sum, event) => sum + figures[event].expected, 0);
		const emittedTotal = EVENTS.reduce((sum, event) => sum + figures[event].emitted, 0);
		expect(emittedTotal).toBe(expectedTotal);
		expect(ledger.created).toBeGreaterThanOrEqual(180);
		for (const event of EVENTS) expect(idle[event].reads).toBe(IDLE_POLLS);

		console.log(
			JSON.stringify(
				{
					eventsCreated: ledger.created,
					itemsExpected: expectedTotal,
					itemsEmitted: emittedTotal,
					perTrigger: figures,
					polls,
					failedPolls,
					walmartCallsPerIdlePoll: Object.fromEntries(
						EVENTS.map((event) => [
							event,
							{
								reads: idle[event].reads / IDLE_POLLS,
								expiredTokenResends: idle[event].expired / IDLE_POLLS,
								tokenExchanges: idle[event].token / IDLE_POLLS,
							},
						]),
					),
				},
				null,
				2,
			),
		);
	} finally {
		jest.restoreAllMocks();
		await emu.close();
	}
}, 180000);
