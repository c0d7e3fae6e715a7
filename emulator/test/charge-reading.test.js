// @ts-check
// How an order line's chargeAmount is read (per unit or for the whole line) and what that does
// to refund limits and full refunds.

const { startEmulator } = require('..');
const { createClient, asOrder, firstError, readResponse } = require('./helpers');

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').OrderLine} OrderLine */

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 8, orderCount: 600 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/** @param {number} amount */
const cents = (amount) => Math.round(amount * 100);
/** @param {number} value cents */
const money = (value) => (value / 100).toFixed(2);

/**
 * @param {OrderLine} line
 * @param {string[]} statuses
 */
function quantityIn(line, statuses) {
	return line.orderLineStatuses.orderLineStatus
		.filter((entry) => statuses.includes(entry.status))
		.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
}

/**
 * @param {(order: Order, line: OrderLine) => boolean} predicate
 * @returns {{ order: Order, line: OrderLine }}
 */
function findLine(predicate) {
	for (const order of emu.orders()) {
		for (const line of order.orderLines.orderLine) {
			if (order.shipNode.type !== 'WFSFulfilled' && predicate(order, line)) return { order, line };
		}
	}
	throw new Error('no seeded order line matches');
}

/**
 * @param {OrderLine} line
 * @param {string} chargeType
 */
function listed(line, chargeType) {
	const charge = line.charges.charge.find((candidate) => candidate.chargeType === chargeType);
	if (charge === undefined) throw new Error(`line has no ${chargeType} charge`);
	return {
		amount: cents(charge.chargeAmount.amount),
		tax: cents(charge.tax?.taxAmount.amount ?? 0),
	};
}

/** Fully shipped, several units, no refund yet, both charge types. */
function multiUnitShippedLine() {
	return findLine(
		(_order, line) =>
			Number(line.orderLineQuantity.amount) >= 2 &&
			quantityIn(line, ['Shipped', 'Delivered']) === Number(line.orderLineQuantity.amount) &&
			line.refund === undefined &&
			line.charges.charge.some((charge) => charge.chargeType === 'SHIPPING'),
	);
}

/** Part shipped, part cancelled, where the shipped share of the price is not whole cents. */
function splitLine() {
	return findLine((_order, line) => {
		const shipped = quantityIn(line, ['Shipped', 'Delivered']);
		const ordered = Number(line.orderLineQuantity.amount);
		return (
			line.refund === undefined &&
			shipped > 0 &&
			shipped < ordered &&
			(listed(line, 'PRODUCT').amount * shipped) % ordered !== 0
		);
	});
}

/**
 * @param {string} po
 * @param {string} lineNumber
 * @param {{ amount: number, tax?: number, isFullRefund?: boolean, chargeType?: string }} charge
 */
function refund(po, lineNumber, charge) {
	return client.post(`/v3/orders/${po}/refund`, {
		orderRefund: {
			purchaseOrderId: po,
			orderLines: {
				orderLine: [
					{
						lineNumber,
						isFullRefund: charge.isFullRefund ?? false,
						refunds: {
							refund: [
								{
									refundCharges: {
										refundCharge: [
											{
												refundReason: 'DamagedItem',
												charge: {
													chargeType: charge.chargeType ?? 'PRODUCT',
													chargeName: 'ItemPrice',
													chargeAmount: { currency: 'USD', amount: charge.amount },
													...(charge.tax === undefined
														? {}
														: {
																tax: {
																	taxName: 'Tax1',
																	taxAmount: { currency: 'USD', amount: charge.tax },
																},
															}),
												},
											},
										],
									},
								},
							],
						},
					},
				],
			},
		},
	});
}

/**
 * @param {Order} order
 * @param {string} lineNumber
 */
function refundChargesOf(order, lineNumber) {
	const line = order.orderLines.orderLine.find((candidate) => candidate.lineNumber === lineNumber);
	return (line?.refund?.refundCharges.refundCharge ?? []).map((entry) => [
		entry.charge.chargeType,
		cents(entry.charge.chargeAmount.amount),
		cents(entry.charge.tax?.taxAmount.amount ?? 0),
	]);
}

