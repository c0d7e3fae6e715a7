// @ts-check
// Cancel order lines, refund order lines and issue return refunds: validation, the
// all-or-nothing rules, and state that persists across calls.

const { startEmulator } = require('..');
const {
	createClient,
	asOrder,
	asReturnList,
	asReturnRefund,
	firstError,
	readResponse,
} = require('./helpers');

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').OrderLine} OrderLine */
/** @typedef {import('../types').LineStatus} LineStatus */
/** @typedef {import('../types').ReturnOrder} ReturnOrder */

const BULK_CREATED = '9000000000250';
const BULK_ACKNOWLEDGED = '9000000000150';

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 21, orderCount: 800, returnCount: 150 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/**
 * @param {OrderLine} line
 * @param {LineStatus[]} statuses
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
			if (predicate(order, line)) return { order, line };
		}
	}
	throw new Error('no seeded order line matches');
}

/**
 * @param {string} lineNumber
 * @param {string} [amount]
 * @param {string} [reason]
 */
function cancelLine(lineNumber, amount = '1', reason = 'SELLER_CANCEL_OUT_OF_STOCK') {
	return {
		lineNumber,
		orderLineStatuses: {
			orderLineStatus: [
				{
					status: 'Cancelled',
					cancellationReason: reason,
					statusQuantity: { unitOfMeasurement: 'EA', amount },
				},
			],
		},
	};
}

/** @param {unknown[]} lines */
function cancelBody(lines) {
	return { orderCancellation: { orderLines: { orderLine: lines } } };
}

/**
 * @param {number} from
 * @param {number} count
 */
function lineNumbers(from, count) {
	return Array.from({ length: count }, (_, index) => String(from + index));
}

/**
 * @param {string} purchaseOrderId
 * @param {unknown[]} lines
 */
function refundBody(purchaseOrderId, lines) {
	return { orderRefund: { purchaseOrderId, orderLines: { orderLine: lines } } };
}

/**
 * @param {string} lineNumber
 * @param {{ chargeType?: string, amount: number, tax?: number, reason?: string, isFullRefund?: boolean, currency?: string, chargeName?: string }} charge
 */
function refundLine(lineNumber, charge) {
	return {
		lineNumber,
		isFullRefund: charge.isFullRefund ?? false,
		refunds: {
			refund: [
				{
					refundComments: 'emulator test',
					refundCharges: {
						refundCharge: [
							{
								refundReason: charge.reason ?? 'DamagedItem',
								charge: {
									chargeType: charge.chargeType ?? 'PRODUCT',
									chargeName: charge.chargeName ?? 'Item Price',
									chargeAmount: { currency: charge.currency ?? 'USD', amount: charge.amount },
									...(charge.tax === undefined
										? {}
										: {
												tax: {
													taxName: 'Item Price Tax',
													taxAmount: { currency: charge.currency ?? 'USD', amount: charge.tax },
												},
											}),
								},
							},
						],
					},
				},
			],
		},
	};
}

/**
 * Positive cents charged for a line, per charge type, over its shipped or delivered units.
 * @param {OrderLine} line
 * @param {string} chargeType
 */
function chargedCents(line, chargeType) {
	const units = quantityIn(line, ['Shipped', 'Delivered']);
	let amount = 0;
	let tax = 0;
	for (const charge of line.charges.charge) {
		if (charge.chargeType !== chargeType) continue;
		amount += Math.round(charge.chargeAmount.amount * 100) * units;
		tax += Math.round((charge.tax?.taxAmount.amount ?? 0) * 100) * units;
	}
	for (const refund of line.refund?.refundCharges.refundCharge ?? []) {
		if (refund.charge.chargeType !== chargeType) continue;
		amount += Math.round(refund.charge.chargeAmount.amount * 100);
		tax += Math.round((refund.charge.tax?.taxAmount.amount ?? 0) * 100);
	}
	return { remaining: amount, remainingTax: tax };
}

