// @ts-check
// The order cap, injected latency and their control routes.

const { startEmulator } = require('..');
const { DAY_MS, createClient, asOrderList, isoSeconds } = require('./helpers');

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const SINCE = `createdStartDate=${isoSeconds(NOW - 175 * DAY_MS)}`;

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 5, orderCount: 600, now: NOW, orderCap: 300 });
	client = createClient(emu);
});
afterAll(async () => {
	await emu.close();
});
afterEach(() => {
	emu.reset();
	client.resetToken();
});

test('a query matching more orders than the cap gets a 400 naming the cap and the dates', async () => {
	const response = await client.get(`/v3/orders?limit=10&${SINCE}`);
	expect(response.status).toBe(400);
	const body = /** @type {any} */ (response.body);
	const [error] = body.errors.error;
	expect(error.code).toBe('INVALID_REQUEST_PARAM.GMP_ORDER_API');
	expect(error.field).toBe('createdStartDate');
	expect(error.description).toMatch(/at most 300 orders can be fetched at a time/);
	const released = await client.get(
		`/v3/orders/released?limit=10&${SINCE}&shipNodeType=SellerFulfilled`,
	);
	// Fewer released orders than the cap are simply listed.
	expect([200, 400]).toContain(released.status);
});

test('a query at or below the cap pages normally, and the cap can be changed or removed', async () => {
	const seller = emu.orders().filter((order) => order.shipNode.type === 'SellerFulfilled');
	const cut = seller[299].orderDate;
	const narrow = `createdStartDate=${isoSeconds(cut)}`;
	const first = asOrderList(await client.get(`/v3/orders?limit=200&${narrow}`));
	expect(first.list.meta.totalCount).toBeLessThanOrEqual(300);

	const control = await fetch(`${emu.baseUrl}/_emulator/order-cap`, {
		method: 'POST',
		body: JSON.stringify({ cap: null }),
	});
	expect(await control.json()).toMatchObject({ orderCap: null });
	const all = asOrderList(await client.get(`/v3/orders?limit=10&${SINCE}`));
	expect(all.list.meta.totalCount).toBe(seller.length);
	emu.setOrderCap(seller.length - 1);
	expect((await client.get(`/v3/orders?limit=10&${SINCE}`)).status).toBe(400);
	expect(() => emu.setOrderCap(0)).toThrow(RangeError);
});

test('injected latency delays every /v3 answer and is reported by /_emulator/scale', async () => {
	emu.setLatency(120);
	const started = performance.now();
	const response = await client.get(`/v3/orders?limit=1`);
	expect(response.status).toBe(200);
	expect(performance.now() - started).toBeGreaterThanOrEqual(115);
	const set = await fetch(`${emu.baseUrl}/_emulator/latency`, {
		method: 'POST',
		body: JSON.stringify({ ms: 0 }),
	});
	expect(await set.json()).toEqual({ orderCap: 300, latencyMs: 0 });
	const bad = await fetch(`${emu.baseUrl}/_emulator/latency`, {
		method: 'POST',
		body: JSON.stringify({ ms: -1 }),
	});
	expect(bad.status).toBe(400);
	expect(emu.info()).toMatchObject({ orderCap: 300, latencyMs: 0 });
});

test('reset restores the configured cap and latency', async () => {
	emu.setLatency(30);
	emu.setOrderCap(null);
	emu.reset();
	expect(emu.info()).toMatchObject({ orderCap: 300, latencyMs: 0 });
});
