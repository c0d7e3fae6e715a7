// @ts-check
// Acknowledging orders and shipping order lines (with tracking corrections): the rules, the
// all-or-nothing behaviour, throttling and faults, over real HTTP.

const { startEmulator } = require('..');
const { createClient, asOrder, firstError, readResponse } = require('./helpers');
const { CARRIERS } = require('../constants');

/** @typedef {import('../types').Order} Order */
/** @typedef {import('../types').OrderLine} OrderLine */
/** @typedef {import('../types').LineStatus} LineStatus */

const BULK_CREATED = '9000000000250';
const BULK_ACKNOWLEDGED = '9000000000150';

/** @type {import('..').Emulator} */
let emu;
/** @type {ReturnType<typeof createClient>} */
let client;

beforeAll(async () => {
	emu = await startEmulator({ seed: 12, orderCount: 600 });
});

afterAll(async () => {
	await emu.close();
});

beforeEach(() => {
	emu.reset();
	client = createClient(emu);
});

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** @param {(order: Order) => boolean} predicate */
function findOrder(predicate) {
	const found = emu.orders().find(predicate);
	if (!found) throw new Error('no seeded order matches');
	return found;
}

/** @param {Order} order */
const sellerFulfilled = (order) => order.shipNode.type === 'SellerFulfilled';

/**
 * @param {string} po
 * @param {string} lineNumber
 */
function storedLine(po, lineNumber) {
	const line = emu.getOrder(po)?.orderLines.orderLine.find((l) => l.lineNumber === lineNumber);
	if (!line) throw new Error(`no line ${lineNumber} in ${po}`);
	return line;
}

/**
 * @param {{
 *   amount?: string,
 *   carrier?: string,
 *   otherCarrier?: string,
 *   methodCode?: string,
 *   trackingNumber?: string,
 *   trackingURL?: string | null,
 *   shipDateTime?: number,
 *   currentTrackingNumber?: string,
 * }} [options]
 */
function parcel(options = {}) {
	const trackingNumber = options.trackingNumber ?? '1Z999AA10123456784';
	const carrierName =
		options.otherCarrier === undefined
			? { carrier: options.carrier ?? 'UPS' }
			: { otherCarrier: options.otherCarrier };
	return {
		status: 'Shipped',
		statusQuantity: { unitOfMeasurement: 'EACH', amount: options.amount ?? '1' },
		trackingInfo: {
			shipDateTime: options.shipDateTime ?? Date.now() - 60 * 1000,
			carrierName,
			methodCode: options.methodCode ?? 'Standard',
			trackingNumber,
			...(options.trackingURL === null
				? {}
				: {
						trackingURL:
							options.trackingURL ?? `https://www.ups.com/track?tracknum=${trackingNumber}`,
					}),
		},
		...(options.currentTrackingNumber === undefined
			? {}
			: { currentTrackingInfo: { trackingNumber: options.currentTrackingNumber } }),
	};
}

/**
 * @param {string} lineNumber
 * @param {unknown[]} parcels
 * @param {Record<string, unknown>} [extra]
 */
function shipLine(lineNumber, parcels, extra = {}) {
	return {
		lineNumber,
		sellerOrderId: 'SO-1001',
		...extra,
		orderLineStatuses: { orderLineStatus: parcels },
	};
}

/**
 * @param {unknown[]} lines
 * @param {string} [processMode]
 */
function shipBody(lines, processMode) {
	return {
		orderShipment: {
			...(processMode === undefined ? {} : { processMode }),
			orderLines: { orderLine: lines },
		},
	};
}

/**
 * @param {string} po
 * @param {unknown} body
 */
const ship = (po, body) => client.post(`/v3/orders/${po}/shipping`, body);

/**
 * Acknowledge sends no body and no Content-Type, as Walmart documents it.
 * @param {string} po
 */
async function acknowledge(po) {
	const response = await fetch(`${emu.baseUrl}/v3/orders/${po}/acknowledge`, {
		method: 'POST',
		headers: await client.headers(),
	});
	return readResponse(response);
}

const higherStatus = (/** @type {string} */ po) =>
	`INVALID_REQUEST_CONTENT :: Failed when called acknowledge API for '${po}'.  Some or all qty in higher status`;
const overShipped = (/** @type {string} */ po) =>
	`INVALID_REQUEST_CONTENT :: Failed when called shipConfirm API for ${po}. Qty OverShipped : Some or All Line(s)/Qty cannot be Shipped due to invalid Lines Or invalid Qty Or Qty more than allowed`;