describe('POST /v3/orders/{id}/cancel', () => {
	test('cancels part of a line: the quantity splits into a Cancelled entry with the reason', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				candidate.shipNode.type === 'SellerFulfilled' &&
				quantityIn(candidateLine, ['Created', 'Acknowledged']) >= 2,
		);
		const open = quantityIn(line, ['Created', 'Acknowledged']);
		const response = await client.post(
			`/v3/orders/${order.purchaseOrderId}/cancel`,
			cancelBody([cancelLine(line.lineNumber, '1', 'SELLER_CANCEL_PRICING_ERROR')]),
		);
		const updated = asOrder(response);
		const updatedLine = updated.orderLines.orderLine.find(
			(candidate) => candidate.lineNumber === line.lineNumber,
		);
		if (updatedLine === undefined) throw new Error('line missing');
		expect(quantityIn(updatedLine, ['Created', 'Acknowledged'])).toBe(open - 1);
		expect(updatedLine.orderLineStatuses.orderLineStatus).toContainEqual({
			status: 'Cancelled',
			cancellationReason: 'SELLER_CANCEL_PRICING_ERROR',
			statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
		});
		const stored = emu.getOrder(order.purchaseOrderId);
		expect(stored?.lastModified).toBeGreaterThan(order.lastModified);
		expect(asOrder(await client.get(`/v3/orders/${order.purchaseOrderId}`)).orderLines).toEqual(
			updated.orderLines,
		);
	});

	test('cancels the 250-line order in batches of at most 100', async () => {
		for (const [from, count] of [
			[1, 100],
			[101, 100],
			[201, 50],
		]) {
			const response = await client.post(
				`/v3/orders/${BULK_CREATED}/cancel`,
				cancelBody(lineNumbers(from, count).map((number) => cancelLine(number))),
			);
			expect(response.status).toBe(200);
		}
		const order = emu.getOrder(BULK_CREATED);
		expect(
			order?.orderLines.orderLine.every(
				(line) =>
					line.orderLineStatuses.orderLineStatus.length === 1 &&
					line.orderLineStatuses.orderLineStatus[0].status === 'Cancelled',
			),
		).toBe(true);
		const released = await client.get(`/v3/orders/released?purchaseOrderId=${BULK_CREATED}`);
		expect(released.status).toBe(404);
	});

	test('more than 100 lines → 400 and nothing changes', async () => {
		const response = await client.post(
			`/v3/orders/${BULK_ACKNOWLEDGED}/cancel`,
			cancelBody(lineNumbers(1, 101).map((number) => cancelLine(number))),
		);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'orderCancellation.orderLines.orderLine',
		});
		expect(firstError(response).description).toContain('at most 100');
		expect(
			emu.getOrder(BULK_ACKNOWLEDGED)?.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0]
				.status,
		).toBe('Acknowledged');
	});

	test('all-or-nothing: one already-cancelled line rejects the whole request', async () => {
		expect(
			(await client.post(`/v3/orders/${BULK_CREATED}/cancel`, cancelBody([cancelLine('2')])))
				.status,
		).toBe(200);
		const response = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('1'), cancelLine('2'), cancelLine('3')]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'data',
		});
		expect(firstError(response).description).toBe(
			`Unable to process this request. The Line: 2 of PO: ${BULK_CREATED} is in CANCELLED status`,
		);
		const lines = emu.getOrder(BULK_CREATED)?.orderLines.orderLine ?? [];
		expect(lines[0].orderLineStatuses.orderLineStatus[0].status).toBe('Created');
		expect(lines[2].orderLineStatuses.orderLineStatus[0].status).toBe('Created');
	});

	test('a shipped line cannot be cancelled', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				candidate.shipNode.type === 'SellerFulfilled' &&
				candidateLine.orderLineStatuses.orderLineStatus.every(
					(entry) => entry.status === 'Shipped',
				),
		);
		const response = await client.post(
			`/v3/orders/${order.purchaseOrderId}/cancel`,
			cancelBody([cancelLine(line.lineNumber)]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toBe(
			`Unable to process this request. The Line: ${line.lineNumber} of PO: ${order.purchaseOrderId} is in SHIPPED status`,
		);
	});

	test('asking for more than the open quantity is refused', async () => {
		const response = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('1', '2')]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toContain(
			'has only 1 unit(s) in Created/Acknowledged status',
		);
	});

	test('an unknown line rejects the request', async () => {
		const response = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('1'), cancelLine('999')]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).field).toBe('orderCancellation.orderLines.orderLine[1].lineNumber');
		expect(
			emu.getOrder(BULK_CREATED)?.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0]
				.status,
		).toBe('Created');
	});

	const line = () => cancelLine('1');
	/** @type {[string, unknown, string][]} */
	const invalidBodies = [
		['no orderCancellation', {}, 'orderCancellation'],
		['no orderLines', { orderCancellation: {} }, 'orderCancellation.orderLines'],
		['empty orderLine', cancelBody([]), 'orderCancellation.orderLines.orderLine'],
		[
			'no lineNumber',
			cancelBody([{ ...line(), lineNumber: undefined }]),
			'orderCancellation.orderLines.orderLine[0].lineNumber',
		],
		[
			'status not Cancelled',
			cancelBody([
				{
					lineNumber: '1',
					orderLineStatuses: {
						orderLineStatus: [
							{ ...line().orderLineStatuses.orderLineStatus[0], status: 'Canceled' },
						],
					},
				},
			]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].status',
		],
		[
			'Seller Center reason label',
			cancelBody([cancelLine('1', '1', 'CUSTOMER_CHANGED_MIND')]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].cancellationReason',
		],
		[
			'unit PCS',
			cancelBody([
				{
					lineNumber: '1',
					orderLineStatuses: {
						orderLineStatus: [
							{
								...line().orderLineStatuses.orderLineStatus[0],
								statusQuantity: { unitOfMeasurement: 'PCS', amount: '1' },
							},
						],
					},
				},
			]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].statusQuantity.unitOfMeasurement',
		],
		[
			'amount "0"',
			cancelBody([cancelLine('1', '0')]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].statusQuantity.amount',
		],
		[
			'amount "1.5"',
			cancelBody([cancelLine('1', '1.5')]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].statusQuantity.amount',
		],
		[
			'amount as a number',
			cancelBody([
				{
					lineNumber: '1',
					orderLineStatuses: {
						orderLineStatus: [
							{
								...line().orderLineStatuses.orderLineStatus[0],
								statusQuantity: { unitOfMeasurement: 'EA', amount: 1 },
							},
						],
					},
				},
			]),
			'orderCancellation.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].statusQuantity.amount',
		],
		[
			'duplicate line',
			cancelBody([cancelLine('1'), cancelLine('1')]),
			'orderCancellation.orderLines.orderLine[1].lineNumber',
		],
	];
	test.each(invalidBodies)('%s → 400 naming the field', async (_name, body, field) => {
		const response = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, body);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field,
		});
		expect(firstError(response).description.length).toBeGreaterThan(20);
	});

	test('reasons follow WM_MARKET', async () => {
		const global = { WM_GLOBAL_VERSION: '3.1' };
		const usReasonInMx = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('1', '1', 'SELLER_CANCEL_OUT_OF_STOCK')]),
			{ ...global, WM_MARKET: 'mx' },
		);
		expect(usReasonInMx.status).toBe(400);
		expect(firstError(usReasonInMx).description).toContain('MIRAKL_REFUND_45');
		const mx = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('1', '1', 'SELLER_REJECTION')]),
			{ ...global, WM_MARKET: 'mx' },
		);
		expect(mx.status).toBe(200);
		const ca = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('2', '1', 'CANCEL_BY_SELLER')]),
			{ ...global, WM_MARKET: 'ca' },
		);
		expect(ca.status).toBe(200);
		const caInUs = await client.post(
			`/v3/orders/${BULK_CREATED}/cancel`,
			cancelBody([cancelLine('3', '1', 'CANCEL_BY_SELLER')]),
		);
		expect(caInUs.status).toBe(400);
	});

	test('WFS orders are refused; unknown POs are 404', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				candidate.shipNode.type === 'WFSFulfilled' &&
				quantityIn(candidateLine, ['Created', 'Acknowledged']) > 0,
		);
		const wfs = await client.post(
			`/v3/orders/${order.purchaseOrderId}/cancel`,
			cancelBody([cancelLine(line.lineNumber)]),
		);
		expect(wfs.status).toBe(400);
		expect(firstError(wfs).description).toContain('WFS');
		const unknown = await client.post(
			'/v3/orders/1111111111111/cancel',
			cancelBody([cancelLine('1')]),
		);
		expect(unknown.status).toBe(404);
		expect(firstError(unknown).code).toBe('CONTENT_NOT_FOUND.GMP_ORDER_API');
	});

	test('non-JSON bodies are refused', async () => {
		const headers = await client.headers();
		const textBody = await readResponse(
			await fetch(`${emu.baseUrl}/v3/orders/${BULK_CREATED}/cancel`, {
				method: 'POST',
				headers: { ...headers, 'Content-Type': 'text/plain' },
				body: 'cancel please',
			}),
		);
		expect(textBody.status).toBe(415);
		const broken = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, '{"orderCancellation":');
		expect(broken.status).toBe(400);
		expect(firstError(broken).code).toBe('MALFORMED_REQUEST_CONTENT.GMP_ORDER_API');
	});
});

