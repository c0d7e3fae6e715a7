// @ts-check
/**
 * The Walmart Marketplace Trigger on n8n's engine (PollContext), one behaviour at a time, with
 * the emulator's live events. Date.now() stands on the emulator clock, so advancing that clock
 * moves the trigger's "now" as well.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Awaited<ReturnType<typeof createEngine>>} */
let engine;

beforeEach(async () => {
	emu = await startEmulator({ port: 0, seed: 5, orderCount: 60 });
	jest.spyOn(Date, 'now').mockImplementation(() => emu.now());
	engine = await createEngine(emu);
});

afterEach(async () => {
	jest.restoreAllMocks();
	await emu.close();
});

/** @param {number} epochMs */
const wholeSecond = (epochMs) => Math.floor(epochMs / 1000) * 1000;

/**
 * @param {Array<{ json: Record<string, any> }>} items
 * @param {string} [key]
 */
const idsOf = (items, key = 'purchaseOrderId') => items.map((item) => item.json[key]);

/**
 * The emitted JSON, loosely typed for assertions.
 * @param {Array<{ json: object }>} items
 * @returns {Array<Record<string, any>>}
 */
const jsonOf = (items) => items.map((item) => item.json);

const NEW_ORDER = { event: 'newOrder', simplify: true };

/** The trigger's static data as text, to show that a failed poll left it exactly as it was. */
const savedState = () => JSON.stringify(engine.triggerState());