/** @param {string} path */
async function controlPost(path, /** @type {unknown} */ body) {
	return readResponse(
		await fetch(`${emu.baseUrl}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		}),
	);
}

test('perUnit is the default: the limit is the amount times the shipped units', async () => {
	expect(emu.info().chargeReading).toBe('perUnit');
	const { order, line } = multiUnitShippedLine();
	const units = Number(line.orderLineQuantity.amount);
	const { amount } = listed(line, 'PRODUCT');
	const po = order.purchaseOrderId;
	const over = await refund(po, line.lineNumber, { amount: -(amount * units + 1) / 100 });
	expect(over.status).toBe(400);
	expect(firstError(over).description).toContain(`charged ${money(amount * units)}`);
	expect((await refund(po, line.lineNumber, { amount: -(amount * units) / 100 })).status).toBe(200);
});

test('lineTotal: the amount is the whole line, so only it can be refunded', async () => {
	emu.setChargeReading('lineTotal');
	expect(emu.info().chargeReading).toBe('lineTotal');
	const { order, line } = multiUnitShippedLine();
	const { amount, tax } = listed(line, 'PRODUCT');
	const po = order.purchaseOrderId;
	const over = await refund(po, line.lineNumber, { amount: -(amount + 1) / 100 });
	expect(over.status).toBe(400);
	expect(firstError(over).description).toContain(`charged ${money(amount)}, already refunded 0.00`);
	const overTax = await refund(po, line.lineNumber, { amount: -0.01, tax: -(tax + 1) / 100 });
	expect(overTax.status).toBe(400);
	expect(firstError(overTax).description).toContain('tax');
	expect(
		(await refund(po, line.lineNumber, { amount: -amount / 100, tax: -tax / 100 })).status,
	).toBe(200);
});

test('lineTotal on a part-shipped line: the shipped share, rounded down to the cent', async () => {
	emu.setChargeReading('lineTotal');
	const { order, line } = splitLine();
	const shipped = quantityIn(line, ['Shipped', 'Delivered']);
	const ordered = Number(line.orderLineQuantity.amount);
	const share = Math.floor((listed(line, 'PRODUCT').amount * shipped) / ordered);
	const po = order.purchaseOrderId;
	const over = await refund(po, line.lineNumber, { amount: -(share + 1) / 100 });
	expect(over.status).toBe(400);
	expect(firstError(over).description).toContain(`charged ${money(share)}`);
	expect((await refund(po, line.lineNumber, { amount: -share / 100 })).status).toBe(200);
});

test('isFullRefund refunds what the active reading says was charged', async () => {
	const { order, line } = multiUnitShippedLine();
	const units = Number(line.orderLineQuantity.amount);
	const product = listed(line, 'PRODUCT');
	const shipping = listed(line, 'SHIPPING');
	const po = order.purchaseOrderId;

	const perUnit = asOrder(await refund(po, line.lineNumber, { amount: -1, isFullRefund: true }));
	expect(refundChargesOf(perUnit, line.lineNumber)).toEqual([
		['PRODUCT', -product.amount * units, -product.tax * units],
		['SHIPPING', -shipping.amount * units, -shipping.tax * units],
	]);

	emu.reset();
	client.resetToken();
	emu.setChargeReading('lineTotal');
	const lineTotal = asOrder(await refund(po, line.lineNumber, { amount: -1, isFullRefund: true }));
	expect(refundChargesOf(lineTotal, line.lineNumber)).toEqual([
		['PRODUCT', -product.amount, -product.tax],
		['SHIPPING', -shipping.amount, -shipping.tax],
	]);
});

test('isFullRefund under lineTotal on a part-shipped line, after a partial refund', async () => {
	emu.setChargeReading('lineTotal');
	const { order, line } = splitLine();
	const shipped = quantityIn(line, ['Shipped', 'Delivered']);
	const ordered = Number(line.orderLineQuantity.amount);
	const product = listed(line, 'PRODUCT');
	const share = Math.floor((product.amount * shipped) / ordered);
	const taxShare = Math.floor((product.tax * shipped) / ordered);
	const po = order.purchaseOrderId;
	expect((await refund(po, line.lineNumber, { amount: -0.05, tax: -0.01 })).status).toBe(200);
	const full = asOrder(await refund(po, line.lineNumber, { amount: -1, isFullRefund: true }));
	const charges = refundChargesOf(full, line.lineNumber);
	expect(charges[0]).toEqual(['PRODUCT', -5, -1]);
	expect(charges[1]).toEqual(['PRODUCT', -(share - 5), -(taxShare - 1)]);
	expect((await refund(po, line.lineNumber, { amount: -0.01 })).status).toBe(400);
});

test('the reading is set by option, control route and reset; bad values are refused', async () => {
	const configured = await startEmulator({ orderCount: 2, chargeReading: 'lineTotal' });
	try {
		expect(configured.info().chargeReading).toBe('lineTotal');
		configured.setChargeReading('perUnit');
		configured.reset();
		expect(configured.info().chargeReading).toBe('lineTotal');
	} finally {
		await configured.close();
	}
	await expect(
		startEmulator({ orderCount: 2, chargeReading: /** @type {any} */ ('perLine') }),
	).rejects.toThrow(/chargeReading/);
	expect(() => emu.setChargeReading(/** @type {any} */ ('total'))).toThrow(/perUnit/);

	const switched = await controlPost('/_emulator/charge-reading', { reading: 'lineTotal' });
	expect(switched).toMatchObject({ status: 200, body: { chargeReading: 'lineTotal' } });
	expect(emu.info().chargeReading).toBe('lineTotal');
	expect((await controlPost('/_emulator/charge-reading', { reading: 'x' })).status).toBe(400);
	expect((await controlPost('/_emulator/charge-reading', {})).status).toBe(400);
	// A plain reset goes back to the configured reading; a reset override becomes the configured one.
	emu.reset();
	expect(emu.info().chargeReading).toBe('perUnit');
	const reset = await controlPost('/_emulator/reset', { chargeReading: 'lineTotal' });
	expect(reset.body).toMatchObject({ chargeReading: 'lineTotal' });
	emu.reset();
	expect(emu.info().chargeReading).toBe('lineTotal');
	emu.reset({ chargeReading: 'perUnit' });
});
