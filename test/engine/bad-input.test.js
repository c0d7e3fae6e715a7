// @ts-check
/**
 * Loose input refused on n8n's real engine against the emulator: each case fails with the exact
 * message and a fix; input-level cases before any request at all, order-level cases before any
 * write; the emulator's orders and returns stay exactly as they were.
 */
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { BAD_INPUTS, findFixtures } = require('../helpers/bad-inputs');

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emu;
/** @type {Awaited<ReturnType<typeof createEngine>>} */
let engine;
/** @type {import('../helpers/bad-inputs').Fixtures} */
let fixtures;

beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 99, orderCount: 300, returnCount: 60 });
	engine = await createEngine(emu);
	fixtures = findFixtures(emu.orders(), emu.returns());
	// A token first, so that "no request" below means no Walmart call at all.
	await engine.runNode({
		resource: 'order',
		operation: 'get',
		purchaseOrderId: fixtures.shipped.purchaseOrderId,
	});
});
afterAll(async () => {
	await emu.close();
});

describe('bad input is refused before any request, naming the field, the value and the fix', () => {
	test('the table has at least 60 cases', () => {
		expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60);
	});

	const rows = BAD_INPUTS.map((entry) => /** @type {const} */ ([entry.name, entry]));
	test.each(rows)('%s', async (_name, entry) => {
		const before = JSON.stringify([emu.orders(), emu.returns()]);
		emu.clearRequests();
		const result = await engine.runNode(entry.parameters(fixtures));
		if (typeof entry.message === 'string') expect(result.error?.message).toBe(entry.message);
		else expect(result.error?.message).toMatch(entry.message);
		expect(result.error?.description ?? '').not.toBe('');
		if (entry.description) expect(result.error?.description).toBe(entry.description);
		const calls = emu.requests.filter((request) => request.path !== '/v3/token');
		if (entry.stage === 'input') expect(calls).toHaveLength(0);
		else expect(calls.filter((request) => request.method !== 'GET')).toHaveLength(0);
		expect(JSON.stringify([emu.orders(), emu.returns()])).toBe(before);
	});
});