describe('New Order', () => {
	test('the first poll only remembers; later orders come once, same-second ties and the window edge included', async () => {
		const before = emu.createOrder();
		expect(await engine.poll(NEW_ORDER)).toEqual([]);
		const edge = engine.triggerState().end;
		// Listed after the first poll, dated in the very second its window ended.
		const atEdge = emu.createOrder({ orderDate: edge });
		emu.advanceClock(5 * MINUTE);
		const second = wholeSecond(emu.now());
		const burst = [1, 2, 3].map(() => emu.createOrder({ orderDate: second }));
		emu.createOrder({ shipNodeType: 'WFSFulfilled' });
		const items = await engine.poll(NEW_ORDER);
		expect(idsOf(items).sort()).toEqual(
			[atEdge, ...burst].map((order) => order.purchaseOrderId).sort(),
		);
		expect(idsOf(items)).not.toContain(before.purchaseOrderId);
		expect(await engine.poll(NEW_ORDER)).toEqual([]);
		emu.advanceClock(MINUTE);
		expect(await engine.poll(NEW_ORDER)).toEqual([]);
		const query = emu.requests.filter((request) => request.path === '/v3/orders').at(-1)?.query;
		expect(query).toMatch(/createdStartDate=\d{4}-\d{2}-\d{2}T\d{2}(%3A|:)\d{2}(%3A|:)\d{2}Z/);
	});

	test('an order Walmart lists late is emitted within the look-back, and the look-back is an option', async () => {
		await engine.poll(NEW_ORDER);
		emu.advanceClock(5 * MINUTE);
		const late = emu.createOrder({ orderDate: wholeSecond(emu.now() - 100 * MINUTE) });
		const tooLate = emu.createOrder({ orderDate: wholeSecond(emu.now() - 150 * MINUTE) });
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual([late.purchaseOrderId]);

		const longer = { ...NEW_ORDER, options: { lookBackMinutes: 240 } };
		const patient = await createEngine(emu);
		await patient.poll(longer);
		emu.advanceClock(5 * MINUTE);
		const veryLate = emu.createOrder({ orderDate: wholeSecond(emu.now() - 200 * MINUTE) });
		expect(idsOf(await patient.poll(longer))).toEqual([veryLate.purchaseOrderId]);
		expect(idsOf(await engine.poll(NEW_ORDER))).not.toContain(tooLate.purchaseOrderId);
	});

	test('a failed or malformed poll moves nothing; the next poll emits what it missed', async () => {
		await engine.poll(NEW_ORDER);
		emu.advanceClock(5 * MINUTE);
		const during = emu.createOrder();
		const state = savedState();
		// The transport resends a read 3 times, so 4 answers make the poll fail.
		emu.injectFault({ type: 'serverError', status: 500, count: 4, pathPrefix: '/v3/orders' });
		await expect(engine.poll(NEW_ORDER)).rejects.toThrow(/Walmart/);
		expect(savedState()).toBe(state);
		emu.injectFault({ type: 'malformed', count: 4, pathPrefix: '/v3/orders' });
		await expect(engine.poll(NEW_ORDER)).rejects.toThrow(/was not a list/);
		expect(savedState()).toBe(state);
		// One malformed answer is resent within the poll.
		emu.injectFault({ type: 'malformed', count: 1, pathPrefix: '/v3/orders' });
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual([during.purchaseOrderId]);
		expect(await engine.poll(NEW_ORDER)).toEqual([]);
	});

	test('refused credentials surface as the error and leave the window alone', async () => {
		await engine.poll(NEW_ORDER);
		const state = savedState();
		Object.assign(engine.storedCredential(), { clientSecret: 'not-the-secret', accessToken: '' });
		await expect(engine.poll(NEW_ORDER)).rejects.toThrow(
			/Walmart refused the Client ID and Client Secret/,
		);
		expect(savedState()).toBe(state);
	});

	test('after downtime, each poll catches up at most 48 hours; all orders come once, in order', async () => {
		await engine.poll(NEW_ORDER);
		const start = engine.triggerState().end;
		/** @type {string[]} */
		const created = [];
		for (let day = 0; day < 5; day++) {
			emu.advanceClock(day === 0 ? 12 * HOUR : DAY);
			created.push(emu.createOrder().purchaseOrderId);
		}
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual(created.slice(0, 2));
		expect(engine.triggerState().end).toBe(start + 48 * HOUR);
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual(created.slice(2, 4));
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual(created.slice(4));
		expect(engine.triggerState().end).toBe(wholeSecond(emu.now()));
		expect(await engine.poll(NEW_ORDER)).toEqual([]);
	});

	test('Fetch Test Event returns the latest order and does not move the window', async () => {
		await engine.poll(NEW_ORDER);
		emu.advanceClock(MINUTE);
		const newest = emu.createOrder();
		const state = savedState();
		expect(idsOf(await engine.poll(NEW_ORDER, 'manual'))).toEqual([newest.purchaseOrderId]);
		expect(savedState()).toBe(state);
		expect(idsOf(await engine.poll(NEW_ORDER))).toEqual([newest.purchaseOrderId]);
	});

	test('other filters start afresh without replaying; a 0.1 state carries over', async () => {
		await engine.poll(NEW_ORDER);
		emu.advanceClock(MINUTE);
		emu.createOrder({ lines: [{ sku: 'SKU-A' }] });
		const withSku = { ...NEW_ORDER, sku: 'SKU-A' };
		expect(await engine.poll(withSku)).toEqual([]);
		emu.advanceClock(MINUTE);
		const next = emu.createOrder({ lines: [{ sku: 'SKU-A' }] });
		emu.createOrder({ lines: [{ sku: 'SKU-B' }] });
		expect(idsOf(await engine.poll(withSku))).toEqual([next.purchaseOrderId]);

		// The 0.1 trigger looked back 10 minutes; what came before that is long emitted.
		emu.advanceClock(30 * MINUTE);
		const legacy = await createEngine(emu);
		const emitted = emu.createOrder();
		emu.advanceClock(MINUTE);
		const missed = emu.createOrder();
		const old = {
			'node:Walmart Marketplace Trigger': {
				lastPollAt: emitted.orderDate + 1000,
				emittedIds: [[emitted.purchaseOrderId, emitted.orderDate]],
			},
		};
		const upgraded = await createEngine(emu, { triggerStaticData: old });
		expect(idsOf(await upgraded.poll(NEW_ORDER))).toEqual([missed.purchaseOrderId]);
		expect(await legacy.poll(NEW_ORDER)).toEqual([]);
	});
});