describe('POST /v3/orders/{id}/acknowledge', () => {
	test('acknowledges every Created unit; the order leaves /released', async () => {
		const before = emu.getOrder(BULK_CREATED);
		const order = asOrder(await acknowledge(BULK_CREATED));
		expect(
			order.orderLines.orderLine.every(
				(line) =>
					line.orderLineStatuses.orderLineStatus.length === 1 &&
					line.orderLineStatuses.orderLineStatus[0].status === 'Acknowledged' &&
					line.orderLineStatuses.orderLineStatus[0].statusQuantity.amount === '1',
			),
		).toBe(true);
		const stored = emu.getOrder(BULK_CREATED);
		expect(stored?.lastModified).toBeGreaterThan(before?.lastModified ?? 0);
		expect(stored?.orderLines.orderLine[0].statusDate).toBeGreaterThan(
			before?.orderLines.orderLine[0].statusDate ?? 0,
		);
		expect(asOrder(await client.get(`/v3/orders/${BULK_CREATED}`)).orderLines).toEqual(
			order.orderLines,
		);
		expect((await client.get(`/v3/orders/released?purchaseOrderId=${BULK_CREATED}`)).status).toBe(
			404,
		);
	});

	test('a split Acknowledged + Created line becomes one Acknowledged entry', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) &&
				quantityIn(candidateLine, ['Created']) > 0 &&
				quantityIn(candidateLine, ['Acknowledged']) > 0,
		);
		expect((await acknowledge(order.purchaseOrderId)).status).toBe(200);
		expect(storedLine(order.purchaseOrderId, line.lineNumber).orderLineStatuses).toEqual({
			orderLineStatus: [
				{
					status: 'Acknowledged',
					statusQuantity: { unitOfMeasurement: 'EACH', amount: line.orderLineQuantity.amount },
				},
			],
		});
	});

	test('a repeat on an acknowledged order is accepted and changes nothing', async () => {
		const before = emu.getOrder(BULK_ACKNOWLEDGED);
		const response = await acknowledge(BULK_ACKNOWLEDGED);
		expect(response.status).toBe(200);
		expect(emu.getOrder(BULK_ACKNOWLEDGED)).toEqual(before);
		expect((await acknowledge(BULK_CREATED)).status).toBe(200);
		const once = emu.getOrder(BULK_CREATED);
		expect((await acknowledge(BULK_CREATED)).status).toBe(200);
		expect(emu.getOrder(BULK_CREATED)).toEqual(once);
	});

	test('Created lines are acknowledged even when another line has shipped', async () => {
		expect((await ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]))).status).toBe(200);
		expect((await acknowledge(BULK_CREATED)).status).toBe(200);
		expect(storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus[0].status).toBe(
			'Shipped',
		);
		expect(storedLine(BULK_CREATED, '2').orderLineStatuses.orderLineStatus[0].status).toBe(
			'Acknowledged',
		);
	});

	test('nothing Created and some quantity shipped: 400 "Some or all qty in higher status"', async () => {
		expect((await ship(BULK_ACKNOWLEDGED, shipBody([shipLine('1', [parcel()])]))).status).toBe(200);
		const before = emu.getOrder(BULK_ACKNOWLEDGED);
		const response = await acknowledge(BULK_ACKNOWLEDGED);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'data',
			description: higherStatus(BULK_ACKNOWLEDGED),
			severity: 'ERROR',
			category: 'DATA',
		});
		expect(emu.getOrder(BULK_ACKNOWLEDGED)).toEqual(before);

		const delivered = findOrder(
			(order) =>
				sellerFulfilled(order) &&
				order.orderLines.orderLine.every((line) => quantityIn(line, ['Delivered']) > 0),
		);
		const old = await acknowledge(delivered.purchaseOrderId);
		expect(old.status).toBe(400);
		expect(firstError(old).description).toBe(higherStatus(delivered.purchaseOrderId));
	});

	test('an order whose every unit is cancelled gets the same 400', async () => {
		const cancelled = findOrder(
			(order) =>
				sellerFulfilled(order) &&
				order.orderLines.orderLine.every(
					(line) => quantityIn(line, ['Cancelled']) === Number(line.orderLineQuantity.amount),
				),
		);
		const response = await acknowledge(cancelled.purchaseOrderId);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toBe(higherStatus(cancelled.purchaseOrderId));
	});

	test('WFS orders are refused, unknown orders are 404, GET is 405, a body is ignored', async () => {
		const wfs = findOrder(
			(order) =>
				order.shipNode.type === 'WFSFulfilled' &&
				order.orderLines.orderLine.some((line) => quantityIn(line, ['Created']) > 0),
		);
		const refused = await acknowledge(wfs.purchaseOrderId);
		expect(refused.status).toBe(400);
		expect(firstError(refused).description).toContain('WFS');
		expect(emu.getOrder(wfs.purchaseOrderId)).toEqual(wfs);
		const unknown = await acknowledge('1111111111111');
		expect(unknown.status).toBe(404);
		expect(firstError(unknown).code).toBe('CONTENT_NOT_FOUND.GMP_ORDER_API');
		const get = await client.get(`/v3/orders/${BULK_CREATED}/acknowledge`);
		expect(get.status).toBe(405);
		expect(get.headers.get('allow')).toBe('POST');
		expect((await client.post(`/v3/orders/${BULK_CREATED}/acknowledge`, 'ignored')).status).toBe(
			200,
		);
	});

	test('throttle bucket acknowledgeOrders, faults and the request log apply', async () => {
		emu.setThrottle({
			capacity: 1000,
			refillPerSecond: 1000,
			endpoints: { acknowledgeOrders: { capacity: 1, refillPerSecond: 0.01 } },
		});
		expect((await acknowledge(BULK_CREATED)).status).toBe(200);
		expect((await acknowledge(BULK_CREATED)).status).toBe(429);
		expect((await client.get('/v3/orders?limit=1')).status).toBe(200);
		emu.setThrottle({ capacity: 1000, refillPerSecond: 1000 });
		emu.reset();
		client.resetToken();

		emu.injectFault({ type: 'serverError', status: 504, applied: true, pathPrefix: '/v3/orders/' });
		expect((await acknowledge(BULK_CREATED)).status).toBe(504);
		expect(storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus[0].status).toBe(
			'Acknowledged',
		);
		expect(emu.requests[emu.requests.length - 1]).toMatchObject({
			method: 'POST',
			path: `/v3/orders/${BULK_CREATED}/acknowledge`,
			status: 504,
			fault: 'serverError',
			outcome: { status: 200 },
			body: undefined,
		});
	});
});