describe('POST /v3/orders/{id}/refund', () => {
	/** A shipped line with both charge types and no refund yet. */
	function shippedLine() {
		return findLine(
			(order, line) =>
				order.shipNode.type === 'SellerFulfilled' &&
				quantityIn(line, ['Shipped', 'Delivered']) > 0 &&
				line.refund === undefined &&
				line.charges.charge.some((charge) => charge.chargeType === 'SHIPPING'),
		);
	}

	test('a partial refund is appended to the line and persists', async () => {
		const { order, line } = shippedLine();
		const response = await client.post(
			`/v3/orders/${order.purchaseOrderId}/refund`,
			refundBody(order.purchaseOrderId, [refundLine(line.lineNumber, { amount: -1.5, tax: -0.1 })]),
		);
		const updated = asOrder(response).orderLines.orderLine.find(
			(candidate) => candidate.lineNumber === line.lineNumber,
		);
		expect(updated?.refund).toEqual({
			refundComments: 'emulator test',
			refundCharges: {
				refundCharge: [
					{
						refundReason: 'DamagedItem',
						charge: {
							chargeType: 'PRODUCT',
							chargeName: 'Item Price',
							chargeAmount: { currency: 'USD', amount: -1.5 },
							tax: { taxName: 'Item Price Tax', taxAmount: { currency: 'USD', amount: -0.1 } },
						},
					},
				],
			},
		});
		expect(updated?.returnOrderId).toBeUndefined();
		const stored = emu.getOrder(order.purchaseOrderId);
		expect(stored?.lastModified).toBeGreaterThan(order.lastModified);
		expect(
			stored?.orderLines.orderLine.find((candidate) => candidate.lineNumber === line.lineNumber)
				?.refund,
		).toEqual(updated?.refund);
	});

	test('refunds up to the charged amount, then refuses more, naming line, type and numbers', async () => {
		const { order, line } = shippedLine();
		const { remaining } = chargedCents(line, 'PRODUCT');
		const po = order.purchaseOrderId;
		const tooMuch = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -(remaining + 1) / 100 })]),
		);
		expect(tooMuch.status).toBe(400);
		const description = firstError(tooMuch).description;
		expect(description).toContain(`Line: ${line.lineNumber} of PO: ${po}`);
		expect(description).toContain('PRODUCT');
		expect(description).toContain(`charged ${(remaining / 100).toFixed(2)}`);
		expect(description).toContain(`requested ${((remaining + 1) / 100).toFixed(2)}`);
		expect(
			emu.getOrder(po)?.orderLines.orderLine.find((l) => l.lineNumber === line.lineNumber)?.refund,
		).toBeUndefined();

		const half = Math.floor(remaining / 2);
		for (const cents of [half, remaining - half]) {
			const ok = await client.post(
				`/v3/orders/${po}/refund`,
				refundBody(po, [refundLine(line.lineNumber, { amount: -cents / 100 })]),
			);
			expect(ok.status).toBe(200);
		}
		const oneMore = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -0.01 })]),
		);
		expect(oneMore.status).toBe(400);
		expect(firstError(oneMore).description).toContain('at most 0.00 can still be refunded');
	});

	test('shipping and tax have their own limits', async () => {
		const { order, line } = shippedLine();
		const po = order.purchaseOrderId;
		const shipping = chargedCents(line, 'SHIPPING');
		const overShipping = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(line.lineNumber, {
					chargeType: 'SHIPPING',
					chargeName: 'Shipping',
					amount: -(shipping.remaining + 1) / 100,
				}),
			]),
		);
		expect(overShipping.status).toBe(400);
		expect(firstError(overShipping).description).toContain('SHIPPING');
		const product = chargedCents(line, 'PRODUCT');
		const overTax = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(line.lineNumber, { amount: -0.01, tax: -(product.remainingTax + 1) / 100 }),
			]),
		);
		expect(overTax.status).toBe(400);
		expect(firstError(overTax).description).toContain('tax');
	});

	test('cancelled units of a split line are not refundable', async () => {
		const { order, line } = findLine(
			(_order, candidateLine) =>
				candidateLine.refund === undefined &&
				quantityIn(candidateLine, ['Shipped', 'Delivered']) > 0 &&
				quantityIn(candidateLine, ['Cancelled']) > 0,
		);
		const units = quantityIn(line, ['Shipped', 'Delivered']);
		const unitPrice = line.charges.charge[0].chargeAmount.amount;
		const lineTotal = Math.round(unitPrice * 100) * Number(line.orderLineQuantity.amount);
		const po = order.purchaseOrderId;
		const whole = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -lineTotal / 100 })]),
		);
		expect(whole.status).toBe(400);
		const shippedOnly = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(line.lineNumber, { amount: -(Math.round(unitPrice * 100) * units) / 100 }),
			]),
		);
		expect(shippedOnly.status).toBe(200);
	});

	test('seeded partial refunds count against the limit', async () => {
		const { order, line } = findLine(
			(_order, candidateLine) =>
				candidateLine.refund !== undefined &&
				quantityIn(candidateLine, ['Shipped', 'Delivered']) > 0,
		);
		const { remaining } = chargedCents(line, 'PRODUCT');
		const po = order.purchaseOrderId;
		const over = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -(remaining + 1) / 100 })]),
		);
		expect(over.status).toBe(400);
		const exact = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -remaining / 100 })]),
		);
		expect(exact.status).toBe(200);
		const refundCharges = asOrder(exact).orderLines.orderLine.find(
			(l) => l.lineNumber === line.lineNumber,
		)?.refund?.refundCharges.refundCharge;
		expect(refundCharges).toHaveLength(2);
	});

	test('a full refund refunds every remaining charge and tax and sets returnOrderId', async () => {
		const { order, line } = shippedLine();
		const po = order.purchaseOrderId;
		const product = chargedCents(line, 'PRODUCT');
		const shipping = chargedCents(line, 'SHIPPING');
		const response = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(line.lineNumber, { amount: -1, isFullRefund: true, reason: 'Buyer canceled' }),
			]),
		);
		const refunded = asOrder(response).orderLines.orderLine.find(
			(l) => l.lineNumber === line.lineNumber,
		);
		expect(refunded?.returnOrderId).toMatch(/^\d{18}$/);
		const charges = refunded?.refund?.refundCharges.refundCharge ?? [];
		expect(
			charges.map((charge) => [
				charge.refundReason,
				charge.charge.chargeType,
				charge.charge.chargeAmount.amount,
				charge.charge.tax?.taxAmount.amount,
			]),
		).toEqual([
			['Buyer canceled', 'PRODUCT', -product.remaining / 100, -product.remainingTax / 100],
			['Buyer canceled', 'SHIPPING', -shipping.remaining / 100, -shipping.remainingTax / 100],
		]);
		const again = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -1, isFullRefund: true })]),
		);
		expect(again.status).toBe(400);
		expect(firstError(again).description).toContain('already fully refunded');
		const partialAfter = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, { amount: -0.01 })]),
		);
		expect(partialAfter.status).toBe(400);
	});

	test('mixing full and partial lines in one request is refused', async () => {
		const { order } = findLine(
			(candidate) =>
				candidate.orderLines.orderLine.filter(
					(line) => quantityIn(line, ['Shipped', 'Delivered']) > 0,
				).length >= 2,
		);
		const [first, second] = order.orderLines.orderLine.filter(
			(line) => quantityIn(line, ['Shipped', 'Delivered']) > 0,
		);
		const po = order.purchaseOrderId;
		const response = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(first.lineNumber, { amount: -0.5, isFullRefund: true }),
				refundLine(second.lineNumber, { amount: -0.5 }),
			]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toContain('full refunds or all partial');
	});

	test('all-or-nothing: an unshipped line rejects the refund of a shipped one', async () => {
		const { order } = findLine(
			(candidate) =>
				candidate.orderLines.orderLine.some(
					(line) => quantityIn(line, ['Shipped', 'Delivered']) > 0,
				) &&
				candidate.orderLines.orderLine.some(
					(line) => quantityIn(line, ['Shipped', 'Delivered']) === 0,
				),
		);
		const shipped = order.orderLines.orderLine.find(
			(line) => quantityIn(line, ['Shipped', 'Delivered']) > 0,
		);
		const unshipped = order.orderLines.orderLine.find(
			(line) => quantityIn(line, ['Shipped', 'Delivered']) === 0,
		);
		if (!shipped || !unshipped) throw new Error('fixture missing');
		const po = order.purchaseOrderId;
		const response = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [
				refundLine(shipped.lineNumber, { amount: -0.5 }),
				refundLine(unshipped.lineNumber, { amount: -0.5 }),
			]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toContain(
			`The Line: ${unshipped.lineNumber} of PO: ${po}`,
		);
		expect(firstError(response).description).toContain(
			'only Shipped or Delivered lines can be refunded',
		);
		const storedShipped = emu
			.getOrder(po)
			?.orderLines.orderLine.find((line) => line.lineNumber === shipped.lineNumber);
		expect(storedShipped?.refund).toEqual(shipped.refund);
	});

	test.each([
		['a positive amount', { amount: 1 }, 'chargeAmount.amount'],
		['a zero amount', { amount: 0 }, 'chargeAmount.amount'],
		['three decimals', { amount: -1.005 }, 'chargeAmount.amount'],
		['a positive tax', { amount: -1, tax: 0.1 }, 'tax.taxAmount.amount'],
		['a reason without spaces', { amount: -1, reason: 'Merchandisenotreceived' }, 'refundReason'],
		['charge type FEE', { amount: -1, chargeType: 'FEE' }, 'chargeType'],
		['an empty charge name', { amount: -1, chargeName: '' }, 'chargeName'],
		['another currency', { amount: -1, currency: 'CAD' }, 'chargeAmount.currency'],
	])('%s → 400 naming the field', async (_name, charge, fieldEnd) => {
		const { order, line } = shippedLine();
		const po = order.purchaseOrderId;
		const response = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine(line.lineNumber, charge)]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).code).toBe('INVALID_REQUEST_CONTENT.GMP_ORDER_API');
		expect(firstError(response).field.endsWith(fieldEnd)).toBe(true);
	});

	test('the body purchaseOrderId must match the path; lines must exist', async () => {
		const { order, line } = shippedLine();
		const po = order.purchaseOrderId;
		const mismatch = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody('1234567890123', [refundLine(line.lineNumber, { amount: -1 })]),
		);
		expect(mismatch.status).toBe(400);
		expect(firstError(mismatch).field).toBe('orderRefund.purchaseOrderId');
		const missingLine = await client.post(
			`/v3/orders/${po}/refund`,
			refundBody(po, [refundLine('77', { amount: -1 })]),
		);
		expect(missingLine.status).toBe(400);
		expect(firstError(missingLine).description).toContain('Line: 77 does not exist');
		const noBody = await client.post(`/v3/orders/${po}/refund`, {});
		expect(firstError(noBody).field).toBe('orderRefund');
	});
});

