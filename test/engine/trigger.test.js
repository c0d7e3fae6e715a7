// @ts-check
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

describe('Walmart Marketplace Trigger polling on the n8n engine', () => {
	/** @type {Awaited<ReturnType<typeof startEmulator>>} */
	let emu;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 3, orderCount: 200 });
	});
	afterEach(async () => {
		await emu.close();
	});

	test('the first poll only sets the starting point; later polls emit each new order once', async () => {
		const engine = await createEngine(emu);
		const firstPollAt = Date.now();
		expect(await engine.poll({ event: 'newOrder', simplify: true })).toEqual([]);
		// Pretend the previous poll ran three hours ago: what was created since is new, except what
		// the first poll already saw (its look-back window), which stays old.
		const previousPoll = Date.now() - 3 * 3600 * 1000;
		engine.triggerState().lastPollAt = previousPoll;
		const second = await engine.poll({ event: 'newOrder', simplify: true });
		const third = await engine.poll({ event: 'newOrder', simplify: true });
		const since = Math.floor((previousPoll - 10 * 60 * 1000) / 1000) * 1000;
		const expected = emu
			.orders()
			.filter(
				(order) =>
					order.orderDate >= since &&
					order.orderDate < firstPollAt - 10 * 60 * 1000 &&
					(order.shipNode?.type ?? 'SellerFulfilled') === 'SellerFulfilled',
			)
			.map((order) => order.purchaseOrderId);
		expect(expected.length).toBeGreaterThan(0);
		expect(second.map((item) => item.json.purchaseOrderId).sort()).toEqual(expected.sort());
		expect(third).toEqual([]);
		const query = emu.requests.filter((request) => request.path === '/v3/orders').at(-1)?.query;
		expect(query).toMatch(/createdStartDate=\d{4}-\d{2}-\d{2}T\d{2}(%3A|:)\d{2}(%3A|:)\d{2}Z/);
	});

	test('Fetch Test Event (manual mode) returns the latest order', async () => {
		const engine = await createEngine(emu);
		const items = await engine.poll({ event: 'newOrder', simplify: true }, 'manual');
		expect(items).toHaveLength(1);
		expect(typeof items[0].json.purchaseOrderId).toBe('string');
	});

	test('new returns are read from /v3/returns by creation date', async () => {
		const engine = await createEngine(emu);
		await engine.poll({ event: 'newReturn', simplify: true }, 'manual');
		const request = emu.requests.find((entry) => entry.path === '/v3/returns');
		expect(request?.query).toContain('returnCreationStartDate=');
	});
});
