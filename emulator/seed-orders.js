// @ts-check
// Seeded purchase orders over the last ~170 days, about a third of them in the default 7-day
// window, plus the two fixed bulk orders.

const { SeededRandom } = require('./random');
const { DAY_MS, floorToSecond } = require('./dates');
const { BULK_ORDERS, CANCELLATION_REASONS_BY_MARKET } = require('./constants');
const {
	BRANDS,
	PRODUCT_KINDS,
	COLORS,
	FIRST_NAMES,
	LAST_NAMES,
	STREETS,
	CITIES,
	CARRIERS,
	METHOD_CODES,
	SHIP_METHOD_BY_CODE,
	SEEDED_REFUND_REASONS,
} = require('./vocabulary');

/** @typedef {import('./types').Order} Order */
/** @typedef {import('./types').OrderLine} OrderLine */
/** @typedef {import('./types').OrderLineStatus} OrderLineStatus */
/** @typedef {import('./types').LineStatus} LineStatus */
/** @typedef {import('./types').Charge} Charge */
/** @typedef {import('./types').ShipNodeType} ShipNodeType */
/** @typedef {{ sku: string, productName: string, unitPrice: number, weightLb: number, imageUrl: string }} Product */
/** @typedef {{ ack: number, ship: number, deliver: number, cancel: number }} StatusTimes */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const HISTORY_DAYS = 170;
// No order is created this close to "now - 7 days", so a test that computes the default window
// a few seconds after startup gets the same answer as the server.
const WINDOW_EDGE_GUARD_MS = 10 * MINUTE_MS;
const NEWEST_ORDER_AGE_MS = MINUTE_MS;

/**
 * @param {SeededRandom} rng
 * @returns {Product[]}
 */
function buildCatalog(rng) {
	/** @type {Product[]} */
	const catalog = [];
	for (let index = 0; index < 64; index++) {
		const [kind, minPrice, maxPrice, weightLb] = rng.pick(PRODUCT_KINDS);
		const color = rng.pick(COLORS);
		const initials = kind
			.split(/[\s-]+/)
			.map((word) => word[0])
			.join('')
			.toUpperCase();
		catalog.push({
			sku: `${initials}-${color.slice(0, 3).toUpperCase()}-${1000 + index}`,
			productName: `${rng.pick(BRANDS)} ${kind} - ${color}`,
			unitPrice: rng.money(minPrice, maxPrice),
			weightLb,
			imageUrl: `https://i5.walmartimages.com/asr/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}.jpeg`,
		});
	}
	return catalog;
}

/**
 * @param {number} amount
 * @param {number} taxRate
 * @param {string} chargeType
 * @param {string} chargeName
 * @param {string} taxName
 * @returns {Charge}
 */
function charge(amount, taxRate, chargeType, chargeName, taxName) {
	return {
		chargeType,
		chargeName,
		chargeAmount: { currency: 'USD', amount },
		tax: {
			taxName,
			taxAmount: { currency: 'USD', amount: Math.round(amount * taxRate * 100) / 100 },
		},
	};
}

/**
 * @param {LineStatus} status
 * @param {number} quantity
 * @returns {OrderLineStatus}
 */
function statusEntry(status, quantity) {
	return { status, statusQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) } };
}

/**
 * Younger orders are mostly unshipped; older ones mostly delivered.
 * @param {SeededRandom} rng
 * @param {number} ageMs
 * @returns {LineStatus}
 */
function primaryStatusForAge(rng, ageMs) {
	if (ageMs < 4 * HOUR_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Created', 85],
				['Acknowledged', 15],
			]),
		);
	}
	if (ageMs < 2 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Created', 25],
				['Acknowledged', 45],
				['Shipped', 22],
				['Cancelled', 8],
			]),
		);
	}
	if (ageMs < 7 * DAY_MS) {
		return rng.weighted(
			/** @type {const} */ ([
				['Acknowledged', 10],
				['Shipped', 45],
				['Delivered', 35],
				['Cancelled', 10],
			]),
		);
	}
	return rng.weighted(
		/** @type {const} */ ([
			['Shipped', 8],
			['Delivered', 82],
			['Cancelled', 10],
		]),
	);
}

