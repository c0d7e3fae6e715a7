// @ts-check
// Seeded returns. Each one points at real shipped or delivered lines of a seller-fulfilled
// order, with quantities no larger than what shipped.

const { SeededRandom } = require('./random');
const { DAY_MS, floorToSecond, isoWithMillis } = require('./dates');
const { RETURN_REASONS, RETURN_REFUND_STATUS } = require('./constants');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').ReturnOrder} ReturnOrder */
/** @typedef {import('./types').ReturnOrderLine} ReturnOrderLine */
/** @typedef {import('./types').ReturnStatus} ReturnStatus */

const NEWEST_RETURN_AGE_MS = 60 * 1000;

/**
 * @param {OrderLine} line
 * @returns {{ quantity: number, shippedAt: number }}
 */
function shippedQuantityOf(line) {
	let quantity = 0;
	let shippedAt = 0;
	for (const entry of line.orderLineStatuses.orderLineStatus) {
		if (entry.status === 'Shipped' || entry.status === 'Delivered') {
			quantity += Number(entry.statusQuantity.amount);
			shippedAt = entry.trackingInfo ? entry.trackingInfo.shipDateTime : 0;
		}
	}
	return { quantity, shippedAt };
}

/**
 * @param {number} amount
 * @returns {import('./types').CurrencyAmount}
 */
function usd(amount) {
	return { currencyAmount: Math.round(amount * 100) / 100, currencyUnit: 'USD' };
}

/**
 * @param {SeededRandom} rng
 * @param {number} returnDate
 * @param {number} now
 * @returns {ReturnStatus}
 */
function returnStatusForAge(rng, returnDate, now) {
	const ageMs = now - returnDate;
	if (ageMs < 3 * DAY_MS) return 'INITIATED';
	if (ageMs < 10 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['INITIATED', 20],
				['DELIVERED', 40],
				['COMPLETED', 40],
			]),
		);
	}
	return rng.weighted(
		/** @type {const} */ ([
			['DELIVERED', 15],
			['COMPLETED', 85],
		]),
	);
}

/**
 * @param {SeededRandom} rng
 * @param {{ line: OrderLine, order: Order, returnDate: number, quantity: number, number: number, status: ReturnStatus, now: number, isLast: boolean }} input
 * @returns {ReturnOrderLine}
 */