describe('New Released Order', () => {
	test('reads /v3/orders/released; an order is emitted once while it stays released', async () => {
		const released = { event: 'newReleasedOrder', simplify: true };
		await engine.poll(released);
		emu.advanceClock(MINUTE);
		const order = emu.createOrder();
		expect(idsOf(await engine.poll(released))).toEqual([order.purchaseOrderId]);
		emu.advanceClock(MINUTE);
		expect(await engine.poll(released)).toEqual([]);
		expect(emu.requests.at(-1)?.path).toBe('/v3/orders/released');
	});
});

describe('Order Status Changed', () => {
	const CHANGED = { event: 'orderStatusChanged', simplify: true };

	test('each change is emitted once with what moved: status, tracking, cancellation, refund', async () => {
		const first = emu.createOrder({ lines: [{ quantity: 2 }, { quantity: 1 }] });
		const po = first.purchaseOrderId;
		expect(await engine.poll(CHANGED)).toEqual([]);
		emu.advanceClock(5 * MINUTE);
		const second = emu.createOrder();
		emu.moveLine(po, '1', { status: 'Shipped', quantity: 1, trackingNumber: 'TRK-A1' });
		emu.advanceClock(MINUTE);
		let items = await engine.poll(CHANGED);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			purchaseOrderId: po,
			previousStateKnown: true,
			changeTypes: ['shipped'],
			changes: [
				{
					lineNumber: '1',
					from: { Created: 2 },
					to: { Created: 1, Shipped: 1 },
					tracking: { added: ['TRK-A1'], removed: [] },
				},
			],
		});
		expect(items[0].json.lines).toHaveLength(2);

		emu.advanceClock(5 * MINUTE);
		expect(await engine.poll(CHANGED)).toEqual([]);

		emu.moveLine(po, '2', { status: 'Cancelled' });
		emu.moveLine(second.purchaseOrderId, '1', { status: 'Acknowledged' });
		emu.advanceClock(5 * MINUTE);
		items = await engine.poll(CHANGED);
		expect(items.map((item) => item.json.changes)).toEqual(
			expect.arrayContaining([
				[
					expect.objectContaining({
						lineNumber: '2',
						from: { Created: 1 },
						to: { Cancelled: 1 },
						cancellation: { quantity: 1, reasons: ['CUSTOMER_REQUESTED_SELLER_TO_CANCEL'] },
					}),
				],
				[expect.objectContaining({ from: { Created: 1 }, to: { Acknowledged: 1 } })],
			]),
		);
		expect(items).toHaveLength(2);

		emu.moveLine(po, '1', { status: 'Delivered' });
		emu.refundLine(po, '1', { amount: 5, tax: 0.35 });
		emu.advanceClock(5 * MINUTE);
		items = await engine.poll(CHANGED);
		expect(items).toHaveLength(1);
		expect(jsonOf(items)[0].changeTypes.sort()).toEqual(['delivered', 'refunded']);
		expect(jsonOf(items)[0].changes[0]).toMatchObject({
			from: { Created: 1, Shipped: 1 },
			to: { Created: 1, Delivered: 1 },
			refund: { amount: 5.35, refunds: 1 },
		});
		expect(emu.requests.at(-1)?.query).toMatch(/createdStartDate=.*lastModifiedStartDate=/);
	});

	test('the Changes filter picks which changes start the workflow', async () => {
		const shippedOnly = { ...CHANGED, orderChanges: ['shipped'] };
		const order = emu.createOrder({ lines: [{ quantity: 1 }, { quantity: 1 }] });
		await engine.poll(shippedOnly);
		emu.advanceClock(MINUTE);
		emu.moveLine(order.purchaseOrderId, '1', { status: 'Acknowledged' });
		emu.advanceClock(MINUTE);
		expect(await engine.poll(shippedOnly)).toEqual([]);
		emu.moveLine(order.purchaseOrderId, '2', { status: 'Shipped' });
		emu.advanceClock(MINUTE);
		const items = await engine.poll(shippedOnly);
		expect(
			jsonOf(items).map((json) =>
				json.changes.map((/** @type {any} */ change) => change.lineNumber),
			),
		).toEqual([['2']]);
	});

	test('an order the trigger never saw reports how it stands, with from: null', async () => {
		/** @param {import('../../emulator/types').OrderLine} line */
		const isOpen = (line) =>
			line.orderLineStatuses.orderLineStatus.some(
				(entry) => entry.status === 'Created' || entry.status === 'Acknowledged',
			);
		await engine.poll(CHANGED);
		const now = emu.now();
		const old = emu
			.orders()
			.find(
				(order) =>
					order.shipNode.type === 'SellerFulfilled' &&
					!order.purchaseOrderId.startsWith('9') &&
					order.orderDate > now - 20 * DAY &&
					order.lastModified < now - 3 * HOUR &&
					order.orderLines.orderLine.some(isOpen),
			);
		if (!old) throw new Error('the seed has no suitable older order');
		const line = old.orderLines.orderLine.find(isOpen);
		emu.moveLine(old.purchaseOrderId, String(line?.lineNumber), { status: 'Cancelled' });
		emu.advanceClock(MINUTE);
		const items = await engine.poll(CHANGED);
		expect(items).toHaveLength(1);
		expect(items[0].json.previousStateKnown).toBe(false);
		expect(
			jsonOf(items)[0].changes.every((/** @type {any} */ change) => change.from === null),
		).toBe(true);
		expect(items[0].json.changeTypes).toContain('cancelled');
	});

	test('Fetch Test Event shows the latest change without touching the memory', async () => {
		const order = emu.createOrder();
		await engine.poll(CHANGED);
		emu.moveLine(order.purchaseOrderId, '1', { status: 'Shipped', trackingNumber: 'TRK-T' });
		emu.advanceClock(MINUTE);
		const state = savedState();
		const [item] = await engine.poll(CHANGED, 'manual');
		expect(item.json).toMatchObject({
			purchaseOrderId: order.purchaseOrderId,
			changes: [{ from: { Created: 1 }, to: { Shipped: 1 } }],
		});
		expect(savedState()).toBe(state);
		expect(idsOf(await engine.poll(CHANGED))).toEqual([order.purchaseOrderId]);
	});
});