/**
 * @param {SeededRandom} rng
 * @param {number} quantity
 * @param {LineStatus} primary
 * @returns {OrderLineStatus[]}
 */
function planStatuses(rng, quantity, primary) {
	const shippedLike = primary === 'Shipped' || primary === 'Delivered';
	if (quantity >= 2 && shippedLike && rng.chance(0.25)) {
		return [statusEntry(primary, quantity - 1), statusEntry('Cancelled', 1)];
	}
	if (quantity >= 2 && primary === 'Acknowledged' && rng.chance(0.15)) {
		return [statusEntry('Acknowledged', quantity - 1), statusEntry('Created', 1)];
	}
	return [statusEntry(primary, quantity)];
}

/**
 * @param {SeededRandom} rng
 * @param {OrderLineStatus[]} statuses
 * @param {StatusTimes} times
 * @param {string} methodCode
 */
function decorateStatuses(rng, statuses, times, methodCode) {
	const carrier = rng.pick(CARRIERS);
	const trackingNumber = rng.digits(rng.pick([12, 18, 22]));
	for (const entry of statuses) {
		if (entry.status === 'Shipped' || entry.status === 'Delivered') {
			entry.trackingInfo = {
				shipDateTime: times.ship,
				carrierName: { carrier: carrier.carrier },
				methodCode,
				trackingNumber,
				trackingURL: carrier.url + trackingNumber,
			};
		}
		if (entry.status === 'Cancelled') {
			entry.cancellationReason = rng.pick(CANCELLATION_REASONS_BY_MARKET.us);
		}
	}
}

/**
 * @param {OrderLineStatus[]} statuses
 * @param {number} orderDate
 * @param {StatusTimes} times
 */
function latestStatusTime(statuses, orderDate, times) {
	/** @type {Record<LineStatus, number>} */
	const timeByStatus = {
		Created: orderDate,
		Acknowledged: times.ack,
		Shipped: times.ship,
		Delivered: times.deliver,
		Cancelled: times.cancel,
	};
	return Math.max(...statuses.map((entry) => timeByStatus[entry.status]));
}

/**
 * @param {OrderLine[]} lines
 * @returns {number}
 */
function orderTotal(lines) {
	let cents = 0;
	for (const line of lines) {
		const quantity = Number(line.orderLineQuantity.amount);
		for (const lineCharge of line.charges.charge) {
			const taxAmount = lineCharge.tax ? lineCharge.tax.taxAmount.amount : 0;
			cents += Math.round((lineCharge.chargeAmount.amount + taxAmount) * 100) * quantity;
		}
	}
	return cents / 100;
}

/**
 * @param {SeededRandom} rng
 * @returns {{ name: string, firstName: string, lastName: string, address: import('./types').PostalAddress, phone: string }}
 */
function customer(rng) {
	const firstName = rng.pick(FIRST_NAMES);
	const lastName = rng.pick(LAST_NAMES);
	const [city, state, postalCode] = rng.pick(CITIES);
	const name = `${firstName} ${lastName}`;
	return {
		name,
		firstName,
		lastName,
		phone: String(rng.int(2, 9)) + rng.digits(9),
		address: {
			name,
			address1: `${rng.int(10, 9999)} ${rng.pick(STREETS)}`,
			...(rng.chance(0.2) ? { address2: `Apt ${rng.int(1, 400)}` } : {}),
			city,
			state,
			postalCode,
			country: 'USA',
			addressType: 'RESIDENTIAL',
		},
	};
}

/**
 * @param {SeededRandom} rng
 * @returns {ShipNodeType}
 */
function shipNodeType(rng) {
	return rng.weighted(
		/** @type {const} */ ([
			['SellerFulfilled', 85],
			['WFSFulfilled', 10],
			['3PLFulfilled', 5],
		]),
	);
}