function returnLine(rng, input) {
	const { line, order, returnDate, quantity, status, now } = input;
	const productCharge = line.charges.charge[0];
	const unitPrice = productCharge.chargeAmount.amount;
	const unitTax = productCharge.tax ? productCharge.tax.taxAmount.amount : 0;
	const deliveredAt = rng.timeBetween(returnDate + DAY_MS, Math.min(returnDate + 5 * DAY_MS, now));
	const completedAt = rng.timeBetween(deliveredAt, Math.min(deliveredAt + 3 * DAY_MS, now));
	const partial = status === 'DELIVERED' && quantity >= 2 && rng.chance(0.3);
	const refundedQty = status === 'COMPLETED' ? quantity : partial ? 1 : 0;
	const refundStatus =
		refundedQty === quantity
			? RETURN_REFUND_STATUS.completed
			: refundedQty > 0
				? RETURN_REFUND_STATUS.partial
				: RETURN_REFUND_STATUS.pending;
	const statusTime =
		status === 'INITIATED' ? returnDate : status === 'DELIVERED' ? deliveredAt : completedAt;
	const trackingNo = rng.digits(12);
	/** @type {import('./types').ReturnTrackingEvent[]} */
	const events = [
		{
			sequenceNo: 0,
			eventTag: 'RETURN_INITIATED',
			eventDescription: 'Return initiated for MARKET_PLACE',
			eventTime: isoWithMillis(returnDate),
			references: [{ name: 'ReturnDate', value: isoWithMillis(returnDate) }],
		},
	];
	if (status !== 'INITIATED') {
		events.push({
			sequenceNo: 1,
			eventTag: 'RETURN_DELIVERED',
			eventDescription: 'A MARKET_PLACE Return delivered to the seller',
			eventTime: isoWithMillis(deliveredAt),
			references: [
				{
					name: 'FedexTrackingLink',
					value: `https://www.fedex.com/fedextrack/?trknbr=${trackingNo}`,
				},
			],
		});
	}
	const refundChannel = rng.pick(['SELLER_AUTO_REFUND', 'WALMART_SETTLED_REFUND']);
	return {
		returnOrderLineNumber: input.number,
		salesOrderLineNumber: Number(line.lineNumber),
		returnReason: rng.pick(RETURN_REASONS),
		purchaseOrderId: order.purchaseOrderId,
		purchaseOrderLineNumber: Number(line.lineNumber),
		item: {
			sku: line.item.sku,
			condition: line.item.condition ?? 'New',
			productName: line.item.productName,
			itemWeight: {
				unitOfMeasure: 'POUND',
				measurementValue: line.item.weight ? Number(line.item.weight.value) : 1,
			},
		},
		charges: [
			{
				chargeCategory: 'PRODUCT',
				chargeName: 'ItemPrice',
				chargePerUnit: usd(unitPrice),
				isDiscount: false,
				isBillable: true,
				tax: [{ taxName: 'Tax1', taxPerUnit: usd(unitTax), excessTax: usd(0) }],
				excessCharge: usd(0),
				references: [{ name: 'isAdjustment', value: 'false' }],
			},
		],
		unitPrice: usd(unitPrice),
		chargeTotals: [
			{ name: 'lineUnitPrice', value: usd(unitPrice) },
			{ name: 'lineProductTaxes', value: usd(unitTax * quantity) },
			{ name: 'lineTotalTaxes', value: usd(unitTax * quantity) },
			{ name: 'lineSubTotal', value: usd(unitPrice * quantity) },
			{ name: 'lineTotal', value: usd((unitPrice + unitTax) * quantity) },
		],
		cancellableQty: 0,
		quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
		returnExpectedFlag: true,
		isFastReplacement: false,
		isKeepIt: false,
		lastItem: input.isLast,
		refundedQty,
		rechargeableQty: 0,
		refundChannel,
		returnTrackingDetail: events,
		status,
		statusTime: isoWithMillis(statusTime),
		currentDeliveryStatus:
			status === 'INITIATED' ? rng.pick(['NOT_SHIPPED', 'IN_TRANSIT']) : 'DELIVERED',
		currentRefundStatus: refundStatus,
		currentTrackingStatuses: [
			{
				status,
				statusTime: isoWithMillis(statusTime),
				currentRefundStatus: refundStatus,
				quantity: { unitOfMeasure: 'EACH', measurementValue: quantity },
			},
		],
		refundChannels:
			refundedQty > 0
				? [{ refundChannelName: refundChannel, quantity: { measurementValue: refundedQty } }]
				: [],
	};
}

/**
 * Returns pick shipped or delivered lines of seller-fulfilled orders (WFS returns are view-only
 * for sellers), each order line used at most once.
 * @param {{ seed: number, now: number, returnCount: number }} options
 * @param {Order[]} orders
 * @returns {ReturnOrder[]} newest first
 */