describe('returns', () => {
	test('New Return emits each return once; Return Status Changed emits each move once', async () => {
		const newReturn = { event: 'newReturn', simplify: true };
		const changed = { event: 'returnStatusChanged', simplify: true };
		const returnsEngine = await createEngine(emu);
		await engine.poll(newReturn);
		await returnsEngine.poll(changed);
		const order = emu.createOrder({ lines: [{ quantity: 2 }] });
		emu.moveLine(order.purchaseOrderId, '1', { status: 'Shipped' });
		emu.advanceClock(5 * MINUTE);
		const opened = emu.openReturn({ purchaseOrderId: order.purchaseOrderId });
		expect(idsOf(await engine.poll(newReturn), 'returnOrderId')).toEqual([opened.returnOrderId]);
		expect(await returnsEngine.poll(changed)).toEqual([]);

		emu.moveReturnLine(opened.returnOrderId, 1, { status: 'DELIVERED' });
		emu.advanceClock(5 * MINUTE);
		let items = await returnsEngine.poll(changed);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			returnOrderId: opened.returnOrderId,
			changeTypes: ['delivered'],
			changes: [
				{
					returnOrderLineNumber: 1,
					from: { status: 'INITIATED', refundedQuantity: 0 },
					to: { status: 'DELIVERED', refundedQuantity: 0 },
				},
			],
		});
		emu.advanceClock(5 * MINUTE);
		expect(await returnsEngine.poll(changed)).toEqual([]);
		emu.moveReturnLine(opened.returnOrderId, 1, { status: 'COMPLETED', refundedQuantity: 2 });
		emu.advanceClock(MINUTE);
		items = await returnsEngine.poll(changed);
		expect(jsonOf(items)[0].changeTypes.sort()).toEqual(['completed', 'refunded']);
		expect(jsonOf(items)[0].changes[0].to).toEqual({
			status: 'COMPLETED',
			refundStatus: 'REFUND_COMPLETED',
			refundedQuantity: 2,
		});
		expect(await engine.poll(newReturn)).toEqual([]);
		expect(emu.requests.at(-1)?.query).toContain('returnCreationStartDate=');
	});
});