describe('POST /v3/orders/{id}/shipping', () => {
	test('ships an acknowledged line: a Shipped entry with the tracking, sellerOrderId kept', async () => {
		const before = emu.getOrder(BULK_ACKNOWLEDGED);
		const sent = parcel({ carrier: 'FedEx', methodCode: 'Express', trackingNumber: '7489' });
		const response = await ship(BULK_ACKNOWLEDGED, shipBody([shipLine('3', [sent])]));
		const line = asOrder(response).orderLines.orderLine[2];
		expect(line.orderLineStatuses.orderLineStatus).toEqual([
			{
				status: 'Shipped',
				statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
				trackingInfo: sent.trackingInfo,
			},
		]);
		expect(line.sellerOrderId).toBe('SO-1001');
		expect(line.statusDate).toBeGreaterThan(before?.orderLines.orderLine[2].statusDate ?? 0);
		expect(emu.getOrder(BULK_ACKNOWLEDGED)?.lastModified).toBeGreaterThan(
			before?.lastModified ?? 0,
		);
		expect(
			asOrder(await client.get(`/v3/orders/${BULK_ACKNOWLEDGED}`)).orderLines.orderLine[2],
		).toEqual(line);
		// Shipping charges the customer, so the line can now be refunded.
		const refund = await client.post(`/v3/orders/${BULK_ACKNOWLEDGED}/refund`, {
			orderRefund: {
				purchaseOrderId: BULK_ACKNOWLEDGED,
				orderLines: {
					orderLine: [
						{
							lineNumber: '3',
							refunds: {
								refund: [
									{
										refundCharges: {
											refundCharge: [
												{
													refundReason: 'DamagedItem',
													charge: {
														chargeType: 'PRODUCT',
														chargeName: 'ItemPrice',
														chargeAmount: { currency: 'USD', amount: -0.5 },
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
		expect(refund.status).toBe(200);
	});

	test('Created quantity ships directly, without an acknowledgement', async () => {
		const response = await ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]));
		expect(response.status).toBe(200);
		expect(storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus[0].status).toBe(
			'Shipped',
		);
	});

	test('several packages: one Shipped entry per tracking number; the same number adds up', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) &&
				candidateLine.intentToCancel === undefined &&
				quantityIn(candidateLine, ['Created', 'Acknowledged']) >= 3,
		);
		const po = order.purchaseOrderId;
		const open = quantityIn(line, ['Created', 'Acknowledged']);
		const first = await ship(
			po,
			shipBody([
				shipLine(line.lineNumber, [
					parcel({ trackingNumber: 'A1' }),
					parcel({ carrier: 'USPS', trackingNumber: 'B2' }),
				]),
			]),
		);
		expect(first.status).toBe(200);
		let stored = storedLine(po, line.lineNumber);
		expect(
			stored.orderLineStatuses.orderLineStatus
				.filter((entry) => entry.status === 'Shipped')
				.map((entry) => [entry.trackingInfo?.trackingNumber, entry.statusQuantity.amount]),
		).toEqual([
			['A1', '1'],
			['B2', '1'],
		]);
		expect(quantityIn(stored, ['Created', 'Acknowledged'])).toBe(open - 2);
		expect(
			(await ship(po, shipBody([shipLine(line.lineNumber, [parcel({ trackingNumber: 'A1' })])])))
				.status,
		).toBe(200);
		stored = storedLine(po, line.lineNumber);
		expect(
			stored.orderLineStatuses.orderLineStatus.find(
				(entry) => entry.trackingInfo?.trackingNumber === 'A1',
			)?.statusQuantity.amount,
		).toBe('2');
	});

	test("more than the open quantity, or an unknown line: Walmart's OverShipped 400, nothing changes", async () => {
		const before = emu.getOrder(BULK_CREATED);
		const over = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel()]), shipLine('2', [parcel({ amount: '2' })])]),
		);
		expect(over.status).toBe(400);
		expect(firstError(over)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'data',
			description: overShipped(BULK_CREATED),
		});
		const twoPackages = await ship(
			BULK_CREATED,
			shipBody([shipLine('3', [parcel({ trackingNumber: 'X' }), parcel({ trackingNumber: 'Y' })])]),
		);
		expect(firstError(twoPackages).description).toBe(overShipped(BULK_CREATED));
		const unknown = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel()]), shipLine('999', [parcel()])]),
		);
		expect(firstError(unknown).description).toBe(overShipped(BULK_CREATED));
		expect(emu.getOrder(BULK_CREATED)).toEqual(before);
	});

	test('a shipped or cancelled line is refused, naming its status', async () => {
		expect((await ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]))).status).toBe(200);
		const again = await ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]));
		expect(again.status).toBe(400);
		expect(firstError(again)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'data',
			description: `Unable to process this request. The Line: 1 of PO: ${BULK_CREATED} is in SHIPPED status`,
		});
		const cancel = await client.post(`/v3/orders/${BULK_CREATED}/cancel`, {
			orderCancellation: {
				orderLines: {
					orderLine: [
						{
							lineNumber: '2',
							orderLineStatuses: {
								orderLineStatus: [
									{
										status: 'Cancelled',
										cancellationReason: 'SELLER_CANCEL_OUT_OF_STOCK',
										statusQuantity: { unitOfMeasurement: 'EA', amount: '1' },
									},
								],
							},
						},
					],
				},
			},
		});
		expect(cancel.status).toBe(200);
		const cancelled = await ship(
			BULK_CREATED,
			shipBody([shipLine('3', [parcel()]), shipLine('2', [parcel()])]),
		);
		expect(cancelled.status).toBe(400);
		expect(firstError(cancelled).description).toBe(
			`Unable to process this request. The Line: 2 of PO: ${BULK_CREATED} is in CANCELLED status`,
		);
		expect(storedLine(BULK_CREATED, '3').orderLineStatuses.orderLineStatus[0].status).toBe(
			'Created',
		);
	});

	test('a line the customer asked to cancel ships only with intentToCancelOverride: true', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) && candidateLine.intentToCancel !== undefined,
		);
		expect(line.intentToCancel).toBe('true');
		const po = order.purchaseOrderId;
		const amount = String(quantityIn(line, ['Created', 'Acknowledged']));
		const refused = await ship(po, shipBody([shipLine(line.lineNumber, [parcel({ amount })])]));
		expect(refused.status).toBe(400);
		expect(firstError(refused)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'orderShipment.orderLines.orderLine[0].intentToCancelOverride',
		});
		expect(firstError(refused).description).toContain('intentToCancel');
		const notOverridden = await ship(
			po,
			shipBody([
				shipLine(line.lineNumber, [parcel({ amount })], { intentToCancelOverride: false }),
			]),
		);
		expect(notOverridden.status).toBe(400);
		const shipped = await ship(
			po,
			shipBody([shipLine(line.lineNumber, [parcel({ amount })], { intentToCancelOverride: true })]),
		);
		expect(shipped.status).toBe(200);
		expect(quantityIn(storedLine(po, line.lineNumber), ['Shipped'])).toBe(Number(amount));
	});

	test('WFS orders are refused; unknown orders are 404', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				candidate.shipNode.type === 'WFSFulfilled' &&
				quantityIn(candidateLine, ['Created', 'Acknowledged']) > 0,
		);
		const wfs = await ship(
			order.purchaseOrderId,
			shipBody([shipLine(line.lineNumber, [parcel()])]),
		);
		expect(wfs.status).toBe(400);
		expect(firstError(wfs).description).toContain('WFS');
		const unknown = await ship('1111111111111', shipBody([shipLine('1', [parcel()])]));
		expect(unknown.status).toBe(404);
	});

	test('every method code in the spec is accepted; the carrier enum is matched exactly', async () => {
		const methods = ['Standard', 'Express', 'OneDay', 'Freight', 'WhiteGlove', 'Value'];
		const carriers = [
			'DHL Ecommerce - US',
			'Metropolitan Warehouse & Delivery',
			'WIN.IT America',
			'LS',
			'4PX',
			'PTS',
		];
		const response = await ship(
			BULK_CREATED,
			shipBody(
				methods.map((methodCode, index) =>
					shipLine(String(index + 1), [
						parcel({ methodCode, carrier: carriers[index], trackingNumber: `T${index}` }),
					]),
				),
			),
		);
		expect(response.status).toBe(200);
		expect(
			asOrder(response)
				.orderLines.orderLine.slice(0, 6)
				.map((line) => line.orderLineStatuses.orderLineStatus[0].trackingInfo?.methodCode),
		).toEqual(methods);
		expect(CARRIERS).toHaveLength(75);
		expect(CARRIERS).toContain('FedEx');
	});

	test('otherCarrier needs a trackingURL and is stored as sent', async () => {
		const withoutUrl = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel({ otherCarrier: 'Acme Couriers', trackingURL: null })])]),
		);
		expect(withoutUrl.status).toBe(400);
		expect(firstError(withoutUrl).field).toBe(
			'orderShipment.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].trackingInfo.trackingURL',
		);
		const sent = parcel({ otherCarrier: 'Acme Couriers', trackingURL: 'https://acme.example/t/9' });
		const response = await ship(BULK_CREATED, shipBody([shipLine('1', [sent])]));
		expect(
			asOrder(response).orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].trackingInfo,
		).toEqual(sent.trackingInfo);
	});

	test('a ship date in the future or before the order date is refused', async () => {
		const order = emu.getOrder(BULK_CREATED);
		if (!order) throw new Error('bulk order missing');
		const future = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel({ shipDateTime: Date.now() + 24 * 60 * 60 * 1000 })])]),
		);
		expect(future.status).toBe(400);
		expect(firstError(future).field).toMatch(/trackingInfo\.shipDateTime$/);
		expect(firstError(future).description).toContain('in the future');
		const early = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel({ shipDateTime: order.orderDate - 1000 })])]),
		);
		expect(early.status).toBe(400);
		expect(firstError(early).description).toContain('before the order date');
		expect(
			(
				await ship(
					BULK_CREATED,
					shipBody([shipLine('1', [parcel({ shipDateTime: order.orderDate })])]),
				)
			).status,
		).toBe(200);
	});

	test('no documented line limit: all 250 lines ship in one request', async () => {
		const lines = Array.from({ length: 250 }, (_, index) =>
			shipLine(String(index + 1), [parcel()]),
		);
		expect((await ship(BULK_CREATED, shipBody(lines))).status).toBe(200);
		expect(
			emu
				.getOrder(BULK_CREATED)
				?.orderLines.orderLine.every((line) => quantityIn(line, ['Shipped']) === 1),
		).toBe(true);
	});

	test('a return center address is kept on the shipped entry', async () => {
		const returnCenterAddress = {
			name: 'Returns',
			address1: '1 Dock Rd',
			city: 'Huntsville',
			state: 'AL',
			postalCode: '35805',
			country: 'USA',
		};
		const response = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [{ ...parcel(), returnCenterAddress, asn: { packageASN: 'P1' } }])]),
		);
		expect(
			asOrder(response).orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0]
				.returnCenterAddress,
		).toEqual(returnCenterAddress);
	});

	const entry = '.orderLineStatuses.orderLineStatus[0]';
	const line0 = 'orderShipment.orderLines.orderLine[0]';
	/** @param {Record<string, unknown>} trackingInfo */
	const withTracking = (trackingInfo) => ({
		...parcel(),
		trackingInfo: { ...parcel().trackingInfo, ...trackingInfo },
	});
	/** @type {[string, unknown, string][]} */
	const invalidBodies = [
		['no orderShipment', {}, 'orderShipment'],
		['empty orderLine', shipBody([]), 'orderShipment.orderLines.orderLine'],
		[
			'processMode FULL',
			shipBody([shipLine('1', [parcel()])], 'FULL'),
			'orderShipment.processMode',
		],
		[
			'status Delivered',
			shipBody([shipLine('1', [{ ...parcel(), status: 'Delivered' }])]),
			`${line0}${entry}.status`,
		],
		[
			'unit PCS',
			shipBody([
				shipLine('1', [{ ...parcel(), statusQuantity: { unitOfMeasurement: 'PCS', amount: '1' } }]),
			]),
			`${line0}${entry}.statusQuantity.unitOfMeasurement`,
		],
		[
			'amount "0"',
			shipBody([shipLine('1', [parcel({ amount: '0' })])]),
			`${line0}${entry}.statusQuantity.amount`,
		],
		[
			'amount as a number',
			shipBody([
				shipLine('1', [{ ...parcel(), statusQuantity: { unitOfMeasurement: 'EACH', amount: 1 } }]),
			]),
			`${line0}${entry}.statusQuantity.amount`,
		],
		[
			'no trackingInfo',
			shipBody([shipLine('1', [{ ...parcel(), trackingInfo: undefined }])]),
			`${line0}${entry}.trackingInfo`,
		],
		[
			'shipDateTime as ISO text',
			shipBody([shipLine('1', [withTracking({ shipDateTime: '2026-01-01T00:00:00Z' })])]),
			`${line0}${entry}.trackingInfo.shipDateTime`,
		],
		[
			'carrier Fedex',
			shipBody([shipLine('1', [withTracking({ carrierName: { carrier: 'Fedex' } })])]),
			`${line0}${entry}.trackingInfo.carrierName.carrier`,
		],
		[
			'carrier with its long name',
			shipBody([shipLine('1', [withTracking({ carrierName: { carrier: 'LS (LaserShip)' } })])]),
			`${line0}${entry}.trackingInfo.carrierName.carrier`,
		],
		[
			'carrier and otherCarrier',
			shipBody([
				shipLine('1', [withTracking({ carrierName: { carrier: 'UPS', otherCarrier: 'X' } })]),
			]),
			`${line0}${entry}.trackingInfo.carrierName`,
		],
		[
			'no carrier',
			shipBody([shipLine('1', [withTracking({ carrierName: {} })])]),
			`${line0}${entry}.trackingInfo.carrierName`,
		],
		[
			'no methodCode',
			shipBody([shipLine('1', [withTracking({ methodCode: undefined })])]),
			`${line0}${entry}.trackingInfo.methodCode`,
		],
		[
			'no trackingNumber',
			shipBody([shipLine('1', [withTracking({ trackingNumber: '' })])]),
			`${line0}${entry}.trackingInfo.trackingNumber`,
		],
		[
			'sellerOrderId of 31 characters',
			shipBody([shipLine('1', [parcel()], { sellerOrderId: 'S'.repeat(31) })]),
			`${line0}.sellerOrderId`,
		],
		[
			'intentToCancelOverride "true"',
			shipBody([shipLine('1', [parcel()], { intentToCancelOverride: 'true' })]),
			`${line0}.intentToCancelOverride`,
		],
		[
			'duplicate line',
			shipBody([shipLine('1', [parcel()]), shipLine('1', [parcel()])]),
			'orderShipment.orderLines.orderLine[1].lineNumber',
		],
		[
			'return center without a city',
			shipBody([
				shipLine('1', [
					{
						...parcel(),
						returnCenterAddress: { address1: 'a', state: 'AL', postalCode: '1', country: 'USA' },
					},
				]),
			]),
			`${line0}${entry}.returnCenterAddress.city`,
		],
		[
			'asn without packageASN',
			shipBody([shipLine('1', [{ ...parcel(), asn: {} }])]),
			`${line0}${entry}.asn.packageASN`,
		],
	];
	test.each(invalidBodies)(
		'%s → 400 naming the field; nothing changes',
		async (_name, body, field) => {
			const response = await ship(BULK_CREATED, body);
			expect(response.status).toBe(400);
			expect(firstError(response)).toMatchObject({
				code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
				field,
			});
			expect(storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus[0].status).toBe(
				'Created',
			);
		},
	);

	test("a method code outside the spec: Walmart's own message naming the line number", async () => {
		const response = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [parcel()]), shipLine('7', [parcel({ methodCode: 'Ground' })])]),
		);
		expect(response.status).toBe(400);
		expect(firstError(response)).toMatchObject({
			code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API',
			field: 'methodCode',
			description: 'Method code is not supported in line number 7',
		});
	});

	test('sellerOrderId may be left out', async () => {
		const body = shipBody([
			{ lineNumber: '1', orderLineStatuses: { orderLineStatus: [parcel()] } },
		]);
		expect((await ship(BULK_CREATED, body)).status).toBe(200);
		expect(storedLine(BULK_CREATED, '1').sellerOrderId).toBeUndefined();
	});

	test('throttle bucket shippingUpdates; a late shipment overtaken by its retry is refused when it lands', async () => {
		emu.setThrottle({
			capacity: 1000,
			refillPerSecond: 1000,
			endpoints: { shippingUpdates: { capacity: 1, refillPerSecond: 0.01 } },
		});
		expect((await ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]))).status).toBe(200);
		const throttled = await ship(BULK_CREATED, shipBody([shipLine('2', [parcel()])]));
		expect(throttled.status).toBe(429);
		expect(firstError(throttled).code).toBe('REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API');
		emu.setThrottle({ capacity: 1000, refillPerSecond: 1000 });

		emu.injectFault({ type: 'late', applyAfterMs: 200, holdMs: 50 });
		await expect(ship(BULK_CREATED, shipBody([shipLine('2', [parcel()])]))).rejects.toThrow();
		const lateEntry = emu.requests[emu.requests.length - 1];
		expect((await ship(BULK_CREATED, shipBody([shipLine('2', [parcel()])]))).status).toBe(200);
		for (let attempt = 0; attempt < 50 && lateEntry.late?.state === 'pending'; attempt++) {
			await sleep(20);
		}
		expect(lateEntry.late?.state).toBe('rejected');
		expect(lateEntry.outcome?.error).toContain('is in SHIPPED status');
		expect(quantityIn(storedLine(BULK_CREATED, '2'), ['Shipped'])).toBe(1);
	});

	test("drop 'after' on a shipment: no answer, but the line is shipped", async () => {
		emu.injectFault({ type: 'drop', when: 'after', pathPrefix: '/v3/orders/' });
		await expect(ship(BULK_CREATED, shipBody([shipLine('1', [parcel()])]))).rejects.toThrow();
		expect(quantityIn(storedLine(BULK_CREATED, '1'), ['Shipped'])).toBe(1);
	});
});

