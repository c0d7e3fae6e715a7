// @ts-check
const { startEmulator } = require('../../emulator');
const { createEngine } = require('../helpers/engine');
const { returnOf } = require('../helpers/state');

describe('Refund Return on the n8n engine', () => {
	/** @type {Awaited<ReturnType<typeof startEmulator>>} */
	let emu;
	beforeEach(async () => {
		emu = await startEmulator({ port: 0, seed: 5, orderCount: 300, returnCount: 80 });
	});
	afterEach(async () => {
		await emu.close();
	});

	const refundPosts = () =>
		emu.requests.filter(
			(request) => request.method === 'POST' && /\/v3\/returns\/\d+\/refund$/.test(request.path),
		);

	const openReturn = (skip = 0) => {
		const found = emu
			.returns()
			.filter((entry) =>
				(entry.returnOrderLines ?? []).every((line) => Number(line.refundedQty ?? 0) === 0),
			);
		if (found.length <= skip) throw new Error('no unrefunded return in the emulator');
		return found[skip];
	};

	test('refunds every line of a return, looking up the customer order; a re-run sends nothing', async () => {
		const engine = await createEngine(emu);
		const target = openReturn();
		const parameters = {
			resource: 'return',
			operation: 'refund',
			returnOrderId: target.returnOrderId,
			lineSelection: 'all',
		};
		const first = await engine.runNode(parameters);
		expect(first.error).toBeUndefined();
		expect(refundPosts()).toHaveLength(1);
		expect(/** @type {any} */ (refundPosts()[0].body).customerOrderId).toBe(target.customerOrderId);
		const after = returnOf(emu, target.returnOrderId);
		for (const line of after.returnOrderLines ?? []) {
			expect(line.refundedQty).toBe(line.quantity?.measurementValue);
		}
		const second = await engine.runNode(parameters);
		expect(second.error).toBeUndefined();
		expect(refundPosts()).toHaveLength(1);
		expect(/** @type {any} */ (second.items[0].json).summary).toMatchObject({
			skipped: (target.returnOrderLines ?? []).length,
			refunded: 0,
		});
	});

	test('a wrong customer order ID is refused before any request', async () => {
		const engine = await createEngine(emu);
		const target = openReturn(1);
		const result = await engine.runNode({
			resource: 'return',
			operation: 'refund',
			returnOrderId: target.returnOrderId,
			customerOrderId: '1234567890123',
		});
		expect(result.error?.message).toBe(
			`Return ${target.returnOrderId} belongs to customer order ${target.customerOrderId}, not 1234567890123`,
		);
		expect(refundPosts()).toHaveLength(0);
	});

	test('dry run outputs the request and sends nothing', async () => {
		const engine = await createEngine(emu);
		const target = openReturn(2);
		const result = await engine.runNode({
			resource: 'return',
			operation: 'refund',
			returnOrderId: target.returnOrderId,
			options: { dryRun: true },
		});
		expect(result.error).toBeUndefined();
		expect(/** @type {any} */ (result.items[0].json).requests[0].path).toBe(
			`/v3/returns/${target.returnOrderId}/refund`,
		);
		expect(refundPosts()).toHaveLength(0);
	});
});