describe('POST /v3/returns/{id}/refund', () => {
	/** @param {(entry: ReturnOrder) => boolean} predicate */
	function findReturn(predicate) {
		const found = emu.returns().find(predicate);
		if (!found) throw new Error('no seeded return matches');
		return found;
	}

	/** @param {ReturnOrder} entry */
	const unrefunded = (entry) => entry.returnOrderLines.every((line) => line.refundedQty === 0);

	test('a single-line return may omit the line number; the refund completes the line', async () => {
		const target = findReturn((entry) => entry.returnOrderLines.length === 1 && unrefunded(entry));
		const response = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [{}],
		});
		const quantity = target.returnOrderLines[0].quantity.measurementValue;
		expect(asReturnRefund(response)).toEqual({
			returnOrderId: target.returnOrderId,
			customerOrderId: target.customerOrderId,
			refundLines: [
				{
					returnOrderLineNumber: 1,
					quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
				},
			],
		});
		const stored = emu.getReturn(target.returnOrderId);
		expect(stored?.returnOrderLines[0]).toMatchObject({
			refundedQty: quantity,
			currentRefundStatus: 'REFUND_COMPLETED',
			status: 'COMPLETED',
		});
		const listed = asReturnList(
			await client.get(`/v3/returns?returnOrderId=${target.returnOrderId}&status=COMPLETED`),
		);
		expect(listed.returnOrders).toHaveLength(1);

		const again = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [{ returnOrderLineNumber: 1 }],
		});
		expect(again.status).toBe(400);
		expect(firstError(again).description).toContain('already refunded');
	});

	test('partial quantities are tracked until the line is complete', async () => {
		const target = findReturn(
			(entry) => unrefunded(entry) && entry.returnOrderLines[0].quantity.measurementValue >= 2,
		);
		const [line] = target.returnOrderLines;
		const quantity = line.quantity.measurementValue;
		const tooMany = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [
				{
					returnOrderLineNumber: 1,
					quantity: { unitOfMeasure: 'EA', measurementValue: quantity + 1 },
				},
			],
		});
		expect(tooMany.status).toBe(400);
		expect(firstError(tooMany).description).toContain(
			`exceeds the refundable quantity ${quantity}`,
		);

		const first = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [
				{ returnOrderLineNumber: 1, quantity: { unitOfMeasure: 'EA', measurementValue: 1 } },
			],
		});
		expect(first.status).toBe(200);
		expect(emu.getReturn(target.returnOrderId)?.returnOrderLines[0]).toMatchObject({
			refundedQty: 1,
			currentRefundStatus: 'REFUND_PARTIALLY_COMPLETED',
		});
		const rest = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [
				{
					returnOrderLineNumber: 1,
					quantity: { unitOfMeasure: 'EA', measurementValue: quantity - 1 },
				},
			],
		});
		expect(rest.status).toBe(200);
		expect(emu.getReturn(target.returnOrderId)?.returnOrderLines[0]).toMatchObject({
			refundedQty: quantity,
			currentRefundStatus: 'REFUND_COMPLETED',
			status: 'COMPLETED',
		});
	});

	test('a multi-line return needs line numbers', async () => {
		const target = findReturn((entry) => entry.returnOrderLines.length > 1 && unrefunded(entry));
		const response = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [{ quantity: { unitOfMeasure: 'EA', measurementValue: 1 } }],
		});
		expect(response.status).toBe(400);
		expect(firstError(response).field).toBe('refundLines[0].returnOrderLineNumber');
		const both = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [{ returnOrderLineNumber: 1 }, { returnOrderLineNumber: 2 }],
		});
		expect(asReturnRefund(both).refundLines.map((line) => line.returnOrderLineNumber)).toEqual([
			1, 2,
		]);
	});

	test('already refunded seeded lines, wrong customer orders, unknown lines and returns are refused', async () => {
		const completed = findReturn((entry) =>
			entry.returnOrderLines.every((line) => line.currentRefundStatus === 'REFUND_COMPLETED'),
		);
		const refunded = await client.post(`/v3/returns/${completed.returnOrderId}/refund`, {
			customerOrderId: completed.customerOrderId,
			refundLines: [{ returnOrderLineNumber: 1 }],
		});
		expect(refunded.status).toBe(400);
		expect(firstError(refunded).code).toBe('INVALID_REQUEST_CONTENT.GMP_RETURNS_API');

		const target = findReturn(unrefunded);
		const wrongCustomer = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: '1000000000000',
			refundLines: [{ returnOrderLineNumber: 1 }],
		});
		expect(wrongCustomer.status).toBe(400);
		expect(firstError(wrongCustomer).field).toBe('customerOrderId');

		const missingCustomer = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			refundLines: [{}],
		});
		expect(firstError(missingCustomer).field).toBe('customerOrderId');

		const unknownLine = await client.post(`/v3/returns/${target.returnOrderId}/refund`, {
			customerOrderId: target.customerOrderId,
			refundLines: [{ returnOrderLineNumber: 9 }],
		});
		expect(unknownLine.status).toBe(400);

		const unknownReturn = await client.post('/v3/returns/999/refund', {
			customerOrderId: target.customerOrderId,
			refundLines: [{}],
		});
		expect(unknownReturn.status).toBe(404);
		expect(firstError(unknownReturn).code).toBe('CONTENT_NOT_FOUND.GMP_RETURNS_API');
		expect(emu.getReturn(target.returnOrderId)).toEqual(target);
	});
});
