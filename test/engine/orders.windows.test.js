// @ts-check
/**
 * Return All in date windows on n8n's real engine against the emulator, with a small order cap
 * so the data stays modest: halving on Walmart's cap error, exactly-once output newest first,
 * the minimum calls at concurrency 1, and 429s waited out with no failure.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const SINCE = new Date(NOW - 175 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {string[]} */
let sellerIds;

beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 21, orderCount: 2000, now: NOW, orderCap: 500 });
	sellerIds = emu
		.orders()
		.filter((order) => order.shipNode.type === 'SellerFulfilled')
		.map((order) => order.purchaseOrderId);
});
afterAll(async () => {
	await emu.close();
});
beforeEach(() => {
	emu.reset();
});

const listCalls = () => emu.requests.filter((request) => request.path === '/v3/orders');

/** @param {Record<string, unknown>} options */
async function returnAll(options = {}) {
	const engine = await createEngine(emu);
	return await engine.runNode({
		resource: 'order',
		operation: 'getAll',
		returnAll: true,
		filters: { createdStartDate: SINCE },
		simplify: false,
		options,
	});
}

/** @param {Awaited<ReturnType<typeof returnAll>>} result */
function expectEveryOrderOnceNewestFirst(result) {
	expect(result.error).toBeUndefined();
	const ids = result.items.map((item) => String(item.json.purchaseOrderId));
	expect(ids).toHaveLength(sellerIds.length);
	expect(new Set(ids)).toEqual(new Set(sellerIds));
	const dates = result.items.map((item) => Number(item.json.orderDate));
	for (let index = 1; index < dates.length; index++) {
		expect(dates[index]).toBeLessThanOrEqual(dates[index - 1]);
	}
}

test('a range over Walmart’s cap is halved until every window fits; every order once, newest first', async () => {
	expect(sellerIds.length).toBeGreaterThan(1000);
	const result = await returnAll();
	expectEveryOrderOnceNewestFirst(result);
	const capErrors = listCalls().filter((request) => request.status === 400);
	expect(capErrors.length).toBeGreaterThan(0);
	// An empty window is Walmart's 404 CONTENT_NOT_FOUND; nothing else may fail.
	expect(listCalls().every((request) => [200, 400, 404].includes(Number(request.status)))).toBe(
		true,
	);
});

test('concurrency 1 under the cap reads one cursor with exactly the minimum calls', async () => {
	emu.setOrderCap(null);
	const result = await returnAll({ concurrency: 1 });
	expectEveryOrderOnceNewestFirst(result);
	expect(listCalls()).toHaveLength(Math.ceil(sellerIds.length / 200));
});

test('under a tight per-endpoint throttle, 429s are waited out with no failure', async () => {
	emu.setOrderCap(null);
	emu.setThrottle({ endpoints: { getAllOrders: { capacity: 3, refillPerSecond: 20 } } });
	const result = await returnAll({ concurrency: 4 });
	expectEveryOrderOnceNewestFirst(result);
	const throttled = listCalls().filter((request) => request.status === 429).length;
	// The budget reads the replenishment headers, so few requests are turned away.
	expect(throttled).toBeLessThanOrEqual(4);
});