describe('processMode PARTIAL_UPDATE', () => {
	/** Ships lines 1 and 2 of the 250-line order, one package each. */
	async function shipTwoPackages() {
		const response = await ship(
			BULK_CREATED,
			shipBody([
				shipLine('1', [parcel({ trackingNumber: 'OLD-1' })]),
				shipLine('2', [parcel({ trackingNumber: 'OLD-2' })]),
			]),
		);
		expect(response.status).toBe(200);
	}

	test('corrects carrier, method, number and URL of the only shipped entry; ship date kept', async () => {
		await shipTwoPackages();
		const shippedAt = storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus[0]
			.trackingInfo?.shipDateTime;
		const before = emu.getOrder(BULK_CREATED);
		await sleep(5);
		const corrected = parcel({
			carrier: 'FedEx',
			methodCode: 'Express',
			trackingNumber: 'NEW-1',
			trackingURL: 'https://www.fedex.com/fedextrack/?trknbr=NEW-1',
			shipDateTime: emu.now() - 10,
		});
		const response = await ship(
			BULK_CREATED,
			shipBody([shipLine('1', [corrected])], 'PARTIAL_UPDATE'),
		);
		expect(response.status).toBe(200);
		expect(storedLine(BULK_CREATED, '1').orderLineStatuses.orderLineStatus).toEqual([
			{
				status: 'Shipped',
				statusQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
				trackingInfo: { ...corrected.trackingInfo, shipDateTime: shippedAt },
			},
		]);
		expect(
			storedLine(BULK_CREATED, '2').orderLineStatuses.orderLineStatus[0].trackingInfo
				?.trackingNumber,
		).toBe('OLD-2');
		expect(emu.getOrder(BULK_CREATED)?.lastModified).toBeGreaterThan(before?.lastModified ?? 0);
	});

	test('currentTrackingInfo names the package to correct among several', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) &&
				candidateLine.intentToCancel === undefined &&
				quantityIn(candidateLine, ['Created', 'Acknowledged']) >= 2,
		);
		const po = order.purchaseOrderId;
		await ship(
			po,
			shipBody([
				shipLine(line.lineNumber, [
					parcel({ trackingNumber: 'P-1' }),
					parcel({ trackingNumber: 'P-2' }),
				]),
			]),
		);
		const ambiguous = await ship(
			po,
			shipBody([shipLine(line.lineNumber, [parcel({ trackingNumber: 'P-9' })])], 'PARTIAL_UPDATE'),
		);
		expect(ambiguous.status).toBe(400);
		expect(firstError(ambiguous).field).toBe(
			'orderShipment.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].currentTrackingInfo',
		);
		const unknown = await ship(
			po,
			shipBody(
				[
					shipLine(line.lineNumber, [
						parcel({ trackingNumber: 'P-9', currentTrackingNumber: 'P-7' }),
					]),
				],
				'PARTIAL_UPDATE',
			),
		);
		expect(unknown.status).toBe(400);
		expect(firstError(unknown).description).toContain("tracking number 'P-7'");
		const named = await ship(
			po,
			shipBody(
				[
					shipLine(line.lineNumber, [
						parcel({ trackingNumber: 'P-9', currentTrackingNumber: 'P-2' }),
					]),
				],
				'PARTIAL_UPDATE',
			),
		);
		expect(named.status).toBe(200);
		expect(
			storedLine(po, line.lineNumber)
				.orderLineStatuses.orderLineStatus.filter((entry) => entry.status === 'Shipped')
				.map((entry) => entry.trackingInfo?.trackingNumber),
		).toEqual(['P-1', 'P-9']);
		// Same number as an existing package: a carrier or method fix on that package.
		const methodFix = await ship(
			po,
			shipBody(
				[shipLine(line.lineNumber, [parcel({ trackingNumber: 'P-1', methodCode: 'Value' })])],
				'PARTIAL_UPDATE',
			),
		);
		expect(methodFix.status).toBe(200);
		expect(
			storedLine(po, line.lineNumber).orderLineStatuses.orderLineStatus.find(
				(entry) => entry.trackingInfo?.trackingNumber === 'P-1',
			)?.trackingInfo?.methodCode,
		).toBe('Value');
	});

	test('lines with nothing shipped are refused, and nothing changes', async () => {
		await shipTwoPackages();
		const before = emu.getOrder(BULK_CREATED);
		const response = await ship(
			BULK_CREATED,
			shipBody(
				[shipLine('1', [parcel({ trackingNumber: 'NEW' })]), shipLine('3', [parcel()])],
				'PARTIAL_UPDATE',
			),
		);
		expect(response.status).toBe(400);
		expect(firstError(response).description).toContain(
			`The Line: 3 of PO: ${BULK_CREATED} has no Shipped quantity`,
		);
		expect(emu.getOrder(BULK_CREATED)).toEqual(before);
		const delivered = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) &&
				candidateLine.orderLineStatuses.orderLineStatus.every(
					(entry) => entry.status === 'Delivered',
				),
		);
		const old = await ship(
			delivered.order.purchaseOrderId,
			shipBody([shipLine(delivered.line.lineNumber, [parcel()])], 'PARTIAL_UPDATE'),
		);
		expect(old.status).toBe(400);
		expect(firstError(old).description).toContain('DELIVERED');
	});

	test('a seeded shipped line can have its tracking corrected', async () => {
		const { order, line } = findLine(
			(candidate, candidateLine) =>
				sellerFulfilled(candidate) &&
				candidateLine.orderLineStatuses.orderLineStatus.filter(
					(entry) => entry.status === 'Shipped',
				).length === 1,
		);
		const response = await ship(
			order.purchaseOrderId,
			shipBody(
				[shipLine(line.lineNumber, [parcel({ carrier: 'OnTrac', trackingNumber: 'C0RR' })])],
				'PARTIAL_UPDATE',
			),
		);
		expect(response.status).toBe(200);
		const shipped = storedLine(
			order.purchaseOrderId,
			line.lineNumber,
		).orderLineStatuses.orderLineStatus.find((entry) => entry.status === 'Shipped');
		expect(shipped?.trackingInfo).toMatchObject({
			carrierName: { carrier: 'OnTrac' },
			trackingNumber: 'C0RR',
		});
	});
});