/** @param {ShipNodeType} type */
function shipNode(type) {
	/** @type {Record<ShipNodeType, { name: string, id: string }>} */
	const nodes = {
		SellerFulfilled: { name: 'Emulator Seller Warehouse', id: '721407' },
		WFSFulfilled: { name: 'Walmart Fulfillment Services', id: '8001' },
		'3PLFulfilled': { name: 'Emulator 3PL Partner', id: '730122' },
	};
	return { type, ...nodes[type] };
}

/**
 * @param {SeededRandom} rng
 * @param {{ purchaseOrderId: string, customerOrderId: string, orderDate: number, type: ShipNodeType, orderType: 'REGULAR' | 'REPLACEMENT', originalCustomerOrderID?: string, methodCode: string }} header
 * @param {OrderLine[]} lines
 * @returns {Order}
 */
function assembleOrder(rng, header, lines) {
	const person = customer(rng);
	const estimatedShipDate =
		Math.ceil((header.orderDate + rng.int(1, 3) * DAY_MS) / HOUR_MS) * HOUR_MS;
	return {
		purchaseOrderId: header.purchaseOrderId,
		customerOrderId: header.customerOrderId,
		customerEmailId: `${rng.hex(32).toUpperCase()}@relay.walmart.com`,
		orderType: header.orderType,
		...(header.originalCustomerOrderID === undefined
			? {}
			: { originalCustomerOrderID: header.originalCustomerOrderID }),
		orderDate: header.orderDate,
		shippingInfo: {
			phone: person.phone,
			estimatedDeliveryDate: estimatedShipDate + rng.int(2, 6) * DAY_MS,
			estimatedShipDate,
			methodCode: header.methodCode,
			postalAddress: person.address,
		},
		orderLines: { orderLine: lines },
		paymentTypes: ['CREDITCARD'],
		orderSummary: { totalAmount: { currencyAmount: orderTotal(lines), currencyUnit: 'USD' } },
		shipNode: shipNode(header.type),
		lastModified: Math.max(header.orderDate, ...lines.map((line) => line.statusDate)),
	};
}

/**
 * @param {SeededRandom} rng
 * @param {Product[]} catalog
 * @param {{ purchaseOrderId: string, customerOrderId: string, orderDate: number }} ids
 * @param {number} now
 * @returns {Order}
 */