function generateReturns(options, orders) {
	// A separate stream, so asking for more returns never changes the orders.
	const rng = new SeededRandom((options.seed ^ 0x5eed5eed) >>> 0);
	const now = floorToSecond(options.now);
	const candidates = orders.filter(
		(order) =>
			order.shipNode.type === 'SellerFulfilled' &&
			!order.purchaseOrderId.startsWith('9') &&
			order.orderLines.orderLine.some((line) => {
				const { quantity, shippedAt } = shippedQuantityOf(line);
				return quantity > 0 && shippedAt < now - 2 * DAY_MS;
			}),
	);
	for (let index = candidates.length - 1; index > 0; index--) {
		const swap = rng.int(0, index);
		[candidates[index], candidates[swap]] = [candidates[swap], candidates[index]];
	}
	const usedReturnIds = new Set();
	/** @type {ReturnOrder[]} */
	const returns = [];
	for (const order of candidates) {
		if (returns.length >= options.returnCount) break;
		const eligible = order.orderLines.orderLine.filter((line) => {
			const { quantity, shippedAt } = shippedQuantityOf(line);
			return quantity > 0 && shippedAt < now - 2 * DAY_MS;
		});
		const lineCount = eligible.length >= 2 && rng.chance(0.2) ? 2 : 1;
		const chosen = eligible.slice(0, lineCount);
		const shippedAt = Math.max(...chosen.map((line) => shippedQuantityOf(line).shippedAt));
		// Every fifth return is from the last 24 hours, so a daily digest always has something.
		const recent = returns.length % 5 === 0;
		const returnDate = recent
			? rng.timeBetween(
					Math.max(shippedAt + DAY_MS, now - DAY_MS + 60 * 1000),
					now - NEWEST_RETURN_AGE_MS,
				)
			: rng.timeBetween(
					shippedAt + DAY_MS,
					Math.min(shippedAt + 25 * DAY_MS, now - NEWEST_RETURN_AGE_MS),
				);
		const status = returnStatusForAge(rng, returnDate, now);
		const lines = chosen.map((line, index) =>
			returnLine(rng, {
				line,
				order,
				returnDate,
				quantity: rng.int(1, shippedQuantityOf(line).quantity),
				number: index + 1,
				status,
				now,
				isLast: index === chosen.length - 1,
			}),
		);
		const person = order.shippingInfo.postalAddress.name.split(' ');
		const replacement = rng.chance(0.1);
		const total = lines.reduce((sum, line) => {
			const lineTotal = line.chargeTotals.find((entry) => entry.name === 'lineTotal');
			return sum + (lineTotal ? lineTotal.value.currencyAmount : 0);
		}, 0);
		const returnOrderId = rng.uniqueId(usedReturnIds, '1', 18);
		const labelTracking = rng.digits(12);
		returns.push({
			returnOrderId,
			customerEmailId: order.customerEmailId,
			customerName: { firstName: person[0], lastName: person.slice(1).join(' ') },
			customerOrderId: order.customerOrderId,
			refundMode: 'POST_DELIVERY',
			returnOrderDate: isoWithMillis(returnDate),
			returnByDate: isoWithMillis(returnDate + 30 * DAY_MS),
			returnType: replacement ? 'REPLACEMENT' : 'REFUND',
			...(replacement
				? { replacementCustomerOrderId: String(rng.int(1, 8)) + rng.digits(12) }
				: {}),
			totalRefundAmount: usd(total),
			returnLineGroups: [
				{
					groupNo: 1,
					returnLines: lines.map((line) => ({ returnOrderLineNumber: line.returnOrderLineNumber })),
					labels: [
						{
							labelImageURL: `https://i5.walmartimages.com/asr/${rng.hex(32)}.png`,
							carrierInfoList: [
								{
									carrierId: '11',
									carrierName: 'FEDEX',
									serviceType: 'FedEx Ground',
									trackingNo: labelTracking,
								},
							],
						},
					],
					returnExpectedFlag: true,
				},
			],
			returnOrderLines: lines,
			returnChannel: {
				channelName: rng.weighted(
					/** @type {const} */ ([
						['ONLINE', 80],
						['IN_STORE', 15],
						['CUSTOMER_CARE', 5],
					]),
				),
			},
			lastModified: Math.max(returnDate, ...lines.map((line) => Date.parse(line.statusTime))),
		});
	}
	return returns.sort((a, b) => {
		const byDate = Date.parse(b.returnOrderDate) - Date.parse(a.returnOrderDate);
		return byDate !== 0 ? byDate : a.returnOrderId < b.returnOrderId ? 1 : -1;
	});
}

module.exports = { generateReturns };
