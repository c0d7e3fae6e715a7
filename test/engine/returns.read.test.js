// @ts-check
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');

describe('Return Get Many on the n8n engine', () => {
	/** @type {Awaited<ReturnType<typeof startEmulator>>} */
	let emu;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, seed: 11, orderCount: 1000, returnCount: 450 });
	});
	afterAll(async () => {
		await emu.close();
	});
	beforeEach(() => emu.clearRequests());

	/** @param {string} path */
	const returnCalls = (path = '/v3/returns') =>
		emu.requests.filter((request) => request.method === 'GET' && request.path === path);

	test('Return All follows the offset cursors, 200 per page', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode({
			resource: 'return',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		const expected = emu.returns().length;
		expect(result.items).toHaveLength(expected);
		expect(new Set(result.items.map((item) => item.json.returnOrderId)).size).toBe(expected);
		expect(returnCalls()).toHaveLength(Math.ceil(expected / 200));
		expect(returnCalls()[0].query).toContain('limit=200');
		expect(returnCalls()[1].query).toMatch(/offset=200/);
	});

	test('filters by status and customer order, simplified with lines and reasons', async () => {
		const engine = await createEngine(emu);
		const sample = emu.returns()[0];
		const result = await engine.runNode({
			resource: 'return',
			operation: 'getAll',
			returnAll: true,
			filters: { customerOrderId: sample.customerOrderId },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.returnOrderId)).toContain(sample.returnOrderId);
		const first = result.items.find((item) => item.json.returnOrderId === sample.returnOrderId);
		const lines = /** @type {Array<Record<string, unknown>>} */ (first?.json.lines);
		expect(lines.length).toBe(sample.returnOrderLines?.length);
		expect(typeof lines[0].returnReason).toBe('string');
		expect(returnCalls()[0].query).toContain(`customerOrderId=${sample.customerOrderId}`);
	});

	test('a status Walmart does not know fails before any request', async () => {
		const engine = await createEngine(emu);
		const result = await engine.runNode({
			resource: 'return',
			operation: 'getAll',
			limit: 5,
			filters: { status: 'initiated' },
		});
		expect(result.error?.message).toBe(
			'"Status" has the value "initiated", which Walmart does not accept',
		);
		expect(result.error?.description).toBe('Walmart is case-sensitive here: use "INITIATED".');
		expect(returnCalls()).toHaveLength(0);
	});
});