function regularOrder(rng, catalog, ids, now) {
	const { orderDate } = ids;
	const ageMs = now - orderDate;
	const type = shipNodeType(rng);
	const methodCode = rng.weighted(METHOD_CODES);
	const shippingProgramType =
		methodCode === 'OneDay' ? 'ONE_DAY' : rng.chance(0.15) ? 'TWO_DAY' : undefined;
	const taxRate = rng.pick([0.05, 0.0625, 0.07, 0.0825, 0.095]);
	const replacement = rng.chance(0.03);
	// When each status was reached, for whichever statuses the lines end up in.
	const shipWindow = Math.min(ageMs, 3 * DAY_MS);
	const cancelWindow = Math.min(ageMs, DAY_MS);
	const ack = Math.min(
		now,
		rng.timeBetween(orderDate + 5 * MINUTE_MS, orderDate + Math.min(ageMs, 4 * HOUR_MS)),
	);
	const ship = rng.timeBetween(orderDate + 0.2 * shipWindow, orderDate + 0.8 * shipWindow);
	const cancel = rng.timeBetween(orderDate + 0.1 * cancelWindow, orderDate + 0.9 * cancelWindow);
	const deliverWindow = Math.min(now - ship, 5 * DAY_MS);
	const deliver = rng.timeBetween(ship + 0.3 * deliverWindow, ship + deliverWindow);
	const times = { ack, ship, deliver, cancel };

	const lineCount = rng.weighted(
		/** @type {const} */ ([
			[1, 55],
			[2, 25],
			[3, 12],
			[4, 8],
		]),
	);
	/** @type {OrderLine[]} */
	const lines = [];
	for (let lineIndex = 0; lineIndex < lineCount; lineIndex++) {
		const product = rng.pick(catalog);
		const quantity = rng.weighted(
			/** @type {const} */ ([
				[1, 70],
				[2, 20],
				[3, 10],
			]),
		);
		const statuses = planStatuses(rng, quantity, primaryStatusForAge(rng, ageMs));
		decorateStatuses(rng, statuses, times, methodCode);
		const charges = [charge(product.unitPrice, taxRate, 'PRODUCT', 'ItemPrice', 'Tax1')];
		if (rng.chance(0.5)) {
			charges.push(
				charge(rng.pick([3.99, 4.99, 5.99, 7.49]), taxRate, 'SHIPPING', 'Shipping', 'Tax2'),
			);
		}
		/** @type {OrderLine} */
		const line = {
			lineNumber: String(lineIndex + 1),
			item: {
				productName: product.productName,
				sku: product.sku,
				condition: 'New',
				imageUrl: product.imageUrl,
				weight: { value: String(product.weightLb), unit: 'Pounds' },
			},
			charges: { charge: charges },
			orderLineQuantity: { unitOfMeasurement: 'EACH', amount: String(quantity) },
			statusDate: latestStatusTime(statuses, orderDate, times),
			orderLineStatuses: { orderLineStatus: statuses },
			originalCarrierMethod: rng.pick(['22', '23', '24', '61']),
			fulfillment: {
				fulfillmentOption: 'S2H',
				shipMethod: SHIP_METHOD_BY_CODE[methodCode],
				pickUpDateTime: orderDate + 2 * DAY_MS,
				...(shippingProgramType === undefined ? {} : { shippingProgramType }),
			},
		};
		const shippedQuantity = statuses
			.filter((entry) => entry.status === 'Shipped' || entry.status === 'Delivered')
			.reduce((sum, entry) => sum + Number(entry.statusQuantity.amount), 0);
		if (shippedQuantity > 0 && rng.chance(0.08)) {
			addSeededPartialRefund(rng, line, taxRate, rng.timeBetween(times.ship, now));
		}
		lines.push(line);
	}
	return assembleOrder(
		rng,
		{
			...ids,
			type,
			methodCode,
			orderType: replacement ? 'REPLACEMENT' : 'REGULAR',
			...(replacement ? { originalCustomerOrderID: String(rng.int(1, 8)) + rng.digits(12) } : {}),
		},
		lines,
	);
}

/**
 * A goodwill refund of part of one unit's price, as a seller would issue after a complaint.
 * @param {SeededRandom} rng
 * @param {OrderLine} line
 * @param {number} taxRate
 * @param {number} refundedAt
 */
function addSeededPartialRefund(rng, line, taxRate, refundedAt) {
	const unitPrice = line.charges.charge[0].chargeAmount.amount;
	const amount = -Math.max(0.01, Math.round(unitPrice * rng.int(10, 50)) / 100);
	line.refund = {
		refundId: `RF${rng.digits(10)}`,
		refundComments: 'Partial refund issued by the seller',
		refundCharges: {
			refundCharge: [
				{
					refundReason: rng.pick(SEEDED_REFUND_REASONS),
					charge: {
						chargeType: 'PRODUCT',
						chargeName: 'ItemPrice',
						chargeAmount: { currency: 'USD', amount },
						tax: {
							taxName: 'Tax1',
							taxAmount: { currency: 'USD', amount: Math.round(amount * taxRate * 100) / 100 },
						},
					},
				},
			],
		},
	};
	line.statusDate = Math.max(line.statusDate, refundedAt);
}

/**
 * @param {SeededRandom} rng
 * @param {Product[]} catalog
 * @param {typeof BULK_ORDERS[keyof typeof BULK_ORDERS]} spec
 * @param {number} orderDate
 * @returns {Order}
 */
function bulkOrder(rng, catalog, spec, orderDate) {
	/** @type {OrderLine[]} */
	const lines = [];
	for (let index = 0; index < spec.lineCount; index++) {
		const product = catalog[index % catalog.length];
		lines.push({
			lineNumber: String(index + 1),
			item: {
				productName: product.productName,
				sku: product.sku,
				condition: 'New',
				imageUrl: product.imageUrl,
				weight: { value: String(product.weightLb), unit: 'Pounds' },
			},
			charges: { charge: [charge(product.unitPrice, 0.07, 'PRODUCT', 'ItemPrice', 'Tax1')] },
			orderLineQuantity: { unitOfMeasurement: 'EACH', amount: '1' },
			statusDate: orderDate,
			orderLineStatuses: { orderLineStatus: [statusEntry(spec.status, 1)] },
			fulfillment: {
				fulfillmentOption: 'S2H',
				shipMethod: 'STANDARD',
				pickUpDateTime: orderDate + 2 * DAY_MS,
			},
		});
	}
	return assembleOrder(
		rng,
		{
			purchaseOrderId: spec.purchaseOrderId,
			customerOrderId: spec.customerOrderId,
			orderDate,
			type: 'SellerFulfilled',
			methodCode: 'Standard',
			orderType: 'REGULAR',
		},
		lines,
	);
}

/**
 * About a third of the orders fall in the default 7-day window; the rest go back ~170 days.
 * @param {SeededRandom} rng
 * @param {number} now
 */
function orderDateFor(rng, now) {
	const windowStart = now - 7 * DAY_MS;
	if (rng.chance(1 / 3)) {
		return rng.timeBetween(windowStart + WINDOW_EDGE_GUARD_MS, now - NEWEST_ORDER_AGE_MS);
	}
	return rng.timeBetween(now - HISTORY_DAYS * DAY_MS, windowStart - WINDOW_EDGE_GUARD_MS);
}

/**
 * FNV-1a, 32 bits: a stable hash that needs no random draws, so choosing lines by it leaves the
 * rest of the seeded data unchanged.
 * @param {string} text
 */
function stableHash(text) {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash ^= text.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/**
 * Marks about one open line in ten as one the customer has asked to cancel.
 * @param {Order[]} orders
 * @param {number} seed
 */
function markIntentToCancel(orders, seed) {
	for (const order of orders) {
		for (const line of order.orderLines.orderLine) {
			const open = line.orderLineStatuses.orderLineStatus.some(
				(entry) => entry.status === 'Created' || entry.status === 'Acknowledged',
			);
			if (open && stableHash(`${seed}:${order.purchaseOrderId}:${line.lineNumber}`) % 10 === 0) {
				line.intentToCancel = 'true';
			}
		}
	}
}

/**
 * Newest first, like Walmart's listings; ties broken by ID so the order is total.
 * @param {Order} a
 * @param {Order} b
 */
function newestOrderFirst(a, b) {
	if (a.orderDate !== b.orderDate) return b.orderDate - a.orderDate;
	return a.purchaseOrderId < b.purchaseOrderId ? 1 : -1;
}

/**
 * @param {{ seed: number, now: number, orderCount: number }} options
 * @returns {Order[]} newest first
 */
function generateOrders(options) {
	const rng = new SeededRandom(options.seed);
	const now = floorToSecond(options.now);
	const catalog = buildCatalog(rng);
	const usedPurchaseOrderIds = new Set();
	const usedCustomerOrderIds = new Set();
	/** @type {Order[]} */
	const orders = [];
	const includeBulkOrders = options.orderCount >= 2;
	if (includeBulkOrders) {
		orders.push(bulkOrder(rng, catalog, BULK_ORDERS.created250, now - 2 * HOUR_MS));
		orders.push(bulkOrder(rng, catalog, BULK_ORDERS.acknowledged150, now - 3 * HOUR_MS));
	}
	while (orders.length < options.orderCount) {
		const ids = {
			// Leading 9 is reserved for the fixed bulk orders.
			purchaseOrderId: rng.uniqueId(usedPurchaseOrderIds, '12345678', 13),
			customerOrderId: rng.uniqueId(usedCustomerOrderIds, '12345678', 13),
			orderDate: orderDateFor(rng, now),
		};
		orders.push(regularOrder(rng, catalog, ids, now));
	}
	// The bulk orders stay exactly as documented.
	markIntentToCancel(
		orders.filter((order) => !order.purchaseOrderId.startsWith('9')),
		options.seed,
	);
	return orders.sort(newestOrderFirst);
}

module.exports = { generateOrders };
